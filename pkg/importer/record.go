package importer

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// recordPath is where the record of an import is kept, in the site.
const recordPath = ".geul/import.json"

// record is what earlier imports wrote: for each source post the slug it
// got, and for each file the hash of the bytes written. A file whose bytes
// no longer match was edited after import and is never overwritten.
type record struct {
	Version int               `json:"version"`
	Posts   map[string]string `json:"posts"` // "tistory:123" → slug ("page:about" for pages)
	Files   map[string]string `json:"files"` // "content/posts/a/index.md" → sha256 hex
}

func readRecord(into string) (*record, error) {
	r := &record{Version: 1, Posts: map[string]string{}, Files: map[string]string{}}
	data, err := os.ReadFile(filepath.Join(into, recordPath))
	if errors.Is(err, fs.ErrNotExist) {
		return r, nil
	}
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(data, r); err != nil {
		return nil, fmt.Errorf("%s: %v; fix the file or delete it (the next import then treats every file it finds as yours to keep)", filepath.Join(into, recordPath), err)
	}
	if r.Posts == nil {
		r.Posts = map[string]string{}
	}
	if r.Files == nil {
		r.Files = map[string]string{}
	}
	return r, nil
}

func (r *record) bytes() []byte {
	data, _ := json.MarshalIndent(r, "", "  ") // maps marshal with sorted keys: the same record gives the same bytes
	return append(data, '\n')
}

func hashOf(data []byte) string {
	s := sha256.Sum256(data)
	return hex.EncodeToString(s[:])
}
