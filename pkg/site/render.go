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
	layout string
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

// fingerprintJobs works out every job's fp from the pages' list
// fingerprints, given postSums.
func fingerprintJobs(st *state, jobs []*job, full, shape uint64) {
	_ = parallel.For(context.Background(), len(jobs), func(i int) { fingerprintJob(st, jobs[i], full, shape) })
}

// postSums fingerprints every post's list and shape fingerprints: what a
// job that can show any post depends on.
func postSums(st *state) (full, shape uint64) {
	allFull, allShape := newFingerprint(), newFingerprint()
	for _, p := range st.posts {
		allFull.num(st.listFP[p])
		allShape.num(st.shapeFP[p])
	}
	return allFull.sum(), allShape.sum()
}

// fingerprintJob works out j.fp, given postSums.
func fingerprintJob(st *state, j *job, full, shape uint64) {
	fps, all := st.listFP, full
	if j.shallow {
		fps, all = st.shapeFP, shape
	}
	f := newFingerprint().num(j.base)
	if j.all {
		f.num(all)
	}
	for _, p := range j.deps {
		if p != nil {
			f.num(fps[p])
		} else {
			f.str("-")
		}
	}
	j.fp = f.sum()
}

// shapeFingerprint covers what a page is apart from its body: its front
// matter, URL, terms, cover and bundle files.
func (b *Builder) shapeFingerprint(p *content.Page) uint64 {
	return b.pageFingerprint(p, b.sources[p.Path].fm).sum()
}

// pageFingerprint starts a page's fingerprint from source (the hash of its
// front matter, or of its whole file) and what it resolves to: its URL,
// cover, terms and bundle files.
func (b *Builder) pageFingerprint(p *content.Page, source uint64) *fingerprint {
	f := newFingerprint().num(source).str(p.URL, p.CoverURL)
	for _, l := range p.CategoryLinks {
		f.str(l.Name, l.URL)
	}
	for _, trail := range p.CategoryTrails { // the levels' names, as other posts may write them
		for _, l := range trail {
			f.str(l.Name)
		}
	}
	f.str("|")
	for _, l := range p.TagLinks {
		f.str(l.Name, l.URL)
	}
	f.str("|")
	if len(p.TermLinks) > 0 { // none without custom taxonomies: no cost then
		for _, name := range slices.Sorted(maps.Keys(p.TermLinks)) {
			f.str(name)
			for _, l := range p.TermLinks[name] {
				f.str(l.Name, l.URL)
			}
			f.str("|")
		}
	}
	return f.str(p.Resources...)
}

// bodyFields are what templates reach of a post that comes from its body.
var bodyFields = []string{"Content", "Summary", "WordCount", "ReadingTime", "TOC", "TableOfContents", "Rendered", "Body"}

// showsBody reports whether a layout's templates can show anything that
// comes from a post's body, of any post.
func (b *Builder) showsBody(layout string) bool {
	for _, f := range bodyFields {
		if b.theme.Mentions(layout, f) {
			return true
		}
	}
	return false
}

// fingerprint is a 64-bit FNV-1a-like hash of what a page is rendered from. It
// is written to the build cache, so it must not depend on the process
// (hash/maphash would).
type fingerprint struct{ h uint64 }

func newFingerprint() *fingerprint { return &fingerprint{h: 14695981039346656037} }

func (f *fingerprint) byte(c byte) {
	f.h ^= uint64(c)
	f.h *= 1099511628211
}

func (f *fingerprint) str(ss ...string) *fingerprint {
	for _, s := range ss {
		// Eight bytes a step: fingerprints cover every post on every
		// rebuild, and FNV's byte a step was a tenth of a title edit.
		for len(s) >= 8 {
			f.word(uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
				uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56)
			s = s[8:]
		}
		for i := 0; i < len(s); i++ {
			f.byte(s[i])
		}
		f.byte(0)
	}
	return f
}

func (f *fingerprint) num(ns ...uint64) *fingerprint {
	for _, n := range ns {
		f.word(n)
	}
	return f
}

// word mixes in eight bytes at once (FNV-1a's step on a word, with a shift
// so that high bits reach low ones).
func (f *fingerprint) word(w uint64) {
	f.h ^= w
	f.h *= 1099511628211
	f.h ^= f.h >> 29
}

func (f *fingerprint) sum() uint64 { return f.h }

// listFingerprint covers everything a template can show of a page when it
// lists it: its source (title, dates, summary, body…), its URL and the URLs
// its links, terms and cover resolve to.
func (b *Builder) listFingerprint(p *content.Page) uint64 {
	f := b.pageFingerprint(p, b.sources[p.Path].hash)
	links := b.rendered[p.Path].links
	for _, k := range slices.Sorted(maps.Keys(links)) {
		f.str(k, links[k])
	}
	return f.sum()
}

// chromeFingerprint covers what every page can show of the whole site
// besides its taxonomies: the number of posts, when it was last updated,
// its plain pages.
func chromeFingerprint(st *state) *fingerprint {
	f := newFingerprint().num(uint64(len(st.posts)), uint64(st.site.Updated.UnixNano()))
	for _, p := range st.site.Pages {
		f.num(st.listFP[p])
	}
	return f
}

// taxonomyFingerprint covers what a menu or list of a taxonomy's terms
// shows: their names, URLs and counts.
func taxonomyFingerprint(tax *content.Taxonomy) uint64 {
	f := newFingerprint().str(tax.Name)
	for _, t := range tax.Terms {
		f.str(t.Name, t.URL, t.Path).num(uint64(len(t.Pages)))
	}
	return f.sum()
}

// layoutDeps is what each layout's templates can show, worked out once per
// theme (walking the templates on every rebuild would cost each edit).
type layoutDeps struct {
	showsAll   map[string]bool // the layout can show any post: its pages depend on all of them
	shallow    map[string]bool // the layout shows nothing of a post's body
	categories map[string]bool // the layout can show .Site.Categories (a menu with counts)
	tags       map[string]bool // the layout can show .Site.Tags
	others     map[string]bool // the layout can show .Site.Taxonomies (series, …)

	termTaxonomy bool // the term layout shows its .Taxonomy.Terms (the other terms)
}

func (b *Builder) analyseLayouts() layoutDeps {
	d := layoutDeps{showsAll: map[string]bool{}, shallow: map[string]bool{}, categories: map[string]bool{}, tags: map[string]bool{}, others: map[string]bool{}}
	for _, l := range theme.Layouts() {
		kind := string(l)
		d.showsAll[kind] = b.showsAllPosts(kind)
		d.shallow[kind] = !b.showsBody(kind)
		// Only what a page shows of .Site's taxonomies is in its
		// fingerprint: giving a post a new tag then renders again the pages
		// that show tags, not every page of a theme whose menu lists
		// categories alone.
		d.categories[kind] = b.theme.MentionsWithin(kind, "Site", "Categories")
		d.tags[kind] = b.theme.MentionsWithin(kind, "Site", "Tags")
		d.others[kind] = b.theme.MentionsWithin(kind, "Site", "Taxonomies")
	}
	d.termTaxonomy = b.theme.MentionsWithin("term", "Taxonomy", "Terms")
	return d
}

// showsAllPosts reports whether a layout's templates can show any post of
// the site — through .Site.Posts, or the .Pages of a category or tag they
// range over (a paginator's own .Pages is in the page's fingerprint) — so
// its pages depend on every post. (.Site.Pages, the plain pages, are in
// every page's fingerprint.)
func (b *Builder) showsAllPosts(layout string) bool {
	th := b.theme
	if th.Mentions(layout, "Posts") || th.MentionsWithin(layout, "Terms", "Pages") {
		return true
	}
	// A list that shows its posts' neighbours (Prev, Next, Related) can
	// show any post; a post's or a page's own neighbours are in its deps.
	if layout != string(content.KindPost) && layout != string(content.KindPage) {
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
	b.chrome = chrome.sum()
	layoutFP := map[string]uint64{}
	showsAll, shallow := b.layouts.showsAll, b.layouts.shallow
	catsFP, tagsFP := taxonomyFingerprint(st.site.Categories), taxonomyFingerprint(st.site.Tags)
	for _, l := range theme.Layouts() {
		kind := string(l)
		f := newFingerprint().num(b.chrome).str(kind)
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
	base := func(kind string) *fingerprint { return newFingerprint().num(layoutFP[kind]) }
	site := st.site
	var jobs []*job
	// rel is the output folder of a URL: the path, with what urlPath and
	// term slugs escape ("?", "#", "%") unescaped.
	rel := func(url string) string { return relOfURL(strings.TrimPrefix(url, st.basePath)) }
	// dir is the output folder of url: the same path, but for the "#" of
	// a term's slug, which its URL escapes.
	view := func(kind, title, url, dir string) *content.View {
		return &content.View{Kind: kind, Site: site, Title: title, Description: site.Description,
			URL: url, Permalink: b.permalink(dir), FeedURL: site.FeedURL}
	}
	lists := func(kind, title, url, dir string, posts []*content.Page, extra uint64, fill func(*content.View)) {
		pagers := paginate(posts, url, b.cfg.Paginate)
		ugly := b.cfg.UglyURLs && (kind == "home" || kind == "section")
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
			jobs = append(jobs, &job{out: outputFile(pagerDir), layout: kind, view: v, source: kind + " " + pager.URL,
				base: f.sum(), deps: pager.Pages, all: showsAll[kind], shallow: shallow[kind]})
		}
	}

	// The archive shows every post: the slowest page to render, and the
	// one a title edit always changes. It is made first so that it can
	// start rendering while the other jobs are worked out.
	archive := view("archive", b.phrase("archive"), st.basePath+"archive/", "archive/")
	archive.Archive = archiveOf(st.posts)
	archiveJob := &job{out: "archive/index.html", layout: "archive", view: archive, source: "archive",
		base: base("archive").sum(), deps: st.posts, all: showsAll["archive"], shallow: shallow["archive"]}
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
			pageJobs[i] = &job{out: outputFile(rel(p.URL)), layout: string(p.Kind), view: v, source: contentDir + "/" + p.Path,
				base: base(string(p.Kind)).sum(), deps: deps, all: showsAll[string(p.Kind)], shallow: shallow[string(p.Kind)]}
		}
	}()

	lists("home", site.Title, st.basePath, "", st.posts, 0, nil)
	for _, name := range slices.Sorted(maps.Keys(st.sections)) {
		title, desc := name, site.Description
		if ix := st.index[name]; ix != nil {
			// The section's _index.md names it.
			title, desc = cmp.Or(ix.Title, title), cmp.Or(ix.Description, desc)
		}
		lists("section", title, st.basePath+b.sectionRel(name), b.sectionRel(name), st.sections[name], 0, func(v *content.View) {
			v.Section, v.Description = name, desc
		})
	}
	for _, ns := range b.nestedSections(st) {
		lists("section", ns.title, st.basePath+ns.rel, ns.rel, ns.posts, 0, func(v *content.View) {
			v.Section, v.Description = ns.dir, ns.desc
		})
	}
	for _, tax := range append([]*content.Taxonomy{site.Categories, site.Tags}, site.Taxonomies...) {
		v := view("taxonomy", cmp.Or(b.phrase(tax.Name), tax.Name), tax.URL, tax.Name+"/")
		v.Taxonomy = tax
		taxFP := taxonomyFingerprint(tax) // its pages show it as .Taxonomy
		jobs = append(jobs, &job{out: tax.Name + "/index.html", layout: "taxonomy", view: v, source: tax.URL,
			base: base("taxonomy").num(taxFP).sum(), all: showsAll["taxonomy"], shallow: shallow["taxonomy"]})
		termTaxFP := uint64(0)
		if b.layouts.termTaxonomy {
			termTaxFP = taxFP
		}
		for _, t := range tax.Terms {
			lists("term", t.Name, t.URL, termRel(tax, t), t.Pages, termTaxFP, func(v *content.View) {
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
	nf := view("404", b.phrase("404"), st.basePath+"404.html", "404.html")
	jobs = append(jobs, &job{out: "404.html", layout: "404", view: nf, source: "404 page", base: base("404").sum(), all: showsAll["404"], shallow: shallow["404"]})
	fingerprintJobs(st, jobs, full, shape)
	return jobs
}

// sitemapOf returns sitemap.xml, from the last build when no page's URL
// or date changed.
func (b *Builder) sitemapOf(st *state, jobs []*job, fps map[string]uint64) []byte {
	const name = "sitemap.xml"
	f := newFingerprint().num(b.chrome)
	for _, j := range jobs {
		f.str(j.view.Permalink)
		if p := j.view.Page; p != nil {
			f.num(uint64(p.Date.UnixNano()), uint64(p.Lastmod.UnixNano()))
		}
	}
	fps[name] = f.sum()
	if old, ok := b.fps[name]; ok && old == fps[name] && b.out != nil {
		if data, ok := b.out.InMemory(name); ok {
			return data
		}
	}
	return b.minified(name, b.sitemap(st, jobs))
}

// phrase returns the default title of a generated page in the site's language.
func (b *Builder) phrase(key string) string {
	ko := map[string]string{"categories": "카테고리", "tags": "태그", "archive": "글 목록", "404": "페이지를 찾을 수 없습니다"}
	en := map[string]string{"categories": "Categories", "tags": "Tags", "archive": "Archive", "404": "Page not found"}
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

// renderAll renders the pages whose fingerprint changed, adds every other
// output, and returns the new Output.
func (b *Builder) renderAll(ctx context.Context, st *state, res *Result) (*Output, error) {
	var early *earlyJob
	var start func(*job)
	if !b.opts.writeThrough || b.opts.dest == "" {
		early = &earlyJob{}
		start = func(j *job) { early.start(ctx, b, j) }
	}
	jobs := b.jobs(st, start)
	c, err := b.claimAll(st, jobs)
	if err != nil {
		early.wait() // it reads the model the next build changes
		return nil, err
	}
	st.claims = c
	st.warnings = append(st.warnings, c.warns...)
	return b.renderJobs(ctx, st, jobs, res, early)
}

// unchanged reports whether the last build rendered j from the same
// fingerprint and holds its output in memory.
func (b *Builder) unchanged(j *job) bool {
	if old, ok := b.fps[j.out]; !ok || old != j.fp || b.out == nil {
		return false
	}
	_, ok := b.out.InMemory(j.out)
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
func (b *Builder) renderJobs(ctx context.Context, st *state, jobs []*job, res *Result, early *earlyJob) (*Output, error) {
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
		return nil, err
	}
	// The feeds and the sitemap need only the model: make them while the
	// pages render, on a core the slowest page would leave idle.
	docFPs := map[string]uint64{}
	var feeds map[string][]byte
	var sitemap []byte
	searched := b.startSearch(st)
	defer searched()
	docsDone := make(chan struct{})
	go func() {
		defer close(docsDone)
		feeds = b.feeds(st, b.chrome, docFPs)
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
			if b.out != nil {
				files[j.out], _ = b.out.InMemory(j.out)
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
		os.RemoveAll(stage)
		return nil, err
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
	b.putSearch(searched(), files, reused, fps)
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
		return nil, err
	}

	res.Changed = diffOutputs(b.out, out)
	res.Warnings = append(b.warnings(st), refWarnings...)
	if w := b.relativeBaseURLWarning(); w != nil {
		res.Warnings = append(res.Warnings, w)
	}
	b.fps = fps
	b.last = &lastBuild{st: st, jobs: jobs, drafts: res.Drafts, future: res.Future}
	return out, nil
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
		if err := b.theme.Execute(buf, j.layout, j.view); err != nil {
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
