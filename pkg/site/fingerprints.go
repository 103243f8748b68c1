package site

// What a rebuild reuses, and how it knows it may.
//
// Every output, and every piece of work a rebuild can skip, is tied to a
// fingerprint: a hash of everything it is made from. Equal fingerprint,
// equal bytes: the work is skipped and the last result taken. This file
// holds the fingerprints of pages; the list below names every kind, what
// it covers, where it is made and who reads it. The hash is fingerprint
// (below): 64 bits, the same in every process, since the build cache
// keeps fingerprints on disk.
//
// Of a source file (load.go: readSource):
//
//   - sourceFile.hash: a content file's bytes. The key of its rendered
//     Markdown (renderedPage.hash, in memory and in the build cache's
//     segments): equal hash, no new rendering (renderMarkdown). A source
//     saved without a change is no change at all (noteEdit).
//   - sourceFile.fm: its front matter's bytes. Equal fm and another hash
//     is a body edit, which keeps the last build's model (snapshot.go:
//     model); anything else re-assembles the model.
//   - renderedPage.links: what the rendered Markdown depends on besides
//     its source: the URLs its .md links went to, shortcodes' scFP, the
//     bundle's files (model.go: linksStillResolve, shortcodes.go: depHolds).
//     One that no longer holds renders the page's Markdown again.
//
// Of the site (made by loadAll; a full build makes them again):
//
//   - mdKey (builder.go: markdownKey): the config values and render hooks
//     the Markdown output depends on. Another one makes a new renderer and
//     forgets every rendered page, in memory and, through cacheKey, on disk.
//   - cacheKey (cache.go): the build cache's format, geul's version,
//     commit and binary, and mdKey. A cache written under another key is
//     ignored, never trusted.
//   - looksFP (looksFingerprint): config.toml, the site's layouts/ and
//     i18n/, the theme's folder: what every page looks like. In chrome.
//   - scFP (shortcodes.go: markupFingerprint): the shortcode templates,
//     render hooks and config values shortcode output shows. In each
//     rendered page's links when its body has a shortcode.
//
// Of a page (assemble; a body edit updates the edited pages' own):
//
//   - listFP (listFingerprint): what a list can show of the page:
//     its whole source, its URL, cover, terms, bundle files and the URLs
//     its links went to. Read by every job that shows the page counting
//     its body, by the feeds, the search index (search.go:
//     searchFingerprint), chrome (for plain pages) and KeepPartials
//     (partialCached keeps a page's renderings while its listFP holds).
//   - shapeFP (shapeFingerprint): listFP without what comes from the
//     body: the page's shape. Read by the jobs of shallow layouts (which
//     show nothing of a body), so a body edit leaves them alone.
//   - postSums: every post's listFP, and every post's shapeFP, for the
//     jobs that can show any post (job.all: the archive, a theme's
//     "recent posts").
//
// Of the site model (jobs, once a model is assembled):
//
//   - chrome (state.chrome): what every page shows of the site: the
//     number of posts, the last update, the plain pages' listFP, looksFP,
//     the minify option, the baseURL and the fingerprinted asset names.
//     In every job's, feed's and the sitemap's fingerprint.
//   - taxonomyFingerprint: a taxonomy's terms, their URLs and counts. In a
//     layout's fingerprint when its templates show that taxonomy
//     (layoutDeps), and in the taxonomy page's.
//
// Of an output (snapshot.fps: output path → fingerprint; the build cache
// index keeps them with the size and time of the file written):
//
//   - job.fp (fingerprintJob): the layout's fingerprint (chrome, the
//     taxonomies it shows), what the page is (title, URL, pager) and the
//     listFP (shapeFP for a shallow layout) of each page it shows. Equal
//     to the last build's: the page is not rendered (unchanged); equal to
//     the one the cache index holds for the destination: the file there
//     is kept (cache.go: reusable); equal on a rebuild that assembles the
//     model again: the partialCached renderings made for the page (the
//     sidebar, the header) are served again (snapshot.go: restorePartials).
//   - feed fps (feeds.go: feeds): chrome, the feed's name and title, the
//     listFP of its posts. Equal: the last build's feed is taken.
//   - the sitemap's (render.go: sitemapOf): chrome, every page's
//     permalink and dates.
//   - the search index's (search.go: searchFingerprint): every indexed
//     page's listFP, in order. Equal: the last index is kept, or the
//     destination's files reused.
//
// Outside these, kept across builds with keys of their own: the photos'
// published copies (pkg/images: a hash of the photo and the settings, on
// disk in .geul/images), related posts (related.go: relatedInput, by
// post), and the page URLs of a site that keeps its shape (Builder.rels).

import (
	"context"
	"hash/fnv"
	"io"
	"io/fs"
	"maps"
	"slices"

	"github.com/geul-blog/geul/pkg/config"
	"github.com/geul-blog/geul/pkg/content"
	"github.com/geul-blog/geul/pkg/parallel"
	"github.com/geul-blog/geul/pkg/sitefs"
)

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

// looksFingerprint hashes the files that shape every page (config.toml,
// the site's layouts/ and i18n/, the theme's folder), so that the build
// cache of an earlier process does not give pages rendered with others.
// The theme compiled into geul is covered by the cache key (the binary).
func looksFingerprint(fsys fs.FS, themeDir string) uint64 {
	f := newFingerprint()
	add := func(p string) {
		// Only regular files, streamed: a pipe or a large static file of
		// the theme must neither block nor fill memory. What cannot be read
		// here fails the build where it is read, with its path.
		in, err := sitefs.OpenFollowing(fsys, p)
		if err != nil {
			return
		}
		defer in.Close()
		h := fnv.New64a()
		if _, err := io.Copy(h, in); err == nil {
			f.str(p).num(h.Sum64())
		}
	}
	for _, name := range config.Files(fsys) {
		add(name)
	}
	for _, root := range []string{"layouts", "i18n", themeDir} {
		if root == "" {
			continue
		}
		fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				add(p)
			}
			return nil
		})
	}
	return f.sum()
}
