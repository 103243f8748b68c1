package site

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/gob"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"github.com/geul-blog/geul/pkg/markdown"
	"github.com/geul-blog/geul/pkg/output"
)

// Rendered Markdown lives in append-only segment files, md-<n>.pack in the
// cache folder. A build adds at most one segment, holding what it rendered
// that no segment has: on some file systems creating a file costs 0.1–0.5
// ms of kernel time, too much to pay 10,000 times for a cold build.
//
// A segment is a header, packMagic and the SHA-256 of the cache key, then
// records:
//
//	source hash     8 bytes, little-endian
//	payload length  4 bytes, little-endian
//	sum            32 bytes, SHA-256 of the 12 bytes above and the payload
//	payload         gob of cachedMarkdown
//
// The key is checked once per segment, when it is opened, rather than kept
// in every record, where 10,000 records would repeat its 200 bytes; the sum
// of each record still lets a damaged record be ignored alone. index.gob
// says where each source's record is (packRef); it is written after the
// segment, so a segment it does not name is left from a killed build and
// is deleted by the next SaveCache.

const (
	packMagic        = "geul-md\x04"
	packHeaderSize   = len(packMagic) + sha256.Size
	recordHeaderSize = 8 + 4 + sha256.Size

	// maxSegments is how many segments the cache may have before
	// SaveCache gathers them into one: each is a file to open and a
	// handle to keep while a build reads from it.
	maxSegments = 8
)

// packRef is where the rendered Markdown of one source is: a whole record.
type packRef struct {
	Seg uint32 // md-<Seg>.pack
	Off int64
	Len int64
}

var errNotInCache = errors.New("not in the build cache")

func segmentName(n uint32) string { return fmt.Sprintf("md-%d.pack", n) }

// segmentNumber is the n of a file named md-<n>.pack.
func segmentNumber(name string) (uint32, bool) {
	s, ok := strings.CutPrefix(name, "md-")
	if !ok {
		return 0, false
	}
	if s, ok = strings.CutSuffix(s, ".pack"); !ok {
		return 0, false
	}
	n, err := strconv.ParseUint(s, 10, 32)
	return uint32(n), err == nil
}

func packHeader(key string) []byte {
	sum := sha256.Sum256([]byte(key))
	return append([]byte(packMagic), sum[:]...)
}

// encodeRecord makes the record of the rendered Markdown of a source.
func encodeRecord(hash uint64, res *markdown.Result) ([]byte, error) {
	var buf bytes.Buffer
	buf.Write(make([]byte, recordHeaderSize))
	if err := gob.NewEncoder(&buf).Encode(cachedMarkdown{Hash: hash, Res: *res}); err != nil {
		return nil, err
	}
	rec := buf.Bytes()
	binary.LittleEndian.PutUint64(rec[0:8], hash)
	binary.LittleEndian.PutUint32(rec[8:12], uint32(len(rec)-recordHeaderSize))
	sum := recordSum(rec)
	copy(rec[12:recordHeaderSize], sum[:])
	return rec, nil
}

func recordSum(rec []byte) [sha256.Size]byte {
	h := sha256.New()
	h.Write(rec[:12])
	h.Write(rec[recordHeaderSize:])
	var sum [sha256.Size]byte
	h.Sum(sum[:0])
	return sum
}

// checkRecord tells whether rec is a whole, undamaged record of hash.
func checkRecord(rec []byte, hash uint64) error {
	if len(rec) < recordHeaderSize ||
		binary.LittleEndian.Uint64(rec[0:8]) != hash ||
		int(binary.LittleEndian.Uint32(rec[8:12])) != len(rec)-recordHeaderSize ||
		recordSum(rec) != [sha256.Size]byte(rec[12:recordHeaderSize]) {
		return errForeignCache
	}
	return nil
}

// decodeRecord returns the rendered Markdown in a record checked to be hash's.
func decodeRecord(rec []byte, hash uint64) (*markdown.Result, error) {
	if err := checkRecord(rec, hash); err != nil {
		return nil, err
	}
	var cm cachedMarkdown
	if err := gob.NewDecoder(bytes.NewReader(rec[recordHeaderSize:])).Decode(&cm); err != nil || cm.Hash != hash {
		return nil, errForeignCache
	}
	return &cm.Res, nil
}

// segment is one segment file being read. It is opened, and its header
// checked, by the first read, which may come from any of the goroutines
// rendering pages; it stays open until close.
type segment struct {
	path   string
	header []byte

	once sync.Once
	f    *os.File
	size int64
	err  error
}

func (s *segment) file() (*os.File, error) {
	s.once.Do(func() {
		f, _, err := output.OpenRegular(s.path)
		if err != nil {
			s.err = err
			return
		}
		fi, err := f.Stat()
		got := make([]byte, len(s.header))
		if err == nil {
			_, err = f.ReadAt(got, 0)
		}
		if err != nil || !bytes.Equal(got, s.header) {
			f.Close()
			s.err = errForeignCache
			return
		}
		s.f, s.size = f, fi.Size()
	})
	return s.f, s.err
}

// record reads the record ref points to and checks it is hash's.
func (s *segment) record(ref packRef, hash uint64) ([]byte, error) {
	f, err := s.file()
	if err != nil {
		return nil, err
	}
	if ref.Off < int64(packHeaderSize) || ref.Len < recordHeaderSize || ref.Off+ref.Len > s.size {
		return nil, errForeignCache // cut short, or not this segment
	}
	rec := make([]byte, ref.Len)
	if _, err := f.ReadAt(rec, ref.Off); err != nil {
		return nil, err
	}
	return rec, checkRecord(rec, hash)
}

// close closes the file; it must not race with a read.
func (s *segment) close() {
	if s.f != nil {
		s.f.Close()
	}
}

// openSegments makes a segment, not yet opened, for each one of the index.
func (c *buildCache) openSegments() {
	c.segs = make(map[uint32]*segment, len(c.index.Segments))
	header := packHeader(c.key)
	for n := range c.index.Segments {
		c.segs[n] = &segment{path: filepath.Join(c.dir, segmentName(n)), header: header}
	}
}

// closeSegments closes the segments opened since openSegments.
func (c *buildCache) closeSegments() {
	for _, s := range c.segs {
		s.close()
	}
	c.segs = nil
}

// record returns the checked record of hash, as it is in its segment.
func (c *buildCache) record(hash uint64) ([]byte, error) {
	ref, ok := c.index.Entries[hash]
	if !ok {
		return nil, errNotInCache
	}
	s := c.segs[ref.Seg]
	if s == nil {
		return nil, errNotInCache
	}
	return s.record(ref, hash)
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

// segmentWriter writes a new segment under a temporary name; commit gives
// it its own.
type segmentWriter struct {
	n    uint32
	path string
	f    *os.File
	w    *bufio.Writer
	size int64
}

func createSegment(dir string, n uint32, key string) (*segmentWriter, error) {
	path := filepath.Join(dir, segmentName(n))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	f, err := os.Create(path + ".tmp")
	if err != nil {
		return nil, err
	}
	sw := &segmentWriter{n: n, path: path, f: f, w: bufio.NewWriterSize(f, 1<<20)}
	if _, err := sw.add(packHeader(key)); err != nil {
		sw.abort()
		return nil, err
	}
	return sw, nil
}

// add appends a record and returns where it is.
func (sw *segmentWriter) add(rec []byte) (packRef, error) {
	ref := packRef{Seg: sw.n, Off: sw.size, Len: int64(len(rec))}
	if _, err := sw.w.Write(rec); err != nil {
		return packRef{}, err
	}
	sw.size += int64(len(rec))
	return ref, nil
}

// commit closes the segment and gives it its name.
func (sw *segmentWriter) commit() error {
	err := sw.w.Flush()
	if cerr := sw.f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(sw.f.Name(), sw.path)
	}
	if err != nil {
		os.Remove(sw.f.Name())
	}
	return err
}

// abort closes and removes a segment that will not be committed.
func (sw *segmentWriter) abort() {
	sw.f.Close()
	os.Remove(sw.f.Name())
}
