package buildcache

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

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
// says where each source's record is (Ref); it is written after the
// segment, so a segment it does not name is left from a killed build and
// is deleted by the next SaveCache.

const (
	packMagic        = "geul-md\x04"
	packHeaderSize   = len(packMagic) + sha256.Size
	recordHeaderSize = 8 + 4 + sha256.Size

	// MaxSegments is how many segments the cache may have before
	// SaveCache gathers them into one: each is a file to open and a
	// handle to keep while a build reads from it.
	MaxSegments = 8
)

// Ref is where the rendered Markdown of one source is: a whole record.
type Ref struct {
	Seg uint32 // md-<Seg>.pack
	Off int64
	Len int64
}

var ErrNotInCache = errors.New("not in the build cache")

func SegmentName(n uint32) string { return fmt.Sprintf("md-%d.pack", n) }

// SegmentNumber is the n of a file named md-<n>.pack.
func SegmentNumber(name string) (uint32, bool) {
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

// EncodeRecord makes the record of the source with hash; payload writes
// its payload (straight after the record's header, not copied).
func EncodeRecord(hash uint64, payload func(w io.Writer) error) ([]byte, error) {
	var buf bytes.Buffer
	buf.Write(make([]byte, recordHeaderSize))
	if err := payload(&buf); err != nil {
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

// Payload returns the payload of a record checked (by Segment.Record) to
// be hash's.
func Payload(rec []byte) []byte { return rec[recordHeaderSize:] }

// checkRecord tells whether rec is a whole, undamaged record of hash.
func checkRecord(rec []byte, hash uint64) error {
	if len(rec) < recordHeaderSize ||
		binary.LittleEndian.Uint64(rec[0:8]) != hash ||
		int(binary.LittleEndian.Uint32(rec[8:12])) != len(rec)-recordHeaderSize ||
		recordSum(rec) != [sha256.Size]byte(rec[12:recordHeaderSize]) {
		return ErrForeign
	}
	return nil
}

// segment is one segment file being read. It is opened, and its header
// checked, by the first read, which may come from any of the goroutines
// rendering pages; it stays open until close.
type Segment struct {
	path   string
	header []byte

	once sync.Once
	f    *os.File
	size int64
	err  error
}

func (s *Segment) file() (*os.File, error) {
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
			s.err = ErrForeign
			return
		}
		s.f, s.size = f, fi.Size()
	})
	return s.f, s.err
}

// Record reads the record ref points to and checks it is hash's.
func (s *Segment) Record(ref Ref, hash uint64) ([]byte, error) {
	f, err := s.file()
	if err != nil {
		return nil, err
	}
	if ref.Off < int64(packHeaderSize) || ref.Len < recordHeaderSize || ref.Off+ref.Len > s.size {
		return nil, ErrForeign // cut short, or not this segment
	}
	rec := make([]byte, ref.Len)
	if _, err := f.ReadAt(rec, ref.Off); err != nil {
		return nil, err
	}
	return rec, checkRecord(rec, hash)
}

// Close closes the file; it must not race with a read.
func (s *Segment) Close() {
	if s.f != nil {
		s.f.Close()
	}
}

// SegmentWriter writes a new segment under a temporary name ; Commit gives
// it its own.
type SegmentWriter struct {
	n    uint32
	path string
	f    *os.File
	w    *bufio.Writer
	size int64
}

func CreateSegment(dir string, n uint32, key string) (*SegmentWriter, error) {
	path := filepath.Join(dir, SegmentName(n))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	f, err := os.Create(path + ".tmp")
	if err != nil {
		return nil, err
	}
	sw := &SegmentWriter{n: n, path: path, f: f, w: bufio.NewWriterSize(f, 1<<20)}
	if _, err := sw.Add(packHeader(key)); err != nil {
		sw.Abort()
		return nil, err
	}
	return sw, nil
}

// Add appends a record and returns where it is.
func (sw *SegmentWriter) Add(rec []byte) (Ref, error) {
	ref := Ref{Seg: sw.n, Off: sw.size, Len: int64(len(rec))}
	if _, err := sw.w.Write(rec); err != nil {
		return Ref{}, err
	}
	sw.size += int64(len(rec))
	return ref, nil
}

// Commit closes the segment and gives it its name.
func (sw *SegmentWriter) Commit() error {
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

// Abort closes and removes a segment that will not be committed.
func (sw *SegmentWriter) Abort() {
	sw.f.Close()
	os.Remove(sw.f.Name())
}

// OpenSegment returns the segment file at path of the cache of key, not
// opened until its first Record.
func OpenSegment(path, key string) *Segment {
	return &Segment{path: path, header: packHeader(key)}
}

// N is the number of the segment being written (md-<N>.pack).
func (sw *SegmentWriter) N() uint32 { return sw.n }

// Size is how many bytes the segment being written has so far.
func (sw *SegmentWriter) Size() int64 { return sw.size }

// NextSegment returns a number no segment has, in live or in the folder
// dir, so that a file left by a killed build is never taken for a new one.
func NextSegment(dir string, live map[uint32]int64) uint32 {
	var n uint32
	for m := range live {
		n = max(n, m)
	}
	files, _ := os.ReadDir(dir)
	for _, f := range files {
		if m, ok := SegmentNumber(strings.TrimSuffix(f.Name(), ".tmp")); ok {
			n = max(n, m)
		}
	}
	return n + 1
}

// Prune removes from dir the segments not in live (compacted ones, and
// those of killed builds).
func Prune(dir string, live map[uint32]int64) {
	files, _ := os.ReadDir(dir)
	for _, f := range files {
		name := f.Name()
		if n, ok := SegmentNumber(strings.TrimSuffix(name, ".tmp")); ok {
			if _, ok := live[n]; !ok || strings.HasSuffix(name, ".tmp") {
				os.Remove(filepath.Join(dir, name))
			}
		}
	}
}
