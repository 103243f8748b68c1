package markdown

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// Image is what the caller knows of an image a body shows: its size and
// its resized copies. markdown writes the <img> (and the <picture> around
// it) from it; making the copies is the caller's business.
type Image struct {
	// Src is the URL of the published image; "" keeps the destination as
	// written.
	Src           string
	Width, Height int
	// Srcset are the copies in the image's own format, the full size
	// included, smallest first; WebP the WebP copies, empty when there are
	// none.
	Srcset, WebP []ImageSource
}

// ImageSource is one candidate of a srcset.
type ImageSource struct {
	URL   string
	Width int
}

// imageSizes is the sizes attribute of a responsive image: the width of the
// default theme's column (--measure), the whole viewport below it.
const imageSizes = "(max-width: 760px) 100vw, 760px"

// webpAttr is the attribute that carries an image's WebP srcset from
// prepare to renderImage; it is never written out.
var webpAttr = []byte("data-geul-webp")

// image fills in an image's attributes from ctx.Image: size, srcset,
// loading. first is true for the first image of the body, which is not
// lazy (it is likely above the fold). An image without alt text is a
// warning.
func (p *prepared) image(n *ast.Image, src []byte, ctx Context, first bool) {
	if len(n.Destination) == 0 {
		return
	}
	if !hasText(n, src) {
		p.warnings = append(p.warnings, Warning{Line: ctx.LineOffset + ctx.line(lineOf(n, src)),
			Msg:  fmt.Sprintf("image %q has no alt text", string(n.Destination)),
			Hint: "describe it between the brackets, as in ![a cat asleep on a keyboard](cat.jpg), for readers who cannot see it"})
	}
	if ctx.Image == nil {
		return
	}
	img := ctx.Image(string(n.Destination))
	if img == nil {
		return
	}
	if img.Src != "" {
		n.Destination = []byte(img.Src)
	}
	set := func(name, v string) {
		if _, ok := n.AttributeString(name); !ok {
			n.SetAttributeString(name, []byte(v))
		}
	}
	if img.Width > 0 && img.Height > 0 {
		set("width", strconv.Itoa(img.Width))
		set("height", strconv.Itoa(img.Height))
	}
	if !first {
		set("loading", "lazy")
		set("decoding", "async")
	}
	if len(img.Srcset) > 1 {
		set("srcset", srcset(img.Srcset))
		set("sizes", imageSizes) // a width descriptor needs sizes
	}
	if len(img.WebP) > 0 {
		n.SetAttribute(webpAttr, []byte(srcset(img.WebP)))
	}
}

// hasText reports whether an image has alt text.
func hasText(n ast.Node, src []byte) bool {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		// Anything but blank text ("![*고양이*](a.jpg)" has emphasis).
		if t, ok := c.(*ast.Text); !ok || len(bytes.TrimSpace(t.Segment.Value(src))) > 0 {
			return true
		}
	}
	return false
}

// srcsetURL percent-encodes what util.URLEscape leaves of a srcset
// candidate's URL that would end it: a space ends the URL, a comma the
// candidate. Made once: srcset runs for every candidate of every image.
var srcsetURL = strings.NewReplacer(",", "%2C", " ", "%20")

func srcset(s []ImageSource) string {
	var b strings.Builder
	for i, c := range s {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(srcsetURL.Replace(string(util.URLEscape([]byte(c.URL), true))))
		b.WriteString(" " + strconv.Itoa(c.Width) + "w")
	}
	return b.String()
}

// imageRenderer writes an image with a WebP srcset as a <picture>, the
// <img> inside as goldmark writes it; other images as goldmark does.
type imageRenderer struct {
	img renderer.NodeRendererFunc // goldmark's own
}

func newImageRenderer(opts ...html.Option) *imageRenderer {
	r := &imageRenderer{}
	html.NewRenderer(opts...).RegisterFuncs(registerFunc(func(k ast.NodeKind, f renderer.NodeRendererFunc) {
		if k == ast.KindImage {
			r.img = f
		}
	}))
	return r
}

type registerFunc func(ast.NodeKind, renderer.NodeRendererFunc)

func (f registerFunc) Register(k ast.NodeKind, fn renderer.NodeRendererFunc) { f(k, fn) }

func (r *imageRenderer) render(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	v, ok := node.Attribute(webpAttr)
	if !ok || !entering {
		return r.img(w, source, node, entering)
	}
	set, _ := v.([]byte)
	// goldmark writes every attribute the image has; this one is ours.
	attrs := node.Attributes()
	node.RemoveAttributes()
	for _, a := range attrs {
		if string(a.Name) != string(webpAttr) {
			node.SetAttribute(a.Name, a.Value)
		}
	}
	_, _ = w.WriteString(`<picture><source type="image/webp" srcset="`)
	_, _ = w.Write(util.EscapeHTML(set))
	_, _ = w.WriteString(`" sizes="` + imageSizes + `">`) // its width descriptors need sizes
	st, err := r.img(w, source, node, entering)
	_, _ = w.WriteString(`</picture>`)
	return st, err
}
