package site

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/tdewolff/minify/v2"
	"golang.org/x/text/unicode/norm"

	"github.com/geul-blog/geul/pkg/config"
	"github.com/geul-blog/geul/pkg/content"
	"github.com/geul-blog/geul/pkg/diag"
	"github.com/geul-blog/geul/pkg/images"
	"github.com/geul-blog/geul/pkg/markdown"
	"github.com/geul-blog/geul/pkg/output"
	"github.com/geul-blog/geul/pkg/parallel"
	"github.com/geul-blog/geul/pkg/sitefs"
	"github.com/geul-blog/geul/pkg/theme"
)

// Option configures a Builder.
type Option func(*options)

type options struct {
	drafts       bool
	future       bool
	baseURL      string
	now          func() time.Time
	fsys         fs.FS
	version      string
	cacheDir     string
	dest         string
	minify       bool
	fingerprint  bool
	writeThrough bool
	singleBuild  bool
	progress     func(done, total int) // WithProgress
	refWarnings  bool                  // WithRefWarnings
	maxPages     int                   // 0: maxPages; tests lower it

	imageDir        string // WithImages
	imageBackground bool
	imagesReady     func(paths []string) // WithImagesReady
}

// WithDrafts includes pages with draft = true.
func WithDrafts(on bool) Option { return func(o *options) { o.drafts = on } }

// WithFuture includes posts dated after now.
func WithFuture(on bool) Option { return func(o *options) { o.future = on } }

// WithBaseURL overrides the config's baseURL (geul serve sets it to its own address).
func WithBaseURL(u string) Option { return func(o *options) { o.baseURL = u } }

// WithClock sets what "now" is, for deciding which posts are in the future.
func WithClock(now func() time.Time) Option { return func(o *options) { o.now = now } }

// WithVersion tells the builder which geul it runs in, so a theme that
// needs a newer one (theme.toml's min_version) is refused with a clear error.
func WithVersion(v string) Option { return func(o *options) { o.version = v } }

// WithCache keeps rendered Markdown, and what was written where, in dir
// (normally .geul/cache in the site), so that the next build in a new
// process can skip what has not changed. Call SaveCache after writing.
func WithCache(dir string) Option { return func(o *options) { o.cacheDir = dir } }

// WithDestination says where the build will be written. With WithCache, a
// page whose inputs have not changed since the cache's last build into the
// same destination is taken from there instead of being rendered again.
func WithDestination(dir string) Option { return func(o *options) { o.dest = dir } }

// WithSingleBuild says the Builder builds once, as geul build does: each
// source's Markdown is let go once rendered, so that a large blog needs
// less memory. Should Build or Rebuild be called again, it is a full build.
func WithSingleBuild(on bool) Option { return func(o *options) { o.singleBuild = on } }

// WithProgress calls fn each time a page has been rendered, with how many
// are done of how many this build renders; fn is called from several
// goroutines at once (geul build draws a progress bar with it).
func WithProgress(fn func(done, total int)) Option { return func(o *options) { o.progress = fn } }

// WithRefWarnings makes the problems checkRefs finds (a missing anchor,
// page, image or cover) warnings instead of errors that stop the build:
// for a site just imported from another generator, whose old posts may
// point at images that were never in the backup.
func WithRefWarnings(on bool) Option { return func(o *options) { o.refWarnings = on } }

// WithFS reads the site from fsys instead of the folder given to NewBuilder
// (tests use an fstest.MapFS).
func WithFS(fsys fs.FS) Option { return func(o *options) { o.fsys = fsys } }

// Builder builds the site in one folder, again and again. It keeps the
// last build (a snapshot) so that Rebuild with the files that changed
// re-renders only the outputs those files touch. A Builder is not safe for
// concurrent use; the Outputs it returns are.
type Builder struct {
	dir      string
	fsys     fs.FS
	opts     options
	minifier *minify.M // made from opts; nil without WithMinify

	loaded            // what the load step read from the site
	kept              // what lives across builds so that the next one does less
	prev     snapshot // the last successful build, which Rebuild starts from (snapshot.go)
	needFull bool     // a full build failed: the next one must be full too
}

// loaded is what the load step read from the site: loadAll makes all of
// it again, loadChanged re-reads the changed content and static files.
// It follows the files on disk, those of a build that failed included
// (the next Rebuild is given the failed changes again), so it is not part
// of a snapshot.
type loaded struct {
	cfg          *config.Config
	theme        *theme.Theme
	static       map[string][]byte          // theme static/ overlaid by the site's static/
	staticCopied map[string]output.DiskFile // its large files, copied from disk by WriteDir
	assets       map[string]string          // static CSS/JS name → its fingerprinted name (WithFingerprint)
	sources      map[string]*sourceFile     // every file under content/, by slash path under it
	sourceKeys   []string                   // the paths of sources, sorted; nil when they must be sorted again
	sectionDirs  map[string]bool            // folders under content/ with an _index.md, for Hugo's :sections (assemble)
	layouts      layoutDeps                 // what the theme's layouts show, from analyseLayouts
	looksFP      uint64                     // what every page looks like (fingerprints.go)
	scFP         string                     // what shortcode output shows besides its page (fingerprints.go)
	scSite       *content.Site              // .Site in shortcode templates
}

// kept is what a Builder keeps across builds, full ones included unless
// said otherwise: each is a cache whose entries say what they were made
// from, or a table that keeps names stable from one build to the next.
type kept struct {
	md         *markdown.Renderer
	mdKey      string                   // the Markdown settings md was made with: another key, another md and rendered
	rendered   map[string]*renderedPage // each source's Markdown, rendered, by path (model.go)
	cache      *buildCache              // the build cache on disk, nil without WithCache (cache.go)
	imgs       *images.Processor        // made on first use; under imgsMu (images.go)
	imgsMu     sync.Mutex               // pages ask for imgs from all cores
	imgsMaking imagesMaking             // photos made in the background (images.go)
	search     *searchState             // the search index, updated page by page (search.go)

	slugs     map[string]string        // words.Slug of file names and slugs seen
	catSlugs  map[string]termID        // termID's of categories
	tagSlugs  map[string]termID        // termID's of tags: each taxonomy has its own, as the two are made at once
	taxSlugs  slugsByTaxonomy          // termID's of the config's other taxonomies (taxonomies.go)
	rels      map[*content.Page]string // each published page's output folder; a full build forgets them
	relInputs map[string]relatedInput  // by post path: what related was worked out from (related.go)
}

// NewBuilder returns a Builder for the site whose config.toml is in dir.
func NewBuilder(dir string, opts ...Option) *Builder {
	b := &Builder{dir: dir, opts: options{now: time.Now}}
	for _, o := range opts {
		o(&b.opts)
	}
	b.minifier = newMinifier(b.opts.minify)
	b.fsys = b.opts.fsys
	if b.fsys == nil {
		b.fsys = os.DirFS(dir)
	}
	b.rendered = map[string]*renderedPage{}
	return b
}

// Config returns the configuration of the last build, or nil before the first.
func (b *Builder) Config() *config.Config { return b.cfg }

// ThemeDir returns the folder of the active theme under the site ("themes/default"),
// or "" when the theme compiled into geul is used.
func (b *Builder) ThemeDir() string {
	if b.theme == nil {
		return ""
	}
	return b.theme.Dir()
}

// Result is what one Build produced.
type Result struct {
	Output   *Output  // the whole site, complete
	Full     bool     // everything was reloaded (first build, config, layout or theme change)
	Pages    int      // how many HTML pages the site has
	Rendered int      // how many of them were rendered (the others were unchanged)
	Changed  []string // output paths whose bytes differ from the previous build, or were removed, sorted
	Edited   []string // site-relative URLs of the pages whose source files were in Changes.Content
	Drafts   int      // drafts left out
	Future   int      // future posts left out
	Expired  int      // posts past their expiryDate, left out
	Warnings []error  // problems that did not stop the build
	// Images is how many photos this build decoded and resized; a photo
	// found in the image cache does not count.
	Images int
}

// Build builds the whole site, reading every file again: the first build,
// and geul build's only one. On error the Builder keeps its previous
// output. The error is a diag.List when the problems are in the site's
// files.
func (b *Builder) Build(ctx context.Context) (*Result, error) {
	return b.build(ctx, Changes{}, true)
}

// Rebuild builds the site again after changes, the files changed since
// the last successful build, re-rendering only the pages they touch. It
// reads everything again, as Build does, when changes can change every
// page (Changes.Looks), and when there is no successful build to start
// from. On error the Builder keeps its previous output, so the next
// Rebuild with the fixed file (and the failed changes) recovers.
func (b *Builder) Rebuild(ctx context.Context, changes Changes) (*Result, error) {
	return b.build(ctx, changes, changes.Looks() || b.prev.out == nil || b.needFull || b.opts.singleBuild)
}

// loadAll reads the config, the theme, the static files and every content file.
func (b *Builder) loadAll(ctx context.Context) error {
	cfg, err := config.Load(b.fsys, config.FileName)
	if err != nil {
		return diag.List(diag.Errors(err))
	}
	if b.opts.baseURL != "" {
		cfg.BaseURL = strings.TrimSuffix(b.opts.baseURL, "/") + "/"
	}
	themeOpts := []theme.Option{
		theme.WithLanguage(cfg.LanguageCode),
		theme.WithBaseURL(cfg.BaseURL),
		theme.WithFuncs(b.funcs()),
		theme.WithVersion(b.opts.version)}
	if cfg.FromHugo {
		// A Hugo site's theme and layouts/ are Hugo templates: geul's
		// default theme stands in, with a warning for each.
		name, warn := hugoTheme(b.fsys, cfg)
		cfg.Theme = name
		for _, w := range []*diag.Error{warn, hugoLayouts(b.fsys)} {
			if w != nil {
				cfg.Warnings = append(cfg.Warnings, w)
			}
		}
		themeOpts = append(themeOpts, theme.WithoutSiteLayouts())
	}
	th, err := theme.Load(b.fsys, cfg.Theme, themeOpts...)
	if err != nil {
		return diag.List(diag.Errors(err))
	}
	mdKey := markdownKey(cfg)
	hooks := hookNames(th)
	if len(hooks) > 0 {
		// A render hook changes every page that has what it renders.
		mdKey += fmt.Sprintf("/hooks %v %d", hooks, th.MarkupFingerprint())
	}
	if b.md == nil || mdKey != b.mdKey {
		mdOpts := []markdown.Option{markdown.WithUnsafe(cfg.Unsafe), markdown.WithAnchorLabel(anchorLabel(cfg))}
		if cfg.FromHugo && !cfg.EnableEmoji {
			mdOpts = append(mdOpts, markdown.WithEmoji(false)) // Hugo's default: ":fire:" stays as written
		}
		if cfg.HighlightStyle != "" {
			mdOpts = append(mdOpts, markdown.WithHighlightStyles(cfg.HighlightStyle, "github-dark"))
		}
		mdOpts = append(mdOpts, markdown.WithHeadingIDs(markdown.HeadingIDStyle(cfg.HeadingIDs)), markdown.WithRenderHooks(hooks...),
			markdown.WithMath(cfg.Math), markdown.WithDiagrams(cfg.Diagrams))
		b.md = markdown.New(mdOpts...)
		b.mdKey = mdKey
		b.rendered = map[string]*renderedPage{}
	}
	b.cfg, b.theme = cfg, th
	b.scFP, b.scSite = markupFingerprint(th, cfg), shortcodeSite(cfg)
	b.layouts = b.analyseLayouts()
	b.looksFP = looksFingerprint(b.fsys, th.Dir())
	b.prev.fps = map[string]uint64{} // every page is rendered again
	b.rels = nil
	if err := b.loadStatic(); err != nil {
		return err
	}
	files, err := walkContent(b.fsys)
	if err != nil {
		return diag.List(diag.Errors(err))
	}
	b.sources = make(map[string]*sourceFile, len(files))
	b.sourceKeys = nil
	loaded := make([]*sourceFile, len(files))
	if err := parallel.For(ctx, len(files), func(i int) { loaded[i] = b.readSource(b.fsys, files[i]) }); err != nil {
		return err
	}
	for _, sf := range loaded {
		b.sources[sf.rel] = sf
	}
	b.openCache()
	b.fromCache()
	return nil
}

// markdownKey names the config values the Markdown output depends on.
func markdownKey(cfg *config.Config) string {
	key := "safe"
	if cfg.Unsafe {
		key = "unsafe"
	}
	return key + "/" + anchorLabel(cfg) + "/" + cfg.HeadingIDs + "/" + cfg.HighlightStyle + "/" + fmt.Sprint(!cfg.FromHugo || cfg.EnableEmoji) +
		fmt.Sprintf("/math=%t/diagrams=%t/images=%t", cfg.Math, cfg.Diagrams, cfg.Images)
}

// anchorLabel is what a screen reader says for the "#" link after a heading.
func anchorLabel(cfg *config.Config) string {
	if cfg.IsKorean() {
		return "이 제목으로 바로가기"
	}
	return "Link to this section"
}

// contentDiff is what re-reading the changed content files found: edits
// are the published pages whose body alone changed (their front matter
// bytes are the same), which the last build's model can keep; reshaped
// is any other change (a file come or gone, front matter, static/), after
// which the model is worked out again.
type contentDiff struct {
	edits    []*content.Page
	reshaped bool
}

// loadChanged re-reads the content and static files that changes name.
func (b *Builder) loadChanged(ctx context.Context, changes Changes) (contentDiff, error) {
	diff := contentDiff{reshaped: changes.Static}
	var reread []string
	before := map[string]*sourceFile{}
	for _, rel := range changes.Content {
		if sf, ok := b.sources[rel]; ok {
			before[rel] = sf
		}
		// Whatever was at rel (a file, or a folder of files) is read again.
		for p := range b.sources {
			if p == rel || rel == "" || strings.HasPrefix(p, rel+"/") {
				delete(b.sources, p)
			}
		}
		c := path.Join(contentDir, rel)
		info, err := fs.Stat(b.fsys, c)
		switch {
		case err != nil:
			diff.reshaped = true // removed
		case info.IsDir():
			diff.reshaped = true
			sub, err := fs.Sub(b.fsys, c)
			if err != nil {
				return diff, err
			}
			files, err := walkContent(dirAsSite{sub})
			if err != nil {
				return diff, diag.List(diag.Errors(err))
			}
			for _, f := range files {
				reread = append(reread, path.Join(rel, f))
			}
		case !isIgnored(rel):
			reread = append(reread, rel)
		}
	}
	loaded := make([]*sourceFile, len(reread))
	if err := parallel.For(ctx, len(reread), func(i int) { loaded[i] = b.readSource(b.fsys, reread[i]) }); err != nil {
		return diff, err
	}
	for _, sf := range loaded {
		if before[sf.rel] == nil {
			b.sourceKeys = nil // a file came: sort again
		}
		b.sources[sf.rel] = sf
		b.noteEdit(&diff, before[sf.rel], sf)
	}
	if len(b.sources) != len(b.sourceKeys) {
		b.sourceKeys = nil // a file went
	}
	if changes.Static {
		return diff, b.loadStatic()
	}
	return diff, nil
}

// noteEdit sorts a re-read source into a body edit of a published page (its
// front matter bytes unchanged), or a change of the site's shape. A body
// edit keeps the page's object, which the last build's lists point to, and
// gives it the new body.
func (b *Builder) noteEdit(diff *contentDiff, old, cur *sourceFile) {
	switch {
	case old != nil && cur.hash == old.hash && cur.err == nil && old.err == nil:
		if old.page != nil {
			cur.page = old.page
		}
		return // saved without a change
	case old == nil || old.page == nil || cur.page == nil || old.err != nil || cur.err != nil ||
		cur.fm != old.fm || b.prev.plan == nil || b.prev.plan.st.byPath[cur.rel] != old.page:
		diff.reshaped = true
		return
	}
	old.page.Body = cur.page.Body
	cur.page = old.page
	diff.edits = append(diff.edits, old.page)
}

// dirAsSite presents a folder as if it were a site's content/ folder, so
// walkContent can list a folder that appeared under content/.
type dirAsSite struct{ fs.FS }

func (d dirAsSite) Open(name string) (fs.File, error) {
	if name == contentDir {
		return d.FS.Open(".")
	}
	if rest, ok := strings.CutPrefix(name, contentDir+"/"); ok {
		return d.FS.Open(rest)
	}
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}

// Static files up to streamAbove bytes are read into memory; larger ones
// on disk are copied from where they are when the site is written (and
// read whole only by geul serve, when asked for), so that a large video in
// static/ costs no memory. A file geul must change (minify or fingerprint)
// is read into memory up to maxStatic; over that it is published as it is.
const (
	streamAbove = 1 << 20
	maxStatic   = 64 << 20
)

// loadStatic reads the theme's static files and the site's static/ over
// them. Only regular files are published; a link is followed when it stays
// inside the theme (for the theme's static/) or the site (for the site's):
// one to a folder publishes the folder's files under the link's name, one
// that leads out is an error, as is a pipe or a device.
func (b *Builder) loadStatic() error {
	files := map[string][]byte{}
	copied := map[string]output.DiskFile{}
	var errs diag.List
	add := func(fsys fs.FS, root, linkRoot, shown string) {
		onDisk := ""
		if b.opts.fsys == nil && fsys == b.fsys {
			onDisk = b.diskPath(".")
		}
		w := staticWalk{b: b, fsys: fsys, linkRoot: linkRoot, shown: shown, onDisk: onDisk,
			files: files, copied: copied, errs: &errs}
		real, info, err := sitefs.Resolve(fsys, linkRoot, root)
		switch {
		case errors.Is(err, fs.ErrNotExist):
		case err != nil:
			errs = append(errs, staticError(shown, err))
		case !info.IsDir():
			errs = append(errs, staticError(shown, &sitefs.NotRegularError{Mode: info.Mode()}).
				WithHint("make %s a folder of files to publish", shown))
		default:
			w.walk(real, "", []string{real})
		}
	}
	if fsys, dir, linkRoot := b.theme.StaticDir(); dir != "" {
		shown := "theme static/"
		if td := b.theme.Dir(); td != "" {
			shown = td + "/static"
		}
		add(fsys, dir, linkRoot, shown)
	}
	add(b.fsys, "static", ".", "static")
	if err := errs.Err(); err != nil {
		return err
	}
	if _, ok := files["css/chroma.css"]; !ok && copied["css/chroma.css"].OnDisk == "" {
		files["css/chroma.css"] = b.md.HighlightCSS()
	}
	b.assets = nil
	if b.opts.fingerprint {
		b.assets = fingerprintAssets(files)
	}
	for name, data := range files {
		files[name] = b.minified(name, data)
	}
	b.static, b.staticCopied = files, copied
	return nil
}

// staticWalk collects the files of one static/ folder.
type staticWalk struct {
	b        *Builder
	fsys     fs.FS
	linkRoot string // the folder links must stay in
	shown    string // the folder as the writer knows it, for messages
	onDisk   string // the OS folder fsys is, or "" (embedded, or a test's FS)
	files    map[string][]byte
	copied   map[string]output.DiskFile
	errs     *diag.List
}

// walk adds the files in dir (a path in fsys, links followed) under the
// output folder as; chain holds the folders followed to get there, so
// that a link back to one of them is reported, not followed forever.
func (w *staticWalk) walk(dir, as string, chain []string) {
	entries, err := fs.ReadDir(w.fsys, dir)
	if err != nil {
		*w.errs = append(*w.errs, staticError(path.Join(w.shown, as), err))
		return
	}
	for _, e := range entries {
		if isIgnored(e.Name()) {
			continue
		}
		p, rel := path.Join(dir, e.Name()), path.Join(as, e.Name())
		shown := path.Join(w.shown, rel)
		switch {
		case e.IsDir():
			w.walk(p, rel, chain)
		case e.Type()&fs.ModeSymlink != 0:
			real, info, err := sitefs.Resolve(w.fsys, w.linkRoot, p)
			switch {
			case err != nil:
				*w.errs = append(*w.errs, staticError(shown, err))
			case info.IsDir():
				for _, c := range append(chain, dir) {
					if c == real || strings.HasPrefix(c, real+"/") {
						*w.errs = append(*w.errs, diag.Errorf(diag.QuotePath(shown), 0, "is a link to a folder that holds it, a loop").
							WithHint("remove the link"))
						return
					}
				}
				w.walk(real, rel, append(chain[:len(chain):len(chain)], real))
			default:
				w.add(real, rel, shown, info)
			}
		default:
			info, err := e.Info()
			if err != nil {
				*w.errs = append(*w.errs, staticError(shown, err))
				continue
			}
			w.add(p, rel, shown, info)
		}
	}
}

// add adds the file at p (links followed), published at rel: in memory,
// or copied from disk when it is large.
func (w *staticWalk) add(p, rel, shown string, info fs.FileInfo) {
	if !info.Mode().IsRegular() {
		*w.errs = append(*w.errs, staticError(shown, &sitefs.NotRegularError{Mode: info.Mode()}))
		return
	}
	name := norm.NFC.String(rel) // as a link to it is written, whatever the disk says
	delete(w.files, name)
	delete(w.copied, name)
	fromDisk := output.DiskFile{OnDisk: filepath.Join(w.onDisk, filepath.FromSlash(p)), Size: info.Size(), MTime: info.ModTime().UnixNano()}
	if w.onDisk != "" && info.Size() > streamAbove && !w.b.changesStatic(name) {
		w.copied[name] = fromDisk
		return
	}
	data, err := sitefs.ReadFollowing(w.fsys, p, maxStatic)
	var big *sitefs.TooBigError
	switch {
	case errors.As(err, &big) && w.onDisk != "":
		w.copied[name] = fromDisk // too large to minify or fingerprint: as it is
	case err != nil:
		*w.errs = append(*w.errs, staticError(shown, err))
	default:
		w.files[name] = data
	}
}

// largeFile returns the file at name in the site (links followed) as a
// file to copy from disk when it is a regular file over streamAbove bytes
// on disk, so that a video beside a post is never held in memory.
func (b *Builder) largeFile(name string) (output.DiskFile, bool) {
	if b.opts.fsys != nil {
		return output.DiskFile{}, false
	}
	fi, err := fs.Stat(b.fsys, name)
	if err != nil || !fi.Mode().IsRegular() || fi.Size() <= streamAbove {
		return output.DiskFile{}, false
	}
	return output.DiskFile{OnDisk: b.diskPath(name), Size: fi.Size(), MTime: fi.ModTime().UnixNano()}, true
}

// diskPath is where the file at name in the site is on disk, absolute.
func (b *Builder) diskPath(name string) string {
	dir, err := filepath.Abs(b.dir)
	if err != nil {
		dir = b.dir
	}
	return filepath.Join(dir, filepath.FromSlash(name))
}

// changesStatic reports whether the static file name is minified or
// fingerprinted, and so must be read into memory.
func (b *Builder) changesStatic(name string) bool {
	ext := strings.ToLower(path.Ext(name))
	if b.opts.fingerprint && (ext == ".css" || ext == ".js") {
		return true
	}
	_, minified := mediaTypes[ext]
	return b.minifier != nil && minified
}

// staticError is the error for a static file that cannot be published.
func staticError(shown string, err error) *diag.Error {
	msg, hint := sitefs.Explain(err)
	if hint == "" {
		hint = "check the static files' permissions"
	}
	if errors.As(err, new(*sitefs.TooBigError)) {
		hint = "publish it from another host, or build from a folder on disk"
	}
	return &diag.Error{Path: diag.QuotePath(shown), Msg: msg, Hint: hint, Err: err}
}

// Warnings returned by the config loader, and the content files' own
// (an empty file skipped, a title made up), as errors.
func (b *Builder) configWarnings(st *state) []error {
	var ws []error
	for _, w := range b.cfg.Warnings {
		ws = append(ws, w)
	}
	ws = append(ws, st.inBundles...)
	others := map[string]int{}
	for _, rel := range b.sortedSources() {
		sf := b.sources[rel]
		ws = append(ws, sf.warn...)
		if sf.otherLanguage != "" {
			others[sf.otherLanguage]++
		}
	}
	if len(others) > 0 {
		var parts []string
		for _, lang := range slices.Sorted(maps.Keys(others)) {
			parts = append(parts, fmt.Sprintf("%d in %s", others[lang], lang))
		}
		ws = append(ws, diag.Errorf(contentDir, 0, "geul builds one language, %s: the pages in other languages are left out (%s)",
			b.cfg.DefaultLanguage, strings.Join(parts, ", ")).
			WithHint("build each language as a site of its own, or remove languages from the config"))
	}
	return ws
}

func (b *Builder) processedImages() int {
	b.imgsMu.Lock()
	defer b.imgsMu.Unlock()
	if b.imgs == nil {
		return 0
	}
	return b.imgs.Processed()
}

// sortedSources returns the paths of every file under content/, sorted,
// sorting them only when files came or went.
func (b *Builder) sortedSources() []string {
	if b.sourceKeys == nil {
		b.sourceKeys = slices.Sorted(maps.Keys(b.sources))
	}
	return b.sourceKeys
}
