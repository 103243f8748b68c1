package markdown

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// Render hooks, as in Hugo: a site's layouts/_default/_markup/render-link,
// render-image, render-heading and render-codeblock[-LANG] templates
// replace how a link, an image, a heading or a fenced code block is
// written. The Renderer is made knowing which hooks exist (WithRenderHooks),
// so that a site without them pays nothing; Context.Hook runs one.

// Hook names.
const (
	HookLink      = "render-link"
	HookImage     = "render-image"
	HookHeading   = "render-heading"
	HookCodeBlock = "render-codeblock" // and "render-codeblock-LANG"
)

// HookData is what a render hook is given, Hugo's names: a link's and an
// image's Destination, Title, Text and PlainText; a heading's Level,
// Anchor, Text and PlainText; a code block's Type, Inner and Options.
type HookData struct {
	Destination string
	Title       string
	Text        string // HTML
	PlainText   string
	IsBlock     bool // an image alone in its paragraph
	Level       int
	Anchor      string
	Type        string // a code block's language
	Inner       string // a code block's code
	Options     string // what follows the language on the fence line
	Attributes  map[string]any
	Ordinal     int
	Line        int // in the file (Context.LineOffset added)
}

// WithRenderHooks says which render hooks the site has ("render-link",
// "render-codeblock-go"…); Context.Hook runs them.
func WithRenderHooks(names ...string) Option {
	return func(o *options) {
		o.hooks = map[string]bool{}
		for _, n := range names {
			o.hooks[n] = true
		}
	}
}

// hookRenderer renders links, images and code blocks through the hooks
// (headings are nodeRenderer's, which asks for the hook itself). Without
// a Context.Hook (Markdownify) it writes what goldmark would.
type hookRenderer struct {
	hooks map[string]bool
	code  *codeRenderer
	md    func() renderer.Renderer
}

func (r *hookRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	if r.hooks[HookLink] {
		reg.Register(ast.KindLink, r.renderLink)
	}
	if r.hooks[HookImage] {
		reg.Register(ast.KindImage, r.renderImage)
	}
	for name := range r.hooks {
		if strings.HasPrefix(name, HookCodeBlock) {
			reg.Register(ast.KindFencedCodeBlock, r.renderFenced)
			break
		}
	}
}

// children renders the children of n to HTML.
func (r *hookRenderer) children(w util.BufWriter, src []byte, n ast.Node) string {
	b := outBuf{more: -1}
	if ob, ok := w.(*outBuf); ok {
		b.st = ob.st
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		_ = r.md().Render(&b, src, c)
	}
	return b.String()
}

// hookOf returns the state of the Render writing to w, if it has hooks to run.
func hookOf(w util.BufWriter) (*renderState, bool) {
	ob, ok := w.(*outBuf)
	if !ok || ob.st == nil || ob.st.ctx.Hook == nil {
		return nil, false
	}
	return ob.st, true
}

func (r *hookRenderer) renderLink(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.Link)
	text := r.children(w, src, n)
	if ob, ok := hookOf(w); ok {
		d := &HookData{Destination: string(n.Destination), Title: string(n.Title), Text: text,
			PlainText: plainOf(n, src), Line: ob.line(lineOf(n, src))}
		if out, ok, err := ob.ctx.Hook(HookLink, d); ok {
			_, _ = w.WriteString(out)
			return ast.WalkSkipChildren, err
		}
	}
	_, _ = w.WriteString(`<a href="`)
	_, _ = w.Write(util.EscapeHTML(util.URLEscape(n.Destination, true)))
	_ = w.WriteByte('"')
	if n.Title != nil {
		_, _ = w.WriteString(` title="`)
		_, _ = w.Write(util.EscapeHTML(n.Title))
		_ = w.WriteByte('"')
	}
	_ = w.WriteByte('>')
	_, _ = w.WriteString(text)
	_, _ = w.WriteString("</a>")
	return ast.WalkSkipChildren, nil
}

func (r *hookRenderer) renderImage(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.Image)
	alt := plainOf(n, src)
	if ob, ok := hookOf(w); ok {
		p := n.Parent()
		d := &HookData{Destination: string(n.Destination), Title: string(n.Title), Text: r.children(w, src, n),
			PlainText: alt, IsBlock: p != nil && p.ChildCount() == 1 && p.Kind() == ast.KindParagraph,
			Line: ob.line(lineOf(n, src))}
		if out, ok, err := ob.ctx.Hook(HookImage, d); ok {
			_, _ = w.WriteString(out)
			return ast.WalkSkipChildren, err
		}
	}
	_, _ = w.WriteString(`<img src="`)
	_, _ = w.Write(util.EscapeHTML(util.URLEscape(n.Destination, true)))
	_, _ = w.WriteString(`" alt="`)
	_, _ = w.Write(util.EscapeHTML([]byte(alt)))
	_ = w.WriteByte('"')
	if n.Title != nil {
		_, _ = w.WriteString(` title="`)
		_, _ = w.Write(util.EscapeHTML(n.Title))
		_ = w.WriteByte('"')
	}
	_ = w.WriteByte('>')
	return ast.WalkSkipChildren, nil
}

func (r *hookRenderer) renderFenced(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.FencedCodeBlock)
	lang := string(n.Language(src))
	if ob, ok := hookOf(w); ok {
		name := HookCodeBlock + "-" + lang
		if lang == "" || !r.hooks[name] {
			name = HookCodeBlock
		}
		if r.hooks[name] {
			var code bytes.Buffer
			for i := 0; i < n.Lines().Len(); i++ {
				seg := n.Lines().At(i)
				code.Write(seg.Value(src))
			}
			opts := ""
			if n.Info != nil {
				info := n.Info.Segment.Value(src)
				opts = strings.TrimSpace(strings.TrimPrefix(string(info), lang))
			}
			d := &HookData{Type: lang, Inner: strings.TrimSuffix(code.String(), "\n"), Options: opts,
				Line: ob.line(lineOf(n, src))}
			if out, ok, err := ob.ctx.Hook(name, d); ok {
				_, _ = w.WriteString(out)
				return ast.WalkSkipChildren, err
			}
		}
	}
	return r.code.renderFenced(w, src, node, entering)
}

// plainOf is the plain text of n's children.
func plainOf(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			writeText(&b, t, src)
		} else if s, ok := c.(*ast.String); ok && entering {
			b.Write(s.Value)
		}
		return ast.WalkContinue, nil
	})
	return strings.TrimSpace(b.String())
}
