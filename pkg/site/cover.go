package site

import (
	"bytes"
	"image"
	_ "image/gif" // cover formats whose size coverSize reads
	_ "image/jpeg"
	_ "image/png"
	"strings"

	_ "golang.org/x/image/webp"
)

// coverSize returns the size in pixels of the cover at url when it is a
// file the site writes (a bundle's image, a file under content/ or
// static/) in a format Go reads (PNG, JPEG, GIF, WebP), so that the
// theme can give the <img> its width and height and the page does not
// jump as it loads. Only the image's header is decoded. 0, 0 otherwise
// (an SVG, an external URL).
func (b *Builder) coverSize(st *state, url string) (w, h int) {
	if !strings.HasPrefix(url, st.basePath) {
		return 0, 0
	}
	name := strings.TrimPrefix(url, st.basePath)
	data, ok := st.files[name]
	if !ok {
		data, ok = b.static[name]
	}
	if !ok {
		return 0, 0
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return 0, 0
	}
	return cfg.Width, cfg.Height
}
