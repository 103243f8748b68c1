package markdown

import (
	"html"
	"path"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/util"

	"github.com/geul-blog/geul/pkg/shortcode"
)

// noticeKinds maps the kinds of notice, in English and in Korean as Korean
// blogs label their boxes, to a class and the default title.
var noticeKinds = map[string]struct{ class, title string }{
	"info":    {"info", "알림"},
	"note":    {"info", "알림"},
	"알림":      {"info", "알림"},
	"정보":      {"info", "알림"},
	"tip":     {"tip", "팁"},
	"팁":       {"tip", "팁"},
	"도움말":     {"tip", "팁"},
	"warning": {"warning", "주의"},
	"caution": {"warning", "주의"},
	"주의":      {"warning", "주의"},
	"경고":      {"warning", "주의"},
}

// notice is a box that sets a paragraph apart: {{< notice info >}} (or
// tip, warning; 알림, 팁, 주의) … {{< /notice >}}, its body Markdown. The
// title defaults to the kind's Korean name; title="…" replaces it.
func notice(r *Renderer, c *shortcode.Call, _ *Context) (string, error) {
	if !c.Closed {
		return "", errorf(c, "end it with {{< /notice >}}", "notice is not closed")
	}
	kind := strings.ToLower(arg(c, "type", 0))
	if kind == "" {
		kind = "info"
	}
	k, ok := noticeKinds[kind]
	if !ok {
		return "", errorf(c, `use info, tip or warning (알림, 팁, 주의): {{< notice tip >}}…{{< /notice >}}`, "notice: unknown kind %q", kind)
	}
	title := c.String("title")
	if title == "" {
		title = k.title
	}
	t, err := r.inlineMarkdown(title)
	if err != nil {
		return "", err
	}
	body, err := r.fragment([]byte(shortcode.Deindent(c.Inner)))
	if err != nil {
		return "", err
	}
	var b strings.Builder
	b.WriteString(`<aside class="notice notice-` + k.class + `" role="note">`)
	b.WriteString(`<p class="notice-title">` + t + "</p>\n")
	b.Write(body)
	b.WriteString("</aside>\n")
	return b.String(), nil
}

// gallery is a grid of the bundle's images, each a link to the image at
// full size (a link: Tab reaches it, Enter opens it, a screen reader reads
// its alt text). Without a body it shows every JPEG, PNG, GIF and WebP of
// the bundle, in name order, the file name as alt text; a body lists the
// images to show, one a line, each with its alt text after the name:
//
//	{{< gallery >}}
//	sea.jpg 함덕 해변의 바다
//	olle.jpg 올레길 7코스
//	{{< /gallery >}}
func gallery(r *Renderer, c *shortcode.Call, ctx *Context) (string, error) {
	type item struct{ src, alt string }
	var items []item
	if c.Closed && strings.TrimSpace(c.Inner) != "" {
		for _, line := range strings.Split(shortcode.Deindent(c.Inner), "\n") {
			line = strings.TrimSpace(line)
			if line == "" {
				continue
			}
			src, alt, _ := strings.Cut(line, " ")
			if isDangerous([]byte(src)) {
				return "", errorf(c, "list one image a line: photo.jpg 사진 설명", "gallery: %q is not an image", src)
			}
			items = append(items, item{src, strings.TrimSpace(alt)})
		}
	} else if ctx.Resources != nil {
		for _, res := range ctx.Resources() {
			switch strings.ToLower(path.Ext(res)) {
			case ".jpg", ".jpeg", ".png", ".gif", ".webp":
				items = append(items, item{res, strings.TrimSuffix(path.Base(res), path.Ext(res))})
			}
		}
	}
	if len(items) == 0 {
		return "", errorf(c, "put images beside the post's index.md, or list them between {{< gallery >}} and {{< /gallery >}}", "gallery: no images to show")
	}
	label := c.String("title")
	if label == "" {
		label = "사진 " + strconv.Itoa(len(items)) + "장"
	}
	var b strings.Builder
	b.WriteString(`<ul class="gallery"`)
	attr(&b, "aria-label", label)
	b.WriteString(">\n")
	for _, it := range items {
		u := string(util.URLEscape([]byte(it.src), true)) // "올레 길.png": no space in a URL
		b.WriteString("<li><a")
		urlAttr(&b, "href", u)
		b.WriteString("><img")
		urlAttr(&b, "src", u)
		b.WriteString(` alt="` + html.EscapeString(it.alt) + `"`)
		if ctx.Image != nil {
			if img := ctx.Image(it.src); img != nil && img.Width > 0 {
				attr(&b, "width", strconv.Itoa(img.Width))
				attr(&b, "height", strconv.Itoa(img.Height))
				if len(img.Srcset) > 1 {
					attr(&b, "srcset", srcset(img.Srcset))
					attr(&b, "sizes", "(max-width: 760px) 50vw, 250px")
				}
			}
		}
		b.WriteString(` loading="lazy" decoding="async"></a></li>` + "\n")
	}
	b.WriteString("</ul>\n")
	return b.String(), nil
}
