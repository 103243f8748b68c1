package markdown

import (
	"bytes"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/microcosm-cc/bluemonday"
	"github.com/tdewolff/parse/v2"
	htmllex "github.com/tdewolff/parse/v2/html"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// Warning is a problem in a body that does not stop it from rendering,
// such as raw HTML the sanitiser removed.
type Warning struct {
	Line int // 1-based line in the file (Context.LineOffset added)
	Msg  string
	Hint string
}

// blogPolicy is what raw HTML in a post may hold when the site does not
// set unsafe = true: the markup a blog post needs (line breaks, spans,
// marks, sup/sub, kbd, details, asides, figures, images, audio and video,
// tables, classes and ids) and the markup geul itself writes around it
// (heading anchors, code blocks, footnotes, task lists). Scripts, styles,
// iframes, forms, event handlers and javascript: URLs never pass; the
// embed shortcodes write their iframes after the sanitiser has run.
//
// bluemonday is used rather than a hand-written filter: HTML parsing is
// where filters are broken, and bluemonday is well kept and widely used.
func blogPolicy() *bluemonday.Policy {
	p := bluemonday.NewPolicy()
	// http, https, mailto, tel and relative URLs; no javascript:. Not
	// AllowStandardURLs, which also adds rel="nofollow" to every link.
	p.RequireParseableURLs(true)
	p.AllowRelativeURLs(true)
	p.AllowURLSchemes("http", "https", "mailto", "tel")
	p.AllowElements("a", "abbr", "article", "aside", "b", "bdi", "bdo", "blockquote", "br", "caption",
		"cite", "code", "col", "colgroup", "dd", "del", "details", "dfn", "div", "dl", "dt", "em",
		"figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr",
		"i", "ins", "kbd", "li", "mark", "ol", "p", "picture", "pre", "q", "rp", "rt", "ruby", "s", "samp",
		"section", "small", "span", "strike", "strong", "sub", "summary", "sup", "table", "tbody", "td",
		"tfoot", "th", "thead", "time", "tr", "u", "ul", "var", "wbr", "center", "nav", "main")
	p.AllowAttrs("class", "id", "title", "lang", "dir", "role", "aria-label", "aria-hidden", "aria-describedby").Globally()
	p.AllowAttrs("href", "name", "target", "rel", "hreflang").OnElements("a")
	p.AllowAttrs("src", "alt", "width", "height", "loading", "decoding", "srcset", "sizes").OnElements("img")
	p.AllowImages()
	p.AllowAttrs("srcset", "media", "type", "src").OnElements("source")
	p.AllowElements("source")
	p.AllowAttrs("src", "controls", "width", "height", "poster", "loop", "muted", "playsinline", "preload").OnElements("video", "audio")
	p.AllowElements("video", "audio")
	p.AllowAttrs("colspan", "rowspan", "align", "scope").OnElements("td", "th")
	// Inline styles that only change how text and boxes look; not
	// position, which could lay a box over the page's own.
	p.AllowStyles("text-align", "color", "background-color", "font-size", "font-weight", "font-style",
		"text-decoration", "width", "max-width", "height", "max-height", "margin", "margin-top", "margin-bottom",
		"margin-left", "margin-right", "padding", "padding-top", "padding-bottom", "padding-left", "padding-right",
		"border", "border-radius", "float", "clear", "vertical-align", "white-space").Globally()
	p.AllowAttrs("start", "type", "reversed").OnElements("ol")
	p.AllowAttrs("value").OnElements("li")
	p.AllowAttrs("open").OnElements("details")
	p.AllowAttrs("datetime").OnElements("time", "del", "ins")
	p.AllowAttrs("cite").OnElements("blockquote", "q", "del", "ins")
	p.AllowAttrs("data-lang", "tabindex").OnElements("pre")
	p.AllowAttrs("type").Matching(regexp.MustCompile(`^checkbox$`)).OnElements("input")
	p.AllowAttrs("checked", "disabled").OnElements("input")
	p.AllowElements("input")
	p.AllowAttrs("align").OnElements("p", "div", "img")
	return p
}

// sanitizer renders raw HTML through blogPolicy. It replaces goldmark's
// renderers for HTML blocks and inline HTML (which, in safe mode, drop the
// HTML and keep nothing), so that geul's own markup around them is left
// as it is, and each node's line is known for the warning.
type sanitizer struct{ policy *bluemonday.Policy }

func (s *sanitizer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindHTMLBlock, s.renderBlock)
	reg.Register(ast.KindRawHTML, s.renderInline)
}

func (s *sanitizer) renderBlock(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		s.write(w, src, node, htmlBlockValue(node.(*ast.HTMLBlock), src))
	}
	return ast.WalkSkipChildren, nil
}

func (s *sanitizer) renderInline(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		s.write(w, src, node, rawHTMLValue(node.(*ast.RawHTML), src))
	}
	return ast.WalkSkipChildren, nil
}

// write writes the sanitised raw HTML, and notes in w (when it is Render's
// outBuf) what the sanitiser removed.
func (s *sanitizer) write(w util.BufWriter, src []byte, node ast.Node, raw []byte) {
	out := s.policy.SanitizeBytes(raw)
	ob, ok := w.(*outBuf)
	st := (*renderState)(nil)
	if ok {
		st = ob.st
	}
	if st != nil && node.Kind() == ast.KindRawHTML {
		// An inline tag is a node of its own: the end tag of a start tag
		// the sanitiser removed goes too.
		if name, end := tagName(raw); name != "" {
			switch {
			case !end && len(out) == 0:
				if st.dropped == nil {
					st.dropped = map[string]int{}
				}
				st.dropped[name]++
			case end && st.dropped[name] > 0:
				st.dropped[name]--
				out = nil
			}
		}
	}
	_, _ = w.Write(out)
	if st == nil || len(out) == len(raw) && string(out) == string(raw) {
		return
	}
	if removed := removedMarkup(raw, out); len(removed) > 0 {
		st.warnings = append(st.warnings, sanitizeWarning(st.line(lineOf(node, src)), removed))
	}
}

// tagName returns the lowercased name of the tag raw is, and whether it
// is an end tag; "" when raw is not one tag.
func tagName(raw []byte) (name string, end bool) {
	if len(raw) < 3 || raw[0] != '<' || raw[len(raw)-1] != '>' {
		return "", false
	}
	s := raw[1:]
	if s[0] == '/' {
		end, s = true, s[1:]
	}
	i := 0
	for i < len(s) && ('a' <= s[i]|0x20 && s[i]|0x20 <= 'z' || i > 0 && '0' <= s[i] && s[i] <= '9') {
		i++
	}
	return strings.ToLower(string(s[:i])), end
}

// removedMarkup lists the elements ("<script>") and attributes ("onclick=",
// "href=javascript:") in before that after has fewer of.
func removedMarkup(before, after []byte) []string {
	b, a := markupOf(before), markupOf(after)
	var removed []string
	for k, n := range b {
		if n > a[k] {
			removed = append(removed, k)
		}
	}
	sort.Strings(removed)
	return removed
}

// sanitizeWarning is the warning for raw HTML that lost removed at line.
func sanitizeWarning(line int, removed []string) Warning {
	return Warning{Line: line,
		Msg:  "raw HTML removed: " + strings.Join(removed, ", "),
		Hint: "raw HTML is kept only where it is safe; write it in Markdown, use a shortcode, or set unsafe = true in config.toml if you trust every post"}
}

// markupOf counts the elements ("<script>"), attributes ("onclick=",
// "href=javascript:") and style properties ("style position:") in html.
func markupOf(html []byte) map[string]int {
	counts := map[string]int{}
	l := htmllex.NewLexer(parse.NewInputBytes(html))
	tag := ""
	for {
		tt, _ := l.Next()
		switch tt {
		case htmllex.ErrorToken:
			return counts
		case htmllex.StartTagToken:
			tag = strings.ToLower(string(l.Text()))
			counts["<"+tag+">"]++
		case htmllex.AttributeToken:
			name := strings.ToLower(string(l.Text()))
			val := bytes.ToLower(bytes.Trim(l.AttrVal(), `"'`))
			k := name + "="
			if bytes.HasPrefix(bytes.TrimSpace(val), []byte("javascript:")) {
				k = fmt.Sprintf("%s=javascript:", name)
			}
			counts[k]++
			if name == "style" {
				for _, decl := range bytes.Split(val, []byte(";")) {
					if prop, _, ok := bytes.Cut(decl, []byte(":")); ok {
						counts["style "+string(bytes.TrimSpace(prop))+":"]++
					}
				}
			}
		}
	}
}
