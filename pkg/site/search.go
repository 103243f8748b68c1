package site

import (
	"context"
	"slices"
	"strings"
	"sync"

	"github.com/geul-blog/geul/pkg/content"
	"github.com/geul-blog/geul/pkg/markdown"
	"github.com/geul-blog/geul/pkg/output"
	"github.com/geul-blog/geul/pkg/parallel"
	"github.com/geul-blog/geul/pkg/search"
	"github.com/geul-blog/geul/pkg/theme"
)

// The site's search index (pkg/search) is written under searchDir when
// the theme has a "search" layout, which renders the search page at
// /search/. Every published page is indexed except those whose front
// matter says search = false; drafts and future posts are never
// published, so never indexed.
const searchDir = "search/"

// searchState is what the Builder keeps of the search index across builds.
type searchState struct {
	index *search.Index
	ids   map[*content.Page]int   // each indexed page's document number in index
	terms map[string]searchedPage // by page path: what Analyze made of it
	fp    uint64                  // of what index was made from
	names []string                // the output paths of index's files
	paths []string                // the indexed pages' paths, in document order
	pages []*content.Page         // the indexed pages, in document order
}

// setPages records the indexed pages, in document order.
func (ss *searchState) setPages(pages []*content.Page) {
	ss.pages = pages
	ss.ids = make(map[*content.Page]int, len(pages))
	ss.paths = make([]string, len(pages))
	for i, p := range pages {
		ss.ids[p] = i
		ss.paths[i] = p.Path
	}
}

// searchedPage is one page's document and words, and what they were made from.
type searchedPage struct {
	fp    uint64
	doc   search.Doc
	terms []search.Term
}

// searchable reports whether p goes in the search index.
func searchable(p *content.Page) bool {
	v, ok := p.Params["search"].(bool)
	return !ok || v
}

// searchOn reports whether this site gets a search index and page.
func (b *Builder) searchOn() bool { return b.cfg.Search && b.theme.Has(string(theme.LayoutSearch)) }

// searchDoc is what the index holds of p.
func (b *Builder) searchDoc(p *content.Page) search.Doc {
	r := b.result(p)
	d := search.Doc{URL: p.URL, Title: p.Title, Tags: p.Tags, Categories: p.Categories, Text: r.Text}
	if !p.Date.IsZero() {
		d.Date = p.Date.Format("2006-01-02")
	}
	if len(p.Categories) > 0 {
		d.Category = p.Categories[0]
	}
	if len(p.CategoryTrails) > 0 {
		d.Categories, d.Category = categoryLevels(p.CategoryTrails) // cattree.go
	}
	var walk func([]*markdown.Heading)
	walk = func(hs []*markdown.Heading) {
		for _, h := range hs {
			d.Headings = append(d.Headings, h.Text)
			walk(h.Children)
		}
	}
	walk(r.TOC) // the rendered headings as they are: no content.Heading copy per page
	return d
}

// searchFingerprint covers every indexed page's list fingerprint (its
// source, URL and terms), in order.
func searchFingerprint(st *state) (uint64, []*content.Page) {
	var pages []*content.Page
	for _, p := range st.pages {
		if searchable(p) {
			pages = append(pages, p)
		}
	}
	return searchPagesFingerprint(st, pages), pages
}

// searchPagesFingerprint is searchFingerprint when the indexed pages are
// known: a body edit changes no page's search parameter.
func searchPagesFingerprint(st *state, pages []*content.Page) uint64 {
	f := newFingerprint().str("search", string(rune('0'+search.Format)))
	for _, p := range pages {
		f.num(st.listFP[p])
	}
	return f.sum()
}

// searchFiles returns the files of the search index by output path,
// and the fingerprint they have. It indexes only the pages that changed
// since the last build and returns nil files when nothing did and the
// last build's output holds them (in memory, or on disk for reuse).
func (b *Builder) searchFiles(st *state) (map[string][]byte, uint64) {
	fp, pages := searchFingerprint(st)
	ss := b.search
	if ss != nil && ss.fp == fp && ss.index != nil && b.prev.out != nil {
		if _, ok := b.prev.out.InMemory(searchDir + search.MetaFile); ok {
			ss.setPages(pages) // the same pages, perhaps loaded again
			return nil, fp
		}
	}
	if ss == nil {
		ss = &searchState{terms: map[string]searchedPage{}}
		b.search = ss
	}
	docs := make([]search.Doc, len(pages))
	terms := make([][]search.Term, len(pages))
	fresh := make([]bool, len(pages))
	_ = parallel.For(context.Background(), len(pages), func(i int) {
		p := pages[i]
		if old, ok := ss.terms[p.Path]; ok && old.fp == st.listFP[p] {
			docs[i], terms[i] = old.doc, old.terms
			return
		}
		docs[i] = b.searchDoc(p)
		terms[i] = search.Analyze(docs[i])
		fresh[i] = true
	})
	seen := make(map[string]bool, len(pages))
	for i, p := range pages {
		seen[p.Path] = true
		if fresh[i] {
			ss.terms[p.Path] = searchedPage{fp: st.listFP[p], doc: docs[i], terms: terms[i]}
		}
	}
	for k := range ss.terms {
		if !seen[k] {
			delete(ss.terms, k)
		}
	}
	oldPaths := ss.paths
	ss.setPages(pages)
	if ss.index != nil && slices.Equal(oldPaths, ss.paths) {
		// The same pages in the same order (a title or tag edit): only
		// the changed ones are indexed again.
		for i := range pages {
			if fresh[i] {
				ss.index.Replace(i, docs[i], terms[i])
			}
		}
	} else {
		ss.index = search.New(docs, terms)
	}
	ss.fp = fp
	files := map[string][]byte{}
	ss.names = ss.names[:0]
	for name, data := range ss.index.Files() {
		files[searchDir+name] = data
		ss.names = append(ss.names, searchDir+name)
	}
	return files, fp
}

// searchOutputs is the search index of one build, made while its pages
// render: files made again, or the previous build's files to carry over
// (in memory, or reused from the destination on disk).
type searchOutputs struct {
	files  map[string][]byte
	reused map[string]output.File
	carry  bool // b.search.names, from the last build's Output
	fp     uint64
	err    error // writing to the staging folder
}

// startSearch works out the search index on another goroutine, while the
// pages render, and returns what waits for it (nil without a search
// layout). It reads the pages' rendered Markdown under its lock, as the
// pages' templates do, and owns b.search until the wait returns: call it
// before returning, whatever happens (it can be called again). With a
// staging folder, a single build writes the index there (searchStaged).
func (b *Builder) startSearch(st *state, stage string) func() *searchOutputs {
	if !b.searchOn() {
		return func() *searchOutputs { return nil }
	}
	done := make(chan *searchOutputs, 1)
	go func() {
		if b.search == nil {
			fp, pages := searchFingerprint(st)
			if r := b.reusableSearch(fp); r != nil {
				done <- &searchOutputs{reused: r, fp: fp}
				return
			}
			if b.opts.singleBuild && stage != "" {
				staged, err := b.searchStaged(pages, stage)
				done <- &searchOutputs{reused: staged, fp: fp, err: err}
				return
			}
		}
		files, fp := b.searchFiles(st)
		done <- &searchOutputs{files: files, carry: files == nil, fp: fp}
	}()
	return sync.OnceValue(func() *searchOutputs { return <-done })
}

// searchBatch is how many pages searchStaged analyzes at once.
const searchBatch = 256

// searchStaged writes the search index of pages to the staging folder,
// for a single build (WithSingleBuild): the pages are analyzed a batch
// at a time, on every core, and search.Writer keeps only their postings.
// Nothing of the index is kept, as geul build exits after; geul serve
// keeps b.search, which it updates page by page (searchFiles), and would
// hold every page's words and the index's files in memory, which a
// large blog's build cannot afford (docs/performance.md, "Memory at
// 10,000 posts").
func (b *Builder) searchStaged(pages []*content.Page, stage string) (map[string]output.File, error) {
	staged := map[string]output.File{}
	w := search.NewWriter(func(name string, data []byte) error {
		f, err := output.Stage(stage, searchDir+name, data)
		staged[searchDir+name] = f
		return err
	})
	n := min(searchBatch, len(pages))
	docs, terms := make([]search.Doc, n), make([][]search.Term, n)
	for start := 0; start < len(pages); start += n {
		part := pages[start:min(start+n, len(pages))]
		_ = parallel.For(context.Background(), len(part), func(i int) {
			docs[i] = b.searchDoc(part[i])
			terms[i] = search.Analyze(docs[i])
		})
		for i := range part {
			w.Add(docs[i], terms[i])
		}
		clear(docs)
		clear(terms)
	}
	return staged, w.Close()
}

// putSearch adds the search index to a build's files and reused files.
// Its paths are geul's: claimSearch claims index.json, and the names of
// the other files under search/ are made from it.
func (b *Builder) putSearch(so *searchOutputs, files map[string][]byte, reused map[string]output.File, fps map[string]uint64) {
	switch {
	case so == nil:
	case so.reused != nil:
		for name, r := range so.reused {
			reused[name] = r
			fps[name] = so.fp
		}
	case so.carry:
		for _, name := range b.search.names {
			files[name], _ = b.prev.out.InMemory(name)
			fps[name] = so.fp
		}
	default:
		for name, data := range so.files {
			files[name] = data
			fps[name] = so.fp
		}
	}
}

// reusableSearch returns the search index files of the previous build in
// the destination when the build cache says they were made from the same
// pages, or nil: a warm geul build would otherwise read every page's text
// again.
func (b *Builder) reusableSearch(fp uint64) map[string]output.File {
	if b.cache == nil {
		return nil
	}
	found := map[string]output.File{}
	for name, co := range b.cache.index.Outputs {
		if !searchPath(name) {
			continue
		}
		if co.FP != fp {
			return nil
		}
		p, size := b.reusable(name, fp)
		if p == "" {
			return nil
		}
		found[name] = output.File{OnDisk: p, Size: size}
	}
	if _, ok := found[searchDir+search.MetaFile]; !ok {
		return nil
	}
	return found
}

// claimSearch claims the search index's first file in c (claimAll); its
// page is a job, claimed with the others.
func (b *Builder) claimSearch(c *claims) {
	if b.searchOn() {
		c.add(searchDir+search.MetaFile, claim{own: &owner{what: "the search index"}})
	}
}

// searchJobs returns the job of the search page, when the theme has one.
// A page of the site at /search/ (content/search.md) is the search page
// instead: the writer made their own.
func (b *Builder) searchJobs(st *state) []*job {
	if !b.searchOn() {
		return nil
	}
	for _, p := range st.pages {
		if p.URL == st.basePath+searchDir {
			return nil
		}
	}
	title := b.phrase("search")
	site := st.site
	url := st.basePath + searchDir
	v := &content.View{Kind: string(theme.LayoutSearch), Site: site, Title: title, Description: site.Description,
		URL: url, Permalink: b.permalink(searchDir), FeedURL: site.FeedURL}
	base := newFingerprint().num(st.chrome).str("search", title).
		num(taxonomyFingerprint(site.Categories), taxonomyFingerprint(site.Tags)).sum()
	return []*job{{out: searchDir + "index.html", layout: theme.LayoutSearch, view: v, source: "search page", base: base, shallow: true}}
}

// searchEdits re-indexes the pages whose body alone changed and returns
// the index files that changed, by output path.
func (b *Builder) searchEdits(st *state, edited []*content.Page) map[string][]byte {
	if !b.searchOn() {
		return nil
	}
	ss := b.search
	if ss == nil || ss.index == nil {
		files, fp := b.searchFiles(st) // the last build took the index from disk
		for name := range files {
			b.prev.fps[name] = fp
		}
		return files
	}
	files := map[string][]byte{}
	for _, p := range edited {
		id, ok := ss.ids[p]
		if !ok {
			continue
		}
		d := b.searchDoc(p)
		t := search.Analyze(d)
		ss.terms[p.Path] = searchedPage{fp: st.listFP[p], doc: d, terms: t}
		// A shard that is no more (its first word went) stays in the
		// output of geul serve, unreferenced, until the next build that
		// is not a body edit: an Output overlay only adds files.
		changed, _ := ss.index.Replace(id, d, t)
		for _, name := range changed {
			files[searchDir+name] = ss.index.File(name)
		}
	}
	ss.fp = searchPagesFingerprint(st, ss.pages)
	for name := range files {
		b.prev.fps[name] = ss.fp
	}
	return files
}

// searchPath reports whether an output path belongs to the search index.
func searchPath(name string) bool {
	return strings.HasPrefix(name, searchDir) && strings.HasSuffix(name, ".json")
}
