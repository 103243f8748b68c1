package site_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"image"
	"image/color"
	"image/jpeg"
	"os"
	"path/filepath"
	"strings"
	"testing"

	exif "github.com/dsoprea/go-exif/v3"

	"github.com/geul-blog/geul/pkg/images"
	"github.com/geul-blog/geul/pkg/site"
	"github.com/geul-blog/geul/pkg/sitetest"
)

// sidewaysPhoto is what a phone held upright writes: a w×h JPEG stored
// sideways with EXIF orientation o, the phone's make, and a GPS position.
func sidewaysPhoto(t *testing.T, w, h int, o uint16) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Set(x, y, color.RGBA{uint8(x * 255 / w), uint8(y * 255 / h), 90, 255})
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	le := binary.LittleEndian
	tiff := []byte("II*\x00\x08\x00\x00\x00")
	entry := func(tag, typ uint16, count, value uint32) []byte {
		e := make([]byte, 12)
		le.PutUint16(e, tag)
		le.PutUint16(e[2:], typ)
		le.PutUint32(e[4:], count)
		le.PutUint32(e[8:], value)
		return e
	}
	const make_ = "GeulPhone\x00"
	// IFD0 at 8: Make, Orientation, GPSInfo; 42 bytes, then Make's text.
	tiff = append(tiff, 3, 0)
	tiff = append(tiff, entry(0x010F, 2, uint32(len(make_)), 50)...)
	tiff = append(tiff, entry(0x0112, 3, 1, uint32(o))...)
	tiff = append(tiff, entry(0x8825, 4, 1, 60)...)
	tiff = append(tiff, 0, 0, 0, 0)
	tiff = append(tiff, make_...)
	// GPS IFD at 60: GPSLatitudeRef "N", GPSLatitude 37° 33' 59.88".
	tiff = append(tiff, 2, 0)
	tiff = append(tiff, entry(0x0001, 2, 2, 'N')...)
	tiff = append(tiff, entry(0x0002, 5, 3, 90)...)
	tiff = append(tiff, 0, 0, 0, 0)
	for _, r := range [][2]uint32{{37, 1}, {33, 1}, {5988, 100}} {
		tiff = le.AppendUint32(tiff, r[0])
		tiff = le.AppendUint32(tiff, r[1])
	}
	seg := append([]byte("Exif\x00\x00"), tiff...)
	app1 := []byte{0xFF, 0xE1, 0, 0}
	binary.BigEndian.PutUint16(app1[2:], uint16(len(seg)+2))
	out := append(append([]byte{0xFF, 0xD8}, app1...), seg...)
	return append(out, buf.Bytes()[2:]...)
}

// exifTags lists the EXIF tags of a published file as an EXIF library
// reads them: "IFD/Orientation", "IFD/GPSInfo/GPSLatitude"…
func exifTags(t *testing.T, data []byte) []string {
	t.Helper()
	raw, err := exif.SearchAndExtractExif(data)
	if errors.Is(err, exif.ErrNoExif) {
		return nil
	}
	if err != nil {
		t.Fatalf("reading EXIF: %v", err)
	}
	tags, _, err := exif.GetFlatExifData(raw, nil)
	if err != nil {
		t.Fatalf("reading EXIF: %v", err)
	}
	var names []string
	for _, tag := range tags {
		names = append(names, tag.IfdPath+"/"+tag.TagName)
	}
	return names
}

// TestPublishedPhotosCarryNoMetadata: every JPEG and WebP a build
// publishes of a phone's photo (shown, linked, a cover, or in no page) has
// no EXIF but its orientation, as an EXIF reader sees the file, and shows
// upright.
func TestPublishedPhotosCarryNoMetadata(t *testing.T) {
	src := sidewaysPhoto(t, 1200, 800, 6) // upright: 800×1200
	if tags := exifTags(t, src); !strings.Contains(strings.Join(tags, " "), "GPSLatitude") {
		t.Fatalf("the fixture's EXIF does not read: %v", tags)
	}
	dir := writeImageSite(t, map[string][]byte{
		"content/posts/산책/index.md": []byte("+++\ntitle = \"산책 🚶\"\ndate = 2024-05-01\nimage = \"표지.jpg\"\n+++\n\n" +
			"![골목](골목.jpg)\n\n[원본 보기](골목.jpg)\n"),
		"content/posts/산책/골목.jpg": src,
		"content/posts/산책/표지.jpg": src,
		"content/posts/산책/남은.jpg": src,
	})
	dest := filepath.Join(dir, "public")
	b := site.NewBuilder(dir, site.WithClock(sitetest.Clock), site.WithImages(filepath.Join(dir, ".geul", "images"), false))
	res, err := b.Build(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if err := res.Output.WriteDir(context.Background(), dest); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dest, "posts", "산책", "*.*"))
	var jpegs, webps int
	for _, f := range files {
		name := filepath.Base(f)
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		switch filepath.Ext(name) {
		case ".jpg":
			jpegs++
			for _, tag := range exifTags(t, data) {
				if tag != "IFD/Orientation" {
					t.Errorf("published %s carries EXIF %s", name, tag)
				}
			}
			c, err := jpeg.DecodeConfig(bytes.NewReader(data))
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if images.Orientation(data) >= 5 {
				c.Width, c.Height = c.Height, c.Width
			}
			if c.Width >= c.Height {
				t.Errorf("published %s shows %d×%d, not upright (orientation %d)", name, c.Width, c.Height, images.Orientation(data))
			}
		case ".webp":
			webps++
			if tags := exifTags(t, data); len(tags) > 0 {
				t.Errorf("published %s carries EXIF %v", name, tags)
			}
		}
	}
	if jpegs < 5 || webps == 0 {
		t.Errorf("published %d JPEGs and %d WebPs, want the three photos and their copies", jpegs, webps)
	}
}
