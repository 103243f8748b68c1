package importer

import (
	"context"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/geul-blog/geul/pkg/words"
)

// Sources are the kinds of blog Run reads.
var Sources = []string{"tistory", "jekyll", "hexo"}

// Options say what to import and where.
type Options struct {
	Source string // "tistory", "jekyll" or "hexo"
	From   string // the backup zip or folder, or the site folder
	Into   string // the geul site to write or add to; "" is the current folder
	DryRun bool   // decide and report, write nothing
	Force  bool   // import again posts an earlier run imported (files edited since are still kept)
	// OldURL is the old blog's address ("https://name.tistory.com"), so
	// absolute links to its posts become relative links. Jekyll and Hexo
	// take it from _config.yml when it is not given; for Tistory the host
	// most linked to with a known post number is taken.
	OldURL string
	// Progress, when set, is called as the source is read ("reading",
	// per file or post folder) and as posts are written ("writing").
	Progress func(phase string, done, total int)
}

// Run imports a blog and reports what came over. A problem with one post
// is in the report and the rest go on; the error is for a source that
// cannot be read at all or a site that cannot be written.
func Run(ctx context.Context, o Options) (_ *Report, err error) {
	if o.Into == "" {
		o.Into = "."
	}
	rep := &Report{Source: o.Source, Into: o.Into, DryRun: o.DryRun}
	read := map[string]func(context.Context, Options, fs.FS) (*blog, error){
		"tistory": readTistory, "jekyll": readJekyll, "hexo": readHexo,
	}[o.Source]
	if read == nil {
		return nil, fmt.Errorf("unknown source %q; use one of %s", o.Source, strings.Join(Sources, ", "))
	}
	fsys, closer, err := openSource(o.From)
	if err != nil {
		return nil, err
	}
	defer closer.Close()
	s, err := read(ctx, o, fsys)
	if err != nil {
		return nil, err
	}
	rep.Problems = append(rep.Problems, s.problems...)
	if o.OldURL != "" {
		s.hosts = append(s.hosts, hostOf(o.OldURL))
	}

	rec, err := readRecord(o.Into)
	if err != nil {
		return nil, err
	}
	cfg, haveConfig, err := readConfig(o.Into)
	if err != nil {
		return nil, err
	}
	pattern := s.config.permalink
	if haveConfig {
		pattern = cfg.Permalinks["posts"]
	}

	assignSlugs(o, s.posts, rec)
	claimAddresses(s.posts, pattern, rep)
	ix := newLinkIndex(s.posts, s.hosts, s.base)
	static := map[string]bool{}
	for _, f := range s.static {
		static[f.name] = true
	}
	w := &writer{into: o.Into, dryRun: o.DryRun, rec: rec, rep: rep}
	// The record is saved even when the run stops half way, so the files
	// written so far are known as the import's next time.
	defer func() {
		if serr := w.saveRecord(); serr != nil && err == nil {
			err = serr
		}
	}()
	cats, tags := map[string]bool{}, map[string]bool{}
	skipped := map[string]bool{} // sources of posts imported before: their problems were told then
	for i, p := range s.posts {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if o.Progress != nil {
			o.Progress("writing", i+1, len(s.posts))
		}
		key := recordKey(o.Source, p)
		if _, done := rec.Posts[key]; done && !o.Force {
			rep.Skipped++
			skipped[p.source] = true
			continue
		}
		resolveRelative(p, s, static, ix, rep)
		p.body = linkPosts(p, ix, rep)
		data, err := markdownFile(p)
		if err != nil {
			// A front matter value TOML cannot hold: keep the post without
			// the theme's extra keys rather than lose it.
			rep.problem(p.source, 0, "front matter keys %s left out: %v", strings.Join(slices.Sorted(maps.Keys(p.params)), ", "), err)
			p.params = nil
			if data, err = markdownFile(p); err != nil {
				rep.problem(p.source, 0, "%v; the post was skipped", err)
				continue
			}
		}
		dir := strings.TrimSuffix(outputPath(p), "/index.md")
		res, err := w.write(outputPath(p), data)
		if err != nil {
			return nil, err
		}
		if res == kept {
			continue
		}
		for _, f := range p.files {
			data, err := f.bytes(fsys)
			if err != nil {
				rep.problem(f.from, 0, "%v; left out", err)
				continue
			}
			res, err := w.write(dir+"/"+f.name, data)
			if err != nil {
				return nil, err
			}
			if res == written {
				rep.Images++
			}
		}
		if !o.DryRun {
			rec.Posts[key] = p.slug
		}
		if p.page {
			rep.Pages++
		} else {
			rep.Posts++
		}
		if p.url != "" {
			rep.URLs++
		}
		rep.Aliases += len(p.aliases)
		for _, c := range p.categories {
			cats[c] = true
		}
		for _, t := range p.tags {
			tags[t] = true
		}
	}
	rep.Categories, rep.Tags = len(cats), len(tags)
	if rep.Skipped == 0 {
		for name := range s.loose {
			if !s.looseUsed[name] {
				rep.problem(name, 0, "in _posts but in no post's folder, and no post links it; left out (copy it into static/ if you need it)")
			}
		}
	}
	for _, f := range s.static {
		data, err := f.bytes(fsys)
		if err != nil {
			rep.problem(f.from, 0, "%v; left out", err)
			continue
		}
		res, err := w.write("static/"+f.name, data)
		if err != nil {
			return nil, err
		}
		if res == written {
			rep.Images++
			rep.Static++
		}
	}
	switch {
	case haveConfig:
		rep.Config = "kept (the site had one)"
		if _, ours := rec.Files["config.toml"]; ours {
			rep.Config = "kept (an earlier import wrote it)"
		}
	default:
		data, err := configFile(s.config)
		if err != nil {
			return nil, err
		}
		if _, err := w.write("config.toml", data); err != nil {
			return nil, err
		}
		rep.Config = "written"
		if o.DryRun {
			rep.Config = "would be written"
		}
	}
	probs := rep.Problems[:0]
	for _, pr := range rep.Problems {
		if !skipped[pr.Path] {
			probs = append(probs, pr)
		}
	}
	rep.Problems = probs
	sort.Strings(rep.Kept)
	return rep, nil
}

func recordKey(source string, p *post) string {
	return source + ":" + p.key
}

// assignSlugs gives every post its bundle folder: the one an earlier
// import gave it, else its wanted name slugged and made unique against the
// site's existing posts and pages.
func assignSlugs(o Options, posts []*post, rec *record) {
	taken := map[string]bool{}
	for _, name := range geulPages {
		taken["content/"+name] = true
	}
	for _, dir := range []string{"content/posts", "content"} {
		entries, _ := os.ReadDir(filepath.Join(o.Into, dir))
		for _, e := range entries {
			n := strings.TrimSuffix(e.Name(), ".md")
			taken[dir+"/"+words.Slug(n)] = true
		}
	}
	mine := map[string]bool{}
	for _, p := range posts {
		if s, ok := rec.Posts[recordKey(o.Source, p)]; ok {
			p.slug = s
			mine[dirOf(p)] = true
		}
	}
	for _, p := range posts {
		if p.slug != "" {
			continue
		}
		base := words.Slug(p.name)
		if base == "" {
			base = "post"
		}
		p.slug = base
		for i := 2; taken[dirOf(p)] || mine[dirOf(p)]; i++ {
			p.slug = base + "-" + strconv.Itoa(i)
		}
		mine[dirOf(p)] = true
	}
}

func dirOf(p *post) string {
	if p.page {
		return "content/" + p.slug
	}
	return "content/posts/" + p.slug
}

func hostOf(u string) string {
	u = strings.TrimPrefix(strings.TrimPrefix(u, "https://"), "http://")
	h, _, _ := strings.Cut(u, "/")
	return h
}

// claimAddresses gives each post its url and aliases (keepAddresses) and
// makes sure no address is claimed twice: two posts with the same title
// guess the same Tistory /entry/ address, and geul refuses a site where
// two pages want one URL. The first post keeps it; the others are told.
func claimAddresses(posts []*post, pattern string, rep *Report) {
	owner := map[string]*post{}
	geul := &post{source: "geul's own list pages"}
	for _, name := range geulPages {
		owner[cleanURL("/"+name+"/")] = geul
	}
	owner["/"] = geul
	for _, p := range posts {
		owner[cleanURL(permalinkURL(pattern, p))] = p
	}
	for _, p := range posts {
		keepAddresses(p, permalinkURL(pattern, p))
		if p.url != "" {
			if o := owner[cleanURL(p.url)]; o == geul {
				rep.problem(p.source, 0, "its old address %s is one of geul's own list pages; it gets %s instead", p.url, permalinkURL(pattern, p))
				p.url = ""
			} else if o != nil && o != p {
				rep.problem(p.source, 0, "its old address %s also belongs to %s; it gets %s instead", p.url, o.source, permalinkURL(pattern, p))
				p.url = ""
			} else {
				owner[cleanURL(p.url)] = p
			}
		}
		kept := p.aliases[:0]
		for _, a := range p.aliases {
			if o := owner[cleanURL(a)]; o != nil && o != p {
				rep.problem(p.source, 0, "old address %s also belongs to %s; it stays with that one", a, o.source)
				continue
			}
			owner[cleanURL(a)] = p
			kept = append(kept, a)
		}
		p.aliases = kept
	}
}

// geulPages are the top-level addresses geul's site makes itself; a page
// of the old blog there gets another slug, and its old address stays
// geul's.
var geulPages = []string{"posts", "tags", "categories", "archive", "page"}
