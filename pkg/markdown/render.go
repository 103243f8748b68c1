package markdown

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// nodeRenderer renders the nodes geul writes differently from goldmark:
// headings (with an anchor link), code blocks (chroma) and the <!--more-->
// marker (nothing, but it notes where the summary ends).
type nodeRenderer struct {
	code        *codeRenderer
	anchorLabel []byte // HTML-escaped
	image       *imageRenderer
	diagrams    bool
	headingHook bool // the site has a render-heading hook
	children    func(w util.BufWriter, src []byte, n ast.Node) string
}

func (r *nodeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindHeading, r.renderHeading)
	reg.Register(ast.KindFencedCodeBlock, r.renderFenced)
	reg.Register(ast.KindCodeBlock, r.code.renderIndented)
	reg.Register(kindMore, renderMore)
	reg.Register(ast.KindImage, r.image.render)
}

// renderFenced writes a Mermaid block for Mermaid (WithDiagrams), any
// other fenced block highlighted.
func (r *nodeRenderer) renderFenced(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if n := node.(*ast.FencedCodeBlock); r.diagrams && isMermaid(n, source) {
		if entering {
			renderMermaid(w, source, n)
		}
		return ast.WalkSkipChildren, nil
	}
	return r.code.renderFenced(w, source, node, entering)
}

// renderHeading writes a heading with a permalink after its text:
//
//	<h2 id="서버-장애">[서버 장애 🧯] <a class="anchor" href="#서버-장애" aria-label="Permalink">#</a></h2>
//
// The id and the href keep Hangul as it is: HTML5 allows any character but
// space in an id and in a URL fragment, browsers percent-encode the href
// themselves, and a reader who copies the link sees words, not %EC%84%9C.
// Only characters a fragment may not hold (space, quotes, <, >, `, %, #,
// controls) are percent-encoded in the href.
func (r *nodeRenderer) renderHeading(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Heading)
	level := byte('0' + n.Level)
	if r.headingHook && entering {
		if ob, ok := hookOf(w); ok {
			id := ""
			if v, ok := n.AttributeString("id"); ok {
				id = attrString(v)
			}
			d := &HookData{Level: n.Level, Anchor: id, Text: r.children(w, source, n), PlainText: plainOf(n, source),
				Line: ob.line(lineOf(n, source))}
			if out, ok, err := ob.ctx.Hook(HookHeading, d); ok {
				_, _ = w.WriteString(out)
				if ob.hooked == nil {
					ob.hooked = map[ast.Node]bool{}
				}
				ob.hooked[n] = true // goldmark calls again on leaving: write nothing then
				return ast.WalkSkipChildren, ob.warned(err)
			}
		}
	}
	if !entering && r.headingHook {
		if ob, ok := w.(*outBuf); ok && ob.st != nil && ob.st.hooked[n] {
			return ast.WalkContinue, nil
		}
	}
	if entering {
		_, _ = w.WriteString("<h")
		_ = w.WriteByte(level)
		if n.Attributes() != nil {
			html.RenderAttributes(w, node, html.HeadingAttributeFilter)
		}
		_ = w.WriteByte('>')
		return ast.WalkContinue, nil
	}
	if v, ok := n.AttributeString("id"); ok {
		if id := attrString(v); id != "" {
			_, _ = w.WriteString(` <a class="anchor" href="#`)
			_, _ = w.Write(util.EscapeHTML(fragmentEscape(id)))
			_, _ = w.WriteString(`" aria-label="`)
			_, _ = w.Write(r.anchorLabel)
			_, _ = w.WriteString(`">#</a>`)
		}
	}
	_, _ = w.WriteString("</h")
	_ = w.WriteByte(level)
	_, _ = w.WriteString(">\n")
	return ast.WalkContinue, nil
}

// fragmentEscape percent-encodes the bytes of id that a URL fragment may
// not hold, and leaves the rest, non-ASCII included, as it is.
func fragmentEscape(id string) []byte {
	const hex = "0123456789ABCDEF"
	out := make([]byte, 0, len(id))
	for i := 0; i < len(id); i++ {
		c := id[i]
		if c <= ' ' || c == 0x7f || c == '"' || c == '<' || c == '>' || c == '`' || c == '%' || c == '#' {
			out = append(out, '%', hex[c>>4], hex[c&15])
			continue
		}
		out = append(out, c)
	}
	return out
}

// kindMore is the kind of moreNode.
var kindMore = ast.NewNodeKind("More")

// moreNode stands where the first <!--more--> marker ended its top-level
// block. It renders nothing, in safe and unsafe mode alike.
type moreNode struct{ ast.BaseBlock }

func (n *moreNode) Kind() ast.NodeKind            { return kindMore }
func (n *moreNode) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }

func renderMore(w util.BufWriter, _ []byte, _ ast.Node, entering bool) (ast.WalkStatus, error) {
	if out, ok := w.(*outBuf); ok && entering && out.more < 0 {
		out.more = out.Len()
	}
	return ast.WalkContinue, nil
}
