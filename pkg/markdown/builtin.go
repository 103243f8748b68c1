package markdown

import (
	"fmt"
	"html"
	"regexp"
	"sort"
	"strconv"
	"strings"

	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/yuin/goldmark/text"

	"github.com/geul-blog/geul/pkg/shortcode"
)

// builtin is a shortcode geul knows without a template, with Hugo's
// parameters. A site's layouts/shortcodes/NAME.html replaces it.
type builtin func(r *Renderer, c *shortcode.Call, ctx *Context) (string, error)

var builtins map[string]builtin

func init() {
	builtins = map[string]builtin{
		"figure":    figure,
		"youtube":   youtube,
		"vimeo":     vimeo,
		"x":         xPost,
		"tweet":     xPost,
		"twitter":   xPost,
		"gist":      gist,
		"instagram": instagram,
		"highlight": highlightShortcode,
		"details":   details,
		"ref":       func(_ *Renderer, c *shortcode.Call, ctx *Context) (string, error) { return ref(c, ctx, true) },
		"relref":    func(_ *Renderer, c *shortcode.Call, ctx *Context) (string, error) { return ref(c, ctx, false) },
		"param":     param,
		"notice":    notice,
		"gallery":   gallery,
	}
}

func builtinNames() string {
	names := make([]string, 0, len(builtins))
	for n := range builtins {
		names = append(names, n)
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

// arg returns the named parameter, or for positional ones the one at pos
// (-1: none).
func arg(c *shortcode.Call, name string, pos int) string {
	if c.IsNamedParams() || pos < 0 {
		return c.String(name)
	}
	return c.String(pos)
}

func errorf(c *shortcode.Call, hint, format string, args ...any) error {
	return &shortcode.Error{Line: c.Line, Msg: fmt.Sprintf(format, args...), Hint: hint}
}

// attr writes ` name="value"` when value is not empty.
func attr(b *strings.Builder, name, value string) {
	if value != "" {
		fmt.Fprintf(b, ` %s="%s"`, name, html.EscapeString(value))
	}
}

// urlAttr is attr for a URL: a javascript: (or other dangerous) URL is left out.
func urlAttr(b *strings.Builder, name, value string) {
	if !isDangerous([]byte(value)) {
		attr(b, name, value)
	}
}

// figure is Hugo's figure: an image with an optional link, title, caption
// (Markdown) and attribution.
func figure(r *Renderer, c *shortcode.Call, ctx *Context) (string, error) {
	src := c.String("src")
	if src == "" || isDangerous([]byte(src)) {
		return "", errorf(c, `write {{< figure src="image.png" caption="…" >}}`, "figure: src %q is not an image URL", src)
	}
	var b strings.Builder
	b.WriteString("<figure")
	attr(&b, "class", c.String("class"))
	b.WriteString(">")
	link := c.String("link")
	if link != "" {
		b.WriteString("<a")
		urlAttr(&b, "href", link)
		attr(&b, "target", c.String("target"))
		attr(&b, "rel", c.String("rel"))
		b.WriteString(">")
	}
	caption, err := r.inlineMarkdown(c.String("caption"))
	if err != nil {
		return "", err
	}
	alt := c.String("alt")
	if alt == "" && caption != "" {
		alt = html.UnescapeString(shortcode.StripTags(caption))
	}
	b.WriteString("<img")
	urlAttr(&b, "src", src)
	attr(&b, "alt", alt)
	width, height := c.String("width"), c.String("height")
	if img := figureImage(ctx, src); img != nil && width == "" && height == "" {
		// A photo of the bundle: its size and copies, as an image in the
		// Markdown gets them (see Context.Image).
		width, height = strconv.Itoa(img.Width), strconv.Itoa(img.Height)
		if len(img.Srcset) > 1 {
			attr(&b, "srcset", srcset(img.Srcset))
			attr(&b, "sizes", imageSizes)
		}
	}
	attr(&b, "width", width)
	attr(&b, "height", height)
	attr(&b, "loading", c.String("loading"))
	b.WriteString(">")
	if link != "" {
		b.WriteString("</a>")
	}
	title, attrib := c.String("title"), c.String("attr")
	if title != "" || caption != "" || attrib != "" {
		b.WriteString("<figcaption>")
		if title != "" {
			b.WriteString("<h4>" + html.EscapeString(title) + "</h4>")
		}
		if caption != "" || attrib != "" {
			b.WriteString("<p>" + caption)
			if attrib != "" {
				a, err := r.inlineMarkdown(attrib)
				if err != nil {
					return "", err
				}
				if caption != "" {
					b.WriteString(" ")
				}
				if al := c.String("attrlink"); al != "" && !isDangerous([]byte(al)) {
					a = `<a href="` + html.EscapeString(al) + `">` + a + "</a>"
				}
				b.WriteString(a)
			}
			b.WriteString("</p>")
		}
		b.WriteString("</figcaption>")
	}
	b.WriteString("</figure>")
	return b.String(), nil
}

// figureImage is what ctx.Image knows of a figure's image, or nil.
func figureImage(ctx *Context, src string) *Image {
	if ctx == nil || ctx.Image == nil {
		return nil
	}
	if img := ctx.Image(src); img != nil && img.Width > 0 && img.Height > 0 {
		return img
	}
	return nil
}

// inlineMarkdown renders a short Markdown string, such as a caption.
func (r *Renderer) inlineMarkdown(s string) (string, error) {
	if s == "" {
		return "", nil
	}
	return r.Markdownify(s)
}

var (
	youtubeID = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)
	numericID = regexp.MustCompile(`^[0-9]{1,32}$`)
	gistPart  = regexp.MustCompile(`^[A-Za-z0-9_.-]{1,128}$`)
)

// embedStyle makes an iframe as wide as the text, 16:9, with no border.
const embedStyle = "aspect-ratio: 16 / 9; width: 100%; height: auto; border: 0"

// iframe writes a lazy-loading, titled video player.
func iframe(class, src, title, allow, loading string) string {
	if loading == "" {
		loading = "lazy"
	}
	var b strings.Builder
	b.WriteString(`<div class="embed ` + class + `"><iframe`)
	attr(&b, "src", src)
	attr(&b, "title", title)
	attr(&b, "loading", loading)
	attr(&b, "allow", allow)
	b.WriteString(` referrerpolicy="strict-origin-when-cross-origin" allowfullscreen style="` + embedStyle + `"></iframe></div>`)
	return b.String()
}

// youtube is Hugo's youtube, from youtube-nocookie.com: {{< youtube ID >}}
// or {{< youtube id=ID title="…" start=30 autoplay=true >}}.
func youtube(_ *Renderer, c *shortcode.Call, _ *Context) (string, error) {
	id := arg(c, "id", 0)
	if !youtubeID.MatchString(id) {
		return "", errorf(c, "write {{< youtube VIDEO_ID >}}, the id from the video's URL (watch?v=VIDEO_ID)", "youtube: %q is not a video id", id)
	}
	q := []string{}
	if v := c.String("autoplay"); v == "true" || v == "1" {
		q = append(q, "autoplay=1")
	}
	for _, k := range []string{"start", "end"} {
		if v := c.String(k); v != "" {
			if _, err := strconv.Atoi(v); err != nil {
				return "", errorf(c, "give the time in seconds", "youtube: %s=%q is not a number of seconds", k, v)
			}
			q = append(q, k+"="+v)
		}
	}
	if v := c.String("mute"); v == "true" || v == "1" {
		q = append(q, "mute=1")
	}
	if v := c.String("loop"); v == "true" || v == "1" {
		q = append(q, "loop=1&playlist="+id)
	}
	if v := c.String("controls"); v == "false" || v == "0" {
		q = append(q, "controls=0")
	}
	src := "https://www.youtube-nocookie.com/embed/" + id
	if len(q) > 0 {
		src += "?" + strings.Join(q, "&")
	}
	title := c.String("title")
	if title == "" {
		title = "YouTube video"
	}
	class := "embed-youtube"
	if v := c.String("class"); v != "" {
		class += " " + html.EscapeString(v)
	}
	return iframe(class, src, title, "accelerometer; autoplay; clipboard-write; encrypted-media; gyroscope; picture-in-picture; web-share", c.String("loading")), nil
}

// vimeo is Hugo's vimeo, with Vimeo's do-not-track flag: {{< vimeo ID >}}.
func vimeo(_ *Renderer, c *shortcode.Call, _ *Context) (string, error) {
	id := arg(c, "id", 0)
	if !numericID.MatchString(id) {
		return "", errorf(c, "write {{< vimeo VIDEO_ID >}}, the number at the end of the video's URL", "vimeo: %q is not a video id", id)
	}
	title := c.String("title")
	if title == "" {
		title = "Vimeo video"
	}
	class := "embed-vimeo"
	if v := c.String("class"); v != "" {
		class += " " + html.EscapeString(v)
	}
	return iframe(class, "https://player.vimeo.com/video/"+id+"?dnt=1", title, "autoplay; fullscreen; picture-in-picture", c.String("loading")), nil
}

// xPost is Hugo's x and tweet as a static link card: no script from X and
// nothing fetched at build time. {{< x user="golang" id="123" >}}.
func xPost(_ *Renderer, c *shortcode.Call, _ *Context) (string, error) {
	user, id := c.String("user"), c.String("id")
	if !c.IsNamedParams() {
		id = c.String(0)
	}
	if !numericID.MatchString(id) || user != "" && !gistPart.MatchString(user) {
		return "", errorf(c, fmt.Sprintf(`write {{< %s user="NAME" id="POST_ID" >}}, from the post's URL x.com/NAME/status/POST_ID`, c.Name), "%s: user %q, id %q is not a post", c.Name, user, id)
	}
	who := "i"
	if user != "" {
		who = user
	}
	u := "https://x.com/" + who + "/status/" + id
	label := "x.com/" + who + "/status/" + id
	if user != "" {
		label = "@" + user + " · " + label
	}
	return `<blockquote class="embed embed-x"><p><a href="` + html.EscapeString(u) + `">` + html.EscapeString(label) + `</a></p></blockquote>`, nil
}

// gist is Hugo's gist as a static link card: {{< gist USER ID [FILE] >}}.
func gist(_ *Renderer, c *shortcode.Call, _ *Context) (string, error) {
	user, id, file := arg(c, "user", 0), arg(c, "id", 1), arg(c, "file", 2)
	if !gistPart.MatchString(user) || !gistPart.MatchString(id) || file != "" && !gistPart.MatchString(file) {
		return "", errorf(c, "write {{< gist USER GIST_ID [FILE] >}}, from the URL gist.github.com/USER/GIST_ID", "gist: user %q, id %q, file %q is not a gist", user, id, file)
	}
	u := "https://gist.github.com/" + user + "/" + id
	label := "gist.github.com/" + user + "/" + id
	if file != "" {
		u += "#file-" + strings.ToLower(strings.ReplaceAll(file, ".", "-"))
		label += " · " + file
	}
	return `<blockquote class="embed embed-gist"><p><a href="` + html.EscapeString(u) + `">` + html.EscapeString(label) + `</a></p></blockquote>`, nil
}

// instagram is Hugo's instagram as a static link card: {{< instagram ID >}}.
func instagram(_ *Renderer, c *shortcode.Call, _ *Context) (string, error) {
	id := arg(c, "id", 0)
	if !youtubeID.MatchString(id) {
		return "", errorf(c, "write {{< instagram POST_ID >}}, from the post's URL instagram.com/p/POST_ID", "instagram: %q is not a post id", id)
	}
	u := "https://www.instagram.com/p/" + id + "/"
	return `<blockquote class="embed embed-instagram"><p><a href="` + u + `">instagram.com/p/` + id + `</a></p></blockquote>`, nil
}

// details is Hugo's details: a disclosure with a Markdown summary and body.
func details(r *Renderer, c *shortcode.Call, _ *Context) (string, error) {
	if !c.Closed {
		return "", errorf(c, "end it with {{< /details >}}", "details is not closed")
	}
	summary := c.String("summary")
	if summary == "" {
		summary = "Details"
	}
	sum, err := r.inlineMarkdown(summary)
	if err != nil {
		return "", err
	}
	body, err := r.fragment([]byte(shortcode.Deindent(c.Inner)))
	if err != nil {
		return "", err
	}
	var b strings.Builder
	b.WriteString("<details")
	attr(&b, "class", c.String("class"))
	attr(&b, "name", c.String("name"))
	if v := c.String("open"); v == "true" || v == "1" {
		b.WriteString(" open")
	}
	attr(&b, "title", c.String("title"))
	b.WriteString("><summary>" + sum + "</summary>\n")
	b.Write(body)
	b.WriteString("</details>\n")
	return b.String(), nil
}

// fragment renders Markdown inside a shortcode (its shortcodes already
// expanded), sanitised like the page's.
func (r *Renderer) fragment(src []byte) ([]byte, error) {
	src = validUTF8(src)
	doc := r.parse(src, nil)
	prepare(doc, src, Context{}, r.opts.headingIDs)
	var out outBuf
	if err := r.md.Renderer().Render(&out, src, doc); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// ref and relref give the URL of another page: absolute for ref, site-
// relative for relref. A missing page is an error.
func ref(c *shortcode.Call, ctx *Context, absolute bool) (string, error) {
	target := arg(c, "path", 0)
	if target == "" {
		return "", errorf(c, fmt.Sprintf(`write {{< %s "posts/other.md" >}}`, c.Name), "%s has no target", c.Name)
	}
	if ctx.Ref == nil {
		return "", errorf(c, "", "%s %q: no site to look the page up in", c.Name, target)
	}
	page, frag, hasFrag := strings.Cut(target, "#")
	rel, abs, err := ctx.Ref(page)
	if err != nil {
		return "", errorf(c, "check the file name under content/; write the path from content/ (\"posts/a.md\") or from this page", "%s %q: %v", c.Name, target, err)
	}
	u := rel
	if absolute {
		u = abs
	}
	if hasFrag {
		u += "#" + frag
	}
	return html.EscapeString(u), nil
}

// param is Hugo's param: a value of the page's front matter, else of the
// site's [params].
func param(_ *Renderer, c *shortcode.Call, ctx *Context) (string, error) {
	key := arg(c, "name", 0)
	if key == "" {
		return "", errorf(c, `write {{< param "key" >}}`, "param has no key")
	}
	if ctx.Param != nil {
		if v, ok := ctx.Param(key); ok {
			return html.EscapeString(fmt.Sprint(v)), nil
		}
	}
	return "", errorf(c, "add it to the page's front matter or to [params] in config.toml", "param %q is not set", key)
}

// highlightShortcode is Hugo's highlight: {{< highlight go "linenos=table,
// hl_lines=2 4-5,linenostart=10" >}}code{{< /highlight >}}. Without
// options it is the same markup as a fenced code block.
func highlightShortcode(r *Renderer, c *shortcode.Call, _ *Context) (string, error) {
	if !c.Closed {
		return "", errorf(c, "end it with {{< /highlight >}}", "highlight is not closed")
	}
	lang := c.String(0)
	code := strings.Trim(shortcode.Deindent(c.Inner), "\n\r") + "\n"
	opts, err := highlightOptions(c.String(1))
	if err != nil {
		return "", errorf(c, `options look like "linenos=table,hl_lines=2 4-5,linenostart=10"`, "highlight: %v", err)
	}
	if len(opts) == 0 {
		var b outBuf
		src := []byte(code)
		lines := text.NewSegments()
		for start := 0; start < len(src); {
			end := start + strings.IndexByte(code[start:], '\n') + 1
			lines.Append(text.NewSegment(start, end))
			start = end
		}
		r.code.render(&b, src, lines, lang, -1)
		return b.String(), nil
	}
	lx := r.code.lexer(lang)
	if lx == nil {
		lx = lexers.Fallback
	}
	it, err := lx.Tokenise(nil, code)
	if err != nil {
		return "", errorf(c, "", "highlight: %v", err)
	}
	var b strings.Builder
	b.WriteString(`<div class="highlight">`)
	if err := chromahtml.New(opts...).Format(&b, r.code.style, it); err != nil {
		return "", errorf(c, "", "highlight: %v", err)
	}
	b.WriteString("</div>\n")
	return b.String(), nil
}

// highlightOptions reads Hugo's highlight options.
func highlightOptions(s string) ([]chromahtml.Option, error) {
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	opts := []chromahtml.Option{chromahtml.WithClasses(true)}
	for _, kv := range strings.Split(s, ",") {
		k, v, _ := strings.Cut(strings.TrimSpace(kv), "=")
		v = strings.Trim(strings.TrimSpace(v), `"`)
		switch strings.ToLower(strings.TrimSpace(k)) {
		case "":
		case "linenos":
			switch v {
			case "table":
				opts = append(opts, chromahtml.WithLineNumbers(true), chromahtml.LineNumbersInTable(true))
			case "true", "inline":
				opts = append(opts, chromahtml.WithLineNumbers(true))
			case "false":
			default:
				return nil, fmt.Errorf("linenos=%q: use table, inline, true or false", v)
			}
		case "hl_lines":
			var ranges [][2]int
			for _, f := range strings.Fields(v) {
				a, z, isRange := strings.Cut(f, "-")
				from, err1 := strconv.Atoi(a)
				to, err2 := from, error(nil)
				if isRange {
					to, err2 = strconv.Atoi(z)
				}
				if err1 != nil || err2 != nil || from < 1 || to < from {
					return nil, fmt.Errorf("hl_lines=%q: use line numbers and ranges such as \"2 4-5\"", v)
				}
				ranges = append(ranges, [2]int{from, to})
			}
			opts = append(opts, chromahtml.HighlightLines(ranges))
		case "linenostart":
			n, err := strconv.Atoi(v)
			if err != nil {
				return nil, fmt.Errorf("linenostart=%q is not a number", v)
			}
			opts = append(opts, chromahtml.BaseLineNumber(n))
		case "anchorlinenos":
			opts = append(opts, chromahtml.WithLinkableLineNumbers(v == "true", ""))
		case "lineanchors":
			opts = append(opts, chromahtml.WithLinkableLineNumbers(true, v))
		case "hl_inline", "style", "noclasses", "guesssyntax", "tabwidth", "wrapperclass":
			// Hugo's: geul always uses classes and its own styles.
		default:
			return nil, fmt.Errorf("unknown option %q", k)
		}
	}
	return opts, nil
}
