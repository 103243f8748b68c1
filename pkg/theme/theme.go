// Package theme loads a site's layouts and renders a content.View with them.
//
// A theme is a folder with layouts/ (html/template files), static/ (files
// published as they are), i18n/ (strings per language) and theme.toml.
// Every layout and partial is looked up in the site's own layouts/ first,
// then in themes/<name>/layouts/, then — for the theme "default" when the
// site has no themes/default folder — in the copy compiled into geul.
// docs/themes.md is the writer's guide to all of it.
//
// It imports pkg/content, pkg/diag, pkg/sitefs, pkg/words and the embedded themes; it
// must not import pkg/site or pkg/markdown (the site passes its Markdown
// renderer in as a template function).
package theme

import (
	"errors"
	"html/template"
	"io"
	"io/fs"
	"path"
	"sort"
	"strings"
	"text/template/parse"
	"time"

	"github.com/geul-blog/geul/pkg/content"
	"github.com/geul-blog/geul/pkg/diag"
	"github.com/geul-blog/geul/pkg/sitefs"
	"github.com/geul-blog/geul/themes"
)

// DefaultName is the theme a site gets when its config names none; it is
// compiled into geul.
const DefaultName = "default"

// Layout is a layout pkg/site renders pages with: one per kind of
// content.View (View.Kind is its string). This is the one list of them;
// the site and the theme both range over Layouts.
type Layout string

// The layouts, by the kind of page they render.
const (
	LayoutHome     Layout = "home"
	LayoutPost     Layout = "post"
	LayoutPage     Layout = "page"
	LayoutSection  Layout = "section"
	LayoutTaxonomy Layout = "taxonomy"
	LayoutTerm     Layout = "term"
	LayoutArchive  Layout = "archive"
	Layout404      Layout = "404"

	// LayoutSearch renders the search page; unlike the others, a theme
	// may leave it out (then the site has no search), so Layouts does
	// not list it.
	LayoutSearch Layout = "search"
)

// Layouts returns every Layout, in the order a theme loads them.
func Layouts() []Layout {
	return []Layout{LayoutHome, LayoutPost, LayoutPage, LayoutSection, LayoutTaxonomy, LayoutTerm, LayoutArchive, Layout404}
}

// fallback gives the layout tried when a layout's own file is missing
// everywhere.
func fallback(layout string) string {
	switch layout {
	case "post", "page":
		return "single"
	case "home", "section", "term":
		return "list"
	}
	return ""
}

// Option configures Load.
type Option func(*options)

type options struct {
	funcs   template.FuncMap
	lang    string
	baseURL string
	version string
	// noSiteLayouts leaves the site's layouts/ and i18n/ out: a Hugo
	// site's are Hugo templates and the strings of a Hugo theme.
	noSiteLayouts bool
}

// WithoutSiteLayouts leaves the site's own layouts/ and i18n/ out, so that
// only the theme's are used: a site moved from Hugo keeps Hugo templates
// and a Hugo theme's strings there.
func WithoutSiteLayouts() Option { return func(o *options) { o.noSiteLayouts = true } }

// WithFuncs adds template functions (the site passes "markdownify"). They
// are merged over the built-in ones, so a site may replace a built-in.
func WithFuncs(fm template.FuncMap) Option {
	return func(o *options) {
		for k, v := range fm {
			o.funcs[k] = v
		}
	}
}

// WithLanguage sets the site's language: "ko" or "ko-KR" gives Korean dates
// and strings; anything else gives English ones, which the site's
// i18n/<code>.toml may translate.
func WithLanguage(code string) Option { return func(o *options) { o.lang = code } }

// WithBaseURL sets the absolute base URL, ending in "/", that absURL and
// relURL build on. Without it URLs are relative to "/".
func WithBaseURL(u string) Option { return func(o *options) { o.baseURL = u } }

// WithVersion sets the running geul version ("0.3.1"). A theme whose
// theme.toml asks for a newer min_version then fails to load. Without it,
// or with a version that is not a number such as "dev", nothing is checked.
func WithVersion(v string) Option { return func(o *options) { o.version = v } }

// Theme is a parsed set of layouts. It is safe for concurrent Execute.
type Theme struct {
	name      string
	dir       string
	static    fs.FS
	src       source // where the theme's files are
	staticDir string // its static/ folder in src.fsys, "" when it has none
	info      Info
	paths     map[string]string  // template file name ("single.html", "partials/toc.html") → path the writer knows
	layouts   map[string]*layout // "post" → its parsed set; missing layouts are absent
	partial   *partials          // what partial and partialCached render, and partialCached's results
	markup    *markupTemplates   // shortcode templates and render hooks
}

// layout is one layout with the templates it needs, cloned once at Load.
type layout struct {
	file  string             // template file name, "single.html"
	set   *template.Template // the file, baseof.html and every partial
	entry *template.Template // what Execute runs: baseof.html or the file itself
}

// source is one place layouts come from: the site, a theme on disk, or the
// embedded default theme.
type source struct {
	fsys    fs.FS
	dir     string // folder in fsys: "." for the site itself, "themes/x", or "default" in the embedded FS
	display string // dir as the writer knows it: "", "themes/x", "themes/default"
	builtIn bool   // the theme compiled into geul
}

func (s source) path(rel string) string {
	if s.dir == "." {
		return rel
	}
	return s.dir + "/" + rel
}

// linkRoot is the folder in fsys that links in the source must stay in:
// the theme's folder for a theme, the site for the site's own files.
func (s source) linkRoot() string { return s.dir }

// maxFileSize is the largest layout, translation or theme.toml geul reads.
const maxFileSize = 8 << 20

// read reads the file at rel in the source: a regular file, of at most
// maxFileSize, reached through links that stay in the source's folder.
func (s source) read(rel string) ([]byte, error) {
	return sitefs.ReadFile(s.fsys, s.linkRoot(), s.path(rel), maxFileSize)
}

// readError is the error for a file of a theme or of the site's layouts/
// or i18n/ that cannot be read, at its path as the writer knows it.
func readError(display string, err error) *diag.Error {
	msg, hint := sitefs.Explain(err)
	return &diag.Error{Path: diag.QuotePath(display), Msg: msg, Hint: hint, Err: err}
}

func (s source) show(rel string) string {
	if s.display == "" {
		return rel
	}
	return s.display + "/" + rel
}

// file is a template file found in some source.
type file struct {
	name string // "single.html", "partials/toc.html", "baseof.html"
	path string // as the writer knows it
	src  string
}

// Load parses every layout once. siteFS is the site's folder. Lookup order
// for every layout and partial: siteFS "layouts/" first, then siteFS
// "themes/<name>/layouts/", then — only when name == "default" and the site
// has no themes/default folder — the default theme compiled into the binary.
//
// Problems in the site's files come back as a *diag.Error, or a diag.List
// when several templates are broken: a theme that is not there (on
// "config.toml"), a template that does not parse (on the template's file
// and line), a bad theme.toml or i18n file.
func Load(siteFS fs.FS, name string, opts ...Option) (*Theme, error) {
	o := options{funcs: template.FuncMap{}, baseURL: "/"}
	for _, opt := range opts {
		opt(&o)
	}
	if name == "" {
		name = DefaultName
	}
	th, err := findTheme(siteFS, name)
	if err != nil {
		return nil, err
	}
	site := source{fsys: siteFS, dir: ".", display: ""}
	t := &Theme{name: name, paths: map[string]string{}, layouts: map[string]*layout{}, partial: &partials{}}
	if !th.builtIn {
		t.dir = th.dir
	}
	if t.info, err = readInfo(th, name, o.version); err != nil {
		return nil, err
	}
	t.src = th
	if t.static, err = fs.Sub(th.fsys, th.path("static")); err != nil || !isDir(th.fsys, th.path("static")) {
		t.static = emptyFS{}
	} else {
		t.staticDir = th.path("static")
	}
	siteStrings := site
	if o.noSiteLayouts {
		siteStrings = source{}
	}
	tr, err := loadTranslations(o.lang, siteStrings, th)
	if err != nil {
		return nil, err
	}
	funcs := builtinFuncs(o, tr)
	funcs["partial"], funcs["partialCached"] = t.partial.render, t.partial.cached
	for k, v := range o.funcs {
		funcs[k] = v
	}

	srcs := []source{site, th}
	if o.noSiteLayouts {
		srcs = srcs[1:]
	}
	files, err := collect(srcs...)
	if err != nil {
		return nil, err
	}
	for _, f := range files {
		t.paths[f.name] = f.path
	}
	// Every file is parsed even after a problem, so that one build reports
	// every broken template.
	var problems diag.List
	base := template.New("").Funcs(funcs)
	hasBase := false
	for _, f := range files {
		if f.name == "baseof.html" || strings.HasPrefix(f.name, "partials/") {
			problems.Add(parseInto(base, f))
			hasBase = hasBase || f.name == "baseof.html"
		}
	}
	// partial and partialCached run in a copy of their own: html/template
	// cannot clone a set that has run, and the layouts below are clones.
	if t.partial.set, err = base.Clone(); err != nil {
		return nil, err
	}
	if t.markup, err = loadMarkup(base, funcs, site, th); err != nil {
		problems.Add(err)
		t.markup = &markupTemplates{files: map[string]markupFile{}}
	}
	// With a broken partial, every layout would also report it missing.
	check := len(problems) == 0
	byName := map[string]file{}
	var extra []string // layouts beyond the standard ones, e.g. "search"
	for _, f := range files {
		if !strings.Contains(f.name, "/") && f.name != "baseof.html" {
			byName[f.name] = f
			extra = append(extra, strings.TrimSuffix(f.name, ".html"))
		}
	}
	built := map[string]*layout{} // by template file: post and page may share single.html
	var names []string
	for _, l := range Layouts() {
		names = append(names, string(l))
	}
	for _, ln := range append(names, extra...) {
		f, ok := byName[ln+".html"]
		if !ok {
			if f, ok = byName[fallback(ln)+".html"]; !ok {
				continue
			}
		}
		l, done := built[f.name]
		if !done {
			var err error
			l, err = t.build(base, f, hasBase, check)
			problems.Add(err)
			built[f.name] = l
		}
		if l != nil {
			t.layouts[ln] = l
		}
	}
	t.partial.forget()          // what the checks above rendered
	problems = dedupe(problems) // a broken partial is met by every layout
	switch len(problems) {
	case 0:
		return t, nil
	case 1:
		return nil, problems[0]
	}
	return nil, problems.Err()
}

func dedupe(l diag.List) diag.List {
	seen := map[string]bool{}
	out := l[:0]
	for _, e := range l {
		if !seen[e.Error()] {
			seen[e.Error()] = true
			out = append(out, e)
		}
	}
	return out
}

// build clones the shared templates and adds one layout file to them.
// With check, it also runs html/template's context checks.
func (t *Theme) build(base *template.Template, f file, hasBase, check bool) (*layout, error) {
	set, err := base.Clone()
	if err != nil {
		return nil, &diag.Error{Path: f.path, Msg: err.Error(), Err: err}
	}
	if err := parseInto(set, f); err != nil {
		return nil, err
	}
	l := &layout{file: f.name, set: set, entry: set.Lookup(f.name)}
	if l.entry.Tree == nil || parse.IsEmptyTree(l.entry.Tree.Root) {
		// Only {{ define }} blocks: the layout fills in baseof.html.
		if !hasBase {
			return nil, diag.Errorf(f.path, 0, "the layout has only {{ define }} blocks and there is no baseof.html to fill in").
				WithHint("add layouts/baseof.html, or write the whole page outside {{ define }} blocks")
		}
		l.entry = set.Lookup("baseof.html")
	}
	if !check {
		return l, nil
	}
	// html/template checks contexts (and that every {{ template }} exists) on
	// the first Execute. Run it once now, on an empty view, so that those
	// mistakes are reported once at Load with their file and line rather
	// than once per page. Errors from the empty data itself are expected.
	err = l.entry.Execute(io.Discard, &content.View{Site: &content.Site{}})
	var te *template.Error
	if errors.As(err, &te) {
		return nil, t.templateError(l, err)
	}
	return l, nil
}

func parseInto(set *template.Template, f file) error {
	if _, err := set.New(f.name).Parse(f.src); err != nil {
		return parseError(f, err)
	}
	return nil
}

// Execute renders layout ("post", "home", …) with v as "." into w. w should
// be buffered; on error it may hold part of the page. A failing template
// gives a *diag.Error on the template's file and line.
func (t *Theme) Execute(w io.Writer, layout string, v *content.View) error {
	l := t.layouts[layout]
	if l == nil {
		return t.missing(layout)
	}
	if err := l.entry.Execute(w, v); err != nil {
		return t.templateError(l, err)
	}
	return nil
}

// ClearPartialCache forgets what partialCached rendered. pkg/site calls it
// before every build, so that a cached partial never shows the site as an
// earlier build saw it.
func (t *Theme) ClearPartialCache() { t.partial.forget() }

// KeepPartials is ClearPartialCache for a rebuild that knows which pages
// are as they were: it keeps the partialCached renderings whose context was
// a page among their variants, whose variants are all pages for which
// unchanged is true, and whose templates show nothing but that page (no
// .Site, .Prev, .Next, .Related or asset, in the partial or the partials it
// calls). unchanged must be true only for a page whose every field a
// template can show is as it was when its partials were rendered.
func (t *Theme) KeepPartials(unchanged func(*content.Page) bool) { t.partial.keep(unchanged) }

// HoldPartials is KeepPartials for a rebuild that learns later which of
// its pages are as they were (pkg/site: once their fingerprints are
// worked out): the other renderings made for a page's View are not
// served, but set aside for RestorePartials.
func (t *Theme) HoldPartials(unchanged func(*content.Page) bool) { t.partial.hold(unchanged) }

// RestorePartials serves again the renderings HoldPartials set aside that
// were made for the View at a URL for which same is true, and forgets the
// others. same must be true only for a URL whose page this build renders
// exactly as the build that made the rendering did: partialCached's
// promise (one rendering per variants for every page of a build) then
// makes the rendering this build's too.
func (t *Theme) RestorePartials(same func(url string) bool) { t.partial.restore(same) }

// HeldPartialPages returns the URLs of the pages HoldPartials set aside
// renderings for: the URLs RestorePartials will ask about.
func (t *Theme) HeldPartialPages() []string { return t.partial.heldPages() }

// KeepPartialsWithout is KeepPartials for a rebuild in which nothing but
// what fields show can have changed (pkg/site passes the fields that come
// from a post's body, on a body edit): it also keeps every rendering of a
// partial that mentions none of fields, in itself or the partials it calls.
func (t *Theme) KeepPartialsWithout(unchanged func(*content.Page) bool, fields ...string) {
	t.partial.keepWithout(unchanged, fields)
}

// Has reports whether the theme or the site has a layout for layout,
// directly or through its fallback; Execute fails for one it has not.
func (t *Theme) Has(layout string) bool { return t.layouts[layout] != nil }

// Layout returns the path, as the writer knows it, of the file that
// renders layout ("themes/default/layouts/single.html" for "post"), or ""
// when there is none.
func (t *Theme) Layout(layout string) string {
	if l := t.layouts[layout]; l != nil {
		return t.paths[l.file]
	}
	return ""
}

func (t *Theme) missing(layout string) error {
	return diag.Errorf("layouts/"+layout+".html", 0, "missing layout %q", layout).
		WithHint("add it to your theme or to the site's layouts/")
}

// Static returns the theme's static/ folder (embedded or on disk), empty
// when the theme has none. pkg/site copies the site's own static/ over it.
func (t *Theme) Static() fs.FS { return t.static }

// StaticDir returns where the theme's static/ folder is: the FS it is in
// (the site's, or the one compiled into geul), its path there, and the
// folder that links in it must not lead out of (the theme's). dir is ""
// when the theme has no static/ folder.
func (t *Theme) StaticDir() (fsys fs.FS, dir, linkRoot string) {
	return t.src.fsys, t.staticDir, t.src.linkRoot()
}

// Dir returns "themes/<name>" when the theme is a folder of the site (the
// dev server watches it), or "" when it is the one compiled into geul.
func (t *Theme) Dir() string { return t.dir }

// Name returns the theme's folder name, "default" for the built-in one.
func (t *Theme) Name() string { return t.name }

// Info returns what the theme's theme.toml says about it.
func (t *Theme) Info() Info { return t.info }

// findTheme returns where the theme name lives, or a *diag.Error on
// config.toml listing the themes there are.
func findTheme(siteFS fs.FS, name string) (source, error) {
	dir := "themes/" + name
	if strings.ContainsAny(name, `/\`) || !fs.ValidPath(dir) {
		return source{}, diag.Errorf("config.toml", keyLine(readOrNil(siteFS, "config.toml"), "theme"),
			"theme %q is not a folder name", name).
			WithHint(`set theme to the name of a folder under themes/, such as "default"`)
	}
	if isDir(siteFS, dir) {
		return source{fsys: siteFS, dir: dir, display: dir}, nil
	}
	if name == DefaultName {
		return source{fsys: themes.Default, dir: DefaultName, display: dir, builtIn: true}, nil
	}
	found := []string{DefaultName + " (built in)"}
	if entries, err := fs.ReadDir(siteFS, "themes"); err == nil {
		for _, e := range entries {
			if e.IsDir() && e.Name() != DefaultName {
				found = append(found, e.Name())
			}
		}
	}
	sort.Strings(found[1:])
	return source{}, diag.Errorf("config.toml", keyLine(readOrNil(siteFS, "config.toml"), "theme"),
		"theme %q not found: there is no folder %s", name, dir).
		WithHint("themes available: %s; set theme to one of them or add the folder %s/", strings.Join(found, ", "), dir)
}

// collect lists the template files, each name taken from the first source
// that has it: the site, then the theme.
func collect(srcs ...source) ([]file, error) {
	seen := map[string]bool{}
	var files []file
	for _, s := range srcs {
		root := s.path("layouts")
		if !isDir(s.fsys, root) {
			continue
		}
		err := fs.WalkDir(s.fsys, root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() || path.Ext(p) != ".html" {
				return nil
			}
			name := strings.TrimPrefix(p, root+"/")
			if strings.Contains(name, "/") && !strings.HasPrefix(name, "partials/") {
				return nil // other folders are not ours; leave them alone
			}
			if seen[name] {
				return nil
			}
			src, err := sitefs.ReadFile(s.fsys, s.linkRoot(), p, maxFileSize)
			if err != nil {
				return readError(s.show("layouts/"+name), err)
			}
			seen[name] = true
			files = append(files, file{name: name, path: s.show("layouts/" + name), src: string(src)})
			return nil
		})
		var de *diag.Error
		if errors.As(err, &de) {
			return nil, de
		}
		if err != nil {
			return nil, &diag.Error{Path: s.show("layouts"), Msg: err.Error(), Err: err}
		}
	}
	sort.Slice(files, func(i, j int) bool { return files[i].name < files[j].name })
	return files, nil
}

func isDir(fsys fs.FS, name string) bool {
	st, err := fs.Stat(fsys, name)
	return err == nil && st.IsDir()
}

func readOrNil(fsys fs.FS, name string) []byte {
	b, _ := sitefs.ReadFollowing(fsys, name, maxFileSize)
	return b
}

// keyLine returns the 1-based line of src where key is set ("key = …"),
// or 0. It is enough to point at a top-level key of a small TOML file.
func keyLine(src []byte, key string) int {
	for i, line := range strings.Split(string(src), "\n") {
		line = strings.TrimSpace(line)
		if k, _, ok := strings.Cut(line, "="); ok && strings.Trim(strings.TrimSpace(k), `"'`) == key {
			return i + 1
		}
	}
	return 0
}

// emptyFS is the static folder of a theme that has none.
type emptyFS struct{}

func (emptyFS) Open(name string) (fs.File, error) {
	if name == "." {
		return emptyDir{}, nil
	}
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}

type emptyDir struct{}

func (emptyDir) Stat() (fs.FileInfo, error) { return emptyDir{}, nil }
func (emptyDir) Read([]byte) (int, error) {
	return 0, &fs.PathError{Op: "read", Path: ".", Err: fs.ErrInvalid}
}
func (emptyDir) Close() error                         { return nil }
func (emptyDir) ReadDir(n int) ([]fs.DirEntry, error) { return nil, nilOrEOF(n) }
func (emptyDir) Name() string                         { return "." }
func (emptyDir) Size() int64                          { return 0 }
func (emptyDir) Mode() fs.FileMode                    { return fs.ModeDir | 0o555 }
func (emptyDir) ModTime() time.Time                   { return time.Time{} }
func (emptyDir) IsDir() bool                          { return true }
func (emptyDir) Sys() any                             { return nil }

func nilOrEOF(n int) error {
	if n > 0 {
		return io.EOF
	}
	return nil
}
