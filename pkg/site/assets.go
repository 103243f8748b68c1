package site

import (
	"bytes"
	"fmt"
	"hash/fnv"
	"path"
	"strings"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/json"
	"github.com/tdewolff/minify/v2/svg"
	"github.com/tdewolff/minify/v2/xml"
)

// WithMinify minifies HTML, CSS, JS, SVG, XML and JSON output.
func WithMinify(on bool) Option { return func(o *options) { o.minify = on } }

// WithFingerprint publishes each CSS and JS file a second time under a name
// with a hash of its content ("css/style.3f2a9c1b.css"), and makes the
// template function asset return that name, so browsers and CDNs may cache
// them forever. geul build turns it on; geul serve leaves it off, so that a
// CSS edit can be swapped into the open page.
func WithFingerprint(on bool) Option { return func(o *options) { o.fingerprint = on } }

// newMinifier returns the minifiers by media type, or nil when minifying is off.
func newMinifier(on bool) *minify.M {
	if !on {
		return nil
	}
	m := minify.New()
	m.Add("text/html", &html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true, KeepDefaultAttrVals: true})
	m.Add("text/css", &css.Minifier{})
	m.Add("application/javascript", &js.Minifier{})
	m.Add("image/svg+xml", &svg.Minifier{})
	m.Add("application/json", &json.Minifier{})
	m.Add("application/xml", &xml.Minifier{KeepWhitespace: false})
	return m
}

// mediaTypes are the output extensions geul minifies.
var mediaTypes = map[string]string{
	".html": "text/html", ".css": "text/css", ".js": "application/javascript",
	".svg": "image/svg+xml", ".json": "application/json", ".xml": "application/xml",
}

// minified returns data minified for the file name, or data as it is when
// minifying is off, the type is not minified, or the minifier fails (a
// file the minifier cannot read is published as written, not dropped).
func (b *Builder) minified(name string, data []byte) []byte {
	if b.minifier == nil {
		return data
	}
	mt, ok := mediaTypes[strings.ToLower(path.Ext(name))]
	if !ok || strings.Contains(path.Base(name), ".min.") {
		return data // a vendored "katex.min.js" is minified already
	}
	var out bytes.Buffer
	out.Grow(len(data))
	if err := b.minifier.Minify(mt, &out, bytes.NewReader(data)); err != nil {
		return data
	}
	return out.Bytes()
}

// fingerprintAssets adds a content-named copy of every CSS and JS file to
// files and returns the map from each original name to its copy.
func fingerprintAssets(files map[string][]byte) map[string]string {
	assets := map[string]string{}
	for name, data := range files {
		ext := path.Ext(name)
		if ext != ".css" && ext != ".js" {
			continue
		}
		h := fnv.New32a()
		h.Write(data)
		hashed := fmt.Sprintf("%s.%08x%s", strings.TrimSuffix(name, ext), h.Sum32(), ext)
		assets[name] = hashed
	}
	for name, hashed := range assets {
		files[hashed] = files[name]
	}
	return assets
}

// assetURL is the template function asset: the URL of a static file, by its
// fingerprinted name when there is one.
func (b *Builder) assetURL(name string) string {
	name = strings.TrimPrefix(name, "/")
	if hashed, ok := b.assets[name]; ok {
		name = hashed
	}
	base := "/"
	if b.cfg != nil {
		base = basePathOf(b.cfg.BaseURL)
	}
	return base + name
}
