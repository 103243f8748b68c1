package site

import (
	"cmp"
	"fmt"
	"io/fs"
	"maps"
	"slices"
	"strings"

	"github.com/geul-blog/geul/pkg/content"
	"github.com/geul-blog/geul/pkg/diag"
	"github.com/geul-blog/geul/pkg/theme"
)

// Every file of a build has one owner. Before anything is rendered, each
// output path — pages, aliases, generated pages (home, sections,
// taxonomies, terms, archive, 404 and their later pages), feeds, the
// sitemap, robots.txt, static files, the highlight CSS, fingerprinted
// assets and the files beside the Markdown under content/ — is claimed
// here, in one map, by build and serve alike. Two claims on one path are
// an error that names the front matter line that made the URL (slug, url,
// aliases, tags or categories), except:
//
//   - an alias over another page's alias is a warning, and the page whose
//     path sorts last gets the redirect, as in Hugo (themes copy
//     `aliases = ["posts"]` into every post);
//   - static/robots.txt replaces the robots.txt geul writes, and
//     static/css/chroma.css the highlight CSS (loadStatic).
//
// A path that is a file for one owner and a folder for another ("about"
// and "about/index.html") is a clash too: no disk can hold both.

// The limits that keep the output of a build linear in its input, and
// every path writable (README "Errors and safety").
const (
	// maxTermsPerPage is how many categories, or tags, one page may have:
	// each is a page of its own that lists the post.
	maxTermsPerPage = 100
	// maxPages is how many HTML pages one build may make.
	maxPages = 500_000
	// maxSegment is the longest folder or file name of an output path,
	// in bytes: what ext4, APFS and NTFS allow.
	maxSegment = 255
)

// ownerKind says what kind of source claims an output path. A clash is
// blamed on the claim of the higher kind: the one the writer can change.
type ownerKind int

const (
	ownGenerated ownerKind = iota // made by geul: home, lists, archive, 404, feeds, sitemap, robots.txt
	ownList                       // a section's or a term's list, named by a folder or a front matter term
	ownStatic                     // a file of static/ or of the theme's static/
	ownFile                       // a file under content/ that is not Markdown
	ownPage                       // a Markdown page
	ownAlias                      // a redirect from one of a page's aliases
)

// owner is who claims one output path.
type owner struct {
	kind  ownerKind
	what  string        // what geul makes ("the archive page"), or the name of a section or term
	file  string        // the file or folder to blame when page is nil: "static/x.css", "content/posts/"
	page  *content.Page // ownPage and ownAlias: the page; for a term's pages, the post that named it first
	key   string        // the front matter key of page that made the path: "aliases", "tags"…
	alias string        // ownAlias: the alias as written
	pager int           // a list's page number, past the first
	feed  bool          // a category's feed

	// resolve, when set, names the source of file (a static output) for
	// messages: which static/ it comes from is only looked up on a clash.
	resolve func(string) string
}

// source is the file or folder to blame when page is nil.
func (o owner) source() string {
	switch {
	case o.resolve != nil:
		return o.resolve(o.file)
	case o.file != "":
		return o.file
	}
	return o.what
}

// at is the file and line an error about o names: the line of the key
// that made the URL, or 0 when the file's name or place made it.
func (o owner) at() (string, int) {
	if o.page == nil {
		return o.source(), 0
	}
	file := contentDir + "/" + o.page.Path
	switch {
	case o.kind == ownPage:
		return file, urlLine(o.page)
	case o.key != "":
		return file, keyLine(o.page, o.key)
	}
	return file, 0
}

// describe names o in a message: `content/posts/a.md (slug, line 3)`.
func (o owner) describe() string {
	switch o.kind {
	case ownPage:
		file, line := o.at()
		if line > 0 {
			return fmt.Sprintf("%s (%s, line %d)", file, urlKey(o.page), line)
		}
		return file
	case ownAlias:
		file, line := o.at()
		return fmt.Sprintf("the alias %q of %s (line %d)", o.alias, file, line)
	case ownStatic, ownFile:
		return o.source()
	}
	return o.name()
}

// name is what geul makes, in words: "page 2 of the page of tag "Go"". It
// is only worked out for a message.
func (o owner) name() string {
	s := o.what
	switch {
	case o.kind != ownList:
	case o.feed:
		s = fmt.Sprintf("the feed of category %q", o.what)
	case o.key != "":
		s = fmt.Sprintf("the page of %s %q", singular(o.key), o.what)
	default:
		s = "the list of section " + o.what
	}
	if o.pager > 1 {
		s = fmt.Sprintf("page %d of %s", o.pager, s)
	}
	return s
}

// urlKey is the front matter key that decides p's URL: "url", "slug", or
// "" when its file name and the permalink patterns do.
func urlKey(p *content.Page) string {
	for _, k := range []string{"url", "slug"} {
		if p.Line(k) > 0 {
			return k
		}
	}
	return ""
}

// urlLine is the line of urlKey, or 0.
func urlLine(p *content.Page) int {
	if k := urlKey(p); k != "" {
		return p.Line(k)
	}
	return 0
}

// claim is who claims one path: an HTML page's job, whose owner is worked
// out only for a message (a rebuild claims every page again), or another
// owner.
type claim struct {
	job *job
	own *owner
}

// owner returns who claims.
func (c claim) owner() *owner {
	if c.own != nil {
		return c.own
	}
	return jobOwner(c.job)
}

// jobOwner is who claims the output of an HTML page.
func jobOwner(j *job) *owner {
	v := j.view
	o := &owner{}
	if v.Paginator != nil {
		o.pager = v.Paginator.Number
	}
	switch {
	case v.Page != nil:
		o.kind, o.page = ownPage, v.Page
	case v.Term != nil:
		o.kind, o.what, o.page, o.key = ownList, cmp.Or(v.Term.Path, v.Term.Name), v.Term.Pages[0], v.Taxonomy.Name // a tree's level by its path
	case j.layout == theme.LayoutSection:
		o.kind, o.what, o.file = ownList, v.Section, contentDir+"/"+v.Section+"/"
	case j.layout == theme.LayoutTaxonomy:
		o.what = "the page of all " + v.Taxonomy.Name
	default:
		o.what = "the " + string(j.layout) + " page"
	}
	return o
}

// claims is the owner of every output path of one build.
type claims struct {
	basePath string
	owners   map[string]claim
	aliases  map[string]*content.Page // output path of a redirect → the page it goes to
	errs     diag.List
	warns    []error
}

func newClaims(basePath string, size int) *claims {
	return &claims{basePath: basePath, owners: make(map[string]claim, size), aliases: map[string]*content.Page{}}
}

// urlOf is the URL an output path is served at: "posts/a/index.html" →
// "/posts/a/".
func (c *claims) urlOf(out string) string {
	return c.basePath + strings.TrimSuffix(out, "index.html")
}

// add claims out for o, or records the clash with its owner.
func (c *claims) add(out string, cl claim) {
	had, ok := c.owners[out]
	if !ok {
		c.owners[out] = cl
		return
	}
	prev, o := had.owner(), cl.owner()
	if prev.kind == ownPage && o.kind == ownPage && urlLine(o.page) == 0 && urlLine(prev.page) > 0 {
		prev, o = o, prev // blame the page whose slug (or url) made the URL
	}
	if prev.kind == o.kind && prev.what == o.what && prev.file == o.file && prev.page == o.page {
		return // the same source twice ("/old" and "/old/")
	}
	c.clash(out, prev, o, false)
}

// clash records the error for two owners of out, blamed on the one the
// writer can change: a page rather than what geul makes, the later of two
// pages. With folder, cur needs out as a folder and prev has it as a file.
func (c *claims) clash(out string, prev, cur *owner, folder bool) {
	blame, other := cur, prev
	blamePrev := prev.kind > cur.kind
	if blamePrev {
		blame, other = prev, cur
	}
	file, line := blame.at()
	u := c.urlOf(out)
	// where says what other does at u.
	where := "is also the URL of " + other.describe()
	if folder {
		where = fmt.Sprintf("needs %s as a folder, where %s is a file", u, prev.describe())
		if blamePrev {
			where = fmt.Sprintf("is a file at %s, where %s needs a folder", u, cur.describe())
		}
	}
	var e *diag.Error
	switch blame.kind {
	case ownPage:
		if !folder {
			where = u + " " + where
		}
		e = diag.Errorf(file, line, "this page's URL %s", where)
		switch {
		case other.kind == ownPage:
			e = e.WithHint("give one of them another slug (or url)")
		case other.kind <= ownList:
			e = e.WithHint("give the page a slug (or url) of its own: geul makes %s", u)
		default:
			e = e.WithHint("rename the file, or give the page another slug (or url)")
		}
	case ownAlias:
		e = diag.Errorf(file, line, "alias %q would replace %s at %s", blame.alias, other.describe(), u).
			WithHint("remove it from aliases")
		if folder {
			e.Msg = fmt.Sprintf("alias %q %s", blame.alias, where)
		}
	case ownFile, ownStatic:
		if folder {
			e = diag.Errorf(file, 0, "%s", where)
		} else {
			e = diag.Errorf(file, 0, "would be published at %s, where %s is too", u, other.describe())
		}
		e = e.WithHint("rename or move one of them")
		if other.kind == ownGenerated {
			e = e.WithHint("rename or move it: geul makes %s", u)
		}
	default: // a section or a term named like another page geul makes
		e = diag.Errorf(file, line, "%s would be written to %s, where %s is", blame.name(), u, other.describe()).
			WithHint("rename it")
		if folder {
			e.Msg = fmt.Sprintf("%s %s", blame.name(), where)
		}
	}
	c.errs = append(c.errs, e)
}

// alias claims the redirect at out for a page: an error over a real page
// (or the page itself), a warning over another page's alias.
func (c *claims) alias(out string, o *owner) {
	file, line := o.at()
	had, ok := c.owners[out]
	var prev *owner
	if ok {
		prev = had.owner()
	}
	switch {
	case !ok:
	case prev.kind == ownPage && prev.page == o.page:
		c.errs = append(c.errs, diag.Errorf(file, line, "alias %q is this page's own URL: it would redirect to itself forever", o.alias).
			WithHint("remove it from aliases"))
		return
	case prev.kind != ownAlias:
		c.errs = append(c.errs, diag.Errorf(file, line, "alias %q would replace %s at %s", o.alias, prev.describe(), c.urlOf(out)).
			WithHint("remove it from aliases"))
		return
	case prev.page == o.page:
		return // the same old URL twice in one page
	default:
		c.warns = append(c.warns, diag.Errorf(file, line, "alias %q is also an alias of %s; it redirects here, to the page whose path sorts last", o.alias,
			contentDir+"/"+prev.page.Path).WithHint("remove it from one of them"))
	}
	c.owners[out] = claim{own: o}
	c.aliases[out] = o.page
}

// check reports what no single claim shows: a path that is a file for one
// owner and a folder for another, and a name too long for a disk.
func (c *claims) check() {
	for out, cl := range c.owners {
		for i := len(out) - 1; i >= 0; i-- {
			if out[i] != '/' {
				continue
			}
			if parent, ok := c.owners[out[:i]]; ok {
				c.clash(out[:i], parent.owner(), cl.owner(), true)
				break
			}
		}
		for seg := range strings.SplitSeq(out, "/") {
			if len(seg) > maxSegment {
				o := cl.owner()
				file, line := o.at()
				c.errs = append(c.errs, diag.Errorf(file, line, "%s would be written to a path with a name of %d bytes; a file system allows %d",
					o.describe(), len(seg), maxSegment).WithHint("shorten it (a slug or a term of at most 85 Hangul or 255 Latin letters)"))
				break
			}
		}
	}
}

// claimAll claims every output path of the build whose model is st and
// whose HTML pages are jobs, and returns the redirects to write, by path,
// and the warnings; the error lists every clash.
func (b *Builder) claimAll(st *state, jobs []*job) (*claims, error) {
	c := newClaims(st.basePath, len(jobs)+len(st.files)+len(st.copied)+len(b.static)+len(b.staticCopied)+8)
	limit := b.opts.maxPages
	if limit == 0 {
		limit = maxPages
	}
	if len(jobs) > limit {
		return nil, tooManyPages(jobs, limit)
	}
	for _, j := range jobs {
		c.add(j.out, claim{job: j})
	}
	staticSource := b.staticSource
	for name := range b.static {
		c.add(name, claim{own: &owner{kind: ownStatic, file: name, resolve: staticSource}})
	}
	for name := range b.staticCopied {
		c.add(name, claim{own: &owner{kind: ownStatic, file: name, resolve: staticSource}})
	}
	for name := range st.files {
		c.add(name, claim{own: &owner{kind: ownFile, file: st.fileSource[name]}})
	}
	for name := range st.copied {
		c.add(name, claim{own: &owner{kind: ownFile, file: st.fileSource[name]}})
	}
	c.add(feedFile, claim{own: &owner{what: "the site's feed"}})
	cats := st.site.Categories
	feeds := make([]owner, len(cats.Terms))
	for i, t := range cats.Terms {
		feeds[i] = owner{kind: ownList, what: t.Name, page: t.Pages[0], key: cats.Name, feed: true}
		c.add(termRel(cats, t)+feedFile, claim{own: &feeds[i]})
	}
	c.add("sitemap.xml", claim{own: &owner{what: "the sitemap"}})
	b.claimSearch(c)
	if !b.hasStatic("robots.txt") {
		c.add("robots.txt", claim{own: &owner{what: "robots.txt"}})
	}
	// Aliases last, in the order of the pages' paths, so that which one
	// wins does not depend on the order of the rest.
	for _, rel := range b.sortedSources() {
		p := st.byPath[rel]
		if p == nil {
			continue
		}
		for _, a := range p.Aliases {
			c.alias(aliasPath(a), &owner{kind: ownAlias, page: p, key: "aliases", alias: a})
		}
	}
	c.check()
	return c, c.errs.Err()
}

// hasStatic reports whether static/ (the site's or the theme's) has name.
func (b *Builder) hasStatic(name string) bool {
	if _, ok := b.static[name]; ok {
		return true
	}
	_, ok := b.staticCopied[name]
	return ok
}

// warnings are the problems of a build that did not stop it.
func (b *Builder) warnings(st *state) []error {
	return append(append(b.configWarnings(st), b.pageWarnings(st)...), st.warnings...)
}

// staticSource names the file a static output comes from, for messages.
func (b *Builder) staticSource(name string) string {
	for orig, hashed := range b.assets {
		if hashed == name {
			return b.staticSource(orig) + " (fingerprinted)"
		}
	}
	if _, err := fs.Stat(b.fsys, "static/"+name); err == nil {
		return "static/" + name
	}
	if name == "css/chroma.css" {
		return "the highlight CSS"
	}
	return "the theme's static/" + name
}

// tooManyPages is the error for a site past maxPages, naming what made
// most of them.
func tooManyPages(jobs []*job, limit int) error {
	by := map[theme.Layout]int{}
	var top theme.Layout
	for _, j := range jobs {
		by[j.layout]++
		if top == "" || by[j.layout] > by[top] {
			top = j.layout
		}
	}
	return &diag.Error{Path: contentDir, Msg: fmt.Sprintf("the site would have %d pages, more than the %d geul builds (%d of them %s pages)",
		len(jobs), limit, by[top], string(top)), Hint: "give posts fewer tags or categories, or raise paginate"}
}

// checkTerms reports pages with more terms than maxTermsPerPage.
func checkTerms(p *content.Page, errs *diag.List) {
	type keyNames struct {
		key   string
		names []string
	}
	list := []keyNames{{"categories", p.Categories}, {"tags", p.Tags}}
	if len(p.Terms) > 0 { // none without custom taxonomies: no cost then
		for _, tax := range slices.Sorted(maps.Keys(p.Terms)) {
			list = append(list, keyNames{tax, p.Terms[tax]})
		}
	}
	for _, t := range list {
		if len(t.names) > maxTermsPerPage {
			*errs = append(*errs, diag.Errorf(contentDir+"/"+p.Path, keyLine(p, t.key), "%d %s; a page may have at most %d",
				len(t.names), t.key, maxTermsPerPage).WithHint("keep the few that say what the page is about (each is a page of its own listing it)"))
		}
	}
}

// keyLine is the line of a front matter key of p, reading "category" for
// "categories" as Parse does.
func keyLine(p *content.Page, key string) int {
	if n := p.Line(key); n > 0 || key != "categories" {
		return n
	}
	return p.Line("category")
}
