package site

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"html"
	"html/template"
	"io/fs"
	"net/url"
	"path"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
	"unsafe"

	"golang.org/x/text/unicode/norm"

	"github.com/geul-blog/geul/pkg/config"
	"github.com/geul-blog/geul/pkg/content"
	"github.com/geul-blog/geul/pkg/diag"
	"github.com/geul-blog/geul/pkg/markdown"
	"github.com/geul-blog/geul/pkg/output"
	"github.com/geul-blog/geul/pkg/parallel"
	"github.com/geul-blog/geul/pkg/words"
)

// state is the site model of one build: the published pages with every
// derived field filled in, and where each output comes from.
type state struct {
	site       *content.Site
	pages      []*content.Page // every published page, posts newest first, then plain pages
	posts      []*content.Page // newest first
	sections   map[string][]*content.Page
	byPath     map[string]*content.Page   // published pages by path under content/
	hidden     map[string]bool            // drafts and future posts by path
	index      map[string]*content.Page   // _index.md by its folder under content/ ("" for the home page)
	files      map[string][]byte          // non-Markdown files from content/ by output path
	fileOut    map[string]string          // their output paths by path under content/, and by its NFC form
	copied     map[string]output.DiskFile // the large ones, copied from disk by WriteDir
	fileSource map[string]string          // output path of each of files and copied → its path under the site
	warnings   []error                    // problems of the model that do not stop the build
	inBundles  []error                    // Markdown files inside a page bundle, left out: warnings
	claims     *claims                    // the owner of every output path, from claimAll
	listFP     map[*content.Page]uint64   // what lists show of a page
	shapeFP    map[*content.Page]uint64   // the same without what comes from the body
	chrome     uint64                     // what every page shows of the site (fingerprints.go); set by jobs
	basePath   string                     // the path of baseURL, "/" or "/blog/"
	images     *imageSet                  // the photos the pages show, found while rendering
}

// renderedPage is the Markdown of one page rendered, kept across builds.
type renderedPage struct {
	hash  uint64            // of the source it was rendered from
	links map[string]string // relative .md links → the URL they were rewritten to
	refs  *pageRefs         // its links, images and heading ids, for checkRefs (links.go)
	files map[string]string // links and images to files → the URL they were rewritten to, "" when missing

	mu     sync.Mutex
	res    *markdown.Result // nil while it is only in the build cache
	onDisk bool             // the build cache has it

	view      *content.Rendered // what templates see, made from res once
	viewOfLen int               // the summaryLength view was made with

	warnOnce sync.Once
	warns    []error // its Markdown's warnings (markdownWarnings), made once
}

// assemble turns the loaded sources into the site model, rendering the
// Markdown of every page that changed.
func (b *Builder) assemble(ctx context.Context, res *Result) (*state, error) {
	cfg := b.cfg
	var errs diag.List
	st := &state{
		byPath:     map[string]*content.Page{},
		hidden:     map[string]bool{},
		files:      map[string][]byte{},
		fileOut:    map[string]string{},
		copied:     map[string]output.DiskFile{},
		fileSource: map[string]string{},
		sections:   map[string][]*content.Page{},
		listFP:     map[*content.Page]uint64{},
		shapeFP:    map[*content.Page]uint64{},
	}
	st.basePath = basePathOf(cfg.BaseURL)
	st.images = &imageSet{}

	// Published pages.
	now := b.opts.now()
	bundles := map[string]bool{}
	bundlePage := map[string]*content.Page{}
	hiddenBundles := map[string]bool{}
	st.index = map[string]*content.Page{}
	b.sectionDirs = map[string]bool{}
	leaves := map[string]bool{} // every bundle's folder, published or not
	for _, rel := range b.sortedSources() {
		if isIndex(rel, true) {
			b.sectionDirs[path.Dir(b.logical(rel))] = true
		}
		if p := b.sources[rel].page; p != nil && p.Bundle != "" {
			leaves[p.Bundle] = true
		}
	}
	for _, rel := range b.sortedSources() {
		sf := b.sources[rel]
		if sf.err != nil {
			errs.Add(sf.err)
			continue
		}
		p := sf.page
		if p == nil {
			continue
		}
		own := rel
		if p.Bundle != "" {
			own = p.Bundle
		}
		if bundle := bundleOf(own, leaves); bundle != "" {
			// Inside a page bundle a Markdown file is one of the bundle's
			// files, not a page, as in Hugo.
			st.inBundles = append(st.inBundles, diag.Errorf(contentDir+"/"+rel, 0,
				"is inside the page bundle %s/ (a folder with an index.md), so it is not a page", contentDir+"/"+bundle).
				WithHint("move it out of the bundle's folder to publish it, or rename the bundle's index.md to _index.md to make the folder a section"))
			continue
		}
		future, expired := published(p, now)
		switch {
		case p.Kind == content.KindSection:
			// _index.md: its folder's own title and description.
			st.index[strings.TrimSuffix(path.Dir(b.logical(rel)), ".")] = p
			continue
		case p.Headless:
			// headless, or build.render = "never": its bundle's files
			// stay unpublished too.
		case p.Draft && !b.opts.drafts:
			res.Drafts++
		case future && !b.opts.future:
			res.Future++
		case expired:
			res.Expired++
		default:
			st.pages = append(st.pages, p)
			st.byPath[rel] = p
			if p.Bundle != "" {
				bundles[p.Bundle] = true
				bundlePage[p.Bundle] = p
			}
			continue
		}
		st.hidden[rel] = true
		if p.Bundle != "" {
			hiddenBundles[p.Bundle] = true
		}
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}

	// URLs. Who owns each is worked out once every output is known
	// (claimAll).
	rels := make(map[*content.Page]string, len(st.pages))
	for _, p := range st.pages {
		// A page read in an earlier build keeps its URL: the config (and so
		// the permalink patterns) can only change with a full build, which
		// forgets them.
		rel, ok := b.rels[p]
		if !ok {
			rel = b.pageRel(p)
			p.URL = st.basePath + urlPath(rel)
			p.Permalink = b.permalink(rel)
		}
		rels[p] = rel
		checkTerms(p, &errs)
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}

	b.rels = rels

	// Files that are not Markdown: bundle resources beside their page, the
	// rest at the same path as under content/.
	for _, p := range st.pages {
		p.Resources = nil // a page read in an earlier build had them listed then
	}
	for _, rel := range b.sortedSources() {
		sf := b.sources[rel]
		if sf.page != nil || isMarkdown(rel) {
			continue
		}
		out := norm.NFC.String(rel) // every published path is NFC
		if bundle := bundleOf(rel, bundles); bundle != "" {
			if p := bundlePage[bundle]; p != nil {
				name := norm.NFC.String(strings.TrimPrefix(rel, bundle+"/")) // as links to it are written (macOS names files NFD)
				p.Resources = append(p.Resources, name)
				out = outputDir(rels[p]) + name
			}
		} else if bundleOf(rel, hiddenBundles) != "" {
			continue
		}
		out = norm.NFC.String(out)
		if prev, ok := st.fileSource[out]; ok {
			// Two names for one path: the same name in NFC and NFD.
			errs = append(errs, diag.Errorf(contentDir+"/"+rel, 0, "would be published at %s%s, where %s is too", st.basePath, out, prev).
				WithHint("rename or remove one of them"))
			continue
		}
		if f, ok := b.largeFile(contentDir + "/" + rel); ok {
			st.copied[out] = f // stays on disk until written
		} else if data, err := readContentFile(b, rel); err != nil {
			errs.Add(err)
			continue
		} else {
			st.files[out] = data
		}
		st.fileSource[out] = contentDir + "/" + rel
		st.fileOut[rel] = out
		st.fileOut[norm.NFC.String(rel)] = out
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	// A missing cover is reported with the Markdown's own problems.
	for _, p := range st.pages {
		p.CoverURL = ""
		if p.Cover != "" {
			var err error
			if p.CoverURL, err = b.coverURL(st, p); err != nil {
				errs.Add(err)
			}
			p.CoverWidth, p.CoverHeight = b.coverSize(st, p.CoverURL)
		}
	}

	if err := b.renderMarkdown(ctx, st); errors.Is(err, errCanceled) {
		return nil, err
	} else if err != nil {
		errs.Add(err)
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	b.link(st)
	return st, nil
}

// slug is words.Slug, remembered: a rebuild slugs the same file names
// again and again. Only the assembling goroutine calls it.
func (b *Builder) slug(s string) string {
	return rememberSlug(&b.slugs, s)
}

// rememberSlug is words.Slug through the cache *m, made on first use.
func rememberSlug(m *map[string]string, s string) string {
	if v, ok := (*m)[s]; ok {
		return v
	}
	if *m == nil {
		*m = map[string]string{}
	}
	v := words.Slug(s)
	(*m)[s] = v
	return v
}

// basePathOf returns the path of a base URL, "/" or "/blog/".
func basePathOf(baseURL string) string {
	if u, err := url.Parse(baseURL); err == nil && u.Path != "" {
		return u.Path
	}
	return "/"
}

// permalink returns the absolute, percent-encoded URL of an output folder.
func (b *Builder) permalink(rel string) string {
	segs := strings.Split(rel, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return b.cfg.BaseURL + strings.Join(segs, "/")
}

// aliasPath is the output file of a redirect from an old URL.
func aliasPath(alias string) string {
	a := strings.Trim(path.Clean("/"+alias), "/")
	if strings.HasSuffix(a, ".html") {
		return a
	}
	if a == "" {
		return "index.html"
	}
	return a + "/index.html"
}

func readContentFile(b *Builder, rel string) ([]byte, error) {
	data, err := fs.ReadFile(b.fsys, contentDir+"/"+rel)
	if err != nil {
		return nil, &diag.Error{Path: contentDir + "/" + rel, Msg: err.Error(), Hint: "check that the file is readable", Err: err}
	}
	return data, nil
}

// renderMarkdown renders every published page whose source, or the URL of
// a page it links to, changed since it was last rendered.
func (b *Builder) renderMarkdown(ctx context.Context, st *state) error {
	var todo []*content.Page
	for _, p := range st.pages {
		if r := b.rendered[p.Path]; r == nil || r.hash != b.sources[p.Path].hash || !b.linksStillResolve(r, st, p) {
			todo = append(todo, p)
		}
	}
	if err := b.renderPages(ctx, st, todo); err != nil {
		return err
	}
	// Forget pages that are gone, so the cache does not grow without bound.
	for k := range b.rendered {
		if _, ok := b.sources[k]; !ok {
			delete(b.rendered, k)
		}
	}
	return nil
}

// renderPages renders the Markdown of todo, on all cores.
func (b *Builder) renderPages(ctx context.Context, st *state, todo []*content.Page) error {
	done := make([]*renderedPage, len(todo))
	errs := make([]error, len(todo))
	missed := make([]bool, len(todo)) // showed a photo not processed yet (see imageOf)
	err := parallel.For(ctx, len(todo), func(i int) {
		p := todo[i]
		links, files := map[string]string{}, map[string]string{}
		mctx := b.mdContext(p,
			func(dest string) (string, bool) {
				u, ok := resolveLink(st, p, dest)
				if ok {
					links[dest] = u
				}
				return u, ok
			},
			func(target string) (*content.Page, error) {
				t, err := refPage(st, p, target)
				if err == nil {
					links[depRef+target] = t.URL + "\x00" + t.Permalink
				}
				return t, err
			})
		mctx.Image = func(dest string) *markdown.Image { return b.imageOf(st, p, dest, &missed[i], links) }
		mctx.LeftOut = func(dest string) string { return b.leftOut(st, p, dest) }
		mctx.ResolveFile = func(dest string, image bool) (string, bool) {
			u, ok := b.resolveFile(st, p, dest)
			files[dest] = u // "" when missing: a file added later renders the page again
			return u, ok
		}
		r, err := b.md.RenderContext(ctx, p.Body, mctx)
		if err != nil {
			errs[i] = err
			return
		}
		b.recordDeps(p, links, r)
		done[i] = &renderedPage{hash: b.sources[p.Path].hash, links: links, files: files, res: r, refs: refsOf(r)}
		if b.opts.singleBuild && !missed[i] {
			p.Body = nil // rendered for good: let the source go while the others render
		}
	})
	if err != nil {
		return err
	}
	// Photos are processed between two renderings, never inside one: a
	// post with fifty photos must not run into the Markdown's deadline.
	// The pages that showed one not yet processed are rendered again.
	if again := b.processPending(ctx, st, todo, missed); len(again) > 0 {
		if err := b.renderPages(ctx, st, again); err != nil {
			return err
		}
		for i := range todo {
			if missed[i] {
				errs[i], done[i] = nil, nil
			}
		}
	}
	var list diag.List
	for i, p := range todo {
		if done[i] == nil && errs[i] == nil {
			continue // rendered again above
		}
		if errs[i] != nil {
			list.Add(errs[i])
			continue
		}
		b.rendered[p.Path] = done[i]
		if b.opts.singleBuild {
			p.Body = nil // rendered: the source is not needed again
		}
	}
	return list.Err()
}

func resolveLink(st *state, from *content.Page, dest string) (string, bool) {
	target := path.Clean(path.Join(path.Dir(from.Path), dest))
	if p := st.byPath[target]; p != nil {
		return p.URL, true
	}
	return "", false
}

func (b *Builder) linksStillResolve(r *renderedPage, st *state, p *content.Page) bool {
	for dest, u := range r.links {
		if strings.HasPrefix(dest, depPrefix) {
			if !b.depHolds(st, p, dest, u) {
				return false
			}
			continue
		}
		if now, ok := resolveLink(st, p, dest); !ok || now != u {
			return false
		}
	}
	for dest, u := range r.files {
		if now, _ := st.resolveFileIn(p, dest, nil); now != u {
			return false
		}
	}
	return true
}

// link fills in every derived field of the pages and builds the site's
// lists: sections, taxonomies, neighbours, related posts.
func (b *Builder) link(st *state) {
	cfg := b.cfg
	for _, p := range st.pages {
		p.SetRenderedFunc(func() *content.Rendered { return b.renderedOf(p) })
		p.Prev, p.Next = nil, nil
		if !p.IsPost() {
			p.Related = nil // a post's stays until relate works it out again
		}
		p.CategoryLinks, p.CategoryTrails, p.TagLinks, p.TermLinks = nil, nil, nil, nil
	}
	sortPages(st.pages)

	var plain []*content.Page
	for _, p := range st.pages {
		if p.IsPost() {
			st.posts = append(st.posts, p)
			st.sections[p.Section] = append(st.sections[p.Section], p)
		} else {
			plain = append(plain, p)
		}
	}
	sort.SliceStable(plain, func(i, j int) bool { return plain[i].Title < plain[j].Title })
	for _, list := range st.sections {
		for i, p := range list {
			if i > 0 {
				p.Next = list[i-1]
			}
			if i+1 < len(list) {
				p.Prev = list[i+1]
			}
		}
	}

	// Categories on another core, tags on this one: they touch different
	// fields of the posts.
	var categories *content.Taxonomy
	var catWarnings []error
	catsDone := make(chan struct{})
	go func() {
		defer close(catsDone)
		if !b.cfg.FromHugo {
			categories, catWarnings = b.categoryTree(st) // cattree.go
			return
		}
		categories, catWarnings = b.taxonomy(st, "categories", func(p *content.Page) []string { return p.Categories },
			func(p *content.Page, links []content.Link) { p.CategoryLinks = links })
	}()
	tags, tagWarnings := b.taxonomy(st, "tags", func(p *content.Page) []string { return p.Tags },
		func(p *content.Page, links []content.Link) { p.TagLinks = links })
	<-catsDone
	st.warnings = append(catWarnings, tagWarnings...)
	custom, customWarnings := b.customTaxonomies(st)
	st.warnings = append(st.warnings, customWarnings...)
	// The pages' fingerprints do not cover related posts: work them out
	// while relate runs.
	list, shape := make([]uint64, len(st.pages)), make([]uint64, len(st.pages))
	fpsDone := make(chan struct{})
	go func() {
		defer close(fpsDone)
		_ = parallel.For(context.Background(), len(st.pages), func(i int) {
			list[i], shape[i] = b.listFingerprint(st.pages[i]), b.shapeFingerprint(st.pages[i])
		})
	}()
	b.relate(st, categories, tags)

	var updated time.Time
	for _, p := range st.posts {
		for _, t := range []time.Time{p.Date, p.Lastmod} {
			if t.After(updated) {
				updated = t
			}
		}
	}
	st.site = &content.Site{
		Config:       cfg,
		Title:        cfg.Title,
		Description:  cmp.Or(cfg.Description, homeDescription(st)),
		Author:       cfg.Author,
		Copyright:    cfg.Copyright,
		BaseURL:      cfg.BaseURL,
		LanguageCode: cfg.LanguageCode,
		Params:       cfg.Params,
		Menus:        menusUnder(cfg.Menus, st.basePath),
		Posts:        st.posts,
		Pages:        plain,
		Categories:   categories,
		Tags:         tags,
		Taxonomies:   custom,
		FeedURL:      b.feedURL(st.basePath),
		Updated:      updated,
	}
	<-fpsDone
	for i, p := range st.pages {
		st.listFP[p], st.shapeFP[p] = list[i], shape[i]
	}
}

// renderedOf works out what p's Markdown became, loading it from the build
// cache when this process has not rendered it.
func (b *Builder) renderedOf(p *content.Page) *content.Rendered {
	rp := b.rendered[p.Path]
	r := b.result(p)
	rp.mu.Lock()
	defer rp.mu.Unlock()
	if rp.view != nil && rp.viewOfLen == b.cfg.SummaryLength {
		return rp.view
	}
	out := &content.Rendered{Content: template.HTML(bytesAsString(r.HTML)), HasMath: r.HasMath, HasDiagram: r.HasDiagram}
	switch {
	case r.Summary != nil:
		out.Summary = template.HTML(bytesAsString(summaryURLs(r.Summary, p.URL)))
	case p.Description != "":
		out.Summary = template.HTML(html.EscapeString(p.Description))
	default:
		out.Summary = template.HTML(html.EscapeString(words.Truncate(r.Prose(), b.cfg.SummaryLength)))
	}
	out.TOC = convertTOC(r.TOC)
	out.TableOfContents = tocHTML(out.TOC)
	out.WordCount, out.ReadingTime = words.CountAndReadingTime(r.Text)
	rp.view, rp.viewOfLen = out, b.cfg.SummaryLength
	return out
}

// sortPages orders posts newest first, then plain pages; ties by path so
// that every build orders the same way.
func sortPages(ps []*content.Page) {
	slices.SortFunc(ps, func(a, b *content.Page) int {
		if a.IsPost() != b.IsPost() {
			if a.IsPost() {
				return -1
			}
			return 1
		}
		return newestFirst(a.Date, a.Path, b.Date, b.Path)
	})
}

// newestFirst orders posts as the site lists them: newer first, then by
// path, so that every build orders the same way.
func newestFirst(aDate time.Time, aPath string, bDate time.Time, bPath string) int {
	if c := bDate.Compare(aDate); c != 0 {
		return c
	}
	return strings.Compare(aPath, bPath)
}

// taxonomy groups the posts by the terms names returns, and links each
// post to its terms with link. Names that differ only in case, spacing or
// Unicode normalisation are one term (words.TermKey), named as first
// written; the URL of a term is its name made a path as Hugo makes it
// (words.TermSlug), so "C", "C++" and "C#" are three terms. Two names that
// differ otherwise but make one URL ("go lang", "go-lang") are one term
// too, with a warning, as there is one page to show them.
func (b *Builder) taxonomy(st *state, name string, names func(*content.Page) []string, link func(*content.Page, []content.Link)) (*content.Taxonomy, []error) {
	tax := &content.Taxonomy{Name: name, URL: st.basePath + name + "/"}
	type entry struct {
		term *content.Term
		key  string // of the name it was first written with
	}
	bySlug := map[string]entry{}
	var warned map[string]bool // keys warned about
	var warnings []error
	var seen []string // of one post: a few terms, fewer than a map costs
	for _, p := range st.posts {
		seen = seen[:0]
		var links []content.Link
		for _, n := range names(p) {
			id := b.termID(name, n)
			if slices.Contains(seen, id.slug) {
				continue
			}
			seen = append(seen, id.slug)
			e, ok := bySlug[id.slug]
			if !ok {
				e = entry{&content.Term{Name: n, Slug: id.slug, URL: tax.URL + termURLPath(id.slug) + "/"}, id.key}
				bySlug[id.slug] = e
				tax.Terms = append(tax.Terms, e.term)
			} else if e.key != id.key && !warned[id.key] {
				if warned == nil {
					warned = map[string]bool{}
				}
				warned[id.key] = true
				first := e.term.Pages[0]
				warnings = append(warnings, diag.Errorf(contentDir+"/"+p.Path, keyLine(p, name), "%s %q and %q (%s) are written differently but make the same URL %s; they are listed as one",
					singular(name), n, e.term.Name, contentDir+"/"+first.Path, e.term.URL).WithHint("write them the same way"))
			}
			t := e.term
			t.Pages = append(t.Pages, p)
			links = append(links, content.Link{Name: t.Name, URL: t.URL})
		}
		if len(links) > 0 {
			tax.PostCount++
		}
		link(p, links)
	}
	slices.SortFunc(tax.Terms, func(a, b *content.Term) int { return strings.Compare(a.Slug, b.Slug) })
	return tax, warnings
}

// singular is what one term of a taxonomy is called in messages.
func singular(taxonomy string) string {
	if taxonomy == "categories" {
		return "category"
	}
	return strings.TrimSuffix(taxonomy, "s")
}

// termURLPath is a term's slug as it goes in a URL: "#" would start the
// fragment ("c#" is served at /tags/c%23/). The other characters a slug
// keeps need no escaping in a path, and Hangul stays readable.
func termURLPath(slug string) string {
	return strings.ReplaceAll(slug, "#", "%23")
}

// termRel is the output folder of a term's pages: "tags/c#/".
func termRel(tax *content.Taxonomy, t *content.Term) string {
	return tax.Name + "/" + t.Slug + "/"
}

// termID is what a term's name makes: the key that says which names are
// one term, and its URL path.
type termID struct{ key, slug string }

// termID returns what name makes in taxonomy, remembered across builds; a
// name with no letters ("🔥") gets a stable made-up slug. Each taxonomy
// has its own cache: the two are made at once.
func (b *Builder) termID(taxonomy, name string) termID {
	cache := &b.catSlugs
	switch taxonomy {
	case "categories":
	case "tags":
		cache = &b.tagSlugs
	default:
		cache = b.customSlugs(taxonomy)
	}
	if id, ok := (*cache)[name]; ok {
		return id
	}
	if *cache == nil {
		*cache = map[string]termID{}
	}
	id := termID{key: words.TermKey(name), slug: words.TermSlug(name)}
	if id.slug == "" {
		id.slug = fmt.Sprintf("t-%x", hashBytes([]byte(id.key))&0xffffffff)
	}
	(*cache)[name] = id
	return id
}

// termSlug is the URL path of a term's name.
func (b *Builder) termSlug(taxonomy, name string) string { return b.termID(taxonomy, name).slug }

func convertTOC(hs []*markdown.Heading) []*content.Heading {
	if len(hs) == 0 {
		return nil
	}
	out := make([]*content.Heading, len(hs))
	for i, h := range hs {
		out[i] = &content.Heading{Level: h.Level, ID: h.ID, Text: h.Text, Children: convertTOC(h.Children)}
	}
	return out
}

// tocHTML renders the table of contents as nested lists; a page with fewer
// than two headings has none.
func tocHTML(toc []*content.Heading) template.HTML {
	n := 0
	var count func([]*content.Heading)
	count = func(hs []*content.Heading) {
		for _, h := range hs {
			n++
			count(h.Children)
		}
	}
	count(toc)
	if n < 2 {
		return ""
	}
	var sb strings.Builder
	var write func([]*content.Heading)
	write = func(hs []*content.Heading) {
		sb.WriteString("<ul>")
		for _, h := range hs {
			sb.WriteString(`<li><a href="#`)
			sb.WriteString(html.EscapeString(h.ID))
			sb.WriteString(`">`)
			sb.WriteString(html.EscapeString(h.Text))
			sb.WriteString("</a>")
			if len(h.Children) > 0 {
				write(h.Children)
			}
			sb.WriteString("</li>")
		}
		sb.WriteString("</ul>")
	}
	write(toc)
	return template.HTML(sb.String())
}

// menusUnder puts the site's base path in front of menu URLs written from
// the site root ("/about/"), so menus work on a site published under a
// sub-path.
func menusUnder(menus map[string][]config.MenuEntry, basePath string) map[string][]config.MenuEntry {
	out := make(map[string][]config.MenuEntry, len(menus))
	for name, entries := range menus {
		es := make([]config.MenuEntry, len(entries))
		for i, e := range entries {
			if strings.HasPrefix(e.URL, "/") && !strings.HasPrefix(e.URL, "//") {
				e.URL = basePath + strings.TrimPrefix(e.URL, "/")
			}
			es[i] = e
		}
		out[name] = es
	}
	return out
}

// bytesAsString views rendered Markdown as a string without copying it: a
// 10,000-post blog would otherwise hold every post's HTML twice. The bytes
// of a markdown.Result are never changed once Render returns, which is what
// makes this safe.
func bytesAsString(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}

// homeDescription is the description of content/_index.md, or "".
func homeDescription(st *state) string {
	if ix := st.index[""]; ix != nil {
		return ix.Description
	}
	return ""
}
