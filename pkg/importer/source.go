package importer

import (
	"archive/zip"
	"fmt"
	"io"
	"io/fs"
	"os"
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
