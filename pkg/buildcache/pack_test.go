package buildcache

import (
	"bytes"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// writeTestSegment writes a segment of results under key and returns its
// path and where each record is.
func writeTestSegment(t *testing.T, key string, results map[uint64][]byte) (string, map[uint64]Ref) {
	t.Helper()
	dir := t.TempDir()
	sw, err := CreateSegment(dir, 1, key)
	if err != nil {
		t.Fatal(err)
	}
	refs := map[uint64]Ref{}
	for _, h := range slices.Sorted(maps.Keys(results)) {
		rec, err := EncodeRecord(h, writeBytes(results[h]))
		if err != nil {
			t.Fatal(err)
		}
		if refs[h], err = sw.Add(rec); err != nil {
			t.Fatal(err)
		}
	}
	if err := sw.Commit(); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, SegmentName(1))
	if _, err := os.Stat(path + ".tmp"); err == nil {
		t.Error("the temporary file is left after commit")
	}
	return path, refs
}

// readTestRecord reads the record ref points to as the cache of key does.
func readTestRecord(path, key string, hash uint64, ref Ref) ([]byte, error) {
	s := OpenSegment(path, key)
	defer s.Close()
	rec, err := s.Record(ref, hash)
	if err != nil {
		return nil, err
	}
	return Payload(rec), nil
}

// writeBytes is a payload writer of fixed bytes.
func writeBytes(b []byte) func(io.Writer) error {
	return func(w io.Writer) error { _, err := w.Write(b); return err }
}

var testResults = map[uint64][]byte{
	0x1111: []byte("<p>첫 글 👍</p>"),
	0x2222: []byte("<h2 id=\"a\">둘</h2><p>본문</p>"),
}

func TestSegmentRecordIsReadOnlyWhenItIsWhatWasAsked(t *testing.T) {
	const key = "geul-cache/4/test"
	path, refs := writeTestSegment(t, key, testResults)
	good, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name string
		file []byte // nil: no file
		key  string
		hash uint64
		ref  Ref
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
		{"longer than its record", good, key, 0x1111, Ref{Off: refs[0x1111].Off, Len: refs[0x1111].Len + 1}, false},
		{"inside the header", good, key, 0x1111, Ref{Off: 0, Len: refs[0x1111].Len}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), SegmentName(1))
			if tt.file != nil {
				os.WriteFile(p, tt.file, 0o644)
			}
			res, err := readTestRecord(p, tt.key, tt.hash, tt.ref)
			switch {
			case tt.ok && err != nil:
				t.Fatalf("read failed: %v", err)
			case tt.ok && !bytes.Equal(res, testResults[tt.hash]):
				t.Fatalf("read %q, want %q", res, testResults[tt.hash])
			case !tt.ok && err == nil:
				t.Fatalf("read %q, want an error", res)
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
		n, ok := SegmentNumber(tt.name)
		if n != tt.n && tt.ok || ok != tt.ok {
			t.Errorf("SegmentNumber(%q) = %d, %v; want %d, %v", tt.name, n, ok, tt.n, tt.ok)
		}
		if tt.ok && SegmentName(n) != tt.name {
			t.Errorf("SegmentName(%d) = %q, want %q", n, SegmentName(n), tt.name)
		}
	}
}
