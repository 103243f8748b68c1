// Package output holds one build's files and publishes them to disk.
//
// An Output is every file that belongs in public/, by slash path: in
// memory, on disk (reused from the previous build or staged while
// rendering), or copied from where it is (large static files). WriteDir
// puts an Output into a destination folder safely: it swaps in a new tree
// or, when few files change, updates them in place under a journal
// (inplace.go); it keeps a manifest of the files geul wrote so that it
// never deletes one it did not; it refuses to write through links or over
// mount points (guard.go), and CheckDestination refuses destinations a
// build must never replace.
//
// It knows nothing of pages, templates or sites: it must not import
// pkg/site, pkg/content, pkg/theme, pkg/markdown or pkg/config. It imports
// only pkg/diag (its errors), pkg/sitefs and pkg/parallel.
package output

import (
	"bytes"
	"io"
	"io/fs"
	"maps"
	"os"
	"path"
	"sort"
	"strings"
	"sync"
	"time"
)

// Output is one complete build of a site held in memory: every file that
// belongs in public/, by slash path ("index.html", "posts/a/index.html").
// An Output is never changed after a build returns it, so a server can keep
// serving one while the next is built: every page it serves comes from a
// single build.
type Output struct {
	files   map[string][]byte
	reused  map[string]File     // files on disk: unchanged ones from the previous build, or staged (WithWriteThrough)
	staging string              // the staging folder WriteDir removes once done, or ""
	copied  map[string]DiskFile // large static files, copied from where they are (never linked: they are the writer's)

	// A build that changed a few pages of the last one (geul serve's body
	// edits) holds only what differs from base, so it does not copy a map
	// of every file of a 10,000-post blog on each save. base is always a
	// whole Output (its own base is nil); files override its files.
	base *Output
	once sync.Once
	flat map[string][]byte // base's files with files over them, made once when needed
}

// Overlay returns an Output holding o's files with changed over them. It
// shares o's maps instead of copying them, until the changes grow to an
// eighth of the site; then it copies once and starts again.
func (o *Output) Overlay(changed map[string][]byte) *Output {
	base, over := o, changed
	if o.base != nil {
		base = o.base
		over = make(map[string][]byte, len(o.files)+len(changed))
		maps.Copy(over, o.files)
		maps.Copy(over, changed)
	}
	if len(base.reused) > 0 || len(over) > len(base.files)/8 {
		all := make(map[string][]byte, len(base.files)+len(over))
		maps.Copy(all, base.All())
		maps.Copy(all, over)
		return &Output{files: all, reused: base.reused, copied: base.copied}
	}
	return &Output{files: over, base: base, copied: base.copied}
}

// All returns every file held in memory, by path.
func (o *Output) All() map[string][]byte {
	if o.base == nil {
		return o.files
	}
	o.once.Do(func() {
		o.flat = make(map[string][]byte, len(o.base.files)+len(o.files))
		maps.Copy(o.flat, o.base.files)
		maps.Copy(o.flat, o.files)
	})
	return o.flat
}

// InMemory returns the file at name when it is held in memory.
func (o *Output) InMemory(name string) ([]byte, bool) {
	if b, ok := o.files[name]; ok {
		return b, true
	}
	if o.base != nil {
		b, ok := o.base.files[name]
		return b, ok
	}
	return nil, false
}

// File is an output that a build found unchanged in the destination
// it is about to replace; WriteDir links it into the new tree.
type File struct {
	OnDisk string // absolute path in the previous build
	Size   int64
}

// DiskFile is a static file that stays where it is until WriteDir copies
// it: too large to hold in memory.
type DiskFile struct {
	OnDisk string // absolute path, links followed
	Size   int64
	MTime  int64 // when loaded, to tell a changed file in a build's list of changes
}

// Get returns the contents of the file at slash path name, and whether it exists.
func (o *Output) Get(name string) ([]byte, bool) {
	if b, ok := o.InMemory(name); ok {
		return b, true
	}
	if r, ok := o.reused[name]; ok {
		b, err := ReadRegular(r.OnDisk)
		return b, err == nil
	}
	if c, ok := o.copied[name]; ok {
		b, err := ReadRegular(c.OnDisk)
		return b, err == nil
	}
	return nil, false
}

// Has reports whether o has a file at name, reading nothing.
func (o *Output) Has(name string) bool {
	if _, ok := o.InMemory(name); ok {
		return true
	}
	_, reused := o.reused[name]
	_, copied := o.copied[name]
	return reused || copied
}

// Len returns the number of files.
func (o *Output) Len() int { return len(o.All()) + len(o.reused) + len(o.copied) }

// Paths returns every file's path, sorted.
func (o *Output) Paths() []string {
	ps := make([]string, 0, o.Len())
	for p := range o.All() {
		ps = append(ps, p)
	}
	for p := range o.reused {
		ps = append(ps, p)
	}
	for p := range o.copied {
		ps = append(ps, p)
	}
	sort.Strings(ps)
	return ps
}

// Open implements fs.FS, so an Output can be served with http.FS or walked
// with fs.WalkDir. A file is an io.Seeker; one on disk (a large static
// file, or one reused from the previous build) is the opened *os.File, so
// that it can be streamed, never read whole.
func (o *Output) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	if b, ok := o.InMemory(name); ok {
		return &memFile{name: path.Base(name), r: bytes.NewReader(b), size: int64(len(b))}, nil
	}
	onDisk := o.copied[name].OnDisk
	if r, ok := o.reused[name]; ok {
		onDisk = r.OnDisk
	}
	if onDisk != "" {
		f, fi, err := OpenRegular(onDisk)
		if err != nil {
			return nil, &fs.PathError{Op: "open", Path: name, Err: err}
		}
		return &diskFile{File: f, info: renamedInfo{fi, path.Base(name)}}, nil
	}
	prefix := name + "/"
	if name == "." {
		prefix = ""
	}
	seen := map[string]bool{}
	var entries []fs.DirEntry
	for _, p := range o.Paths() {
		if !strings.HasPrefix(p, prefix) {
			continue
		}
		rest := p[len(prefix):]
		child, _, isDir := strings.Cut(rest, "/")
		if seen[child] {
			continue
		}
		seen[child] = true
		var size int64
		if !isDir {
			if b, ok := o.InMemory(p); ok {
				size = int64(len(b))
			} else if r, ok := o.reused[p]; ok {
				size = r.Size
			} else {
				size = o.copied[p].Size
			}
		}
		entries = append(entries, &memInfo{name: child, size: size, dir: isDir})
	}
	if entries == nil && name != "." {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].Name() < entries[j].Name() })
	return &memDir{info: memInfo{name: path.Base(name), dir: true}, entries: entries}, nil
}

type memInfo struct {
	name string
	size int64
	dir  bool
}

func (i *memInfo) Name() string { return i.name }
func (i *memInfo) Size() int64  { return i.size }
func (i *memInfo) Mode() fs.FileMode {
	if i.dir {
		return fs.ModeDir | 0o755
	}
	return 0o644
}
func (i *memInfo) ModTime() time.Time         { return time.Time{} }
func (i *memInfo) IsDir() bool                { return i.dir }
func (i *memInfo) Sys() any                   { return nil }
func (i *memInfo) Type() fs.FileMode          { return i.Mode().Type() }
func (i *memInfo) Info() (fs.FileInfo, error) { return i, nil }

type memFile struct {
	name string
	r    *bytes.Reader
	size int64
}

func (f *memFile) Stat() (fs.FileInfo, error) { return &memInfo{name: f.name, size: f.size}, nil }
func (f *memFile) Read(p []byte) (int, error) { return f.r.Read(p) }
func (f *memFile) Seek(off int64, whence int) (int64, error) {
	return f.r.Seek(off, whence)
}
func (f *memFile) Close() error { return nil }

// diskFile is a file of an Output that is on disk, under its name in the
// Output (the file on disk may be a link's target, named otherwise).
type diskFile struct {
	*os.File
	info fs.FileInfo
}

func (f *diskFile) Stat() (fs.FileInfo, error) { return f.info, nil }

type renamedInfo struct {
	fs.FileInfo
	name string
}

func (i renamedInfo) Name() string { return i.name }

type memDir struct {
	info    memInfo
	entries []fs.DirEntry
	off     int
}

func (d *memDir) Stat() (fs.FileInfo, error) { return &d.info, nil }
func (d *memDir) Read([]byte) (int, error) {
	return 0, &fs.PathError{Op: "read", Path: d.info.name, Err: fs.ErrInvalid}
}
func (d *memDir) Close() error { return nil }
func (d *memDir) ReadDir(n int) ([]fs.DirEntry, error) {
	rest := d.entries[d.off:]
	if n <= 0 {
		d.off = len(d.entries)
		return rest, nil
	}
	if len(rest) == 0 {
		return nil, io.EOF
	}
	if n > len(rest) {
		n = len(rest)
	}
	d.off += n
	return rest[:n], nil
}

// New returns the Output of a build: files held in memory (slash path →
// contents), files on disk that WriteDir links into place (reused from the
// previous build, or staged in the folder StagingDir made), large files
// WriteDir copies from where they are, and the staging folder WriteDir
// removes once done ("" for none). The maps are kept, not copied: neither
// they nor the contents may be changed afterwards.
func New(files map[string][]byte, reused map[string]File, copied map[string]DiskFile, staging string) *Output {
	if len(reused) == 0 {
		reused = nil
	}
	if len(copied) == 0 {
		copied = nil
	}
	return &Output{files: files, reused: reused, copied: copied, staging: staging}
}

// Reused returns the file on disk that WriteDir links to name, if it is one.
func (o *Output) Reused(name string) (File, bool) {
	r, ok := o.reused[name]
	return r, ok
}

// HasReused reports whether any file of o is on disk rather than in memory.
func (o *Output) HasReused() bool { return len(o.reused) > 0 }

// Copied returns the large files WriteDir copies from where they are, by
// output path. The map is o's own: it must not be changed.
func (o *Output) Copied() map[string]DiskFile { return o.copied }

// IsOverlay reports whether o holds only what changed since another Output
// (see Overlay) rather than every file.
func (o *Output) IsOverlay() bool { return o.base != nil }

// FromFiles returns an Output holding files (slash path → contents). The map
// is copied; the contents are not and must not be changed afterwards.
// Builds make theirs with New; this is for tests and tools that serve fixed files.
func FromFiles(files map[string][]byte) *Output {
	o := &Output{files: make(map[string][]byte, len(files))}
	for k, v := range files {
		o.files[k] = v
	}
	return o
}
