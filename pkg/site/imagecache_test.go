package site_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"image"
	"image/color"
	"image/jpeg"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/geul-blog/geul/pkg/site"
	"github.com/geul-blog/geul/pkg/sitetest"
)

// sizedPhoto is a w×h JPEG, padded with a comment segment to exactly size
// bytes when size is not 0: two photos of one byte count.
func sizedPhoto(t *testing.T, w, h, size int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Set(x, y, color.RGBA{uint8(x * 255 / w), uint8(y * 255 / h), uint8((x + y) % 7 * 30), 255})
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	data := buf.Bytes()
	if size == 0 {
		return data
	}
	pad := size - len(data) - 4
	if pad < 0 || pad > 0xFFFF-2 {
		t.Fatalf("cannot pad a %d-byte JPEG to %d bytes", len(data), size)
	}
	com := []byte{0xFF, 0xFE, 0, 0}
	binary.BigEndian.PutUint16(com[2:], uint16(pad+2))
	out := append(append([]byte{0xFF, 0xD8}, com...), make([]byte, pad)...)
	return append(out, data[2:]...)
}

// TestReplacedPhotoInCachedBuild: a photo replaced under the same name,
// even with the same size and modification time (a backup restored with
// touch -r), gives the new photo's size, srcset and copies in the next
// cached build, in a new Builder as in a new process.
func TestReplacedPhotoInCachedBuild(t *testing.T) {
	for _, sameStat := range []bool{false, true} {
		name := "new size and time"
		if sameStat {
			name = "same size and time"
		}
		t.Run(name, func(t *testing.T) {
			landscape := sizedPhoto(t, 800, 600, 0)
			portrait := sizedPhoto(t, 600, 800, 0)
			if sameStat {
				n := max(len(landscape), len(portrait)) + 64
				landscape, portrait = sizedPhoto(t, 800, 600, n), sizedPhoto(t, 600, 800, n)
			}
			dir := writeImageSite(t, map[string][]byte{
				"config.toml": []byte("title = \"사진\"\nbaseURL = \"https://example.org/\"\n"),
				"content/posts/봄/index.md": []byte("+++\ntitle = \"봄 🌸\"\ndate = 2024-05-01\n+++\n\n" +
					"![벚꽃](a.jpg)\n"),
				"content/posts/봄/a.jpg": landscape,
			})
			photo := filepath.Join(dir, "content", "posts", "봄", "a.jpg")
			stamp := time.Date(2024, 5, 1, 9, 0, 0, 0, time.UTC)
			if err := os.Chtimes(photo, stamp, stamp); err != nil {
				t.Fatal(err)
			}
			dest := filepath.Join(dir, "public")
			imgs := site.WithImages(filepath.Join(dir, ".geul", "images"), false)
			buildTo(t, dir, dest, true, imgs)
			page, _ := os.ReadFile(filepath.Join(dest, "posts", "봄", "index.html"))
			if !bytes.Contains(page, []byte(`width="800" height="600" srcset="a.480w.jpg 480w, a.jpg 800w"`)) {
				t.Fatalf("first build does not show the 800×600 photo:\n%s", page)
			}

			if err := os.WriteFile(photo, portrait, 0o644); err != nil {
				t.Fatal(err)
			}
			if !sameStat {
				stamp = stamp.Add(time.Hour)
			}
			if err := os.Chtimes(photo, stamp, stamp); err != nil {
				t.Fatal(err)
			}
			buildTo(t, dir, dest, true, imgs)
			page, _ = os.ReadFile(filepath.Join(dest, "posts", "봄", "index.html"))
			if !bytes.Contains(page, []byte(`width="600" height="800" srcset="a.480w.jpg 480w, a.jpg 600w"`)) {
				t.Errorf("second build does not show the 600×800 photo:\n%s", page)
			}
			for _, name := range []string{"a.jpg", "a.480w.jpg"} {
				data, err := os.ReadFile(filepath.Join(dest, "posts", "봄", name))
				if err != nil {
					t.Errorf("%s: %v", name, err)
					continue
				}
				c, _, err := image.DecodeConfig(bytes.NewReader(data))
				if err != nil || c.Width >= c.Height {
					t.Errorf("published %s is %d×%d (%v), not the portrait photo", name, c.Width, c.Height, err)
				}
			}
			// What a build without the cache makes is what the cached one made.
			clean := filepath.Join(t.TempDir(), "public")
			buildTo(t, dir, clean, false, imgs)
			sameTree(t, dest, clean)
		})
	}
}

// TestReplacedPhotoInServe: geul serve's Builder, told a photo changed,
// shows the new one's size and, once its copies are made, its srcset.
func TestReplacedPhotoInServe(t *testing.T) {
	dir := writeImageSite(t, map[string][]byte{
		"content/posts/봄/index.md": []byte("+++\ntitle = \"봄\"\ndate = 2024-05-01\n+++\n\n![벚꽃](a.jpg)\n"),
		"content/posts/봄/a.jpg":    sizedPhoto(t, 800, 600, 0),
	})
	b := site.NewBuilder(dir, site.WithClock(sitetest.Clock), site.WithImages("", false))
	res, err := b.Build(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	html, _ := res.Output.Get("posts/봄/index.html")
	if !bytes.Contains(html, []byte(`width="800" height="600"`)) {
		t.Fatalf("first build does not show the 800×600 photo:\n%s", html)
	}
	if err := os.WriteFile(filepath.Join(dir, "content", "posts", "봄", "a.jpg"), sizedPhoto(t, 600, 800, 0), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err = b.Rebuild(context.Background(), site.ClassifyChanges([]string{"content/posts/봄/a.jpg"}))
	if err != nil {
		t.Fatal(err)
	}
	html, _ = res.Output.Get("posts/봄/index.html")
	if !bytes.Contains(html, []byte(`width="600" height="800" srcset="a.480w.jpg 480w, a.jpg 600w"`)) {
		t.Errorf("rebuild does not show the 600×800 photo:\n%s", html)
	}
	small, _ := res.Output.Get("posts/봄/a.480w.jpg")
	if c, _, err := image.DecodeConfig(bytes.NewReader(small)); err != nil || c.Width != 480 || c.Height != 640 {
		t.Errorf("a.480w.jpg is %d×%d (%v), want 480×640", c.Width, c.Height, err)
	}
	if strings.Contains(string(html), "800w") {
		t.Errorf("rebuild still lists the old photo's width:\n%s", html)
	}
}

// TestReplacedPhotoInPreview: in the background mode geul serve uses, a
// photo replaced under the same name shows its own size at once (the
// original, while its copies are made), and its copies on a later build.
func TestReplacedPhotoInPreview(t *testing.T) {
	dir := writeImageSite(t, map[string][]byte{
		"content/posts/봄/index.md": []byte("+++\ntitle = \"봄\"\ndate = 2024-05-01\n+++\n\n![벚꽃](a.jpg)\n"),
		"content/posts/봄/a.jpg":    sizedPhoto(t, 800, 600, 0),
	})
	b := site.NewBuilder(dir, site.WithClock(sitetest.Clock), site.WithImages("", true))
	if _, err := b.Build(context.Background()); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "content", "posts", "봄", "a.jpg"), sizedPhoto(t, 600, 800, 0), 0o644); err != nil {
		t.Fatal(err)
	}
	changed := []string{"content/posts/봄/a.jpg"}
	res, err := b.Rebuild(context.Background(), site.ClassifyChanges(changed))
	if err != nil {
		t.Fatal(err)
	}
	html, _ := res.Output.Get("posts/봄/index.html")
	if !bytes.Contains(html, []byte(`width="600" height="800"`)) || bytes.Contains(html, []byte("800w")) {
		t.Fatalf("the rebuild does not show the new photo's size:\n%s", html)
	}
	// The copies are made in the background; a build after they are ready
	// shows them. (Polled: how long they take is not what is tested.)
	for deadline := time.Now().Add(time.Minute); ; {
		res, err = b.Rebuild(context.Background(), site.ClassifyChanges(changed))
		if err != nil {
			t.Fatal(err)
		}
		html, _ = res.Output.Get("posts/봄/index.html")
		if bytes.Contains(html, []byte(`width="600" height="800" srcset="a.480w.jpg 480w, a.jpg 600w"`)) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the copies of the new photo never showed:\n%s", html)
		}
		time.Sleep(20 * time.Millisecond)
	}
	if small, _ := res.Output.Get("posts/봄/a.480w.jpg"); len(small) == 0 {
		t.Error("a.480w.jpg is not published once the page shows it")
	}
}
