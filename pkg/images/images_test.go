package images_test

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"math/rand/v2"
	"testing"

	"github.com/geul-blog/geul/pkg/images"
)

// photo draws a smooth, photo-like picture: gradients with a little noise,
// the left half red and the right half blue, so a turn can be told.
func photo(w, h int, seed uint64) *image.RGBA {
	r := rand.New(rand.NewPCG(seed, 1))
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			c := color.RGBA{uint8(x * 200 / w), uint8(y * 200 / h), 60 + uint8(r.IntN(8)), 255}
			if x < w/2 {
				c.R = 230
			} else {
				c.B = 230
			}
			i := img.PixOffset(x, y)
			img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3] = c.R, c.G, c.B, c.A
		}
	}
	return img
}

func encodeJPEG(t testing.TB, img image.Image, q int) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: q}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// withEXIF puts an EXIF segment after the SOI of a JPEG: an orientation
// tag and a GPS IFD with a latitude, as a phone writes them.
func withEXIF(jpg []byte, orientation uint16) []byte {
	le := binary.LittleEndian
	t := []byte("II*\x00\x08\x00\x00\x00")
	// IFD0: 2 entries: Orientation, GPSInfo pointer.
	ifd := make([]byte, 2+2*12+4)
	le.PutUint16(ifd, 2)
	le.PutUint16(ifd[2:], 0x0112)
	le.PutUint16(ifd[4:], 3)
	le.PutUint32(ifd[6:], 1)
	le.PutUint16(ifd[10:], orientation)
	le.PutUint16(ifd[14:], 0x8825)
	le.PutUint16(ifd[16:], 4)
	le.PutUint32(ifd[18:], 1)
	gpsOff := uint32(8 + len(ifd))
	le.PutUint32(ifd[22:], gpsOff)
	t = append(t, ifd...)
	// GPS IFD: GPSLatitudeRef "N", and a marker string to look for.
	gps := make([]byte, 2+12+4)
	le.PutUint16(gps, 1)
	le.PutUint16(gps[2:], 0x0001)
	le.PutUint16(gps[4:], 2)
	le.PutUint32(gps[6:], 2)
	copy(gps[10:], "N\x00")
	t = append(t, gps...)
	t = append(t, []byte("GPS-HOME-37.5665N-126.9780E")...)
	seg := append([]byte("Exif\x00\x00"), t...)
	app1 := []byte{0xFF, 0xE1, 0, 0}
	binary.BigEndian.PutUint16(app1[2:], uint16(len(seg)+2))
	out := append([]byte{0xFF, 0xD8}, app1...)
	out = append(out, seg...)
	return append(out, jpg[2:]...)
}

func TestStripRemovesEXIFAndGPS(t *testing.T) {
	src := withEXIF(encodeJPEG(t, photo(64, 48, 1), 90), 1)
	if images.Orientation(src) != 1 || !bytes.Contains(src, []byte("GPS-HOME")) {
		t.Fatal("fixture has no EXIF")
	}
	out := images.Strip(src)
	if bytes.Contains(out, []byte("GPS-HOME")) || bytes.Contains(out, []byte("Exif\x00\x00")) {
		t.Error("EXIF/GPS still in the stripped JPEG")
	}
	if _, err := jpeg.Decode(bytes.NewReader(out)); err != nil {
		t.Errorf("stripped JPEG does not decode: %v", err)
	}
	// PNG: an eXIf and a tEXt chunk go, the pixels stay.
	var buf bytes.Buffer
	png.Encode(&buf, photo(8, 8, 2))
	p := buf.Bytes()
	chunk := func(typ, data string) []byte {
		c := make([]byte, 4)
		binary.BigEndian.PutUint32(c, uint32(len(data)))
		c = append(c, typ+data...)
		return append(c, 0, 0, 0, 0) // CRC is not checked by Strip
	}
	withMeta := append(append(append([]byte{}, p[:33]...), chunk("tEXt", "Location\x00GPS-HOME")...), p[33:]...)
	if got := images.Strip(withMeta); !bytes.Equal(got, p) {
		t.Errorf("stripped PNG is not the PNG without its tEXt chunk")
	}
	if got := images.Strip([]byte("not an image")); string(got) != "not an image" {
		t.Error("Strip changed a file it does not know")
	}
}

func TestProcessSizesOrientationWebP(t *testing.T) {
	// 1200×800, turned 90° clockwise by EXIF (6): upright it is 800×1200.
	src := withEXIF(encodeJPEG(t, photo(1200, 800, 3), 92), 6)
	if images.Orientation(src) != 6 {
		t.Fatalf("Orientation = %d, want 6", images.Orientation(src))
	}
	p := images.New(t.TempDir())
	e, err := p.Process(src)
	if err != nil {
		t.Fatal(err)
	}
	if e.Width != 800 || e.Height != 1200 {
		t.Errorf("size = %dx%d, want 800x1200 (orientation honoured)", e.Width, e.Height)
	}
	var widths []int
	for _, v := range e.Sizes {
		widths = append(widths, v.Width)
	}
	if len(widths) != 1 || widths[0] != 480 {
		t.Errorf("widths = %v, want [480]: 960 and 1600 would upscale", widths)
	}
	if e.Original == "" {
		t.Fatal("a turned photo must be published turned, not as the source")
	}
	orig, err := p.File(e, e.Original)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range append([]string{e.Original}, suffixes(e)...) {
		b, err := p.File(e, s)
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(b, []byte("GPS-HOME")) || bytes.Contains(b, []byte("Exif\x00\x00")) || images.Orientation(b) != 1 {
			t.Errorf("%s carries EXIF metadata", s)
		}
	}
	img, err := jpeg.Decode(bytes.NewReader(orig))
	if err != nil {
		t.Fatal(err)
	}
	// Turned clockwise: the source's left (red) half is now on top.
	if r, _, b, _ := img.At(400, 100).RGBA(); r>>8 < 200 || b>>8 > 150 {
		t.Errorf("top of the upright photo is not red: r=%d b=%d", r>>8, b>>8)
	}
	if len(e.WebP) == 0 {
		t.Error("a photo at quality 92 has no WebP copy; WebP is smaller for it")
	}
	for _, v := range e.WebP {
		b, _ := p.File(e, v.Suffix)
		if !bytes.HasPrefix(b, []byte("RIFF")) || !bytes.Contains(b[:16], []byte("WEBP")) {
			t.Errorf("%s is not a WebP file", v.Suffix)
		}
	}
}

func suffixes(e *images.Entry) []string {
	var s []string
	for _, v := range append(append([]images.Variant{}, e.Sizes...), e.WebP...) {
		s = append(s, v.Suffix)
	}
	return s
}

func TestWebPLeftOutWhenNotSmaller(t *testing.T) {
	// A small, heavily compressed noise JPEG: WebP at quality 82 is larger.
	r := rand.New(rand.NewPCG(9, 9))
	img := image.NewGray(image.Rect(0, 0, 96, 96))
	for i := range img.Pix {
		img.Pix[i] = uint8(r.IntN(256))
	}
	src := encodeJPEG(t, img, 5)
	e, err := images.New("").Process(src)
	if err != nil {
		t.Fatal(err)
	}
	if len(e.WebP) != 0 {
		t.Errorf("WebP kept although it is larger: %+v (source %d bytes)", e.WebP, len(src))
	}
}

func TestCacheSecondProcessorDoesNothing(t *testing.T) {
	dir := t.TempDir()
	src := encodeJPEG(t, photo(1000, 700, 4), 90)
	p1 := images.New(dir)
	e1, err := p1.Process(src)
	if err != nil {
		t.Fatal(err)
	}
	if p1.Processed() != 1 {
		t.Fatalf("Processed = %d, want 1", p1.Processed())
	}
	p2 := images.New(dir)
	e2, err := p2.Process(src)
	if err != nil {
		t.Fatal(err)
	}
	if p2.Processed() != 0 {
		t.Errorf("second processor processed %d images; the cache should have them", p2.Processed())
	}
	if e1.Width != e2.Width || len(e1.Sizes) != len(e2.Sizes) {
		t.Errorf("cached entry differs: %+v vs %+v", e1, e2)
	}
	// Other settings are another key: processed again.
	p3 := images.New(dir, images.WithQuality(60))
	if _, err := p3.Process(src); err != nil || p3.Processed() != 1 {
		t.Errorf("new settings: processed %d, err %v; want 1, nil", p3.Processed(), err)
	}
}

func TestProcessBadImage(t *testing.T) {
	if _, err := images.New("").Process([]byte("\xff\xd8\xff garbage")); err == nil {
		t.Error("no error for a broken JPEG")
	}
}

// BenchmarkBundle processes a bundle of 50 phone-sized JPEGs (4032×3024, a
// 12-megapixel phone's) with an empty cache (cold) and again with a new Processor over the same
// cache folder (warm), and reports the bytes the published copies save.
func BenchmarkBundle(b *testing.B) {
	n, w, h := 50, 4032, 3024
	if testing.Short() {
		n = 5 // a quick look: go test -short -bench Bundle
	}
	srcs := make([][]byte, n)
	for i := range srcs {
		srcs[i] = encodeJPEG(b, photo(w, h, uint64(i)), 92)
	}
	run := func(b *testing.B, warm bool) {
		var saved, total int64
		for b.Loop() {
			dir := b.TempDir()
			if warm {
				b.StopTimer()
				p := images.New(dir)
				for _, s := range srcs {
					p.Process(s)
				}
				b.StartTimer()
			}
			p := images.New(dir)
			saved, total = 0, 0
			for _, s := range srcs {
				e, err := p.Process(s)
				if err != nil {
					b.Fatal(err)
				}
				saved += e.Saved
				total += int64(len(s))
			}
		}
		b.ReportMetric(float64(saved), "bytes-saved")
		b.ReportMetric(float64(total), "bytes-source")
	}
	b.Run("cold", func(b *testing.B) { run(b, false) })
	b.Run("warm", func(b *testing.B) { run(b, true) })
}
