package images_test

import (
	"bytes"
	"image/jpeg"
	"os"
	"testing"

	"github.com/geul-blog/geul/pkg/images"
)

// TestStripKeepsOrientation: a photo stored sideways loses its EXIF and GPS
// but keeps its orientation, alone, so that it still shows upright; an
// upright one keeps no EXIF at all.
func TestStripKeepsOrientation(t *testing.T) {
	for o := uint16(1); o <= 8; o++ {
		src := withEXIF(encodeJPEG(t, photo(64, 48, 5), 90), o)
		out := images.Strip(src)
		if bytes.Contains(out, []byte("GPS-HOME")) {
			t.Errorf("orientation %d: GPS kept", o)
		}
		if got := images.Orientation(out); got != int(o) {
			t.Errorf("orientation %d: stripped photo has orientation %d", o, got)
		}
		if has := bytes.Contains(out, []byte("Exif\x00\x00")); has != (o != 1) {
			t.Errorf("orientation %d: EXIF segment kept = %t", o, has)
		}
		if _, err := jpeg.Decode(bytes.NewReader(out)); err != nil {
			t.Errorf("orientation %d: stripped JPEG does not decode: %v", o, err)
		}
		if again := images.Strip(out); !bytes.Equal(again, out) {
			t.Errorf("orientation %d: stripping twice changes the file", o)
		}
	}
}

// TestStripDropsAppendedImages: what a camera or phone appends after the
// image (MPF preview and depth images, each with EXIF and GPS of its own,
// or a vendor trailer) is not published; the image itself, baseline or
// progressive, is kept byte for byte. testdata/progressive.jpg (ten scans)
// and progressive-restart.jpg (with restart markers, which Go's decoder
// does not read in a progressive image, but browsers do) were made with
// jpegtran -progressive [-restart 2] -copy none.
func TestStripDropsAppendedImages(t *testing.T) {
	read := func(name string) []byte {
		b, err := os.ReadFile("testdata/" + name)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	for _, tt := range []struct {
		name   string
		img    []byte
		decode bool
	}{
		{"baseline", encodeJPEG(t, photo(64, 48, 6), 90), true},
		{"progressive", read("progressive.jpg"), true},
		{"progressive with restarts", read("progressive-restart.jpg"), false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			mpf := []byte{0xFF, 0xE2, 0, 8, 'M', 'P', 'F', 0, 0, 0}
			preview := withEXIF(encodeJPEG(t, photo(16, 12, 8), 80), 1)
			src := withEXIF(tt.img, 1)
			src = append(append(append([]byte{}, src[:2]...), mpf...), src[2:]...)
			src = append(append(src, preview...), "SEFT vendor trailer GPS-HOME"...)

			out := images.Strip(src)
			if bytes.Contains(out, []byte("GPS-HOME")) || bytes.Contains(out, []byte("Exif\x00\x00")) || bytes.Contains(out, []byte("MPF\x00")) {
				t.Error("the appended images or the trailer were published")
			}
			if !bytes.Equal(out, tt.img) {
				t.Errorf("stripped: %d bytes, want the image alone (%d bytes)", len(out), len(tt.img))
			}
			if _, err := jpeg.Decode(bytes.NewReader(out)); tt.decode && err != nil {
				t.Errorf("stripped JPEG does not decode: %v", err)
			}
			// A file cut short in its image data keeps what it has.
			cut := tt.img[:len(tt.img)-40]
			if got := images.Strip(cut); !bytes.Equal(got, cut) {
				t.Error("a JPEG cut short lost bytes of its image")
			}
		})
	}
}
