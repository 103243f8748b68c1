package markdown

import (
	"bufio"
	"bytes"
	"fmt"
	"strings"
	"sync"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// codeRenderer highlights code blocks with chroma, using CSS classes.
//
// It stands in for goldmark-highlighting, which builds a new chroma
// formatter for every block, and with it the formatter's style-to-CSS
// table, although class output needs none of it. One formatter is built
// here for the life of the Renderer (chroma's formatter is safe for
// concurrent use), and lexers are looked up once per language name.
type codeRenderer struct {
	formatter *chromahtml.Formatter
	style     *chroma.Style
	lexers    sync.Map // language name → chroma.Lexer, or nil when chroma has none
}

func newCodeRenderer(style *chroma.Style) *codeRenderer {
	return &codeRenderer{
		formatter: chromahtml.New(
			chromahtml.WithClasses(true),
			// We write <pre> and <code> ourselves, to add data-lang.
			chromahtml.PreventSurroundingPre(true),
		),
		style: style,
	}
}

func (c *codeRenderer) lexer(lang string) chroma.Lexer {
	if l, ok := c.lexers.Load(lang); ok {
		lx, _ := l.(chroma.Lexer)
		return lx
	}
	var lx chroma.Lexer
	if l := lexers.Get(lang); l != nil {
		lx = chroma.Coalesce(l)
	}
	c.lexers.Store(lang, lx)
	return lx
}

// renderFenced writes a fenced code block as
//
//	<pre class="chroma" data-lang="go" tabindex="0"><code class="language-go">…</code></pre>
//
// data-lang is there for themes to show a language label; tabindex lets a
// keyboard scroll a wide block. A language chroma does not know, or none,
// gives the same markup with the code escaped and not highlighted.
func (c *codeRenderer) renderFenced(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.FencedCodeBlock)
	c.render(w, source, n.Lines(), string(n.Language(source)))
	return ast.WalkSkipChildren, nil
}

// renderIndented writes an indented code block like a fenced one with no language.
func (c *codeRenderer) renderIndented(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	c.render(w, source, node.Lines(), "")
	return ast.WalkSkipChildren, nil
}

func (c *codeRenderer) render(w util.BufWriter, source []byte, lines *text.Segments, lang string) {
	_, _ = w.WriteString(`<pre class="chroma"`)
	if lang != "" {
		_, _ = w.WriteString(` data-lang="`)
		_, _ = w.Write(util.EscapeHTML([]byte(lang)))
		_ = w.WriteByte('"')
	}
	_, _ = w.WriteString(` tabindex="0"><code`)
	if lang != "" {
		_, _ = w.WriteString(` class="language-`)
		_, _ = w.Write(util.EscapeHTML([]byte(lang)))
		_ = w.WriteByte('"')
	}
	_ = w.WriteByte('>')
	var lx chroma.Lexer
	if lang != "" {
		lx = c.lexer(lang)
	}
	done := false
	if lx != nil {
		var code strings.Builder
		for i := 0; i < lines.Len(); i++ {
			seg := lines.At(i)
			code.Write(seg.Value(source))
		}
		if it, err := lx.Tokenise(nil, code.String()); err == nil {
			done = c.formatter.Format(w, c.style, it) == nil
		}
	}
	if !done {
		for i := 0; i < lines.Len(); i++ {
			seg := lines.At(i)
			_, _ = w.Write(util.EscapeHTML(seg.Value(source)))
		}
	}
	_, _ = w.WriteString("</code></pre>\n")
}

// unusedRule reports whether a chroma CSS rule styles markup geul never
// writes: the standalone page's .bg. (Line numbers and highlighted lines
// are written by the highlight shortcode.)
func unusedRule(rule string) bool {
	sel, _, _ := strings.Cut(rule, " {")
	return sel == ".bg"
}

// highlightCSS builds the stylesheet HighlightCSS returns; see there.
func highlightCSS(light, dark *chroma.Style, lightName, darkName string) []byte {
	f := chromahtml.New(chromahtml.WithClasses(true), chromahtml.WithCSSComments(false))
	rules := func(s *chroma.Style) []string {
		var b bytes.Buffer
		_ = f.WriteCSS(&b, s)
		var out []string
		sc := bufio.NewScanner(&b)
		for sc.Scan() {
			line := sc.Text()
			if line != "" && !unusedRule(line) {
				out = append(out, line)
			}
		}
		return out
	}
	lr, dr := rules(light), rules(dark)
	var b bytes.Buffer
	fmt.Fprintf(&b, "/* Code highlighting by chroma: %q when light, %q when dark. */\n", lightName, darkName)
	block := func(media, root string, rs []string) {
		indent := ""
		if media != "" {
			fmt.Fprintf(&b, "@media (prefers-color-scheme: %s) {\n", media)
			indent = "  "
		}
		for _, r := range rs {
			fmt.Fprintf(&b, "%s%s %s\n", indent, root, r)
		}
		if media != "" {
			b.WriteString("}\n")
		}
	}
	block("light", `:root:not([data-theme="dark"])`, lr)
	block("dark", `:root:not([data-theme="light"])`, dr)
	block("", `:root[data-theme="light"]`, lr)
	block("", `:root[data-theme="dark"]`, dr)
	return b.Bytes()
}
