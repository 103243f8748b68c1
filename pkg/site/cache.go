package site

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/gob"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"sync"

	"github.com/geul-blog/geul/pkg/content"
	"github.com/geul-blog/geul/pkg/markdown"
)

// The build cache keeps, under .geul/cache/ of the site, what a build
// worked out that the next build can trust:
//
//   - md/<hash>.gob: the rendered Markdown of one source, by the hash of its
//     bytes; read only when a page being rendered shows it;
//   - index.gob: which sources were rendered (and the URLs their links went
//     to), and for the last destination written, each output's fingerprint
//     and size, so an unchanged page is linked from the previous public/
//     instead of being rendered again.
//
// Every file carries a checksum and the key of the geul that wrote it (its
// version, commit and binary, and the Markdown settings); a file that does
// not match is ignored, never trusted. Deleting the folder is always safe.

const cacheFormat = 3

// cacheKey names the geul and Markdown settings a cache is valid for.
func (b *Builder) cacheKey() string {
	key := fmt.Sprintf("geul-cache/%d/%s/%s", cacheFormat, b.opts.version, b.mdKey)
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, s := range info.Settings {
			if s.Key == "vcs.revision" || s.Key == "vcs.modified" {
				key += "/" + s.Value
			}
		}
	}
	// A geul built from changed sources has the same version and commit:
	// the binary itself tells them apart.
	if exe, err := os.Executable(); err == nil {
		if fi, err := os.Stat(exe); err == nil {
			key += fmt.Sprintf("/%d/%d", fi.Size(), fi.ModTime().UnixNano())
		}
	}
	return key
}

// cacheEnvelope wraps every cache file's payload with what proves it is ours.
type cacheEnvelope struct {
	Key     string
	Payload []byte
	Sum     [32]byte
}

func writeCacheFile(path, key string, v any) error {
	var payload bytes.Buffer
	if err := gob.NewEncoder(&payload).Encode(v); err != nil {
		return err
	}
	env := cacheEnvelope{Key: key, Payload: payload.Bytes(), Sum: sha256.Sum256(payload.Bytes())}
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(env); err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, buf.Bytes(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

var errForeignCache = errors.New("cache file is damaged or from another geul")

func readCacheFile(path, key string, v any) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var env cacheEnvelope
	if err := gob.NewDecoder(bytes.NewReader(data)).Decode(&env); err != nil {
		return errForeignCache
	}
	if env.Key != key || env.Sum != sha256.Sum256(env.Payload) {
		return errForeignCache
	}
	if err := gob.NewDecoder(bytes.NewReader(env.Payload)).Decode(v); err != nil {
		return errForeignCache
	}
	return nil
}

// cacheIndex is index.gob.
type cacheIndex struct {
	Sources map[uint64]map[string]string // source hash → its links' URLs
	Dest    string                       // absolute path of the destination Outputs describe
	Outputs map[string]cachedOutput
}

type cachedOutput struct {
	FP    uint64
	Size  int64
	MTime int64 // of the file in Dest when the cache was saved: a build killed before saving it wrote newer ones
}

// buildCache is the Builder's view of the cache folder.
type buildCache struct {
	dir   string
	key   string
	index cacheIndex
}

func (c *buildCache) mdPath(hash uint64) string {
	h := fmt.Sprintf("%016x", hash)
	return filepath.Join(c.dir, "md", h[:2], h+".gob")
}

// openCache reads the index of the cache in dir; a missing or untrusted
// index gives an empty cache.
func (b *Builder) openCache() {
	if b.opts.cacheDir == "" {
		b.cache = nil
		return
	}
	c := &buildCache{dir: b.opts.cacheDir, key: b.cacheKey()}
	if err := readCacheFile(filepath.Join(c.dir, "index.gob"), c.key, &c.index); err != nil {
		c.index = cacheIndex{}
	}
	b.cache = c
}

// fromCache fills b.rendered with the sources the cache has rendered, so
// that renderMarkdown skips them. Their results stay on disk until needed.
func (b *Builder) fromCache() {
	if b.cache == nil {
		return
	}
	for rel, sf := range b.sources {
		if sf.page == nil {
			continue
		}
		if r := b.rendered[rel]; r != nil && r.hash == sf.hash {
			continue
		}
		if links, ok := b.cache.index.Sources[sf.hash]; ok {
			b.rendered[rel] = &renderedPage{hash: sf.hash, links: links, onDisk: true}
		}
	}
}

// cachedMarkdown is md/<hash>.gob.
type cachedMarkdown struct {
	Hash uint64
	Res  markdown.Result
}

// result returns the rendered Markdown of p, loading it from the cache, or
// rendering it again when the cache cannot be read.
func (b *Builder) result(p *content.Page) *markdown.Result {
	r := b.rendered[p.Path]
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.res != nil {
		return r.res
	}
	if b.cache != nil {
		var cm cachedMarkdown
		if err := readCacheFile(b.cache.mdPath(r.hash), b.cache.key, &cm); err == nil && cm.Hash == r.hash {
			r.res = &cm.Res
			return r.res
		}
	}
	res, _ := b.md.Render(p.Body, markdown.Context{File: contentDir + "/" + p.Path, LineOffset: p.BodyLine - 1,
		ResolveLink: func(dest string) (string, bool) { u, ok := r.links[dest]; return u, ok }})
	if res == nil {
		res = &markdown.Result{}
	}
	r.res, r.onDisk = res, false
	return r.res
}

// SaveCache writes what this build rendered, and what it wrote to dest, to
// the cache folder, so that the next build of the same site can skip it.
// It does nothing when the Builder has no cache.
func (b *Builder) SaveCache(dest string, out *Output) error {
	if b.cache == nil || b.out == nil {
		return nil
	}
	c := b.cache
	idx := cacheIndex{Sources: map[uint64]map[string]string{}, Outputs: map[string]cachedOutput{}}
	var mu sync.Mutex
	var errs []error
	var todo []*renderedPage
	for _, r := range b.rendered {
		idx.Sources[r.hash] = r.links
		if !r.onDisk && r.res != nil {
			todo = append(todo, r)
		}
	}
	_ = parallel(context.Background(), len(todo), func(i int) {
		r := todo[i]
		if err := writeCacheFile(c.mdPath(r.hash), c.key, cachedMarkdown{Hash: r.hash, Res: *r.res}); err != nil {
			mu.Lock()
			errs = append(errs, err)
			mu.Unlock()
			return
		}
		r.onDisk = true
	})
	if abs, err := filepath.Abs(dest); err == nil && dest != "" && out != nil {
		idx.Dest = abs
		for path, fp := range b.fps {
			fi, err := os.Lstat(filepath.Join(abs, filepath.FromSlash(path)))
			if err != nil {
				continue
			}
			if data, ok := out.inMemory(path); ok {
				idx.Outputs[path] = cachedOutput{FP: fp, Size: int64(len(data)), MTime: fi.ModTime().UnixNano()}
			} else if src, ok := out.reused[path]; ok {
				idx.Outputs[path] = cachedOutput{FP: fp, Size: src.size, MTime: fi.ModTime().UnixNano()}
			}
		}
	}
	if err := writeCacheFile(filepath.Join(c.dir, "index.gob"), c.key, idx); err != nil {
		errs = append(errs, err)
	}
	c.index = idx
	b.pruneCache(idx)
	return errors.Join(errs...)
}

// pruneCache removes rendered Markdown that no source has any more.
func (b *Builder) pruneCache(idx cacheIndex) {
	keep := map[string]bool{}
	for h := range idx.Sources {
		keep[b.cache.mdPath(h)] = true
	}
	dirs, _ := os.ReadDir(filepath.Join(b.cache.dir, "md"))
	for _, d := range dirs {
		sub := filepath.Join(b.cache.dir, "md", d.Name())
		files, _ := os.ReadDir(sub)
		for _, f := range files {
			if p := filepath.Join(sub, f.Name()); !keep[p] {
				os.Remove(p)
			}
		}
	}
}

// reusable returns the file in the previous destination that out can take
// as it is, or "" when it must be rendered.
func (b *Builder) reusable(out string, fp uint64) (string, int64) {
	if b.cache == nil || b.opts.dest == "" || b.cache.index.Dest == "" {
		return "", 0
	}
	co, ok := b.cache.index.Outputs[out]
	if !ok || co.FP != fp {
		return "", 0
	}
	abs, err := filepath.Abs(b.opts.dest)
	if err != nil || abs != b.cache.index.Dest {
		return "", 0
	}
	p := filepath.Join(abs, filepath.FromSlash(out))
	fi, err := os.Lstat(p)
	if err != nil || !fi.Mode().IsRegular() || fi.Size() != co.Size || fi.ModTime().UnixNano() != co.MTime {
		return "", 0
	}
	return p, co.Size
}
