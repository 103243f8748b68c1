package importer

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
)

// writer puts files into the site, never over a file it did not write or
// that was edited since, and keeps the record up to date. With dryRun it
// only decides.
type writer struct {
	into   string
	dryRun bool
	rec    *record
	rep    *Report
}

// write writes data to the site-relative path rel and reports whether the
// file now holds (or, dry, would hold) data.
func (w *writer) write(rel string, data []byte) (bool, error) {
	abs := filepath.Join(w.into, filepath.FromSlash(rel))
	cur, err := os.ReadFile(abs)
	switch {
	case err == nil:
		if bytes.Equal(cur, data) {
			if !w.dryRun {
				w.rec.Files[rel] = hashOf(data)
			}
			return true, nil
		}
		if h, ok := w.rec.Files[rel]; !ok || h != hashOf(cur) {
			w.rep.Kept = append(w.rep.Kept, rel)
			return false, nil
		}
	case !errors.Is(err, fs.ErrNotExist):
		return false, err
	}
	if w.dryRun {
		return true, nil
	}
	if err := writeFileAtomic(abs, data); err != nil {
		return false, err
	}
	w.rec.Files[rel] = hashOf(data)
	return true, nil
}

// writeFileAtomic writes through a temporary file and a rename, so an
// interrupted import leaves the old file or the new one, never half.
func writeFileAtomic(abs string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(abs), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(abs), ".import-*")
	if err != nil {
		return err
	}
	_, werr := tmp.Write(data)
	cerr := tmp.Close()
	if werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Chmod(tmp.Name(), 0o644)
	}
	if werr == nil {
		werr = os.Rename(tmp.Name(), abs)
	}
	if werr != nil {
		os.Remove(tmp.Name())
	}
	return werr
}
