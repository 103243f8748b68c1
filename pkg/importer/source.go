package importer

import (
	"archive/zip"
	"fmt"
	"io"
	"io/fs"
	"os"
	"unicode/utf8"

	"golang.org/x/text/encoding/korean"
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
	koreanNames(&z.Reader)
	return z, z, nil
}

// koreanNames decodes the file names a zip stores in the legacy Korean
// code page (CP949, which Windows' own zip and many Korean tools write
// without the UTF-8 flag) so that Hangul names read as Hangul. It runs
// before the first Open, when archive/zip builds its file list.
func koreanNames(z *zip.Reader) {
	dec := korean.EUCKR.NewDecoder()
	for _, f := range z.File {
		if !f.NonUTF8 || utf8.ValidString(f.Name) {
			continue
		}
		if name, err := dec.String(f.Name); err == nil {
			f.Name = name
		}
	}
}
