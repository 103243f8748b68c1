package theme

import (
	"fmt"
	"net/url"
	"path"
	"slices"
	"strings"
)

// Resources is .Page.Resources in a shortcode template or render hook:
// the files of the page's bundle, with Hugo's GetMatch, Match and ByType,
// so that the figure and gallery shortcodes of Hugo blogs run. Patterns
// are Hugo's globs without "**": path.Match on the lower-cased name.
type Resources struct {
	list []*Resource
	warn func(msg, hint string)
}

// Resource is one file of a page's bundle, with Hugo's names. geul does
// not process images: Resize, Fill, Fit, Crop and Filter return the image
// as it is and warn, at the shortcode's line, that they did.
type Resource struct {
	Name         string // relative to the bundle: "images/a.jpg"
	Title        string // the Name, as in Hugo when front matter says nothing
	RelPermalink string
	Permalink    string
	ResourceType string // "image", "text", "application"…
	MediaType    MediaType

	warn func(msg, hint string)
}

// MediaType is a Resource's media type: Type "image/jpeg", MainType
// "image", SubType "jpeg".
type MediaType struct {
	Type, MainType, SubType string
}

func (m MediaType) String() string { return m.Type }

// Resources returns the page's bundle files.
func (p *ShortcodePage) Resources() *Resources {
	if p.Page == nil {
		return &Resources{}
	}
	rel, abs := dirOf(p.URL), dirOf(p.Permalink)
	rs := &Resources{list: make([]*Resource, 0, len(p.Page.Resources)), warn: p.Warn}
	for _, name := range p.Page.Resources {
		mt := mediaTypeOf(name)
		// As the page's own: RelPermalink keeps Hangul readable, Permalink
		// is percent-encoded.
		rs.list = append(rs.list, &Resource{Name: name, Title: name, RelPermalink: rel + escapePath(name),
			Permalink:    abs + (&url.URL{Path: name}).EscapedPath(),
			ResourceType: mt.MainType, MediaType: mt, warn: p.Warn})
	}
	return rs
}

// dirOf is u up to its last "/".
func dirOf(u string) string { return u[:strings.LastIndex(u, "/")+1] }

// escapePath percent-encodes what would end a URL path or change its
// meaning, as the site's own URLs do.
func escapePath(name string) string {
	var b strings.Builder
	for _, r := range name {
		if r == '?' || r == '#' || r == '%' || r <= ' ' || r == 0x7f {
			fmt.Fprintf(&b, "%%%02X", r) // ASCII only
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// GetMatch returns the first resource whose name matches pattern, nil when
// none does.
func (rs *Resources) GetMatch(pattern string) *Resource {
	if m := rs.Match(pattern); len(m) > 0 {
		return m[0]
	}
	return nil
}

// Match returns the resources whose names match pattern. A pattern that
// is not a glob ("[a") matches nothing, with a warning.
func (rs *Resources) Match(pattern string) []*Resource {
	glob := strings.ToLower(strings.TrimPrefix(pattern, "/"))
	if _, err := path.Match(glob, ""); err != nil {
		if rs.warn != nil {
			rs.warn(fmt.Sprintf("Resources.Match %q: %v; no resource matches it", pattern, err),
				`write a glob as path.Match reads it: "*.jpg", "images/?.png", "[a-z]*"`)
		}
		return nil
	}
	var out []*Resource
	for _, r := range rs.list {
		if ok, _ := path.Match(glob, strings.ToLower(r.Name)); ok {
			out = append(out, r)
		}
	}
	return out
}

// ByType returns the resources of a type: "image", "text"…
func (rs *Resources) ByType(typ string) []*Resource {
	var out []*Resource
	for _, r := range rs.list {
		if r.ResourceType == typ {
			out = append(out, r)
		}
	}
	return out
}

// Get is GetMatch of an exact name, as Hugo's Get.
func (rs *Resources) Get(name string) *Resource {
	i := slices.IndexFunc(rs.list, func(r *Resource) bool { return r.Name == strings.TrimPrefix(name, "/") })
	if i < 0 {
		return nil
	}
	return rs.list[i]
}

// Len is the number of resources, for {{ if .Page.Resources.Len }}.
func (rs *Resources) Len() int { return len(rs.list) }

// Resize returns the image as it is, with a warning: geul does not
// process images.
func (r *Resource) Resize(spec string) *Resource { return r.unprocessed("Resize", spec) }

// Fill is as Resize.
func (r *Resource) Fill(spec string) *Resource { return r.unprocessed("Fill", spec) }

// Fit is as Resize.
func (r *Resource) Fit(spec string) *Resource { return r.unprocessed("Fit", spec) }

// Crop is as Resize.
func (r *Resource) Crop(spec string) *Resource { return r.unprocessed("Crop", spec) }

func (r *Resource) unprocessed(method, spec string) *Resource {
	if r.warn != nil {
		r.warn(`.`+method+` "`+spec+`" on `+r.Name+`: geul does not process images; the original image is used`,
			"resize the image yourself, or remove ."+method+" from the shortcode's template")
	}
	return r
}

// mediaTypes maps the extensions bundles commonly hold to their media
// types: written out, not read from mime (whose table depends on the
// machine), so that every build says the same.
var mediaTypes = map[string]string{
	".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png", ".gif": "image/gif",
	".webp": "image/webp", ".avif": "image/avif", ".svg": "image/svg+xml", ".bmp": "image/bmp",
	".tif": "image/tiff", ".tiff": "image/tiff", ".ico": "image/x-icon", ".heic": "image/heic",
	".mp4": "video/mp4", ".webm": "video/webm", ".mov": "video/quicktime",
	".mp3": "audio/mpeg", ".ogg": "audio/ogg", ".wav": "audio/wav", ".m4a": "audio/mp4",
	".pdf": "application/pdf", ".zip": "application/zip", ".json": "application/json",
	".js": "text/javascript", ".css": "text/css", ".txt": "text/plain", ".csv": "text/csv",
	".md": "text/markdown", ".html": "text/html", ".xml": "application/xml",
}

func mediaTypeOf(name string) MediaType {
	t, ok := mediaTypes[strings.ToLower(path.Ext(name))]
	if !ok {
		t = "application/octet-stream"
	}
	main, sub, _ := strings.Cut(t, "/")
	return MediaType{Type: t, MainType: main, SubType: sub}
}
