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

	"github.com/geul-blog/geul/pkg/images"
	"github.com/geul-blog/geul/pkg/site"
	"github.com/geul-blog/geul/pkg/sitetest"
)

// phonePhoto is a 1200×900 JPEG with an EXIF segment that holds a GPS
// marker, as a phone writes one.
func phonePhoto(t *testing.T, seed int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 1200, 900))
	for y := 0; y < 900; y++ {
		for x := 0; x < 1200; x++ {
			img.Set(x, y, color.RGBA{uint8(x / 5), uint8(y / 4), uint8(seed * 40), 255})
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 92}); err != nil {
		t.Fatal(err)
	}
	tiff := []byte("II*\x00\x08\x00\x00\x00\x00\x00\x00\x00\x00\x00GPS-HOME-37.5665N")
	seg := append([]byte("Exif\x00\x00"), tiff...)
	app1 := []byte{0xFF, 0xE1, 0, 0}
	binary.BigEndian.PutUint16(app1[2:], uint16(len(seg)+2))
	out := append(append([]byte{0xFF, 0xD8}, app1...), seg...)
	return append(out, buf.Bytes()[2:]...)
}

func writeImageSite(t *testing.T, files map[string][]byte) string {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestResponsiveImages(t *testing.T) {
	dir := writeImageSite(t, map[string][]byte{
		"config.toml": []byte("title = \"사진\"\nbaseURL = \"https://example.org/\"\n"),
		"content/posts/여행/index.md": []byte("+++\ntitle = \"제주\"\ndate = 2024-05-01\n+++\n\n" +
			"![성산일출봉 🌅](sunrise.jpg)\n\n![바다](sea.jpg)\n\n![](/img/logo.jpg)\n"),
		"content/posts/여행/sunrise.jpg": phonePhoto(t, 1),
		"content/posts/여행/sea.jpg":     phonePhoto(t, 2),
		"content/posts/여행/unused.jpg":  phonePhoto(t, 3),
		"static/img/logo.jpg":          phonePhoto(t, 4),
	})
	imgDir := filepath.Join(dir, ".geul", "images")
	build := func() (*site.Result, string) {
		dest := t.TempDir()
		b := site.NewBuilder(dir, site.WithClock(sitetest.Clock), site.WithVersion("test"), site.WithImages(imgDir, false))
		res, err := b.Build(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if err := res.Output.WriteDir(context.Background(), dest); err != nil {
			t.Fatal(err)
		}
		return res, dest
	}
	res, dest := build()
	if res.Images != 3 {
		t.Errorf("first build processed %d images, want 3 (sunrise, sea, logo; not unused)", res.Images)
	}
	html, err := os.ReadFile(filepath.Join(dest, "posts", "여행", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	page := string(html)
	for _, want := range []string{
		`<img src="sunrise.jpg" alt="성산일출봉 🌅" width="1200" height="900" srcset="sunrise.480w.jpg 480w, sunrise.960w.jpg 960w, sunrise.jpg 1200w"`,
		`<img src="sea.jpg" alt="바다" width="1200" height="900" loading="lazy" decoding="async"`,
		`<source type="image/webp" srcset="sea.480w.webp 480w, sea.960w.webp 960w"`,
		`src="/img/logo.jpg" alt="" width="1200" height="900"`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %s\n%s", want, page)
		}
	}
	if strings.Contains(page[:strings.Index(page, "sea.jpg")], `loading="lazy"`) {
		t.Error("the first image is lazy")
	}
	for _, name := range []string{"sunrise.jpg", "sunrise.480w.jpg", "sunrise.960w.jpg", "sunrise.960w.webp", "sea.480w.webp", "unused.jpg", "../../img/logo.jpg", "../../img/logo.480w.jpg"} {
		data, err := os.ReadFile(filepath.Join(dest, "posts", "여행", name))
		if err != nil {
			t.Errorf("%s not published: %v", name, err)
			continue
		}
		if bytes.Contains(data, []byte("GPS-HOME")) || bytes.Contains(data, []byte("Exif\x00\x00")) {
			t.Errorf("published %s carries EXIF/GPS", name)
		}
	}
	if _, err := os.Stat(filepath.Join(dest, "posts", "여행", "unused.480w.jpg")); err == nil {
		t.Error("an image no page shows was resized")
	}
	var warned bool
	for _, w := range res.Warnings {
		if strings.Contains(w.Error(), "content/posts/여행/index.md:10:") && strings.Contains(w.Error(), "alt text") {
			warned = true
		}
	}
	if !warned {
		t.Errorf("no alt-text warning at content/posts/여행/index.md:10: %v", res.Warnings)
	}

	// A second build, a new process, the same cache: nothing is processed.
	res2, dest2 := build()
	if res2.Images != 0 {
		t.Errorf("second build processed %d images, want 0 (all cached)", res2.Images)
	}
	a, _ := os.ReadFile(filepath.Join(dest, "posts", "여행", "sea.960w.webp"))
	b, _ := os.ReadFile(filepath.Join(dest2, "posts", "여행", "sea.960w.webp"))
	if len(a) == 0 || !bytes.Equal(a, b) {
		t.Error("the cached copy differs from the first build's")
	}
}

func TestImagesOff(t *testing.T) {
	photo := phonePhoto(t, 1)
	dir := writeImageSite(t, map[string][]byte{
		"config.toml":              []byte("images = false\n"),
		"content/posts/a/index.md": []byte("+++\ntitle = \"a\"\ndate = 2024-05-01\n+++\n\n![a](p.jpg)\n"),
		"content/posts/a/p.jpg":    photo,
	})
	b := site.NewBuilder(dir, site.WithClock(sitetest.Clock))
	res, err := b.Build(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if res.Images != 0 {
		t.Errorf("images = false processed %d images", res.Images)
	}
	got, _ := res.Output.Get("posts/a/p.jpg")
	if !bytes.Equal(got, photo) {
		t.Error("images = false changed the published photo")
	}
}

// TestPreviewServesOriginals: in the background mode geul serve uses, the
// first build does not wait: the page shows the original with its size.
func TestPreviewServesOriginals(t *testing.T) {
	dir := writeImageSite(t, map[string][]byte{
		"content/posts/a/index.md": []byte("+++\ntitle = \"a\"\ndate = 2024-05-01\n+++\n\n![사진](p.jpg)\n"),
		"content/posts/a/p.jpg":    phonePhoto(t, 1),
	})
	b := site.NewBuilder(dir, site.WithClock(sitetest.Clock), site.WithImages("", true))
	res, err := b.Build(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	html, _ := res.Output.Get("posts/a/index.html")
	if !bytes.Contains(html, []byte(`<img src="p.jpg" alt="사진" width="1200" height="900">`)) {
		t.Errorf("preview page does not show the original with its size:\n%s", html)
	}
	got, _ := res.Output.Get("posts/a/p.jpg")
	if images.Orientation(got) != 1 || bytes.Contains(got, []byte("GPS-HOME")) {
		t.Error("preview publishes the photo's metadata")
	}
}
