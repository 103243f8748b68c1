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

// outcome is what write did with a file.
type outcome int

const (
	written   outcome = iota // written (or, dry, would be)
	unchanged                // it already held these bytes
	kept                     // changed after import, or not the import's: left alone
)

// write writes data to the site-relative path rel unless the file there
// was changed after import or is not the import's.
func (w *writer) write(rel string, data []byte) (outcome, error) {
	abs := filepath.Join(w.into, filepath.FromSlash(rel))
	cur, err := os.ReadFile(abs)
	switch {
	case err == nil:
		if bytes.Equal(cur, data) {
			if _, ours := w.rec.Files[rel]; ours || !w.dryRun {
				w.rec.Files[rel] = hashOf(data)
			}
			return unchanged, nil
		}
		if h, ok := w.rec.Files[rel]; !ok || h != hashOf(cur) {
			w.rep.Kept = append(w.rep.Kept, rel)
			return kept, nil
		}
	case !errors.Is(err, fs.ErrNotExist):
		return kept, err
	}
	if w.dryRun {
		return written, nil
	}
	if err := writeFileAtomic(abs, data); err != nil {
		return kept, err
	}
	w.rec.Files[rel] = hashOf(data)
	return written, nil
}

// saveRecord writes the record unless it holds what is on disk already.
func (w *writer) saveRecord() error {
	if w.dryRun {
		return nil
	}
	abs := filepath.Join(w.into, recordPath)
	data := w.rec.bytes()
	if cur, err := os.ReadFile(abs); err == nil && bytes.Equal(cur, data) {
		return nil
	}
	return writeFileAtomic(abs, data)
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
