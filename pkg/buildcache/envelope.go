// Package buildcache stores what a build can skip next time, in a folder:
// files wrapped in an envelope that proves they are this cache's (key and
// checksum: WriteFile, ReadFile), and append-only segment files of
// records, each the payload of one source, found by a Ref (pack.go).
//
// It knows nothing of pages or Markdown: payloads are bytes to it, and
// what is in them is pkg/site's (cache.go there is the adapter). It must
// not import pkg/site, pkg/content, pkg/markdown or pkg/theme.
package buildcache

import (
	"bytes"
	"crypto/sha256"
	"encoding/gob"
	"errors"
	"os"
	"path/filepath"

	"github.com/geul-blog/geul/pkg/output"
)

// envelope wraps every cache file's payload with what proves it is ours.
type envelope struct {
	Key     string
	Payload []byte
	Sum     [32]byte
}

// WriteFile writes v, gob-encoded, to path in an envelope with key and
// a checksum, under a temporary name first so that a killed build leaves
// the old file or the new one.
func WriteFile(path, key string, v any) error {
	var payload bytes.Buffer
	if err := gob.NewEncoder(&payload).Encode(v); err != nil {
		return err
	}
	env := envelope{Key: key, Payload: payload.Bytes(), Sum: sha256.Sum256(payload.Bytes())}
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

// ErrForeign is the error of a cache file that is damaged or was written
// for another key (another geul, site or cache format).
var ErrForeign = errors.New("cache file is damaged or from another geul")

// ReadFile reads into v the file WriteFile wrote to path with key. A file
// damaged, cut short or written with another key gives ErrForeign.
func ReadFile(path, key string, v any) error {
	data, err := output.ReadRegular(path)
	if err != nil {
		return err
	}
	var env envelope
	if err := gob.NewDecoder(bytes.NewReader(data)).Decode(&env); err != nil {
		return ErrForeign
	}
	if env.Key != key || env.Sum != sha256.Sum256(env.Payload) {
		return ErrForeign
	}
	if err := gob.NewDecoder(bytes.NewReader(env.Payload)).Decode(v); err != nil {
		return ErrForeign
	}
	return nil
}
