package images_test

import (
	"bytes"
	"image/jpeg"
	"reflect"
	"testing"

	"github.com/geul-blog/geul/pkg/images"
)

// TestWidthsNeverUpscale: the copies are 480, 960 and 1600 px wide, each
// only when the photo is wider, and each is that wide in fact.
func TestWidthsNeverUpscale(t *testing.T) {
	tests := []struct {
		w, h int
		want []int
	}{
		{2000, 1500, []int{480, 960, 1600}},
		{1600, 1200, []int{480, 960}},
		{961, 640, []int{480, 960}},
		{960, 640, []int{480}},
		{480, 360, nil},
		{300, 200, nil},
	}
	p := images.New("", images.WithWebP(false))
	for _, tt := range tests {
		e, err := p.Process(encodeJPEG(t, photo(tt.w, tt.h, 7), 85))
		if err != nil {
			t.Fatal(err)
		}
		var got []int
		for _, v := range e.Sizes {
			got = append(got, v.Width)
			data, err := p.File(e, v.Suffix)
			if err != nil {
				t.Fatal(err)
			}
			c, err := jpeg.DecodeConfig(bytes.NewReader(data))
			if err != nil || c.Width != v.Width || c.Height != v.Height {
				t.Errorf("%d×%d: %s is %d×%d (%v), the entry says %d×%d", tt.w, tt.h, v.Suffix, c.Width, c.Height, err, v.Width, v.Height)
			}
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%d×%d: widths %v, want %v", tt.w, tt.h, got, tt.want)
		}
	}
}
