package markdown

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/yuin/goldmark/ast"

	"github.com/geul-blog/geul/pkg/diag"
	"github.com/geul-blog/geul/pkg/shortcode"
)

// expand finds and runs the shortcodes of src, and sets ctx.exp to the
// result. Shortcodes in code blocks and code spans are left as written,
// so src is parsed once first to find them (only bodies that hold "{{<"
// or "{{%" pay for it). Problems come back at their line of ctx.File.
func (r *Renderer) expand(src []byte, ctx *Context) diag.List {
	code := codeRanges(r.parse(src, nil), src)
	inCode := func(off int) bool {
		i := sort.Search(len(code), func(i int) bool { return code[i][1] > off })
		return i < len(code) && code[i][0] <= off
	}
	nodes, escs, perrs := shortcode.Parse(src, inCode)
	c := *ctx
	var warned []Warning
	exp, xerrs := shortcode.Expand(src, nodes, escs, func(call *shortcode.Call) (string, error) {
		out, err := r.runShortcode(call, &c)
		var ws Warnings
		if errors.As(err, &ws) {
			for _, w := range ws {
				w.Line += ctx.LineOffset
				warned = append(warned, w)
			}
			err = nil
		}
		return out, err
	})
	ctx.exp, ctx.scWarnings = exp, warned
	var list diag.List
	for _, err := range append(perrs, xerrs...) {
		var se *shortcode.Error
		if errors.As(err, &se) {
			list = append(list, &diag.Error{Path: ctx.File, Line: ctx.LineOffset + se.Line, Msg: se.Msg, Hint: se.Hint})
		} else {
			list = append(list, &diag.Error{Path: ctx.File, Msg: err.Error(), Err: err})
		}
	}
	return list
}

// takesInner names the built-ins that use the text between their tags.
var takesInner = map[string]bool{"highlight": true, "details": true, "notice": true, "gallery": true}

// runShortcode runs the site's template for c, else the built-in one.
func (r *Renderer) runShortcode(c *shortcode.Call, ctx *Context) (string, error) {
	if ctx.Shortcode != nil {
		if out, ok, err := ctx.Shortcode(c); ok {
			return out, err
		}
	}
	if b := builtins[c.Name]; b != nil {
		if c.Closed && !takesInner[c.Name] && strings.TrimSpace(c.Inner) != "" {
			return "", &shortcode.Error{Line: c.Line, Msg: fmt.Sprintf("%s takes no text between tags: the text before {{< /%s >}} would be lost", c.Name, c.Name),
				Hint: "remove the closing tag, or add layouts/shortcodes/" + c.Name + ".html that shows .Inner"}
		}
		return b(r, c, ctx)
	}
	return "", &shortcode.Error{Line: c.Line, Msg: fmt.Sprintf("unknown shortcode %q", c.Name),
		Hint: fmt.Sprintf("add layouts/shortcodes/%s.html, or check the name (built in: %s)", c.Name, builtinNames())}
}

// codeRanges returns the byte ranges of src's code blocks and code spans,
// sorted.
func codeRanges(doc ast.Node, src []byte) [][2]int {
	var rs [][2]int
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			if l := n.Lines(); l.Len() > 0 {
				rs = append(rs, [2]int{l.At(0).Start, l.At(l.Len() - 1).Stop})
			}
			return ast.WalkSkipChildren, nil
		case *ast.CodeSpan:
			start, stop := -1, -1
			for c := n.FirstChild(); c != nil; c = c.NextSibling() {
				if t, ok := c.(*ast.Text); ok {
					if start < 0 {
						start = t.Segment.Start
					}
					stop = t.Segment.Stop
				}
			}
			if start >= 0 {
				rs = append(rs, [2]int{start, stop})
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	sort.Slice(rs, func(i, j int) bool { return rs[i][0] < rs[j][0] })
	return rs
}
