package markdown

import (
	"bufio"
	"bytes"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"time"

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
	lexers    sync.Map      // language name → chroma.Lexer, or nil when chroma has none
	budget    time.Duration // of one block's highlighting
}

func newCodeRenderer(style *chroma.Style, budget time.Duration) *codeRenderer {
	return &codeRenderer{
		budget: budget,
		formatter: chromahtml.New(
			chromahtml.WithClasses(true),
			// We write <pre> and <code> ourselves, to add data-lang.
			chromahtml.PreventSurroundingPre(true),
		),
		style: style,
	}
}

// maxLangName is the longest language name looked up: chroma's names and
// aliases are shorter, and an unknown name costs chroma a glob match of
// every lexer's file patterns, in time that grows with the name (see
// docs/performance.md, "Limits on hostile input").
const maxLangName = 40

func (c *codeRenderer) lexer(lang string) chroma.Lexer {
	if len(lang) > maxLangName {
		return nil
	}
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
	pos := -1 // of the opening fence, for warnings
	if n.Info != nil {
		pos = n.Info.Segment.Start
	}
	c.render(w, source, n.Lines(), string(n.Language(source)), pos)
	return ast.WalkSkipChildren, nil
}

// renderIndented writes an indented code block like a fenced one with no language.
func (c *codeRenderer) renderIndented(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	c.render(w, source, node.Lines(), "", -1)
	return ast.WalkSkipChildren, nil
}

func (c *codeRenderer) render(w util.BufWriter, source []byte, lines *text.Segments, lang string, pos int) {
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
	if out, ok := w.(*outBuf); ok {
		out.guard.check() // many blocks can add up to the page's deadline
	}
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
		out, _ := w.(*outBuf)
		var g *guard
		if out != nil {
			g = out.guard
		}
		tokens, slow := c.tokenise(lx, code.String(), g)
		if tokens != nil {
			done = c.formatter.Format(w, c.style, chroma.Literator(tokens...)) == nil
		} else if slow && out != nil && out.st != nil {
			line := 0
			if pos >= 0 && pos <= len(source) {
				line = out.st.line(bytes.Count(source[:pos], []byte{'\n'}) + 1)
			}
			out.st.warnings = append(out.st.warnings, Warning{Line: line,
				Msg:  fmt.Sprintf("%s code took longer than %v to highlight; shown as plain code", lang, c.budget),
				Hint: "this is a slow case of the highlighter; write another language after ``` (or none) to silence this"})
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

// DefaultHighlightBudget is how long highlighting one code block may take
// before the block is shown as plain code.
const DefaultHighlightBudget = 3 * time.Second

// WithHighlightBudget sets how long highlighting one code block may take
// (default DefaultHighlightBudget); past it the block is shown as plain
// code and Result.Warnings says so.
func WithHighlightBudget(d time.Duration) Option {
	return func(o *options) {
		if d > 0 {
			o.budget = d
		}
	}
}

// tokenise runs lx over code within the budget. It returns nil tokens
// when lexing failed, and nil and true when it ran out of time. When g
// trips meanwhile, it panics (see guard).
//
// Why a wall-clock budget, and how output stays deterministic: regexp2
// cannot count its steps for us, and a single backtracking match can run
// for seconds, so only a clock can bound it. Lexing runs in its own
// goroutine; past the budget the block is given up at once, and the
// goroutine stops at its next token (it may finish the regexp match it is
// in, which regexp2 bounds; see regexptimeout.go). The budget (seconds) is
// about a thousand times what a real block takes (milliseconds), so normal
// input is never cut, and it is shorter than regexp2's timeout, so a
// block in which a regexp timed out (and chroma silently tried its next
// rule, which would give different tokens on a faster machine) is never
// used: it always ran past the budget first. Only a block whose honest
// lexing takes about the budget could come out plain on a slow run and
// highlighted on a fast one.
func (c *codeRenderer) tokenise(lx chroma.Lexer, code string, g *guard) (tokens []chroma.Token, slow bool) {
	// Tokenise compiles the lexer's rules on first use (slow under the race
	// detector or coverage), so it runs here, outside the budget; the
	// iterator does the lexing.
	it, err := lx.Tokenise(nil, code)
	if err != nil {
		return nil, false
	}
	var stop atomic.Bool
	done := make(chan []chroma.Token, 1)
	go func() {
		var tokens []chroma.Token
		defer func() { done <- tokens }()
		all := []chroma.Token{}
		for t := it(); t != chroma.EOF; t = it() {
			if stop.Load() {
				return
			}
			all = append(all, t)
		}
		tokens = all
	}()
	timer := time.NewTimer(c.budget)
	defer timer.Stop()
	var guardDone <-chan struct{}
	if g != nil {
		guardDone = g.done
	}
	select {
	case tokens := <-done:
		return tokens, false
	case <-timer.C:
		stop.Store(true)
		return nil, true
	case <-guardDone:
		stop.Store(true)
		g.check()
		return nil, false
	}
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
