package site

import (
	"bytes"
	"context"
	"encoding/gob"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"

	"github.com/geul-blog/geul/pkg/buildcache"
	"github.com/geul-blog/geul/pkg/content"
	"github.com/geul-blog/geul/pkg/markdown"
	"github.com/geul-blog/geul/pkg/parallel"
)

// The build cache keeps, under .geul/cache/ of the site, what a build
// worked out that the next build can trust:
//
//   - md-<n>.pack: segments of rendered Markdown, one record a source, by the
//     hash of its bytes (pack.go); a record is read only when a page being
//     rendered shows it;
//   - index.gob: which sources were rendered (the URLs their links went to,
//     and where their records are), and for the last destination written,
//     each output's fingerprint and size, so an unchanged page is linked
//     from the previous public/ instead of being rendered again.
//
// Every file carries a checksum and the key of the geul that wrote it (its
// version, commit and binary, and the Markdown settings); a file that does
// not match is ignored, never trusted. Deleting the folder is always safe.

// cacheFormat 4: rendered Markdown in segments instead of md/<hash>.gob.
// cacheFormat 5: each source's links, images and heading ids (Refs).
// cacheFormat 6: the keys of the photos a page shows (depImage), so that a
// photo replaced under the same name renders the page again.
const cacheFormat = 6

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

// cacheIndex is index.gob.
type cacheIndex struct {
	Sources  map[uint64]map[string]string // source hash → its links' URLs
	Refs     map[uint64]*pageRefs         // source hash → its links, images and heading ids
	Entries  map[uint64]buildcache.Ref    // source hash → its rendered Markdown
	Segments map[uint32]int64             // segment number → its size in bytes
	Dest     string                       // absolute path of the destination Outputs describe
	Outputs  map[string]cachedOutput
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
	segs  map[uint32]*buildcache.Segment // the index's segments, opened when first read
}

// openCache reads the index of the cache in dir; a missing or untrusted
// index gives an empty cache. It closes the segments of the cache it
// replaces, which no page of this build will read.
func (b *Builder) openCache() {
	if b.cache != nil {
		b.cache.closeSegments()
	}
	if b.opts.cacheDir == "" {
		b.cache = nil
		return
	}
	c := &buildCache{dir: b.opts.cacheDir, key: b.cacheKey()}
	if err := buildcache.ReadFile(filepath.Join(c.dir, "index.gob"), c.key, &c.index); err != nil {
		c.index = cacheIndex{}
	}
	c.openSegments()
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
		links, ok := b.cache.index.Sources[sf.hash]
		if _, stored := b.cache.index.Entries[sf.hash]; ok && stored {
			b.rendered[rel] = &renderedPage{hash: sf.hash, links: links, refs: b.cache.index.Refs[sf.hash], onDisk: true}
		}
	}
}

// encodeRecord makes the record of the rendered Markdown of a source.
func encodeRecord(hash uint64, res *markdown.Result) ([]byte, error) {
	return buildcache.EncodeRecord(hash, func(w io.Writer) error {
		return gob.NewEncoder(w).Encode(cachedMarkdown{Hash: hash, Res: *res})
	})
}

// decodeRecord returns the rendered Markdown in a record checked to be hash's.
func decodeRecord(rec []byte, hash uint64) (*markdown.Result, error) {
	var cm cachedMarkdown
	if err := gob.NewDecoder(bytes.NewReader(buildcache.Payload(rec))).Decode(&cm); err != nil || cm.Hash != hash {
		return nil, buildcache.ErrForeign
	}
	return &cm.Res, nil
}

// openSegments makes a segment, not yet opened, for each one of the index.
func (c *buildCache) openSegments() {
	c.segs = make(map[uint32]*buildcache.Segment, len(c.index.Segments))
	for n := range c.index.Segments {
		c.segs[n] = buildcache.OpenSegment(filepath.Join(c.dir, buildcache.SegmentName(n)), c.key)
	}
}

// closeSegments closes the segments opened since openSegments.
func (c *buildCache) closeSegments() {
	for _, s := range c.segs {
		s.Close()
	}
	c.segs = nil
}

// record returns the checked record of hash, as it is in its segment.
func (c *buildCache) record(hash uint64) ([]byte, error) {
	ref, ok := c.index.Entries[hash]
	if !ok {
		return nil, buildcache.ErrNotInCache
	}
	s := c.segs[ref.Seg]
	if s == nil {
		return nil, buildcache.ErrNotInCache
	}
	return s.Record(ref, hash)
}

// load returns the rendered Markdown of the source with hash; safe to call
// from many goroutines.
func (c *buildCache) load(hash uint64) (*markdown.Result, error) {
	rec, err := c.record(hash)
	if err != nil {
		return nil, err
	}
	return decodeRecord(rec, hash)
}

// cachedMarkdown is the payload of a record in a segment.
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
		if res, err := b.cache.load(r.hash); err == nil {
			r.res = res
			return r.res
		}
	}
	res, _ := b.md.Render(p.Body, b.mdContext(p,
		func(dest string) (string, bool) { u, ok := r.links[dest]; return u, ok },
		func(target string) (*content.Page, error) {
			// The URLs the last rendering gave; the page itself is not at hand.
			v, ok := r.links[depRef+target]
			if !ok {
				return nil, fmt.Errorf("no such page")
			}
			u, perma, _ := strings.Cut(v, "\x00")
			return &content.Page{URL: u, Permalink: perma}, nil
		}))
	if res == nil {
		res = &markdown.Result{}
	}
	r.res, r.onDisk = res, false
	return r.res
}

// SaveCache writes what this build rendered, and what it wrote to dest, to
// the cache folder, so that the next build of the same site can skip it.
// It does nothing when the Builder has no cache.
//
// Rendered Markdown no segment has yet goes into one new segment; when the
// segments hold more dead records than live ones, or there are too many,
// the live records are copied into it too and the old segments deleted.
// index.gob, written last, is what makes the new segment part of the cache.
func (b *Builder) SaveCache(dest string, out *Output) error {
	if b.cache == nil || b.prev.out == nil {
		return nil
	}
	c := b.cache
	idx := cacheIndex{Sources: map[uint64]map[string]string{}, Refs: map[uint64]*pageRefs{}, Entries: map[uint64]buildcache.Ref{},
		Segments: map[uint32]int64{}, Outputs: map[string]cachedOutput{}}
	fresh := map[uint64]*renderedPage{} // rendered by this process, not in a segment
	for _, r := range b.rendered {
		ref, ok := c.index.Entries[r.hash]
		switch {
		case r.onDisk && ok && c.index.Segments[ref.Seg] > 0:
			idx.Entries[r.hash], idx.Sources[r.hash], idx.Refs[r.hash] = ref, r.links, r.refs
		case r.res != nil:
			fresh[r.hash] = r
		}
	}

	written, err := b.writeSegment(fresh, &idx)
	var errs []error
	if err != nil {
		errs = append(errs, fmt.Errorf("build cache: writing rendered Markdown to %s: %w (check that the disk has room; deleting the folder is safe)", c.dir, err))
	}
	for h := range idx.Sources {
		if _, ok := idx.Entries[h]; !ok {
			delete(idx.Sources, h) // not cached after all: the next build renders it
		}
	}

	if abs, err := filepath.Abs(dest); err == nil && dest != "" && out != nil {
		idx.Dest = abs
		for path, fp := range b.prev.fps {
			fi, err := os.Lstat(filepath.Join(abs, filepath.FromSlash(path)))
			if err != nil {
				continue
			}
			if data, ok := out.InMemory(path); ok {
				idx.Outputs[path] = cachedOutput{FP: fp, Size: int64(len(data)), MTime: fi.ModTime().UnixNano()}
			} else if src, ok := out.Reused(path); ok {
				idx.Outputs[path] = cachedOutput{FP: fp, Size: src.Size, MTime: fi.ModTime().UnixNano()}
			}
		}
	}
	if err := buildcache.WriteFile(filepath.Join(c.dir, "index.gob"), c.key, idx); err != nil {
		// The index on disk is still the old one: the new segment is an
		// orphan that the next SaveCache deletes.
		errs = append(errs, fmt.Errorf("build cache: writing its index: %w (check that %s is writable; deleting it is safe)", err, c.dir))
		return errors.Join(errs...)
	}
	for _, r := range b.rendered {
		if written[r.hash] && r.res != nil {
			r.onDisk = true
		}
	}
	c.closeSegments()
	c.index = idx
	c.openSegments()
	c.prune()
	return errors.Join(errs...)
}

// writeSegment writes the records of fresh into a new segment, with the
// live records of the old segments when they are to be compacted, and
// makes idx point to them. It returns the sources whose records it wrote;
// on error idx keeps pointing to the old segments.
func (b *Builder) writeSegment(fresh map[uint64]*renderedPage, idx *cacheIndex) (map[uint64]bool, error) {
	c := b.cache
	var sw *buildcache.SegmentWriter
	refs := map[uint64]buildcache.Ref{}
	add := func(hash uint64, rec []byte) error {
		if sw == nil {
			var err error
			if sw, err = buildcache.CreateSegment(c.dir, buildcache.NextSegment(c.dir, c.index.Segments), c.key); err != nil {
				return err
			}
		}
		ref, err := sw.Add(rec)
		refs[hash] = ref
		return err
	}
	fail := func(err error) (map[uint64]bool, error) {
		if sw != nil {
			sw.Abort()
			sw = nil
		}
		return nil, err
	}
	defer func() { idx.Segments = c.segmentsOf(idx, sw) }()

	// Encode on all cores, a batch at a time so that memory stays bounded,
	// and write in hash order, so that the same records make the same
	// segment.
	hashes := slices.Sorted(maps.Keys(fresh))
	batch := 64 * runtime.GOMAXPROCS(0)
	recs := make([][]byte, min(batch, len(hashes)))
	errs := make([]error, len(recs))
	for start := 0; start < len(hashes); start += batch {
		part := hashes[start:min(start+batch, len(hashes))]
		_ = parallel.For(context.Background(), len(part), func(i int) {
			recs[i], errs[i] = encodeRecord(part[i], fresh[part[i]].res)
		})
		for i, h := range part {
			if errs[i] != nil {
				continue // not cached: rendered again next time
			}
			if err := add(h, recs[i]); err != nil {
				return fail(err)
			}
			recs[i] = nil
		}
	}

	// Compact when more than half of the segments' bytes are dead, or there
	// are too many segments; one that is all dead is just deleted. What is
	// copied is checked first: a damaged record is dropped, to be rendered
	// again by the next build.
	var size, live int64
	used := map[uint32]bool{}
	for _, ref := range idx.Entries {
		live += ref.Len
		used[ref.Seg] = true
	}
	for n := range used {
		size += c.index.Segments[n]
	}
	count := len(used)
	if sw != nil {
		size, live, count = size+sw.Size(), live+sw.Size(), count+1
	}
	if (size-live)*2 > size || count > buildcache.MaxSegments {
		for _, h := range slices.Sorted(maps.Keys(idx.Entries)) {
			rec, err := c.record(h)
			if err != nil {
				delete(idx.Entries, h)
				delete(idx.Sources, h)
				continue
			}
			if err := add(h, rec); err != nil {
				return fail(err)
			}
		}
	}
	if sw == nil {
		return nil, nil
	}
	if err := sw.Commit(); err != nil {
		sw = nil // commit removed it
		return nil, err
	}
	written := map[uint64]bool{}
	for h, ref := range refs {
		idx.Entries[h] = ref
		if r := fresh[h]; r != nil {
			idx.Sources[h], idx.Refs[h] = r.links, r.refs
			written[h] = true
		}
	}
	return written, nil
}

// segmentsOf returns the segments idx points to, with their sizes; sw is
// the segment SaveCache wrote, or nil.
func (c *buildCache) segmentsOf(idx *cacheIndex, sw *buildcache.SegmentWriter) map[uint32]int64 {
	segs := map[uint32]int64{}
	for _, ref := range idx.Entries {
		if sw != nil && ref.Seg == sw.N() {
			segs[ref.Seg] = sw.Size()
		} else {
			segs[ref.Seg] = c.index.Segments[ref.Seg]
		}
	}
	return segs
}

// prune removes the segments the index does not point to (compacted ones,
// and those of killed builds), and the rendered Markdown of cache format 3.
func (c *buildCache) prune() {
	buildcache.Prune(c.dir, c.index.Segments)
	os.RemoveAll(filepath.Join(c.dir, "md"))
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
