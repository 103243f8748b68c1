package markdown

import (
	"bytes"
	"fmt"
	"strings"
	"unicode"

	"github.com/gohugoio/hugo-goldmark-extensions/passthrough"
	emojiast "github.com/yuin/goldmark-emoji/ast"
	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"

	"github.com/geul-blog/geul/pkg/diag"
)

// prepared is what the one walk over a parsed body found.
type prepared struct {
	toc      []*Heading
	text     string
	errs     diag.List
	warnings []Warning
	images   int // images seen so far
	math     bool
	diagram  bool
	refs     []Ref
	notProse []int // start, end pairs in text: image alt text and tables (Result.NotProse)
}

// prepare walks doc once: it gathers the plain text and the headings,
// rewrites links to .md files, and notes the nodes to change afterwards
// (changing a node's siblings during ast.Walk would end the walk early).
func prepare(doc ast.Node, src []byte, ctx Context, style HeadingIDStyle) *prepared {
	var (
		p        prepared
		text     strings.Builder
		headings []*ast.Heading
		texts    []string // the plain text of each of headings
		hStart   int      // where the current heading's text starts in text
		markers  []ast.Node
		unwrap   []ast.Node
		notMath  []*passthrough.PassthroughInline
		starts   []int // where the open images and tables start in text
	)
	text.Grow(len(src))
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		switch n := n.(type) {
		case *ast.Document:
			return ast.WalkContinue, nil
		case *ast.FencedCodeBlock:
			if entering && isMermaid(n, src) {
				p.diagram = true
			}
			return ast.WalkSkipChildren, nil
		case *ast.CodeBlock:
			return ast.WalkSkipChildren, nil
		case *passthrough.PassthroughInline:
			if entering && !isInlineMath(n, src) {
				notMath = append(notMath, n)
				text.Write(n.Segment.Value(src))
			} else if entering {
				p.math = true // the TeX is no words to count
			}
			return ast.WalkSkipChildren, nil
		case *passthrough.PassthroughBlock:
			p.math = true
			if entering {
				newBlock(&text)
			}
			return ast.WalkSkipChildren, nil
		case *ast.HTMLBlock:
			if entering {
				if isMore(htmlBlockValue(n, src)) {
					markers = append(markers, n)
				}
			}
			return ast.WalkSkipChildren, nil
		case *ast.Heading:
			if entering {
				newBlock(&text)
				hStart = text.Len()
			} else {
				headings = append(headings, n)
				texts = append(texts, strings.TrimSpace(text.String()[hStart:]))
			}
			return ast.WalkContinue, nil
		case *ast.Text:
			if entering {
				writeText(&text, n, src)
			}
		case *ast.String:
			if entering {
				text.Write(n.Value)
			}
		case *emojiast.Emoji:
			if entering {
				text.WriteString(string(n.Value.Unicode))
			}
		case *ast.RawHTML:
			if entering {
				if isMore(rawHTMLValue(n, src)) {
					markers = append(markers, n)
				}
			}
			return ast.WalkSkipChildren, nil
		case *ast.AutoLink:
			if entering {
				text.Write(n.Label(src))
				if isDangerous(n.URL(src)) {
					unwrap = append(unwrap, n)
				}
			}
			return ast.WalkSkipChildren, nil
		case *ast.Link:
			if entering && p.link(n, &n.Destination, src, ctx) {
				unwrap = append(unwrap, n)
			}
		case *ast.Image:
			if entering && p.link(n, &n.Destination, src, ctx) {
				unwrap = append(unwrap, n)
			} else if entering {
				p.image(n, src, ctx, p.images == 0)
				p.images++
			}
			p.notProseEdge(entering, &starts, text.Len())
		case *extast.Table:
			if entering {
				newBlock(&text)
			}
			p.notProseEdge(entering, &starts, text.Len())
		default:
			if entering && n.Type() == ast.TypeBlock {
				newBlock(&text)
			}
		}
		return ast.WalkContinue, nil
	})
	p.text = text.String()
	if trimmed := strings.TrimLeftFunc(p.text, unicode.IsSpace); len(trimmed) != len(p.text) {
		cut := len(p.text) - len(trimmed)
		for i := range p.notProse {
			p.notProse[i] = max(0, p.notProse[i]-cut)
		}
		p.text = trimmed
	}
	p.text = strings.TrimRightFunc(p.text, unicode.IsSpace)
	for i := range p.notProse {
		p.notProse[i] = min(p.notProse[i], len(p.text))
	}
	if ctx.exp != nil {
		p.text = ctx.exp.PlainText(p.text)
		p.notProse = nil // its offsets were in the text before PlainText: Prose is Text then
		for i := range texts {
			texts[i] = ctx.exp.PlainText(texts[i])
		}
	}

	ids := newHeadingIDs(style)
	explicit := make([]string, len(headings)) // "" where the id is to be made
	for i, h := range headings {
		if v, ok := h.AttributeString("id"); ok {
			if id := explicitID(attrString(v)); id != "" {
				explicit[i] = id
				ids.Put(id)
			}
		}
	}
	claimed := map[string]bool{} // explicit ids a heading has kept
	var stack []*Heading
	for i, h := range headings {
		id := explicit[i]
		switch {
		case id == "":
			line := headingLine(h, src)
			if ctx.exp != nil {
				line = []byte(ctx.exp.PlainText(string(line)))
			}
			id = ids.Generate(texts[i], line)
		case claimed[id]:
			id = ids.unique(id) // the same explicit id twice: keep ids unique
		default:
			claimed[id] = true
		}
		h.SetAttributeString("id", []byte(id))
		e := &Heading{Level: h.Level, ID: id, Text: texts[i]}
		for len(stack) > 0 && stack[len(stack)-1].Level >= h.Level {
			stack = stack[:len(stack)-1]
		}
		if len(stack) == 0 {
			p.toc = append(p.toc, e)
		} else {
			top := stack[len(stack)-1]
			top.Children = append(top.Children, e)
		}
		stack = append(stack, e)
	}

	for _, n := range notMath {
		s := ast.NewString(n.Segment.Value(src))
		n.Parent().ReplaceChild(n.Parent(), n, s)
	}
	for _, n := range unwrap {
		parent := n.Parent()
		for c := n.FirstChild(); c != nil; c = n.FirstChild() {
			parent.InsertBefore(parent, n, c)
		}
		if a, ok := n.(*ast.AutoLink); ok {
			parent.InsertBefore(parent, n, ast.NewString(a.Label(src)))
		}
		parent.RemoveChild(parent, n)
	}
	for i, m := range markers {
		if i == 0 {
			top := m
			for top.Parent() != nil && top.Parent() != doc {
				top = top.Parent()
			}
			if top.Parent() == doc {
				doc.InsertAfter(doc, top, &moreNode{})
			}
		}
		m.Parent().RemoveChild(m.Parent(), m)
	}
	return &p
}

// link checks the destination of a link or image. It reports whether the
// node must lose its link: a javascript:, vbscript: or data: URL (goldmark
// drops those only in safe mode, and then still writes an empty href).
// A relative link to a .md file is resolved through ctx.ResolveLink.
func (p *prepared) link(n ast.Node, dest *[]byte, src []byte, ctx Context) bool {
	if isDangerous(*dest) {
		return true
	}
	if ctx.ResolveLink == nil {
		return false
	}
	ref := Ref{Dest: string(*dest), Pos: posOf(n), Image: n.Kind() == ast.KindImage}
	if ctx.exp != nil { // the source was expanded: Pos is not in the body as written
		ref.Pos, ref.BodyLine = -1, ctx.line(lineOf(n, src))
		ref.Dest = ctx.exp.PlainText(ref.Dest) // [x]({{< ref "b.md" >}}) links to the page's URL
	}
	path, suffix, ok := mdLink(string(*dest))
	if !ok {
		p.file(n, dest, src, ctx)
		if ctx.exp == nil {
			ref.Dest = string(*dest) // a file's link as rewritten: checkRefs looks for what it names
		}
		p.refs = append(p.refs, ref)
		return false
	}
	p.refs = append(p.refs, ref)
	url, ok := ctx.ResolveLink(path)
	if !ok {
		p.errs = append(p.errs, missingPage(ctx, path, ctx.LineOffset+ctx.line(lineOf(n, src))))
		return false
	}
	*dest = []byte(url + suffix)
	return false
}

// file resolves a link or image to a file through ctx.ResolveFile: a
// missing image is an error at its line.
func (p *prepared) file(n ast.Node, dest *[]byte, src []byte, ctx Context) {
	if ctx.ResolveFile == nil {
		return
	}
	_, image := n.(*ast.Image)
	path, suffix, ok := fileLink(string(*dest), image)
	if !ok {
		return
	}
	url, ok := ctx.ResolveFile(path, image)
	switch {
	case ok:
		*dest = []byte(url + suffix)
	case image:
		p.errs = append(p.errs, diag.Errorf(ctx.File, ctx.LineOffset+lineOf(n, src),
			"image %q not found", path).WithHint("check the file name; a relative path is relative to this file"))
	}
}

func isDangerous(url []byte) bool {
	return html.IsDangerousURL(util.URLEscape(url, true))
}

// lineOf returns the 1-based line of src where inline node n starts.
func lineOf(n ast.Node, src []byte) int {
	pos := n.Pos()
	if pos < 0 || pos > len(src) {
		// Not set: use the first line of the enclosing block.
		for b := n; b != nil; b = b.Parent() {
			if b.Type() == ast.TypeBlock && b.Lines().Len() > 0 {
				pos = b.Lines().At(0).Start
				break
			}
		}
	}
	if pos < 0 {
		return 0
	}
	return bytes.Count(src[:pos], []byte{'\n'}) + 1
}

// newBlock starts a new line of plain text for a block.
func newBlock(b *strings.Builder) {
	if s := b.String(); len(s) > 0 && s[len(s)-1] != '\n' {
		b.WriteByte('\n')
	}
}

// writeText appends the plain text of a Text node, as a reader sees it:
// escapes and entities resolved, a soft line break as a space.
func writeText(b *strings.Builder, n *ast.Text, src []byte) {
	v := n.Segment.Value(src)
	if n.IsRaw() { // code span content: no escapes, line ends are spaces
		for _, c := range v {
			if c == '\n' {
				c = ' '
			}
			b.WriteByte(c)
		}
	} else {
		if bytes.IndexByte(v, '\\') >= 0 {
			v = bytes.ReplaceAll(v, []byte(`\ `), nil) // the CJK escaped space
			v = util.UnescapePunctuations(v)
		}
		if bytes.IndexByte(v, '&') >= 0 {
			v = util.ResolveNumericReferences(util.ResolveEntityNames(v))
		}
		b.Write(v)
	}
	if n.SoftLineBreak() || n.HardLineBreak() {
		b.WriteByte(' ')
	}
}

func htmlBlockValue(n *ast.HTMLBlock, src []byte) []byte {
	var v []byte
	for i := 0; i < n.Lines().Len(); i++ {
		seg := n.Lines().At(i)
		v = append(v, seg.Value(src)...)
	}
	if n.HasClosure() {
		v = append(v, n.ClosureLine.Value(src)...)
	}
	return v
}

func rawHTMLValue(n *ast.RawHTML, src []byte) []byte {
	var v []byte
	for i := 0; i < n.Segments.Len(); i++ {
		seg := n.Segments.At(i)
		v = append(v, seg.Value(src)...)
	}
	return v
}

// isMore reports whether v is the summary marker <!--more-->, spaces and
// case aside: "<!-- more -->" and "<!--MORE-->" count too.
func isMore(v []byte) bool {
	v = bytes.TrimSpace(v)
	inner, ok := bytes.CutPrefix(v, []byte("<!--"))
	if !ok {
		return false
	}
	inner, ok = bytes.CutSuffix(inner, []byte("-->"))
	return ok && bytes.EqualFold(bytes.TrimSpace(inner), []byte("more"))
}

func attrString(v any) string {
	switch v := v.(type) {
	case []byte:
		return string(v)
	case string:
		return v
	default:
		return fmt.Sprint(v)
	}
}
