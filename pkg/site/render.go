package site

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"html/template"
	"maps"
	"os"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/geul-blog/geul/pkg/content"
	"github.com/geul-blog/geul/pkg/diag"
	"github.com/geul-blog/geul/pkg/output"
	"github.com/geul-blog/geul/pkg/parallel"
	"github.com/geul-blog/geul/pkg/theme"
	"github.com/geul-blog/geul/pkg/words"
)

// job is one HTML output: which layout renders it with which data, and a
// fingerprint of everything that data holds, so an unchanged page is not
// rendered again.
type job struct {
	out    string // output path, "posts/a/index.html"
	layout theme.Layout
	view   *content.View
	source string // what the page comes from, for error messages

	// The fingerprint is worked out from base (the site and what the job
	// shows of it besides posts), the list fingerprints of deps (a nil dep
	// stands for an absent neighbour) and, when all is set, of every post.
	base    uint64
	deps    []*content.Page
	all     bool
	shallow bool // the layout shows nothing that comes from a post's body: deps count by their shape
	fp      uint64
}

// weight is a guess at how long j takes to render: the posts it shows.
func (j *job) weight() int {
	if j.all {
		return 1 << 30
	}
	return len(j.deps)
}

// bodyFields are what templates reach of a post that comes from its body.
var bodyFields = []string{"Content", "Summary", "WordCount", "ReadingTime", "TOC", "TableOfContents", "Rendered", "Body"}

// showsBody reports whether a layout's templates can show anything that
// comes from a post's body, of any post.
func (b *Builder) showsBody(layout theme.Layout) bool {
	for _, f := range bodyFields {
		if b.theme.Mentions(string(layout), f) {
			return true
		}
	}
	return false
}

// layoutDeps is what each layout's templates can show, worked out once per
// theme (walking the templates on every rebuild would cost each edit).
type layoutDeps struct {
	showsAll   map[theme.Layout]bool // the layout can show any post: its pages depend on all of them
	shallow    map[theme.Layout]bool // the layout shows nothing of a post's body
	categories map[theme.Layout]bool // the layout can show .Site.Categories (a menu with counts)
	tags       map[theme.Layout]bool // the layout can show .Site.Tags
	others     map[theme.Layout]bool // the layout can show .Site.Taxonomies (series, …)

	termTaxonomy bool // the term layout shows its .Taxonomy.Terms (the other terms)
}

func (b *Builder) analyseLayouts() layoutDeps {
	d := layoutDeps{showsAll: map[theme.Layout]bool{}, shallow: map[theme.Layout]bool{}, categories: map[theme.Layout]bool{},
		tags: map[theme.Layout]bool{}, others: map[theme.Layout]bool{}}
	for _, kind := range theme.Layouts() {
		d.showsAll[kind] = b.showsAllPosts(kind)
		d.shallow[kind] = !b.showsBody(kind)
		// Only what a page shows of .Site's taxonomies is in its
		// fingerprint: giving a post a new tag then renders again the pages
		// that show tags, not every page of a theme whose menu lists
		// categories alone.
		d.categories[kind] = b.theme.MentionsWithin(string(kind), "Site", "Categories")
		d.tags[kind] = b.theme.MentionsWithin(string(kind), "Site", "Tags")
		d.others[kind] = b.theme.MentionsWithin(string(kind), "Site", "Taxonomies")
	}
	d.termTaxonomy = b.theme.MentionsWithin(string(theme.LayoutTerm), "Taxonomy", "Terms")
	return d
}

// showsAllPosts reports whether a layout's templates can show any post of
// the site — through .Site.Posts, or the .Pages of a category or tag they
// range over (a paginator's own .Pages is in the page's fingerprint) — so
// its pages depend on every post. (.Site.Pages, the plain pages, are in
// every page's fingerprint.)
func (b *Builder) showsAllPosts(kind theme.Layout) bool {
	layout := string(kind)
	th := b.theme
	if th.Mentions(layout, "Posts") || th.MentionsWithin(layout, "Terms", "Pages") {
		return true
	}
	// A list that shows its posts' neighbours (Prev, Next, Related) can
	// show any post; a post's or a page's own neighbours are in its deps.
	if kind != theme.LayoutPost && kind != theme.LayoutPage {
		for _, f := range []string{"Prev", "Next", "Related"} {
			if th.Mentions(layout, f) {
				return true
			}
		}
	}
	return false
}

// jobs lists every HTML page of the site.
// start, when not nil, is given the archive job, fingerprinted, as soon as
// it exists.
func (b *Builder) jobs(st *state, start func(*job)) []*job {
	// The baseURL is in config.toml (in looksFP) but --baseURL overrides
	// it: a build with another one must not take pages from the last.
	chrome := chromeFingerprint(st).num(b.looksFP).str(fmt.Sprint(b.opts.minify), b.cfg.BaseURL)
	for _, name := range slices.Sorted(maps.Keys(b.assets)) {
		chrome.str(name, b.assets[name])
	}
	st.chrome = chrome.sum()
	layoutFP := map[theme.Layout]uint64{}
	showsAll, shallow := b.layouts.showsAll, b.layouts.shallow
	catsFP, tagsFP := taxonomyFingerprint(st.site.Categories), taxonomyFingerprint(st.site.Tags)
	for _, kind := range theme.Layouts() {
		f := newFingerprint().num(st.chrome).str(string(kind))
		if b.layouts.categories[kind] {
			f.num(catsFP)
		}
		if b.layouts.tags[kind] {
			f.num(tagsFP)
		}
		if b.layouts.others[kind] {
			for _, tax := range st.site.Taxonomies {
				f.num(taxonomyFingerprint(tax))
			}
		}
		layoutFP[kind] = f.sum()
	}
	base := func(kind theme.Layout) *fingerprint { return newFingerprint().num(layoutFP[kind]) }
	site := st.site
	var jobs []*job
	// rel is the output folder of a URL: the path, with what urlPath and
	// term slugs escape ("?", "#", "%") unescaped.
	rel := func(url string) string { return relOfURL(strings.TrimPrefix(url, st.basePath)) }
	// dir is the output folder of url: the same path, but for the "#" of
	// a term's slug, which its URL escapes.
	view := func(kind theme.Layout, title, url, dir string) *content.View {
		return &content.View{Kind: string(kind), Site: site, Title: title, Description: site.Description,
			URL: url, Permalink: b.permalink(dir), FeedURL: site.FeedURL}
	}
	lists := func(kind theme.Layout, title, url, dir string, posts []*content.Page, extra uint64, fill func(*content.View)) {
		pagers := paginate(posts, url, b.cfg.Paginate)
		ugly := b.cfg.UglyURLs && (kind == theme.LayoutHome || kind == theme.LayoutSection)
		if ugly {
			pagers = uglyPagers(pagers, url, st.basePath)
		}
		for _, pager := range pagers {
			pagerDir := dir + strings.TrimPrefix(pager.URL, url)
			if ugly {
				pagerDir = rel(pager.URL) // "posts/page/2.html": not under the first page's path
			}
			v := view(kind, title, pager.URL, pagerDir)
			v.Paginator = pager
			if fill != nil {
				fill(v)
			}
			f := base(kind).str(title, pager.URL).num(uint64(pager.Total), uint64(len(posts)), extra)
			jobs = append(jobs, &job{out: outputFile(pagerDir), layout: kind, view: v, source: string(kind) + " " + pager.URL,
				base: f.sum(), deps: pager.Pages, all: showsAll[kind], shallow: shallow[kind]})
		}
	}

	// The archive shows every post: the slowest page to render, and the
	// one a title edit always changes. It is made first so that it can
	// start rendering while the other jobs are worked out.
	archive := view(theme.LayoutArchive, b.phrase("archive"), st.basePath+"archive/", "archive/")
	archive.Archive = archiveOf(st.posts)
	archiveJob := &job{out: "archive/index.html", layout: theme.LayoutArchive, view: archive, source: "archive",
		base: base(theme.LayoutArchive).sum(), deps: st.posts, all: showsAll[theme.LayoutArchive], shallow: shallow[theme.LayoutArchive]}
	full, shape := postSums(st)
	if start != nil {
		fingerprintJob(st, archiveJob, full, shape)
		start(archiveJob)
	}

	// The pages' jobs are made on another core while the lists' are made
	// here; they go first in the list either way.
	pageJobs := make([]*job, len(st.pages))
	pagesDone := make(chan struct{})
	go func() {
		defer close(pagesDone)
		for i, p := range st.pages {
			v := &content.View{Kind: string(p.Kind), Site: site, Title: p.Title, Description: site.Description,
				URL: p.URL, Permalink: p.Permalink, FeedURL: site.FeedURL, Page: p}
			deps := append([]*content.Page{p, p.Prev, p.Next}, p.Related...)
			kind := theme.Layout(p.Kind) // LayoutPost or LayoutPage
			pageJobs[i] = &job{out: outputFile(rel(p.URL)), layout: kind, view: v, source: contentDir + "/" + p.Path,
				base: base(kind).sum(), deps: deps, all: showsAll[kind], shallow: shallow[kind]}
		}
	}()

	lists(theme.LayoutHome, site.Title, st.basePath, "", st.posts, 0, nil)
	for _, name := range slices.Sorted(maps.Keys(st.sections)) {
		title, desc := name, site.Description
		if ix := st.index[name]; ix != nil {
			// The section's _index.md names it.
			title, desc = cmp.Or(ix.Title, title), cmp.Or(ix.Description, desc)
		}
		lists(theme.LayoutSection, title, st.basePath+b.sectionRel(name), b.sectionRel(name), st.sections[name], 0, func(v *content.View) {
			v.Section, v.Description = name, desc
		})
	}
	for _, ns := range b.nestedSections(st) {
		lists(theme.LayoutSection, ns.title, st.basePath+ns.rel, ns.rel, ns.posts, 0, func(v *content.View) {
			v.Section, v.Description = ns.dir, ns.desc
		})
	}
	for _, tax := range append([]*content.Taxonomy{site.Categories, site.Tags}, site.Taxonomies...) {
		v := view(theme.LayoutTaxonomy, cmp.Or(b.phrase(tax.Name), tax.Name), tax.URL, tax.Name+"/")
		v.Taxonomy = tax
		taxFP := taxonomyFingerprint(tax) // its pages show it as .Taxonomy
		jobs = append(jobs, &job{out: tax.Name + "/index.html", layout: theme.LayoutTaxonomy, view: v, source: tax.URL,
			base: base(theme.LayoutTaxonomy).num(taxFP).sum(), all: showsAll[theme.LayoutTaxonomy], shallow: shallow[theme.LayoutTaxonomy]})
		termTaxFP := uint64(0)
		if b.layouts.termTaxonomy {
			termTaxFP = taxFP
		}
		for _, t := range tax.Terms {
			lists(theme.LayoutTerm, t.Name, t.URL, termRel(tax, t), t.Pages, termTaxFP, func(v *content.View) {
				v.Term, v.Taxonomy = t, tax
				if t.Description != "" { // from [[categories]]
					v.Description = t.Description
				}
				if tax.Name == "categories" && b.absoluteURLs() {
					v.FeedURL = t.URL + feedFile
				}
			})
		}
	}

	<-pagesDone
	jobs = append(append(pageJobs, jobs...), archiveJob)

	jobs = append(jobs, b.searchJobs(st)...)
	nf := view(theme.Layout404, b.phrase("404"), st.basePath+"404.html", "404.html")
	jobs = append(jobs, &job{out: "404.html", layout: theme.Layout404, view: nf, source: "404 page", base: base(theme.Layout404).sum(),
		all: showsAll[theme.Layout404], shallow: shallow[theme.Layout404]})
	fingerprintJobs(st, jobs, full, shape)
	return jobs
}

// sitemapOf returns sitemap.xml, from the last build when no page's URL
// or date changed.
func (b *Builder) sitemapOf(st *state, jobs []*job, fps map[string]uint64) []byte {
	const name = "sitemap.xml"
	f := newFingerprint().num(st.chrome)
	for _, j := range jobs {
		f.str(j.view.Permalink)
		if p := j.view.Page; p != nil {
			f.num(uint64(p.Date.UnixNano()), uint64(p.Lastmod.UnixNano()))
		}
	}
	fps[name] = f.sum()
	if data, ok := b.prev.held(name, fps[name]); ok {
		return data
	}
	return b.minified(name, writeSitemap(sitemapURLs(jobs)))
}

// phrase returns the default title of a generated page in the site's language.
func (b *Builder) phrase(key string) string {
	ko := map[string]string{"categories": "카테고리", "tags": "태그", "archive": "글 목록", "404": "페이지를 찾을 수 없습니다", "search": "검색"}
	en := map[string]string{"categories": "Categories", "tags": "Tags", "archive": "Archive", "404": "Page not found", "search": "Search"}
	if b.cfg.IsKorean() {
		return ko[key]
	}
	return en[key]
}

func pageDescription(b *Builder, p *content.Page) string {
	if p.Description != "" {
		return p.Description
	}
	return words.Truncate(b.result(p).Prose(), b.cfg.SummaryLength)
}

// paginate splits posts into pages of size n: the first at url, the others
// at url + "page/N/". There is always at least one page.
func paginate(posts []*content.Page, url string, n int) []*content.Pager {
	total := (len(posts) + n - 1) / n
	if total == 0 {
		total = 1
	}
	urls := make([]string, total+1) // made once: every pager links to several
	urls[1] = url
	for i := 2; i <= total; i++ {
		urls[i] = url + "page/" + strconv.Itoa(i) + "/"
	}
	pagers := make([]*content.Pager, total)
	for i := range pagers {
		lo, hi := i*n, min((i+1)*n, len(posts))
		p := &content.Pager{Number: i + 1, Total: total, Pages: posts[lo:hi], URL: urls[i+1],
			FirstURL: urls[1], LastURL: urls[total], Numbers: pageNumbers(i+1, total, urls)}
		if i > 0 {
			p.PrevURL = urls[i]
		}
		if i+1 < total {
			p.NextURL = urls[i+2]
		}
		pagers[i] = p
	}
	return pagers
}

// pageNumbers returns the page links a pager offers on page n of total:
// the first, the last, and two either side of n, with "…" for the gaps.
// Listing every page on every page would make a 10,000-post blog's list
// pages quadratic.
// urls[i] is page i's URL.
func pageNumbers(n, total int, urls []string) []content.Link {
	const around = 2
	var links []content.Link
	for i := 1; i <= total; i++ {
		if i == 1 || i == total || (i >= n-around && i <= n+around) {
			links = append(links, content.Link{Name: strconv.Itoa(i), URL: urls[i]})
			continue
		}
		links = append(links, content.Link{Name: "…"})
		if i < n {
			i = n - around - 1
		} else {
			i = total - 1
		}
	}
	return links
}

// archiveOf groups posts (newest first) by year and month.
func archiveOf(posts []*content.Page) []*content.ArchiveYear {
	var years []*content.ArchiveYear
	for _, p := range posts {
		y, m := p.Date.Year(), p.Date.Month()
		if len(years) == 0 || years[len(years)-1].Year != y {
			years = append(years, &content.ArchiveYear{Year: y})
		}
		year := years[len(years)-1]
		if len(year.Months) == 0 || year.Months[len(year.Months)-1].Month != m {
			year.Months = append(year.Months, &content.ArchiveMonth{Year: y, Month: m})
		}
		month := year.Months[len(year.Months)-1]
		month.Pages = append(month.Pages, p)
	}
	return years
}

var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// unchanged reports whether the last build rendered j from the same
// fingerprint and holds its output in memory.
func (b *Builder) unchanged(j *job) bool {
	_, ok := b.prev.held(j.out, j.fp)
	return ok
}

// earlyJob is one job rendered while the others are still being worked out.
type earlyJob struct {
	j    *job // nil when it did not need rendering
	done chan struct{}
	data []byte
	err  error
}

// start renders j in the background if it changed since the last build.
func (e *earlyJob) start(ctx context.Context, b *Builder, j *job) {
	if b.unchanged(j) {
		return
	}
	if path, _ := b.reusable(j.out, j.fp); path != "" {
		return
	}
	e.j, e.done = j, make(chan struct{})
	go func() {
		defer close(e.done)
		rendered, _, err := b.execute(ctx, []*job{j}, "")
		if err != nil {
			e.err = err
			return
		}
		e.data = rendered[0]
	}()
}

// wait returns the early job's output, once rendered.
func (e *earlyJob) wait() ([]byte, error) {
	if e == nil || e.j == nil {
		return nil, nil
	}
	<-e.done
	return e.data, e.err
}

// renderJobs renders the jobs whose fingerprint changed and puts together
// the new Output.
// early, when not nil, is a job already rendering.
func (b *Builder) renderJobs(ctx context.Context, st *state, jobs []*job, res *Result, early *earlyJob) (*Output, map[string]uint64, error) {
	var todo []*job
	reused := map[string]output.File{}
	for _, j := range jobs {
		if early != nil && early.j == j {
			continue
		}
		if b.unchanged(j) {
			continue
		}
		if path, size := b.reusable(j.out, j.fp); path != "" {
			reused[j.out] = output.File{OnDisk: path, Size: size}
			continue
		}
		todo = append(todo, j)
	}
	// Pages that show every post (the archive) take longest: start them
	// first, so that the other cores are not left waiting for one at the end.
	slices.SortStableFunc(todo, func(a, b *job) int {
		return cmp.Compare(b.weight(), a.weight())
	})
	stage, err := b.stagingDir()
	if err != nil {
		return nil, nil, err
	}
	// The feeds and the sitemap need only the model: make them while the
	// pages render, on a core the slowest page would leave idle.
	docFPs := map[string]uint64{}
	var feeds map[string][]byte
	var sitemap []byte
	searched := b.startSearch(st, stage)
	defer searched()
	docsDone := make(chan struct{})
	go func() {
		defer close(docsDone)
		feeds = b.feeds(st, docFPs)
		sitemap = b.sitemapOf(st, jobs, docFPs)
	}()
	// So is the new Output's map of the files that did not change.
	files := make(map[string][]byte, len(jobs)+len(st.files)+len(b.static)+16)
	fps := make(map[string]uint64, len(jobs))
	outDone := make(chan struct{})
	go func() {
		defer close(outDone)
		for _, j := range jobs {
			fps[j.out] = j.fp
			if _, ok := reused[j.out]; ok {
				continue
			}
			if b.prev.out != nil {
				files[j.out], _ = b.prev.out.InMemory(j.out)
			}
		}
	}()
	rendered, staged, err := b.execute(ctx, todo, stage)
	earlyData, earlyErr := early.wait()
	<-docsDone
	<-outDone
	if err == nil {
		err = earlyErr
	} else if list, ok := err.(diag.List); ok && earlyErr != nil {
		err = append(list, diag.Errors(earlyErr)...)
	}
	if err != nil {
		searched() // it may be writing to stage
		os.RemoveAll(stage)
		return nil, nil, err
	}
	res.Pages, res.Rendered = len(jobs), len(todo)
	for i, j := range todo {
		if stage != "" {
			reused[j.out] = staged[i]
			delete(files, j.out)
		} else {
			files[j.out] = rendered[i]
		}
	}
	if early != nil && early.j != nil {
		files[early.j.out] = earlyData
		res.Rendered++
	}

	// Every path has one owner (claimAll): nothing below writes over
	// another's file.
	maps.Copy(files, b.static)
	maps.Copy(files, st.files)
	var copied map[string]output.DiskFile
	for _, from := range []map[string]output.DiskFile{b.staticCopied, st.copied} {
		for name, f := range from {
			if copied == nil {
				copied = map[string]output.DiskFile{}
			}
			copied[name] = f
		}
	}
	b.publishImages(st, files, copied)
	b.dropUnusedVendor(files, copied)
	maps.Copy(files, feeds)
	if b.absoluteURLs() { // see absolute.go
		files["sitemap.xml"] = sitemap
	}
	so := searched()
	if so != nil && so.err != nil {
		os.RemoveAll(stage)
		return nil, nil, output.WriteError(b.opts.dest, so.err)
	}
	b.putSearch(so, files, reused, fps)
	for name, fp := range docFPs {
		fps[name] = fp
	}
	if !b.hasStatic("robots.txt") {
		files["robots.txt"] = b.robots()
	}
	for name, p := range st.claims.aliases {
		files[name] = b.minified(".html", aliasHTML(p.Permalink))
	}
	out := output.New(files, reused, copied, stage)
	refWarnings, err := b.refProblems(st, out, st.pages)
	if err != nil {
		os.RemoveAll(stage)
		return nil, nil, err
	}

	res.Changed = diffOutputs(b.prev.out, out)
	res.Warnings = append(b.warnings(st), refWarnings...)
	if w := b.relativeBaseURLWarning(); w != nil {
		res.Warnings = append(res.Warnings, w)
	}
	return out, fps, nil
}

// execute renders todo on all cores: into memory, or with a stage folder
// (WithWriteThrough) into files there.
func (b *Builder) execute(ctx context.Context, todo []*job, stage string) ([][]byte, []output.File, error) {
	rendered := make([][]byte, len(todo))
	staged := make([]output.File, len(todo))
	errs := make([]error, len(todo))
	stageErrs := make([]error, len(todo))
	var done atomic.Int64
	err := parallel.For(ctx, len(todo), func(i int) {
		j := todo[i]
		buf := bufPool.Get().(*bytes.Buffer)
		buf.Reset()
		if p := j.view.Page; p != nil {
			j.view.Description = pageDescription(b, p)
		}
		if err := b.theme.Execute(buf, string(j.layout), j.view); err != nil {
			errs[i] = err
		} else if data := b.minified(j.out, buf.Bytes()); stage != "" {
			staged[i], stageErrs[i] = output.Stage(stage, j.out, data)
		} else {
			rendered[i] = bytes.Clone(data)
		}
		bufPool.Put(buf)
		if b.opts.progress != nil {
			b.opts.progress(int(done.Add(1)), len(todo))
		}
	})
	if err != nil {
		return nil, nil, err
	}
	if err := foldRepeated(todo, errs).Err(); err != nil {
		return nil, nil, err
	}
	for _, e := range stageErrs {
		if e != nil { // one disk problem, however many pages it hit
			return nil, nil, output.WriteError(b.opts.dest, e)
		}
	}
	return rendered, staged, nil
}

// diffOutputs lists the paths whose bytes differ between two builds.
func diffOutputs(old, cur *Output) []string {
	var changed []string
	if old == nil {
		return cur.Paths()
	}
	for p, f := range cur.Copied() {
		if old.Copied()[p] != f {
			changed = append(changed, p)
		}
	}
	for p := range old.Copied() {
		if _, ok := cur.Copied()[p]; !ok {
			if _, ok := cur.All()[p]; !ok {
				changed = append(changed, p)
			}
		}
	}
	olds, curs := old.All(), cur.All()
	for p, data := range curs {
		if prev, ok := olds[p]; !ok || !bytes.Equal(prev, data) {
			changed = append(changed, p)
		}
	}
	for p := range olds {
		if _, ok := curs[p]; !ok {
			changed = append(changed, p)
		}
	}
	sort.Strings(changed)
	return changed
}

// funcs are the template functions that need the site.
func (b *Builder) funcs() template.FuncMap {
	return template.FuncMap{
		"asset": b.assetURL,
		// Any value, as Hugo's: {{ .Inner | markdownify }} passes template.HTML.
		"markdownify": func(v any) (template.HTML, error) {
			html, err := b.md.Markdownify(fmt.Sprint(v))
			return template.HTML(html), err
		},
	}
}
