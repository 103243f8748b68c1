package images_test

import (
	"bytes"
	"image/jpeg"
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
