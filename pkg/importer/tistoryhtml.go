package importer

import (
	"io/fs"
	"net/url"
	"path"
	"regexp"
	"strings"

	"github.com/JohannesKaufmann/html-to-markdown/v2/converter"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/base"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/commonmark"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/strikethrough"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/table"
	"golang.org/x/net/html"
	"golang.org/x/text/unicode/norm"
)

// tistoryConverter turns the body of one Tistory post into Markdown and
// collects the files it uses into the post's bundle.
type tistoryConverter struct {
	fsys    fs.FS
	dir     string // the post folder in fsys
	post    *post
	problem func(format string, args ...any)

	files map[string]string // NFC path in fsys → name in the bundle
}

// newMarkdownConverter is html-to-markdown with GitHub's tables and
// strikethrough and the rules for the Tistory editor's markup.
func newMarkdownConverter() *converter.Converter {
	conv := converter.NewConverter(converter.WithPlugins(
		base.NewBasePlugin(),
		commonmark.NewCommonmarkPlugin(commonmark.WithHorizontalRule("---")),
		table.NewTablePlugin(table.WithHeaderPromotion(true), table.WithSpanCellBehavior(table.SpanBehaviorMirror)),
		strikethrough.NewStrikethroughPlugin(),
	))
	conv.Register.RendererFor("figure", converter.TagTypeBlock, renderFigure, converter.PriorityEarly)
	conv.Register.RendererFor("div", converter.TagTypeBlock, renderFold, converter.PriorityEarly)
	conv.Register.RendererFor("geul-shortcode", converter.TagTypeBlock, renderShortcode, converter.PriorityEarly)
	// Video and audio stay HTML, which geul's sanitiser keeps.
	conv.Register.RendererFor("video", converter.TagTypeBlock, renderRawHTML, converter.PriorityEarly)
	conv.Register.RendererFor("audio", converter.TagTypeBlock, renderRawHTML, converter.PriorityEarly)
	return conv
}

func (c *tistoryConverter) convert(body *html.Node) (string, error) {
	c.collectFiles()
	c.tidy(body)
	md, err := newMarkdownConverter().ConvertNode(body)
	if err != nil {
		return "", err
	}
	return string(md), nil
}

// collectFiles puts every file of the post folder but the HTML into the
// bundle: images in img/ and any attachment beside them.
func (c *tistoryConverter) collectFiles() {
	c.files = map[string]string{}
	used := map[string]bool{}
	_ = fs.WalkDir(c.fsys, c.dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.EqualFold(path.Ext(p), ".html") {
			return nil
		}
		name := norm.NFC.String(d.Name())
		if used[name] || name == "index.md" {
			name = strings.ReplaceAll(norm.NFC.String(strings.TrimPrefix(p, c.dir+"/")), "/", "-")
		}
		used[name] = true
		c.files[norm.NFC.String(p)] = name
		c.post.files = append(c.post.files, file{name: name, from: p})
		return nil
	})
}

// local returns the bundle name of a relative src or href, "" when it is
// not a local file, and whether it is local but missing.
func (c *tistoryConverter) local(ref string) (name string, missing bool) {
	if ref == "" || strings.HasPrefix(ref, "#") || strings.HasPrefix(ref, "/") {
		return "", false
	}
	u, err := url.Parse(ref)
	if err != nil || u.Scheme != "" || u.Host != "" {
		return "", false
	}
	p := path.Join(c.dir, u.Path)
	if n, ok := c.files[norm.NFC.String(p)]; ok {
		return n, false
	}
	return "", true
}

var (
	youtubeEmbed = regexp.MustCompile(`(?:youtube(?:-nocookie)?\.com/embed/|youtu\.be/)([A-Za-z0-9_-]{6,})`)
	vimeoEmbed   = regexp.MustCompile(`player\.vimeo\.com/video/(\d+)`)
)

// tidy rewrites the editor's markup in place into plain HTML the converter
// knows, and drops the editor's noise.
func (c *tistoryConverter) tidy(body *html.Node) {
	remote := 0
	cover := ""
	for _, n := range findAll(body, func(n *html.Node) bool {
		switch n.Data {
		case "script", "style", "noscript":
			return true
		}
		return hasClass(n, "btn-toggle-moreless") || hasClass(n, "og-host")
	}) {
		remove(n)
	}
	for _, img := range findAll(body, byTag("img")) {
		src := attr(img, "src")
		name, missing := c.local(src)
		switch {
		case missing:
			c.problem("image %s missing; left out", src)
			remove(img)
		case name != "":
			setAttr(img, "src", name)
			if cover == "" {
				cover = name
			}
		case strings.HasPrefix(src, "http"):
			remote++
		}
	}
	for _, a := range findAll(body, byTag("a")) {
		if name, missing := c.local(attr(a, "href")); name != "" {
			setAttr(a, "href", name)
		} else if missing {
			c.problem("link to %s: no such file in the post folder; the link was kept as it is", attr(a, "href"))
		}
	}
	if remote > 0 {
		c.problem("%d %s on another server (not in the backup) kept as links; save them beside the post if that server may close", remote, plural(remote, "image", "images"))
	}
	c.post.cover = cover
	for _, cs := range findAll(body, byClass("colorscripter-code")) {
		c.colorScripter(cs)
	}
	for _, pre := range findAll(body, byTag("pre")) {
		lang := strings.ToLower(attr(pre, "data-ke-language"))
		if lang == "" || lang == "plain" || lang == "plaintext" {
			lang = "text"
		}
		code := find(pre, byTag("code"))
		if code == nil {
			// <pre> without <code>: wrap the children so the converter makes a fence.
			code = &html.Node{Type: html.ElementNode, Data: "code"}
			for ch := pre.FirstChild; ch != nil; {
				next := ch.NextSibling
				pre.RemoveChild(ch)
				code.AppendChild(ch)
				ch = next
			}
			pre.AppendChild(code)
		}
		if attr(pre, "data-ke-language") != "" || !strings.Contains(attr(code, "class"), "language-") {
			setAttr(code, "class", "language-"+lang)
		}
	}
	// A file block is an attachment: a link to it.
	for _, f := range findAll(body, func(n *html.Node) bool { return n.Data == "figure" && attr(n, "data-ke-type") == "file" }) {
		if a := find(f, byTag("a")); a != nil {
			para := &html.Node{Type: html.ElementNode, Data: "p"}
			a.Parent.RemoveChild(a)
			para.AppendChild(a)
			f.Parent.InsertBefore(para, f)
			remove(f)
		}
	}
	// Media the Markdown cannot hold (Kakao TV, file blocks, video,
	// audio): said, not silently dropped.
	for _, n := range findAll(body, func(n *html.Node) bool {
		switch n.Data {
		case "object", "embed":
			return true
		case "figure":
			t := attr(n, "data-ke-type")
			return t != "" && t != "opengraph" && t != "horizontalRule" && find(n, byTag("img")) == nil
		}
		return false
	}) {
		what := n.Data
		if t := attr(n, "data-ke-type"); t != "" {
			what = t
		}
		src := firstNonEmpty(attr(n, "src"), attr(n, "data-video-url"), attr(n, "data-url"))
		if src == "" {
			if s := find(n, func(x *html.Node) bool { return attr(x, "src") != "" || attr(x, "href") != "" }); s != nil {
				src = attr(s, "src") + attr(s, "href")
			}
		}
		if strings.HasPrefix(src, "http://") || strings.HasPrefix(src, "https://") {
			// A link to it keeps what the block showed within reach.
			a := &html.Node{Type: html.ElementNode, Data: "a", Attr: []html.Attribute{{Key: "href", Val: src}}}
			a.AppendChild(&html.Node{Type: html.TextNode, Data: src})
			para := &html.Node{Type: html.ElementNode, Data: "p"}
			para.AppendChild(a)
			n.Parent.InsertBefore(para, n)
			c.problem("a %s block became a link to %s: geul cannot embed it", what, src)
		} else {
			c.problem("a %s block left out: Markdown cannot hold it; add a link or the file by hand", what)
		}
		remove(n)
	}
	for _, f := range findAll(body, byTag("iframe")) {
		sc := ""
		if m := youtubeEmbed.FindStringSubmatch(attr(f, "src")); m != nil {
			sc = "{{< youtube " + m[1] + " >}}"
		} else if m := vimeoEmbed.FindStringSubmatch(attr(f, "src")); m != nil {
			sc = "{{< vimeo " + m[1] + " >}}"
		}
		if v := kakaoVideo(attr(f, "src")); v != "" {
			sc = "<" + v + ">"
			c.problem("a Kakao TV player became a link to %s: geul cannot embed it", v)
		}
		if sc != "" {
			f.Parent.InsertBefore(&html.Node{Type: html.ElementNode, Data: "geul-shortcode", Attr: []html.Attribute{{Key: "text", Val: sc}}}, f)
			remove(f)
			continue
		}
		c.problem("embedded frame %s left out: geul has no shortcode for it; add a link by hand", attr(f, "src"))
		remove(f)
	}
	// Spacer paragraphs: only white space and &nbsp;.
	for _, p := range findAll(body, byTag("p")) {
		if textOf(p) == "" && find(p, func(n *html.Node) bool { return n.Data == "img" || n.Data == "geul-shortcode" }) == nil {
			remove(p)
		}
	}
}

// renderFigure renders the editor's figures: images (with a caption, the
// figure shortcode), link cards (a link with its title and description)
// and the older figure form of a rule.
func renderFigure(ctx converter.Context, w converter.Writer, n *html.Node) converter.RenderStatus {
	switch attr(n, "data-ke-type") {
	case "opengraph":
		link := attr(n, "data-og-url")
		if link == "" {
			link = attr(n, "data-og-source-url")
		}
		if a := find(n, byTag("a")); link == "" && a != nil {
			link = attr(a, "href")
		}
		title := attr(n, "data-og-title")
		if title == "" {
			if t := find(n, byClass("og-title")); t != nil {
				title = textOf(t)
			}
		}
		if title == "" {
			title = link
		}
		desc := attr(n, "data-og-description")
		w.WriteString("\n\n[" + escapeLinkText(title) + "](" + link + ")")
		if desc != "" {
			w.WriteString("  \n" + escapeLinkText(desc))
		}
		w.WriteString("\n\n")
		return converter.RenderSuccess
	case "horizontalRule":
		w.WriteString("\n\n---\n\n")
		return converter.RenderSuccess
	}
	imgs := findAll(n, byTag("img"))
	if len(imgs) == 0 {
		return converter.RenderTryNext
	}
	caption := ""
	if fc := find(n, byTag("figcaption")); fc != nil {
		caption = textOf(fc)
	}
	w.WriteString("\n\n")
	for i, img := range imgs {
		src, alt := attr(img, "src"), attr(img, "alt")
		if i > 0 {
			w.WriteString("\n\n")
		}
		if caption != "" && i == len(imgs)-1 {
			if alt == "" {
				alt = caption
			}
			w.WriteString(figureShortcode(src, alt, caption, nil))
			continue
		}
		w.WriteString("![" + escapeLinkText(alt) + "](" + markdownURL(src) + ")")
	}
	w.WriteString("\n\n")
	return converter.RenderSuccess
}

// renderFold renders a fold, div[data-ke-type=moreLess], as <details>
// with its button's text as the summary.
func renderFold(ctx converter.Context, w converter.Writer, n *html.Node) converter.RenderStatus {
	if attr(n, "data-ke-type") != "moreLess" {
		return converter.RenderTryNext
	}
	summary := attr(n, "data-text-more")
	if summary == "" {
		summary = "더보기"
	}
	content := find(n, byClass("moreless-content"))
	if content == nil {
		content = n
	}
	w.WriteString("\n\n<details>\n<summary>" + html.EscapeString(summary) + "</summary>\n\n")
	ctx.RenderChildNodes(ctx, w, content)
	w.WriteString("\n\n</details>\n\n")
	return converter.RenderSuccess
}

func renderRawHTML(ctx converter.Context, w converter.Writer, n *html.Node) converter.RenderStatus {
	var b strings.Builder
	if err := html.Render(&b, n); err != nil {
		return converter.RenderTryNext
	}
	w.WriteString("\n\n" + b.String() + "\n\n")
	return converter.RenderSuccess
}

func renderShortcode(ctx converter.Context, w converter.Writer, n *html.Node) converter.RenderStatus {
	w.WriteString("\n\n" + attr(n, "text") + "\n\n")
	return converter.RenderSuccess
}

// figureShortcode is {{< figure src="…" alt="…" caption="…" >}}, with
// extra attributes (width, class) in the given order.
func figureShortcode(src, alt, caption string, extra [][2]string) string {
	var b strings.Builder
	b.WriteString(`{{< figure src=` + shortcodeQuote(src))
	if alt != "" {
		b.WriteString(` alt=` + shortcodeQuote(alt))
	}
	if caption != "" {
		b.WriteString(` caption=` + shortcodeQuote(caption))
	}
	for _, kv := range extra {
		b.WriteString(" " + kv[0] + "=" + shortcodeQuote(kv[1]))
	}
	b.WriteString(` >}}`)
	return b.String()
}

func shortcodeQuote(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

func escapeLinkText(s string) string {
	return strings.NewReplacer(`\`, `\\`, `[`, `\[`, `]`, `\]`, `*`, `\*`, `_`, `\_`, "`", "\\`").Replace(s)
}

// markdownURL makes a link destination safe in Markdown: spaces and
// parentheses escaped, the rest (Hangul too) as it is.
func markdownURL(s string) string {
	return strings.NewReplacer(" ", "%20", "(", "%28", ")", "%29").Replace(s)
}

// colorScripter turns an old ColorScripter code block (a table: line
// numbers in one cell, one div per line of code in the next) into a
// <pre><code> block. ColorScripter does not record the language.
func (c *tistoryConverter) colorScripter(n *html.Node) {
	cells := findAll(n, byTag("td"))
	if len(cells) == 0 {
		return
	}
	code := cells[len(cells)-1]
	var lines []string
	divs := findAll(code, func(d *html.Node) bool {
		return d.Data == "div" && find(d, func(x *html.Node) bool { return x != d && x.Data == "div" }) == nil
	})
	for _, d := range divs {
		if find(d, byTag("a")) != nil {
			continue // ColorScripter's own credit link
		}
		lines = append(lines, strings.ReplaceAll(rawText(d), "\u00a0", " "))
	}
	if len(divs) == 0 {
		lines = strings.Split(rawText(code), "\n")
	}
	pre := &html.Node{Type: html.ElementNode, Data: "pre"}
	cn := &html.Node{Type: html.ElementNode, Data: "code"}
	cn.AppendChild(&html.Node{Type: html.TextNode, Data: strings.Join(lines, "\n")})
	pre.AppendChild(cn)
	n.Parent.InsertBefore(pre, n)
	remove(n)
}

// rawText is the text of n as it is, white space kept.
func rawText(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch {
		case n.Type == html.TextNode:
			b.WriteString(n.Data)
		case n.Type == html.ElementNode && n.Data == "br":
			b.WriteString("\n")
		}
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			walk(ch)
		}
	}
	walk(n)
	return b.String()
}
