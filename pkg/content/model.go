package content

import (
	"html/template"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/geul-blog/geul/pkg/config"
)

// Kind says what a Page is.
type Kind string

// The kinds of page a source file can be.
const (
	KindPost Kind = "post" // a dated entry of a section such as posts/
	KindPage Kind = "page" // a plain page at the content root, such as about.md
	// KindSection is an _index.md: its section's (or, at the content
	// root, the home page's) own title and description, never a post.
	KindSection Kind = "section"
)

// Page is one Markdown file: what the writer wrote (filled by Parse and the
// loader) and what the site made of it (filled by pkg/site before rendering).
// Templates see it as .Page.
type Page struct {
	// From the file.
	Path        string              // slash path under content/: "posts/a.md", "posts/trip/index.md", "about.md"
	Section     string              // first folder under content/ ("posts"), "" for root pages
	Bundle      string              // a bundle's folder under content/ ("posts/trip") when the file is index.md; else ""
	Kind        Kind                // KindPost for files in a section, KindPage for root pages
	Title       string              // front matter title
	Date        time.Time           // zero when absent
	Lastmod     time.Time           // zero when absent
	Draft       bool                // draft = true
	Categories  []string            // category names, as written
	Tags        []string            // tag names, as written
	Slug        string              // front matter slug; "" when absent
	Description string              // front matter description (or summary)
	Cover       string              // front matter cover image, as written
	Aliases     []string            // old URLs that redirect here
	URLPath     string              // front matter url: the page's exact URL, "" when absent
	PublishDate time.Time           // publishDate: hidden before it, as a future post; zero when absent
	ExpiryDate  time.Time           // expiryDate: hidden from then on; zero when absent
	DateWritten time.Time           // Date in the zone it was written with, for Hugo's permalink tokens
	Weight      int                 // front matter weight, for templates
	Keywords    []string            // front matter keywords, for meta tags
	Images      []string            // front matter images, for Open Graph
	CoverAlt    string              // alt text of a cover given as a map
	ShowTOC     *bool               // front matter toc; nil when absent
	Headless    bool                // headless = true, or build.render = "never": not published
	Unlisted    bool                // build.list = "never": published but in no list
	Terms       map[string][]string // custom taxonomies (series, …) by plural name, as written
	Warnings    []error             // problems with the file that do not stop a build
	Params      map[string]any      // every front matter key, as written
	Body        []byte              // Markdown after the front matter; LF line ends, no BOM
	BodyLine    int                 // 1-based line of the file where Body starts
	KeyLines    map[string]int      // file line of each top-level front matter key, as written; see Line and CoverLine

	// Made by the site.
	URL           string // site-relative URL, "/posts/a/" (includes baseURL's path)
	Permalink     string // absolute URL
	CoverURL      string // Cover resolved to a URL; "" when none
	CoverWidth    int    // the cover's size in pixels, when it is a file of the site geul can read; else 0
	CoverHeight   int
	CategoryLinks []Link // Categories with their term pages (a path's last level: "개발/Go")
	// CategoryTrails are the levels of each category path, from the top,
	// each with its term page: [[개발 /categories/개발/] [Go /categories/개발/go/]]
	// for "개발/Go"; what a breadcrumb "개발 › Go" above the title shows.
	CategoryTrails [][]Link
	TagLinks       []Link            // Tags with their term pages
	TermLinks      map[string][]Link // Terms with their term pages, by taxonomy (series, …); nil without any
	Prev           *Page             // the older neighbour in the same section; nil for the oldest
	Next           *Page             // the newer neighbour; nil for the newest
	Related        []*Page           // up to 5 posts sharing tags or category, best first
	Resources      []string          // bundle files published beside the page, slash paths relative to it

	rendered func() *Rendered // nil until the site sets it; see SetRenderedFunc
}

// Rendered is what a page's Markdown became. Templates reach its fields
// through the Page's methods of the same names (.Content, .Summary, …).
type Rendered struct {
	Content         template.HTML // the rendered body
	Summary         template.HTML // text before <!--more-->, else the description, else the first words
	TOC             []*Heading    // headings, nested by level
	TableOfContents template.HTML // TOC as a nested <ul>; empty when there are fewer than two headings
	WordCount       int           // Latin words plus Hangul eojeol (space-separated words) plus Han/Kana characters
	ReadingTime     int           // minutes, at least 1
	HasMath         bool          // the body has TeX math: the page loads KaTeX
	HasDiagram      bool          // the body has a Mermaid diagram: the page loads Mermaid
}

// SetRendered sets what the page's Markdown became.
func (p *Page) SetRendered(r *Rendered) {
	p.rendered = func() *Rendered { return r }
}

// SetRenderedFunc sets a function that works out the page's Rendered the
// first time a template asks for it: a site of 10,000 posts whose rendered
// Markdown sits in the build cache loads only what the pages being
// rendered show. load is called at most once, and Rendered may be called
// from several goroutines' templates at the same time.
func (p *Page) SetRenderedFunc(load func() *Rendered) {
	p.rendered = sync.OnceValue(load)
}

// Rendered returns what the page's Markdown became; empty before the site sets it.
func (p *Page) Rendered() *Rendered {
	if p.rendered == nil {
		return &Rendered{}
	}
	return p.rendered()
}

// Content returns the rendered body.
func (p *Page) Content() template.HTML { return p.Rendered().Content }

// HasMath reports whether the page's body has TeX math, for a layout to
// load KaTeX on this page only.
func (p *Page) HasMath() bool { return p.Rendered().HasMath }

// HasDiagram reports whether the page's body has a Mermaid diagram, for a
// layout to load Mermaid on this page only.
func (p *Page) HasDiagram() bool { return p.Rendered().HasDiagram }

// Summary returns the text before <!--more-->, else the description, else the first words.
func (p *Page) Summary() template.HTML { return p.Rendered().Summary }

// TOC returns the headings, nested by level.
func (p *Page) TOC() []*Heading { return p.Rendered().TOC }

// TableOfContents returns the TOC as a nested <ul>, or "" for fewer than two headings.
func (p *Page) TableOfContents() template.HTML { return p.Rendered().TableOfContents }

// WordCount returns the number of words: Latin words, Hangul eojeol, Han and Kana characters.
func (p *Page) WordCount() int { return p.Rendered().WordCount }

// ReadingTime returns the minutes it takes to read the page, at least 1.
func (p *Page) ReadingTime() int { return p.Rendered().ReadingTime }

// Line returns the file line of the front matter key (matched without
// regard to case, as Parse matches keys), or 0 when the page does not set
// it: errors about a URL name the line of the slug, url or aliases that
// made it.
func (p *Page) Line(key string) int {
	if n, ok := p.KeyLines[key]; ok {
		return n
	}
	for k, n := range p.KeyLines {
		if strings.EqualFold(k, key) {
			return n
		}
	}
	return 0
}

// CoverLine returns the file line of the front matter key Cover came
// from: cover, or image when the page has no cover key; 0 when unknown.
func (p *Page) CoverLine() int {
	if n := p.Line("cover"); n > 0 {
		return n
	}
	return p.Line("image")
}

// IsPost reports whether p is a post (dated, listed, in feeds).
func (p *Page) IsPost() bool { return p.Kind == KindPost }

// Heading is one entry of a page's table of contents.
type Heading struct {
	Level    int        // 1–6
	ID       string     // the anchor id, "서버-장애"
	Text     string     // the heading's plain text, emoji kept
	Children []*Heading // deeper headings under this one
}

// Link is a name with the URL of its page.
type Link struct {
	Name string
	URL  string
}

// Term is one category or tag and the posts that carry it, newest first.
// A category of a tree (categories = ["개발/Go"]) is a Term too: its
// Pages are its own posts and those of every category under it.
type Term struct {
	Name  string  // as written in front matter; a tree's level alone ("Go")
	Slug  string  // URL segment, Hangul kept ("개발/go" for a tree's level)
	URL   string  // "/categories/생각/"
	Pages []*Page // newest first

	// Of a category tree; zero for tags and flat categories.
	Path        string  // the levels' names joined with "/": "개발/Go"
	Depth       int     // 0 at the top
	Parent      *Term   // nil at the top
	Children    []*Term // in the tree's order (see Taxonomy.Tree)
	Weight      int     // from [[categories]] in config.toml
	Description string  // from [[categories]] in config.toml
}

// Count returns the number of posts with the term.
func (t *Term) Count() int { return len(t.Pages) }

// Taxonomy is "categories" or "tags" with all their terms.
type Taxonomy struct {
	Name  string  // "categories" or "tags"
	URL   string  // "/categories/"
	Terms []*Term // by slug; a tree's every level
	// Tree is the top level of the category tree, each Term's Children
	// below it, in the order of [[categories]] in config.toml (by weight,
	// then as listed), then the categories it does not list, by name.
	// Categories only; nil for tags and for a Hugo site's categories,
	// which are flat as in Hugo.
	Tree []*Term
	// PostCount is how many posts have at least one term ("분류 전체보기 (128)").
	PostCount int

	menu    atomic.Pointer[[]*Term] // Menu's, made once
	sidebar atomic.Pointer[TreeMenu]
}

// MenuSize is how many terms Taxonomy.Menu returns at most.
const MenuSize = 20

// Menu returns the MenuSize terms with the most posts (ties: the first in
// Terms), in the order of Terms: what a menu that every page shows should
// list, so that a site's size does not grow with its square as its
// categories grow. Terms must not change once Menu is called.
func (t *Taxonomy) Menu() []*Term {
	if m := t.menu.Load(); m != nil {
		return *m
	}
	menu := t.Terms
	if len(menu) > MenuSize {
		byCount := slices.Clone(t.Terms)
		slices.SortStableFunc(byCount, func(a, b *Term) int { return len(b.Pages) - len(a.Pages) })
		top := make(map[*Term]bool, MenuSize)
		for _, x := range byCount[:MenuSize] {
			top[x] = true
		}
		menu = make([]*Term, 0, MenuSize)
		for _, x := range t.Terms {
			if top[x] {
				menu = append(menu, x)
			}
		}
	}
	t.menu.Store(&menu)
	return menu
}

// Pager is one page of a paginated list.
type Pager struct {
	Number   int     // 1-based
	Total    int     // number of pages, at least 1
	Pages    []*Page // the posts on this page
	URL      string  // this page's URL
	FirstURL string
	LastURL  string
	PrevURL  string // "" on the first page
	NextURL  string // "" on the last page
	Numbers  []Link // pages to offer: the first, the last and two either side of this one; a gap between them is a Link with Name "…" and no URL
}

// HasPrev reports whether there is a newer page before this one.
func (p *Pager) HasPrev() bool { return p.PrevURL != "" }

// HasNext reports whether there is an older page after this one.
func (p *Pager) HasNext() bool { return p.NextURL != "" }

// ArchiveYear groups posts by year and month for the archive page.
type ArchiveYear struct {
	Year   int
	Months []*ArchiveMonth // newest first
}

// ArchiveMonth is the posts of one month, newest first.
type ArchiveMonth struct {
	Year  int
	Month time.Month
	Pages []*Page
}

// Site is what templates see as .Site.
type Site struct {
	Config       *config.Config
	Title        string
	Description  string
	Author       string
	Copyright    string
	BaseURL      string // absolute, ends in "/"
	LanguageCode string
	Params       map[string]any
	Menus        map[string][]config.MenuEntry
	Posts        []*Page   // every published post, newest first
	Pages        []*Page   // plain pages (about.md), by title
	Categories   *Taxonomy // terms by name
	Tags         *Taxonomy
	Taxonomies   []*Taxonomy // the config's other taxonomies (series, …), by name
	FeedURL      string      // the site's Atom feed, site-relative
	Updated      time.Time   // the newest date or lastmod of any post (builds stay reproducible)
}

// View is the data a layout is executed with: "." in every template.
type View struct {
	Kind        string // "home", "post", "page", "section", "taxonomy", "term", "archive", "404"
	Site        *Site
	Page        *Page          // for "post" and "page"; nil otherwise
	Title       string         // for <title>: the page's title, the term's name, …
	Description string         // for meta description
	URL         string         // this output's site-relative URL
	Permalink   string         // this output's absolute URL
	Paginator   *Pager         // for "home", "section", "term"
	Term        *Term          // for "term"
	Taxonomy    *Taxonomy      // for "taxonomy" and "term"
	Section     string         // for "section"
	Archive     []*ArchiveYear // for "archive"
	FeedURL     string         // the most specific feed: the term's feed on a category page, else the site's
}
