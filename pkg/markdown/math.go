package markdown

import (
	"bytes"
	"strings"

	"github.com/gohugoio/hugo-goldmark-extensions/passthrough"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// WithMath turns on TeX math: $…$ and \(…\) inline, $$…$$ and \[…\]
// displayed, kept from Markdown by goldmark's passthrough extension (as
// Hugo does) and written as <span class="math"> and <div class="math">
// holding the TeX, escaped, for KaTeX to render in the browser. Result.
// HasMath tells a template to load KaTeX.
func WithMath(on bool) Option { return func(o *options) { o.math = on } }

// WithDiagrams turns ```mermaid blocks into <pre class="mermaid"> holding
// the diagram's source, escaped, for Mermaid to draw in the browser;
// Result.HasDiagram tells a template to load Mermaid.
func WithDiagrams(on bool) Option { return func(o *options) { o.diagrams = on } }

// mathExtension is the passthrough extension with the delimiters Hugo's
// documentation recommends for KaTeX and MathJax.
func mathExtension() goldmark.Extender {
	return passthrough.New(passthrough.Config{
		InlineDelimiters: []passthrough.Delimiters{{Open: "$", Close: "$"}, {Open: `\(`, Close: `\)`}},
		BlockDelimiters:  []passthrough.Delimiters{{Open: "$$", Close: "$$"}, {Open: `\[`, Close: `\]`}},
	})
}

// mathRenderer writes the passthrough nodes. It is registered before the
// extension's own renderers (priorities 99 and 101), which write the TeX
// raw and would let "$<script>$" through.
type mathRenderer struct{}

func (mathRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(passthrough.KindPassthroughInline, renderMathInline)
	reg.Register(passthrough.KindPassthroughBlock, renderMathBlock)
}

// renderMathInline writes inline math as <span class="math">TeX</span>.
func renderMathInline(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*passthrough.PassthroughInline)
	tex := trimDelims(n.Segment.Value(source), n.Delimiters)
	_, _ = w.WriteString(`<span class="math">`)
	_, _ = w.Write(util.EscapeHTML(tex))
	_, _ = w.WriteString(`</span>`)
	return ast.WalkSkipChildren, nil
}

// renderMathBlock writes displayed math as <div class="math display">.
func renderMathBlock(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	n := node.(*passthrough.PassthroughBlock)
	var tex []byte
	for i := 0; i < n.Lines().Len(); i++ {
		line := n.Lines().At(i)
		tex = append(tex, line.Value(source)...)
	}
	tex = trimDelims(bytes.TrimSpace(tex), n.Delimiters)
	_, _ = w.WriteString(`<div class="math display">`)
	_, _ = w.Write(util.EscapeHTML(bytes.TrimSpace(tex)))
	_, _ = w.WriteString("</div>\n")
	return ast.WalkSkipChildren, nil
}

func trimDelims(v []byte, d *passthrough.Delimiters) []byte {
	if d == nil {
		return v
	}
	if bytes.HasPrefix(v, []byte(d.Open)) && bytes.HasSuffix(v, []byte(d.Close)) && len(v) >= len(d.Open)+len(d.Close) {
		return v[len(d.Open) : len(v)-len(d.Close)]
	}
	return v
}

// isMermaid reports whether a fenced block is a Mermaid diagram.
func isMermaid(n *ast.FencedCodeBlock, source []byte) bool {
	return strings.EqualFold(string(n.Language(source)), "mermaid")
}

// renderMermaid writes a diagram as <pre class="mermaid">source</pre>,
// which Mermaid replaces with an SVG; a reader without JavaScript sees the
// diagram's source.
func renderMermaid(w util.BufWriter, source []byte, n *ast.FencedCodeBlock) {
	_, _ = w.WriteString(`<pre class="mermaid">`)
	for i := 0; i < n.Lines().Len(); i++ {
		line := n.Lines().At(i)
		_, _ = w.Write(util.EscapeHTML(line.Value(source)))
	}
	_, _ = w.WriteString("</pre>\n")
}

// isInlineMath reports whether "$…$" is math by Pandoc's rule, which keeps
// prices as text: the opening $ has a non-space right after it, the closing
// $ a non-space right before it and no digit right after it. "$5, $10" is
// text; "$x^2$" is math. \(…\) is always math.
func isInlineMath(n *passthrough.PassthroughInline, src []byte) bool {
	if n.Delimiters == nil || n.Delimiters.Open != "$" {
		return true
	}
	inner := trimDelims(n.Segment.Value(src), n.Delimiters)
	if len(inner) == 0 || isSpace(inner[0]) || isSpace(inner[len(inner)-1]) {
		return false
	}
	if stop := n.Segment.Stop; stop < len(src) && src[stop] >= '0' && src[stop] <= '9' {
		return false
	}
	return true
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }
