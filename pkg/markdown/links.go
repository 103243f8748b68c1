package markdown

import (
	"bytes"
	"net/url"
	"slices"
	"strings"

	"github.com/yuin/goldmark/ast"

	"github.com/geul-blog/geul/pkg/diag"
)

// mdLink splits a link destination that points at a Markdown file relative
// to the current one ("../b.md#part") into the URL-unescaped path
// ("../b.md") and the rest as written ("#part", "?q=1#part"). ok is false
// for absolute URLs, URLs with a scheme, site-absolute paths, fragments and
// any path that does not end in ".md" (in any case).
func mdLink(dest string) (path, suffix string, ok bool) {
	if dest == "" || dest[0] == '/' || dest[0] == '#' || hasScheme(dest) {
		return "", "", false
	}
	path = dest
	if i := strings.IndexAny(dest, "?#"); i >= 0 {
		path, suffix = dest[:i], dest[i:]
	}
	if p, err := url.PathUnescape(path); err == nil {
		path = p
	}
	if len(path) < 3 || !strings.EqualFold(path[len(path)-3:], ".md") {
		return "", "", false
	}
	return path, suffix, true
}

// hasScheme reports whether dest starts with a URL scheme ("https:",
// "mailto:"), as RFC 3986 spells one: a letter, then letters, digits, "+",
// "-" or ".", then ":".
func hasScheme(dest string) bool {
	for i := 0; i < len(dest); i++ {
		c := dest[i]
		switch {
		case 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z':
		case i > 0 && ('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.'):
		case i > 0 && c == ':':
			return true
		default:
			return false
		}
	}
	return false
}

// Ref is a link or an image in a body, for the checks a site build makes
// once every page is rendered: anchors, pages, images, external links.
type Ref struct {
	Dest     string // as written: "../b.md#part", "/about/", "sea.png", "https://…"
	Pos      int    // byte offset in the body; Line turns it into a line
	Image    bool
	BodyLine int // the line in the body, when the body had shortcodes (Pos is -1 then)
}

// Line returns the 1-based line of ref in body (the Markdown Render was
// given). Counting lines only for the refs that have a problem keeps the
// checks cheap.
func (r Ref) Line(body []byte) int {
	if r.BodyLine > 0 {
		return r.BodyLine
	}
	if r.Pos < 0 || r.Pos > len(body) {
		return 0
	}
	return bytes.Count(body[:r.Pos], []byte{'\n'}) + 1
}

// posOf is where inline node n starts in the source: its own position,
// else the first line of the block around it (as lineOf).
func posOf(n ast.Node) int {
	pos := n.Pos()
	if pos < 0 {
		for b := n.Parent(); b != nil; b = b.Parent() {
			if b.Type() == ast.TypeBlock && b.Lines().Len() > 0 {
				return b.Lines().At(0).Start
			}
		}
	}
	return pos
}

// missingPage is the error for a relative .md link that resolves to no
// page of this build: a draft or a future post says so and how to include
// it; a missing file says to check the name.
func missingPage(ctx Context, path string, line int) *diag.Error {
	var why string
	if ctx.LeftOut != nil {
		why = ctx.LeftOut(path)
	}
	switch why {
	case "draft":
		return diag.Errorf(ctx.File, line, "link to %q, which is a draft", path).
			WithHint("publish it (remove draft = true), or build with --drafts (-D) to include drafts")
	case "future post":
		return diag.Errorf(ctx.File, line, "link to %q, which is dated in the future", path).
			WithHint("change its date, or build with --future (-F) to include future posts")
	}
	return diag.Errorf(ctx.File, line, "link to missing page %q", path).WithHint("check the file name, or link to a URL instead")
}

// SplitMDLink is mdLink for the site's checks: the path of a relative link
// to a .md file, URL-unescaped, and the rest as written ("#part").
func SplitMDLink(dest string) (path, suffix string, ok bool) { return mdLink(dest) }

// HasScheme reports whether dest starts with a URL scheme ("https:").
func HasScheme(dest string) bool { return hasScheme(dest) }

// notProseEdge notes where an image or a table starts (entering) or ends
// in the plain text, for Result.NotProse.
func (p *prepared) notProseEdge(entering bool, starts *[]int, at int) {
	if entering {
		*starts = append(*starts, at)
		return
	}
	s := (*starts)[len(*starts)-1]
	*starts = (*starts)[:len(*starts)-1]
	if at > s {
		p.notProse = append(p.notProse, s, at)
	}
}

// Prose is Text without image alt text and table cells: what an automatic
// summary or description is cut from. Word counts use Text. A body with
// nothing else gives Text.
func (r *Result) Prose() string {
	if len(r.NotProse) == 0 {
		return r.Text
	}
	type span struct{ s, e int }
	spans := make([]span, 0, len(r.NotProse)/2)
	for i := 0; i+1 < len(r.NotProse); i += 2 {
		spans = append(spans, span{r.NotProse[i], r.NotProse[i+1]})
	}
	slices.SortFunc(spans, func(a, b span) int { return a.s - b.s })
	var b strings.Builder
	at := 0
	for _, sp := range spans {
		if sp.s > at {
			b.WriteString(r.Text[at:sp.s])
		}
		at = max(at, sp.e)
	}
	if at < len(r.Text) {
		b.WriteString(r.Text[at:])
	}
	if prose := strings.TrimSpace(b.String()); prose != "" {
		return prose
	}
	return r.Text // only pictures and tables: better their words than nothing
}

// fileLink splits the destination of a link or image that may point at a
// file of the site ("img/a%20b.png?v=1") into the URL-unescaped path and
// the rest as written. ok is false for URLs with a scheme, "//host"
// URLs, fragments, links to folders ("../a/") and, for a link, a path
// starting with "/" (a page of the site, not a file beside the post).
func fileLink(dest string, image bool) (path, suffix string, ok bool) {
	if dest == "" || dest[0] == '#' || strings.HasPrefix(dest, "//") || hasScheme(dest) ||
		!image && dest[0] == '/' {
		return "", "", false
	}
	path = dest
	if i := strings.IndexAny(dest, "?#"); i >= 0 {
		path, suffix = dest[:i], dest[i:]
	}
	if p, err := url.PathUnescape(path); err == nil {
		path = p
	}
	if path == "" || strings.HasSuffix(path, "/") || path == "." || path == ".." {
		return "", "", false
	}
	return path, suffix, true
}
