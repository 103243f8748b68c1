package site

import (
	"bytes"
	"context"
	"image"
	_ "image/gif" // DecodeConfig of GIFs for their size
	"io/fs"
	"iter"
	"maps"
	"os"
	"path"
	"slices"
	"strings"
	"sync"

	"golang.org/x/text/unicode/norm"

	"github.com/geul-blog/geul/pkg/content"
	"github.com/geul-blog/geul/pkg/images"
	"github.com/geul-blog/geul/pkg/markdown"
	"github.com/geul-blog/geul/pkg/output"
	"github.com/geul-blog/geul/pkg/parallel"
)

// WithImages sets where processed images are cached (normally .geul/images
// in the site; "" keeps them in memory) and whether they are processed in
// the background: geul serve does, so a preview never waits for a photo and
// shows the original until its copies are ready.
func WithImages(dir string, background bool) Option {
	return func(o *options) { o.imageDir, o.imageBackground = dir, background }
}

// WithImagesReady calls fn, in the background mode, once the copies of the
// photos builds showed as originals are made, with the site-relative paths
// of those photos ("content/posts/a/p.jpg"): a Build given them as changed
// shows the copies. geul serve rebuilds so; fn is called from a goroutine
// of its own.
func WithImagesReady(fn func(paths []string)) Option {
	return func(o *options) { o.imagesReady = fn }
}

// imagesMaking is the photos whose copies are being made in the background:
// their images.Key by their path in the site, for WithImagesReady.
type imagesMaking struct {
	mu    sync.Mutex
	paths map[string]string
}

func (m *imagesMaking) add(path, key string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.paths == nil {
		m.paths = map[string]string{}
	}
	m.paths[path] = key
}

// done hands fn the paths of the photos proc has finished with (their
// copies made, or failed); the others wait for the next call.
func (m *imagesMaking) done(proc *images.Processor, fn func([]string)) {
	m.mu.Lock()
	var paths []string
	for path, key := range m.paths {
		if _, ok := proc.Cached(key); ok || proc.Failed(key) {
			paths = append(paths, path)
			delete(m.paths, path)
		}
	}
	m.mu.Unlock()
	if fn != nil && len(paths) > 0 {
		slices.Sort(paths)
		fn(paths)
	}
}

// imageSet is what the image callbacks of one build found: the published
// copies to add to the Output, by output path.
type imageSet struct {
	mu      sync.Mutex
	refs    map[string]*images.Entry // output path of an original → its entry
	pending map[string][]byte        // output path → bytes of a photo to process before rendering again
	keys    map[string]string        // output path → images.Key of its bytes, hashed once a build
}

// key returns the images.Key of the photo published at name, whose bytes
// are data. A state is made again whenever a file under content/ or
// static/ changes, so a key found once stays true for the state.
func (s *imageSet) key(proc *images.Processor, name string, data []byte) string {
	s.mu.Lock()
	k, ok := s.keys[name]
	s.mu.Unlock()
	if ok {
		return k
	}
	k = proc.Key(data)
	s.mu.Lock()
	if s.keys == nil {
		s.keys = map[string]string{}
	}
	s.keys[name] = k
	s.mu.Unlock()
	return k
}

func (s *imageSet) wait(name string, data []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.pending == nil {
		s.pending = map[string][]byte{}
	}
	s.pending[name] = data
}

// processPending processes, on all cores, the photos pages asked for that
// were not in the cache, and returns the pages of todo to render again. A
// photo that cannot be decoded is shown as it is.
func (b *Builder) processPending(ctx context.Context, st *state, todo []*content.Page, missed []bool) []*content.Page {
	st.images.mu.Lock()
	pending := st.images.pending
	st.images.pending = nil
	st.images.mu.Unlock()
	if len(pending) == 0 {
		return nil
	}
	datas := slices.Collect(maps.Values(pending))
	proc := b.imageProcessor()
	_ = parallel.For(ctx, len(datas), func(i int) { proc.Process(datas[i]) }) //nolint:errcheck // a photo that fails stays as written
	var again []*content.Page
	for i, p := range todo {
		if missed[i] {
			again = append(again, p)
		}
	}
	return again
}

func (s *imageSet) add(name string, e *images.Entry) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.refs == nil {
		s.refs = map[string]*images.Entry{}
	}
	s.refs[name] = e
}

// imageProcessor returns the Builder's processor, made on first use; pages
// rendered on all cores ask for it at once.
func (b *Builder) imageProcessor() *images.Processor {
	b.imgsMu.Lock()
	defer b.imgsMu.Unlock()
	if b.imgs == nil {
		var proc *images.Processor
		proc = images.New(b.opts.imageDir, images.WithIdle(func() { b.imgsMaking.done(proc, b.opts.imagesReady) }))
		b.imgs = proc
	}
	return b.imgs
}

// isPhoto reports whether name is an image geul resizes.
func isPhoto(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".jpg", ".jpeg", ".png":
		return true
	}
	return false
}

// imageOf answers markdown.Context.Image for page p: the image at dest,
// as written, found among the files the site publishes (a bundle's, or
// static/'s for "/img/a.jpg").
//
// What the page shows depends on the photo's bytes, not its name: the
// photo's key goes into deps (see imageDep), so that a photo replaced under
// the same name renders the page again, from the build cache too.
//
// Outside the background mode, a photo not in the cache yet is noted in
// st.images and *missed set: renderPages processes it and renders the page
// again.
func (b *Builder) imageOf(st *state, p *content.Page, dest string, missed *bool, deps map[string]string) *markdown.Image {
	name, ok := b.imageName(st, p, dest)
	if !ok {
		return nil
	}
	data, ok := b.publishedFile(st, name)
	if !ok {
		return nil
	}
	proc := b.imageProcessor()
	key, e := b.imageState(st, name, data)
	deps[depImage+dest] = imageDep(key, e)
	if e == nil {
		switch {
		case proc.Failed(key): // one it cannot decode is shown as written
		case b.opts.imageBackground:
			if src, ok := b.sourceOf(st, name); ok {
				b.imgsMaking.add(src, key) // before Start: its goroutine may be done at once
			}
			proc.Start(data)
		default:
			st.images.wait(name, data)
			*missed = true
		}
		return sizeOnly(data)
	}
	st.images.add(name, e)
	base := strings.TrimSuffix(dest, path.Ext(dest))
	img := &markdown.Image{Width: e.Width, Height: e.Height}
	full := dest
	if e.Original != "" {
		full = base + e.Original
		img.Src = full
	}
	for _, v := range e.Sizes {
		img.Srcset = append(img.Srcset, markdown.ImageSource{URL: base + v.Suffix, Width: v.Width})
	}
	img.Srcset = append(img.Srcset, markdown.ImageSource{URL: full, Width: e.Width})
	for _, v := range e.WebP {
		img.WebP = append(img.WebP, markdown.ImageSource{URL: base + v.Suffix, Width: v.Width})
	}
	return img
}

// imageName is the output path of the photo a page shows at dest, when it
// is one geul processes.
func (b *Builder) imageName(st *state, p *content.Page, dest string) (string, bool) {
	if !b.cfg.ImagesOn() || strings.Contains(dest, "://") || strings.HasPrefix(dest, "//") ||
		strings.ContainsAny(dest, "?#") || !isPhoto(dest) {
		return "", false
	}
	var name string
	if strings.HasPrefix(dest, "/") {
		rel, ok := strings.CutPrefix(dest, st.basePath)
		if !ok {
			rel = strings.TrimPrefix(dest, "/")
		}
		name = path.Clean(rel)
	} else {
		name = path.Clean(path.Join(strings.TrimPrefix(p.URL, st.basePath), dest))
	}
	name = norm.NFC.String(name) // as output paths are (macOS names files NFD)
	if strings.HasPrefix(name, "../") || name == ".." {
		return "", false
	}
	return name, true
}

// imageState returns the key of the photo published at name and its
// processed copies, nil while they are not made (or cannot be).
func (b *Builder) imageState(st *state, name string, data []byte) (string, *images.Entry) {
	proc := b.imageProcessor()
	key := st.images.key(proc, name, data)
	e, _ := proc.Cached(key)
	return key, e
}

// imageDep is the value of a page's depImage key: the photo's key, and
// whether the page showed its copies or the original alone (copies still
// being made, or a photo that cannot be decoded).
func imageDep(key string, e *images.Entry) string {
	if e == nil {
		return "original " + key
	}
	return "copies " + key
}

// imageDepHolds reports whether the photo a page shows at dest is still
// what the page was rendered with (v, from imageDep): the same bytes, and
// its copies as ready as they were. A page that showed the original while
// the copies were made is rendered again once they are; one that showed
// copies since deleted with .geul/images is rendered again, remaking them.
func (b *Builder) imageDepHolds(st *state, p *content.Page, dest, v string) bool {
	name, ok := b.imageName(st, p, dest)
	if !ok {
		return false
	}
	data, ok := b.publishedFile(st, name)
	if !ok {
		return false
	}
	return imageDep(b.imageState(st, name, data)) == v
}

// sizeOnly gives an image its width and height only, turned as its EXIF
// orientation says, read from its header: cheap enough for a preview.
func sizeOnly(data []byte) *markdown.Image {
	c, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil
	}
	if images.Orientation(data) >= 5 {
		c.Width, c.Height = c.Height, c.Width
	}
	return &markdown.Image{Width: c.Width, Height: c.Height}
}

// sourceOf is the path in the site of the file published at name.
func (b *Builder) sourceOf(st *state, name string) (string, bool) {
	if src, ok := st.fileSource[name]; ok {
		return src, true
	}
	if _, err := fs.Stat(b.fsys, "static/"+name); err == nil {
		return "static/" + name, true
	}
	return "", false // a theme's: not the writer's to change
}

// publishedFile returns the bytes of the file the site publishes at name:
// a content/ file beside the posts, or a static one.
func (b *Builder) publishedFile(st *state, name string) ([]byte, bool) {
	if d, ok := st.files[name]; ok {
		return d, true
	}
	if f, ok := st.copied[name]; ok {
		d, err := os.ReadFile(f.OnDisk)
		return d, err == nil
	}
	if d, ok := b.static[name]; ok {
		return d, true
	}
	if f, ok := b.staticCopied[name]; ok && f.OnDisk != "" {
		d, err := os.ReadFile(f.OnDisk)
		return d, err == nil
	}
	return nil, false
}

// publishImages puts the copies of the images the pages show into files,
// and the originals without their metadata: no published photo carries the
// place it was taken. A JPEG or PNG no page shows is stripped too.
func (b *Builder) publishImages(st *state, files map[string][]byte, copied map[string]output.DiskFile) {
	if !b.cfg.ImagesOn() {
		return
	}
	proc := b.imageProcessor()
	names := map[string]bool{}
	for n := range files {
		if isPhoto(n) {
			names[n] = true
		}
	}
	for n := range copied {
		if isPhoto(n) {
			names[n] = true
		}
	}
	for name := range names {
		data, ok := files[name]
		if !ok {
			d, err := os.ReadFile(copied[name].OnDisk)
			if err != nil {
				continue // WriteDir reports it
			}
			data = d
		}
		e := st.images.refs[name]
		if e == nil {
			// Shown by a page whose Markdown came from the cache: its
			// copies are in the image cache too (imageDepHolds saw them).
			_, e = b.imageState(st, name, data)
		}
		if e == nil {
			if stripped := images.Strip(data); len(stripped) != len(data) {
				files[name] = stripped
				delete(copied, name)
			}
			continue
		}
		b.putCopies(proc, name, data, e, files)
		delete(copied, name)
	}
}

// imageCopiesSince adds to changed the copies of the images the pages
// rendered in a body edit show that the last Output lacks.
func (b *Builder) imageCopiesSince(st *state, changed map[string][]byte) {
	if !b.cfg.ImagesOn() {
		return
	}
	st.images.mu.Lock()
	refs := maps.Clone(st.images.refs)
	st.images.mu.Unlock()
	for name, e := range refs {
		if len(e.Sizes) == 0 && len(e.WebP) == 0 && e.Original == "" {
			continue
		}
		first := strings.TrimSuffix(name, path.Ext(name)) + firstSuffix(e)
		if _, ok := b.prev.out.Get(first); ok {
			continue
		}
		if data, ok := b.publishedFile(st, name); ok {
			b.putCopies(b.imageProcessor(), name, data, e, changed)
		}
	}
}

func firstSuffix(e *images.Entry) string {
	switch {
	case e.Original != "":
		return e.Original
	case len(e.Sizes) > 0:
		return e.Sizes[0].Suffix
	}
	return e.WebP[0].Suffix
}

// putCopies adds an image's published copies to files, the original
// stripped of its metadata.
func (b *Builder) putCopies(proc *images.Processor, name string, data []byte, e *images.Entry, files map[string][]byte) {
	files[name] = images.Strip(data)
	base := strings.TrimSuffix(name, path.Ext(name))
	suffixes := []string{}
	if e.Original != "" {
		suffixes = append(suffixes, e.Original)
	}
	for _, v := range e.Sizes {
		suffixes = append(suffixes, v.Suffix)
	}
	for _, v := range e.WebP {
		suffixes = append(suffixes, v.Suffix)
	}
	for _, s := range suffixes {
		if _, taken := files[base+s]; taken {
			continue // the writer's own file of that name wins
		}
		if d, err := proc.File(e, s); err == nil {
			files[base+s] = d
		}
	}
}

// vendorUse tells which of the theme's vendored folders the pages need.
func (b *Builder) vendorUse() []struct {
	prefix string
	used   bool
} {
	return b.vendorUseOf(maps.Values(b.rendered))
}

// vendorUseOf tells which of the theme's vendored folders the pages
// rendered as pages need.
func (b *Builder) vendorUseOf(pages iter.Seq[*renderedPage]) []struct {
	prefix string
	used   bool
} {
	var math, diagram bool
	for r := range pages {
		u := r.links[depUses]
		math = math || strings.Contains(u, "math")
		diagram = diagram || strings.Contains(u, "diagram")
	}
	return []struct {
		prefix string
		used   bool
	}{{"vendor/katex/", math}, {"vendor/mermaid/", diagram}}
}

// dropUnusedVendor leaves KaTeX (static/vendor/katex/) out of a build when
// no page has math, and Mermaid (static/vendor/mermaid/) when no page has
// a diagram: megabytes a blog without them need not publish.
func (b *Builder) dropUnusedVendor(files map[string][]byte, copied map[string]output.DiskFile) {
	for _, dir := range b.vendorUse() {
		if dir.used {
			continue
		}
		for name := range files {
			if strings.HasPrefix(name, dir.prefix) && b.fromTheme(name) {
				delete(files, name)
			}
		}
		for name := range copied {
			if strings.HasPrefix(name, dir.prefix) && b.fromTheme(name) {
				delete(copied, name)
			}
		}
	}
}

// fromTheme reports whether the static file name is the theme's, not one
// the site put in its own static/ folder.
func (b *Builder) fromTheme(name string) bool {
	for orig, hashed := range b.assets {
		if hashed == name {
			name = orig
		}
	}
	_, err := fs.Stat(b.fsys, "static/"+name)
	return err != nil
}

// vendorForEdits adds to changed the vendored files that a body edit of
// the edited pages made needed (the first formula of the blog) and the
// last Output lacks. Only the edited pages can have made them needed: the
// others' needs are in the last Output already.
func (b *Builder) vendorForEdits(changed map[string][]byte, edits []*content.Page) {
	edited := func(yield func(*renderedPage) bool) {
		for _, p := range edits {
			if r := b.rendered[p.Path]; r != nil && !yield(r) {
				return
			}
		}
	}
	for _, dir := range b.vendorUseOf(edited) {
		if !dir.used {
			continue
		}
		for name, data := range b.static {
			if strings.HasPrefix(name, dir.prefix) {
				if _, ok := b.prev.out.Get(name); !ok {
					changed[name] = data
				}
			}
		}
	}
}
