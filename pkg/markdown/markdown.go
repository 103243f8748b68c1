// Package markdown renders a page body from Markdown to HTML the way geul's
// posts need it: GFM, footnotes and definition lists, emoji shortcodes as
// Unicode, readable heading ids for Hangul and emoji headings (or Hugo's),
// a table of contents, the <!--more--> summary split, class-based code
// highlighting, links to other .md files turned into page URLs, Hugo
// shortcodes (built-ins here, the site's templates through Context) and
// render hooks, and raw HTML through a sanitiser unless the site trusts it.
//
// It builds on goldmark, chroma, bluemonday and pkg/shortcode. It must not
// import pkg/content, pkg/theme or pkg/site: it knows nothing of pages,
// only of one Markdown body at a time; the site passes callbacks in Context.
package markdown

import (
	"bytes"
	"context"
	"fmt"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/alecthomas/chroma/v2/styles"
	"github.com/yuin/goldmark"
	emoji "github.com/yuin/goldmark-emoji"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/geul-blog/geul/pkg/diag"
	"github.com/geul-blog/geul/pkg/shortcode"
)

// Option configures a Renderer.
type Option func(*options)

type options struct {
	unsafe      bool
	lightStyle  string
	darkStyle   string
	anchorLabel string
	math        bool
	diagrams    bool
	headingIDs  HeadingIDStyle
	hooks       map[string]bool // render hooks the site has
	noEmoji     bool
	deadline    time.Duration // of one Render; see WithDeadline
	budget      time.Duration // of one code block's highlighting; see WithHighlightBudget
}

// WithEmoji turns emoji shortcodes (":fire:" → 🔥) on, the default, or
// off, as a Hugo site without enableEmoji has them.
func WithEmoji(on bool) Option { return func(o *options) { o.noEmoji = !on } }

// WithUnsafe keeps raw HTML in the Markdown as it is. By default it goes
// through a sanitiser (see blogPolicy) that keeps what a blog post needs
// and removes scripts, styles, iframes, event handlers and javascript:
// URLs, with a Warning for each line that lost something.
// Markdown links and images to javascript:, vbscript:, file: and data: URLs
// (but data:image/png, gif, jpeg and webp) keep their text and lose their
// URL, in either mode; raw HTML written by the author is the author's own.
func WithUnsafe(on bool) Option { return func(o *options) { o.unsafe = on } }

// WithAnchorLabel sets the accessible name of the "#" link after every
// heading (default "Permalink"); a Korean site passes its own words, so a
// screen reader does not read English on a Korean page.
func WithAnchorLabel(label string) Option { return func(o *options) { o.anchorLabel = label } }

// WithHeadingIDs sets how ids are made for headings without an explicit
// one: HeadingIDsGeul (the default) or HeadingIDsHugo. Another value is
// taken as HeadingIDsGeul.
func WithHeadingIDs(style HeadingIDStyle) Option { return func(o *options) { o.headingIDs = style } }

// WithHighlightStyles sets the chroma styles HighlightCSS uses for the light
// and the dark color scheme (default "github" and "github-dark"). An unknown
// name falls back to chroma's fallback style.
func WithHighlightStyles(light, dark string) Option {
	return func(o *options) { o.lightStyle, o.darkStyle = light, dark }
}

// Renderer turns Markdown into HTML. It is safe for concurrent use: the
// goldmark pipeline and the chroma formatter are built once, in New.
type Renderer struct {
	opts options
	md   goldmark.Markdown
	code *codeRenderer
	css  func() []byte // built on first use
}

// New returns a Renderer configured by opts.
func New(opts ...Option) *Renderer {
	o := options{lightStyle: "github", darkStyle: "github-dark", anchorLabel: "Permalink",
		deadline: DefaultDeadline, budget: DefaultHighlightBudget}
	for _, opt := range opts {
		opt(&o)
	}
	r := &Renderer{opts: o}
	r.code = newCodeRenderer(styles.Get(o.lightStyle), o.budget)
	// Without unsafe, raw HTML goes through the sanitiser (see blogPolicy)
	// instead of goldmark dropping every tag, and with an HTML block
	// whatever Markdown the block swallowed. Dangerous link URLs are dealt
	// with in prepare, in either mode.
	rendererOpts := []renderer.Option{html.WithUnsafe()}
	nr := &nodeRenderer{code: r.code, anchorLabel: util.EscapeHTML([]byte(o.anchorLabel)), headingHook: o.hooks[HookHeading],
		image: newImageRenderer(html.WithUnsafe()), diagrams: o.diagrams}
	nodeRenderers := []util.PrioritizedValue{
		util.Prioritized(nr, 100), // before goldmark's own (1000)
	}
	if len(o.hooks) > 0 {
		hr := &hookRenderer{hooks: o.hooks, code: r.code, md: func() renderer.Renderer { return r.md.Renderer() }}
		nr.children = hr.children
		nodeRenderers = append(nodeRenderers, util.Prioritized(hr, 50))
	}
	if !o.unsafe {
		nodeRenderers = append(nodeRenderers, util.Prioritized(&sanitizer{policy: blogPolicy()}, 100))
	}
	exts := []goldmark.Extender{}
	if o.math {
		exts = append(exts, mathExtension())
		nodeRenderers = append(nodeRenderers, util.Prioritized(mathRenderer{}, 50))
	}
	var emojis []goldmark.Extender // last, as before it was optional
	if !o.noEmoji {
		emojis = append(emojis, emoji.New(emoji.WithRenderingMethod(emoji.Unicode)))
	}
	r.md = goldmark.New(
		goldmark.WithExtensions(exts...),
		goldmark.WithExtensions(
			extension.GFM, // tables, strikethrough, linkify, task lists
			extension.Footnote,
			extension.DefinitionList,
			// "\ " is an invisible separator, for "**"강조"**\ 를", which
			// CommonMark would not see as emphasis. East Asian line breaks stay
			// off: goldmark's CSS3Draft style also joins lines after any
			// punctuation ("문장.\n다음" gives "문장.다음", "end.\nNext" gives
			// "end.Next"), and its Simple style joins Hangul lines, which need
			// the space between eojeol.
			extension.NewCJK(extension.WithEscapedSpace()),
		),
		goldmark.WithExtensions(emojis...),
		goldmark.WithParserOptions(parser.WithAttribute()),
		goldmark.WithParserOptions(guardParserOptions()...),
		goldmark.WithRendererOptions(rendererOpts...),
		goldmark.WithRendererOptions(renderer.WithNodeRenderers(nodeRenderers...)),
	)
	r.css = sync.OnceValue(func() []byte {
		return highlightCSS(styles.Get(o.lightStyle), styles.Get(o.darkStyle), o.lightStyle, o.darkStyle)
	})
	return r
}

// Context tells Render where the Markdown comes from and how to resolve
// links to other Markdown files.
type Context struct {
	// File is the path shown in errors, e.g. "content/posts/a.md".
	File string
	// LineOffset is added to a line number of the Markdown to get the line
	// number in File: the number of lines before the body, such as the
	// front matter (a body starting on line 5 has LineOffset 4).
	LineOffset int
	// ResolveLink maps the path of a relative link to a .md file, as written
	// but URL-unescaped and without "#fragment" or "?query", to the URL of
	// its page. ok is false when there is no such page. nil leaves links alone.
	ResolveLink func(dest string) (url string, ok bool)
	// Image returns what is known of the image at dest, as written in the
	// Markdown ("photo.jpg", "/img/a.png"): its size and resized copies,
	// for width, height, srcset and a WebP <picture>. nil, or a nil
	// *Image, leaves the image as written.
	Image func(dest string) *Image
	// Resources lists the files of the page's bundle, slash paths relative
	// to it ("sea.jpg", "img/a.png"), for the gallery shortcode. nil: none.
	Resources func() []string
	// LeftOut says why a .md link that ResolveLink does not know is left
	// out of the build: "draft", "future post", or "" when it is missing.
	LeftOut func(dest string) string

	// ResolveFile maps the path of a link or image to a file that is not
	// Markdown, as written but URL-unescaped and without "#fragment" or
	// "?query", to the URL the file is published at: relative paths are
	// relative to the Markdown file, "/x" to the site. ok is false when
	// there is no such file, which is an error for an image and leaves a
	// link as written. nil leaves them alone.
	ResolveFile func(dest string, image bool) (url string, ok bool)

	// Shortcode runs a shortcode the site has a template for, its own or
	// its theme's (layouts/shortcodes/NAME.html). ok is false when it has
	// none: a built-in shortcode runs, or the name is reported unknown.
	// nil leaves only the built-ins. An err that is a Warnings keeps out:
	// each is a warning of the page (Line of the body, as c.Line).
	Shortcode func(c *shortcode.Call) (out string, ok bool, err error)
	// Ref resolves the target of the ref and relref shortcodes ("a.md",
	// "/posts/a.md", "posts/a") to the page's site-relative and absolute
	// URLs. nil makes them an error.
	Ref func(target string) (rel, abs string, err error)
	// Param looks a key up in the page's front matter, then in the site's
	// params, for the param shortcode. nil makes it an error.
	Param func(key string) (any, bool)
	// Hook runs the render hook name (see WithRenderHooks); ok is false
	// when there is none and the node is written as usual. An err that is
	// a Warnings keeps out: each is a warning of the page (Line of the file).
	Hook func(name string, d *HookData) (out string, ok bool, err error)

	exp        *shortcode.Expansion // the body's shortcodes, when it has any
	scWarnings []Warning            // what the shortcodes warned, lines of the file
}

// line maps a line of the Markdown rendered (shortcodes expanded) to the
// line of the body it comes from.
func (c *Context) line(l int) int {
	if c.exp == nil || l <= 0 {
		return l
	}
	return c.exp.Line(l)
}

// Heading is one entry of a table of contents.
type Heading struct {
	Level    int        // 1–6
	ID       string     // the anchor id, "서버-장애"
	Text     string     // the heading's plain text, emoji kept: "[서버 장애 🧯]"
	Children []*Heading // the headings under this one, deeper by any number of levels
}

// Result is a rendered body.
type Result struct {
	// HTML is the whole body.
	HTML []byte
	// Summary is the HTML before the first <!--more--> marker; nil when there
	// is none. A marker inside a block (a list, a paragraph) ends the summary
	// after that top-level block, so the summary is always balanced HTML.
	Summary []byte
	// TOC is the top-level headings, with deeper ones nested under the
	// heading before them; a jump from h2 to h4 nests the h4 under the h2.
	TOC []*Heading
	// Text is the plain text of the body for word counts, reading times and
	// a fallback summary: headings, paragraphs, list items, quotes, tables
	// and footnotes, one block a line. Code blocks and raw HTML are left out;
	// inline code is kept, since it is part of the sentence around it.
	Text string
	// HasMath and HasDiagram tell whether the body has TeX math (WithMath)
	// or a Mermaid diagram (WithDiagrams), for a template to load KaTeX or
	// Mermaid on this page only.
	HasMath, HasDiagram bool
	// Refs are the destinations of the body's links and images, as
	// written, in order (only with Context.ResolveLink: a site build
	// checks them after every page is rendered).
	Refs []Ref
	// NotProse is start, end pairs of byte offsets in Text of image alt
	// text and tables, which Prose leaves out.
	NotProse []int
	// Warnings are what the page lost or might not show as written, such
	// as raw HTML the sanitiser removed or an image without alt text, at their line of File.
	Warnings []Warning
}

// Render turns the Markdown src into HTML. It parses src once and walks the
// tree once before goldmark renders it.
//
// Links to missing .md files are reported as a diag.List of *diag.Error,
// one per link, at the link's line in ctx.File. Render returns the Result
// with such an error too, the broken links left as written, so that a
// development server can still show the page.
//
// A body that takes longer than the Renderer's deadline (WithDeadline) is
// not rendered: Render returns a nil Result and a *diag.Error, "path: took
// too long to render".
func (r *Renderer) Render(src []byte, ctx Context) (*Result, error) {
	return r.RenderContext(context.Background(), src, ctx)
}

// RenderContext is Render that also stops, in the middle of the body, when
// ctx is done; it then returns a nil Result and ctx.Err().
func (r *Renderer) RenderContext(ctx context.Context, src []byte, mc Context) (res *Result, err error) {
	g := newGuard()
	defer g.watch(ctx, r.opts.deadline)()
	defer func() {
		if v := recover(); v != nil {
			if v != g {
				panic(v)
			}
			res, err = nil, g.cause()
			if err == errTooLong {
				err = &diag.Error{Path: mc.File,
					Msg: fmt.Sprintf("took too long to render (more than %v)", r.opts.deadline),
					Hint: "look for a very long run of [ ( * or _ without a break, or lists and quotes nested hundreds deep; " +
						"split it with blank lines, or put it in a code block"}
			}
		}
	}()
	src = validUTF8(src)
	var errs diag.List
	if shortcode.Contains(src) {
		errs = r.expand(src, &mc)
		src = mc.exp.Src
	}
	doc := r.parse(src, g)
	g.check()
	p := prepare(doc, src, mc, r.opts.headingIDs)
	g.check()
	out := &outBuf{more: -1, st: &renderState{ctx: &mc, warnings: mc.scWarnings}, guard: g}
	out.Grow(len(src) * 2)
	if err := r.md.Renderer().Render(out, src, doc); err != nil {
		return nil, err
	}
	html := out.Bytes()
	if cap(html)-len(html) > len(html)/8 {
		// out was grown for the worst case, and a site keeps every
		// page's HTML until it is written: at 10,000 posts the room
		// left over was a third of the buffers (docs/performance.md,
		// "Memory at 10,000 posts").
		html = bytes.Clone(html)
	}
	res = &Result{HTML: html, TOC: p.toc, Text: p.text, Refs: p.refs, NotProse: p.notProse,
		Warnings: append(p.warnings, out.st.warnings...), HasMath: p.math, HasDiagram: p.diagram && r.opts.diagrams}
	if out.more >= 0 {
		res.Summary = res.HTML[:out.more:out.more]
	}
	if mc.exp != nil {
		res.HTML = mc.exp.Fill(res.HTML)
		if res.Summary != nil {
			res.Summary = mc.exp.Fill(res.Summary)
		}
	}
	errs = append(errs, p.errs...)
	return res, errs.Err()
}

// Markdownify renders a short Markdown string, such as a title or a
// description in a template, without the <p> around a single paragraph.
// Links are left as written.
//
// It has the same deadline as Render: a title can be as long as front
// matter allows.
func (r *Renderer) Markdownify(src string) (html string, err error) {
	g := newGuard()
	defer g.watch(context.Background(), r.opts.deadline)()
	defer func() {
		if v := recover(); v != nil {
			if v != g {
				panic(v)
			}
			html, err = "", fmt.Errorf("markdownify: %w (more than %v)", g.cause(), r.opts.deadline)
		}
	}()
	b := validUTF8([]byte(src))
	doc := r.parse(b, g)
	g.check()
	prepare(doc, b, Context{}, r.opts.headingIDs)
	if para, ok := doc.FirstChild().(*ast.Paragraph); ok && doc.ChildCount() == 1 {
		tb := ast.NewTextBlock()
		tb.SetLines(para.Lines())
		for c := para.FirstChild(); c != nil; c = para.FirstChild() {
			tb.AppendChild(tb, c)
		}
		doc.ReplaceChild(doc, para, tb)
	}
	out := outBuf{guard: g}
	if err := r.md.Renderer().Render(&out, b, doc); err != nil {
		return "", err
	}
	return string(bytes.TrimRight(out.Bytes(), "\n")), nil
}

// HighlightCSS returns the stylesheet for highlighted code: the light style
// when the reader's system prefers a light color scheme, the dark style when
// it prefers dark, and either one forced by data-theme="light" or
// data-theme="dark" on the root element, for a theme toggle. The rule sets
// exclude each other, so a token the dark style leaves plain never keeps a
// light color. The bytes are the same on every call and every run.
func (r *Renderer) HighlightCSS() []byte { return r.css() }

// parse parses src, stopping (by a panic, see guard) when g trips; g may
// be nil.
func (r *Renderer) parse(src []byte, g *guard) ast.Node {
	// Heading ids are made after parsing, from the headings' plain text
	// (see prepare); goldmark's own would come from the raw Markdown line,
	// link URLs and all.
	pc := parser.NewContext()
	if g != nil {
		pc.Set(guardKey, g)
	}
	return r.md.Parser().Parse(text.NewReader(src), parser.WithContext(pc))
}

// validUTF8 replaces invalid UTF-8 in src with U+FFFD, so the HTML is
// always valid. Line breaks stay where they were, and so do line numbers.
func validUTF8(src []byte) []byte {
	if utf8.Valid(src) {
		return src
	}
	return bytes.ToValidUTF8(src, []byte("\uFFFD"))
}

// outBuf is the util.BufWriter Render hands goldmark. Writing straight into
// a bytes.Buffer, with no bufio layer in between, lets the <!--more-->
// renderer note the exact length of the HTML so far.
type outBuf struct {
	bytes.Buffer
	more  int          // length of the HTML before the first <!--more-->; -1 for none
	st    *renderState // nil outside Render
	guard *guard       // of the Render or Markdownify, which node renderers check
}

// renderState is what the node renderers of one Render share: the
// page's Context, and what they found.
type renderState struct {
	ctx      *Context
	warnings []Warning
	dropped  map[string]int    // inline start tags the sanitiser removed, by name, whose end tags are to go too
	hooked   map[ast.Node]bool // headings a render hook wrote
}

// line maps a line of the Markdown rendered to the line in the file.
func (s *renderState) line(l int) int { return s.ctx.LineOffset + s.ctx.line(l) }

func (b *outBuf) Available() int { return b.Buffer.Available() }
func (b *outBuf) Buffered() int  { return 0 }
func (b *outBuf) Flush() error   { return nil }

var _ util.BufWriter = (*outBuf)(nil)
