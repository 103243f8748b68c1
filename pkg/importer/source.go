package importer

import (
	"archive/zip"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"strings"

	"golang.org/x/text/unicode/norm"
)

// openSource opens a folder, or a zip file, as a file system, so that the
// readers see a backup the same way zipped or not.
func openSource(from string) (fs.FS, io.Closer, error) {
	st, err := os.Stat(from)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %v; give the backup's zip or folder", from, err)
	}
	if st.IsDir() {
		return os.DirFS(from), io.NopCloser(nil), nil
	}
	z, err := zip.OpenReader(from)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: not a folder or a zip file (%v); give the backup's zip or the folder it unzips to", from, err)
	}
	return z, z, nil
}

// readFileNFC reads name from fsys; when there is no such file it looks
// for one whose name is the same in NFC, since a backup made or unzipped
// on macOS spells Hangul file names in NFD. It returns the name found.
func readFileNFC(fsys fs.FS, name string) ([]byte, string, error) {
	data, err := fs.ReadFile(fsys, name)
	if err == nil {
		return data, name, nil
	}
	dir, base := path.Split(name)
	dir = strings.TrimSuffix(dir, "/")
	if dir == "" {
		dir = "."
	}
	if dir != "." {
		// The folder's own name may be spelled the other way too.
		parent, dbase := path.Split(dir)
		if _, serr := fs.Stat(fsys, dir); serr != nil {
			if found, ok := findNFC(fsys, strings.TrimSuffix(parent, "/"), dbase); ok {
				dir = found
			}
		}
	}
	if found, ok := findNFC(fsys, dir, base); ok {
		data, err := fs.ReadFile(fsys, found)
		return data, found, err
	}
	return nil, name, err
}

func findNFC(fsys fs.FS, dir, base string) (string, bool) {
	if dir == "" {
		dir = "."
	}
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return "", false
	}
	want := norm.NFC.String(base)
	for _, e := range entries {
		if norm.NFC.String(e.Name()) == want {
			return path.Join(dir, e.Name()), true
		}
	}
	return "", false
}
