package site

import (
	"bytes"
	"encoding/binary"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/geul-blog/geul/pkg/markdown"
)

// writeTestSegment writes a segment of results under key and returns its
// path and where each record is.
func writeTestSegment(t *testing.T, key string, results map[uint64]*markdown.Result) (string, map[uint64]packRef) {
	t.Helper()
	dir := t.TempDir()
	sw, err := createSegment(dir, 1, key)
	if err != nil {
		t.Fatal(err)
	}
	refs := map[uint64]packRef{}
	for _, h := range slices.Sorted(maps.Keys(results)) {
		rec, err := encodeRecord(h, results[h])
		if err != nil {
			t.Fatal(err)
		}
		if refs[h], err = sw.add(rec); err != nil {
			t.Fatal(err)
		}
	}
	if err := sw.commit(); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, segmentName(1))
	if _, err := os.Stat(path + ".tmp"); err == nil {
		t.Error("the temporary file is left after commit")
	}
	return path, refs
}

// readTestRecord reads the record ref points to as the cache of key does.
func readTestRecord(path, key string, hash uint64, ref packRef) (*markdown.Result, error) {
	s := &segment{path: path, header: packHeader(key)}
	defer s.close()
	rec, err := s.record(ref, hash)
	if err != nil {
		return nil, err
	}
	return decodeRecord(rec, hash)
}

var testResults = map[uint64]*markdown.Result{
	0x1111: {HTML: []byte("<p>첫 글 👍</p>"), Text: "첫 글 👍"},
	0x2222: {HTML: []byte("<h2 id=\"a\">둘</h2><p>본문</p>"), Summary: []byte("<p>요약</p>"),
		TOC: []*markdown.Heading{{Level: 2, ID: "a", Text: "둘"}}, Text: "둘\n본문"},
}

func TestSegmentRecordIsReadOnlyWhenItIsWhatWasAsked(t *testing.T) {
	const key = "geul-cache/4/test"
	path, refs := writeTestSegment(t, key, testResults)
	good, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// A record whose header and sum say 0x1111 but whose payload is 0x2222's.
	swapped, _ := encodeRecord(0x2222, testResults[0x2222])
	binary.LittleEndian.PutUint64(swapped[0:8], 0x1111)
	sum := recordSum(swapped)
	copy(swapped[12:recordHeaderSize], sum[:])

	tests := []struct {
		name string
		file []byte // nil: no file
		key  string
		hash uint64
		ref  packRef
		ok   bool
	}{
		{"first record", good, key, 0x1111, refs[0x1111], true},
		{"second record", good, key, 0x2222, refs[0x2222], true},
		{"another geul's segment", good, "geul-cache/4/another", 0x1111, refs[0x1111], false},
		{"another source's record", good, key, 0x2222, refs[0x1111], false},
		{"cut short", good[:len(good)-1], key, 0x2222, refs[0x2222], false},
		{"cut in its header", good[:packHeaderSize-1], key, 0x1111, refs[0x1111], false},
		{"missing", nil, key, 0x1111, refs[0x1111], false},
		{"empty", []byte{}, key, 0x1111, refs[0x1111], false},
		{"longer than its record", good, key, 0x1111, packRef{Off: refs[0x1111].Off, Len: refs[0x1111].Len + 1}, false},
		{"inside the header", good, key, 0x1111, packRef{Off: 0, Len: refs[0x1111].Len}, false},
		{"payload of another hash", append(packHeader(key), swapped...), key, 0x1111,
			packRef{Off: int64(packHeaderSize), Len: int64(len(swapped))}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), segmentName(1))
			if tt.file != nil {
				os.WriteFile(p, tt.file, 0o644)
			}
			res, err := readTestRecord(p, tt.key, tt.hash, tt.ref)
			switch {
			case tt.ok && err != nil:
				t.Fatalf("read failed: %v", err)
			case tt.ok && !bytes.Equal(res.HTML, testResults[tt.hash].HTML):
				t.Fatalf("read %q, want %q", res.HTML, testResults[tt.hash].HTML)
			case !tt.ok && err == nil:
				t.Fatalf("read %q, want an error", res.HTML)
			}
		})
	}
}

// TestSegmentEveryFlippedByteIsSeen flips each byte of a segment in turn:
// the record it is in (every record, for the header) must not be read,
// and the other records must be.
func TestSegmentEveryFlippedByteIsSeen(t *testing.T) {
	const key = "geul-cache/4/test"
	path, refs := writeTestSegment(t, key, testResults)
	good, _ := os.ReadFile(path)
	for i := range good {
		bad := bytes.Clone(good)
		bad[i] ^= 0x01
		os.WriteFile(path, bad, 0o644)
		for h, ref := range refs {
			damaged := i < packHeaderSize || int64(i) >= ref.Off && int64(i) < ref.Off+ref.Len
			_, err := readTestRecord(path, key, h, ref)
			if damaged && err == nil {
				t.Fatalf("byte %d flipped: the record of %x was read all the same", i, h)
			}
			if !damaged && err != nil {
				t.Fatalf("byte %d flipped: the record of %x, elsewhere, was not read: %v", i, h, err)
			}
		}
	}
}

func TestSegmentNumber(t *testing.T) {
	tests := []struct {
		name string
		n    uint32
		ok   bool
	}{
		{"md-1.pack", 1, true},
		{"md-4294967295.pack", 4294967295, true},
		{"md-4294967296.pack", 0, false},
		{"md-.pack", 0, false},
		{"md--1.pack", 0, false},
		{"md-1.pack.tmp", 0, false},
		{"md-x.pack", 0, false},
		{"index.gob", 0, false},
		{"md", 0, false},
	}
	for _, tt := range tests {
		n, ok := segmentNumber(tt.name)
		if n != tt.n && tt.ok || ok != tt.ok {
			t.Errorf("segmentNumber(%q) = %d, %v; want %d, %v", tt.name, n, ok, tt.n, tt.ok)
		}
		if tt.ok && segmentName(n) != tt.name {
			t.Errorf("segmentName(%d) = %q, want %q", n, segmentName(n), tt.name)
		}
	}
}
