// Package markdown renders a page body from Markdown to HTML the way geul's
// posts need it: GFM, footnotes and definition lists, emoji shortcodes as
// Unicode, readable heading ids for Hangul and emoji headings, a table of
// contents, the <!--more--> summary split, class-based code highlighting,
// and links to other .md files turned into page URLs.
//
// It builds on goldmark and chroma. It must not import pkg/content or
// pkg/site: it knows nothing of pages, only of one Markdown body at a time.
package markdown

import (
	"bytes"
	"sync"
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
}

// WithUnsafe keeps raw HTML in the Markdown. By default it is left out, as
// goldmark and Hugo do, and replaced with "<!-- raw HTML omitted -->".
// Markdown links and images to javascript:, vbscript:, file: and data: URLs
// (but data:image/png, gif, jpeg and webp) keep their text and lose their
// URL, in either mode; raw HTML written by the author is the author's own.
func WithUnsafe(on bool) Option { return func(o *options) { o.unsafe = on } }

// WithAnchorLabel sets the accessible name of the "#" link after every
// heading (default "Permalink"); a Korean site passes its own words, so a
// screen reader does not read English on a Korean page.
func WithAnchorLabel(label string) Option { return func(o *options) { o.anchorLabel = label } }

// WithHighlightStyles sets the chroma styles HighlightCSS uses for the light
// and the dark color scheme (default "github" and "github-dark"). An unknown
// name falls back to chroma's fallback style.
func WithHighlightStyles(light, dark string) Option {
	return func(o *options) { o.lightStyle, o.darkStyle = light, dark }
}

// Renderer turns Markdown into HTML. It is safe for concurrent use: the
// goldmark pipeline and the chroma formatter are built once, in New.
type Renderer struct {
	md   goldmark.Markdown
	code *codeRenderer
	css  func() []byte // built on first use

	diagrams bool
}

// New returns a Renderer configured by opts.
func New(opts ...Option) *Renderer {
	o := options{lightStyle: "github", darkStyle: "github-dark", anchorLabel: "Permalink"}
	for _, opt := range opts {
		opt(&o)
	}
	r := &Renderer{diagrams: o.diagrams}
	r.code = newCodeRenderer(styles.Get(o.lightStyle))
	rendererOpts := []renderer.Option{}
	var htmlOpts []html.Option
	if o.unsafe {
		rendererOpts = append(rendererOpts, html.WithUnsafe())
		htmlOpts = append(htmlOpts, html.WithUnsafe())
	}
	exts := []goldmark.Extender{}
	if o.math {
		exts = append(exts, mathExtension())
		rendererOpts = append(rendererOpts, renderer.WithNodeRenderers(util.Prioritized(mathRenderer{}, 50)))
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
			emoji.New(emoji.WithRenderingMethod(emoji.Unicode)),
		),
		goldmark.WithParserOptions(parser.WithAttribute()),
		goldmark.WithRendererOptions(rendererOpts...),
		goldmark.WithRendererOptions(renderer.WithNodeRenderers(
			util.Prioritized(&nodeRenderer{code: r.code, anchorLabel: util.EscapeHTML([]byte(o.anchorLabel)),
				image: newImageRenderer(htmlOpts...), diagrams: o.diagrams}, 100), // before goldmark's own (1000)
		)),
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
	// Warnings are problems that do not stop a build, "path:line: what;
	// how to fix": an image without alt text.
	Warnings []string
}

// Render turns the Markdown src into HTML. It parses src once and walks the
// tree once before goldmark renders it.
//
// Links to missing .md files are reported as a diag.List of *diag.Error,
// one per link, at the link's line in ctx.File. Render returns the Result
// with such an error too, the broken links left as written, so that a
// development server can still show the page.
func (r *Renderer) Render(src []byte, ctx Context) (*Result, error) {
	src = validUTF8(src)
	doc := r.parse(src)
	p := prepare(doc, src, ctx)
	out := &outBuf{more: -1}
	out.Grow(len(src) * 2)
	if err := r.md.Renderer().Render(out, src, doc); err != nil {
		return nil, err
	}
	res := &Result{HTML: out.Bytes(), TOC: p.toc, Text: p.text, Warnings: p.warnings,
		HasMath: p.math, HasDiagram: p.diagram && r.diagrams}
	if out.more >= 0 {
		res.Summary = res.HTML[:out.more:out.more]
	}
	return res, p.errs.Err()
}

// Markdownify renders a short Markdown string, such as a title or a
// description in a template, without the <p> around a single paragraph.
// Links are left as written.
func (r *Renderer) Markdownify(src string) (string, error) {
	b := validUTF8([]byte(src))
	doc := r.parse(b)
	prepare(doc, b, Context{})
	if p, ok := doc.FirstChild().(*ast.Paragraph); ok && doc.ChildCount() == 1 {
		tb := ast.NewTextBlock()
		tb.SetLines(p.Lines())
		for c := p.FirstChild(); c != nil; c = p.FirstChild() {
			tb.AppendChild(tb, c)
		}
		doc.ReplaceChild(doc, p, tb)
	}
	var out outBuf
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

func (r *Renderer) parse(src []byte) ast.Node {
	// Heading ids are made after parsing, from the headings' plain text
	// (see prepare); goldmark's own would come from the raw Markdown line,
	// link URLs and all.
	return r.md.Parser().Parse(text.NewReader(src))
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
	more int // length of the HTML before the first <!--more-->; -1 for none
}

func (b *outBuf) Available() int { return b.Buffer.Available() }
func (b *outBuf) Buffered() int  { return 0 }
func (b *outBuf) Flush() error   { return nil }

var _ util.BufWriter = (*outBuf)(nil)
