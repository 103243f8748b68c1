package site

import (
	"bytes"
	"errors"
	"hash/fnv"
	"io/fs"
	"path"
	"strings"

	"github.com/geul-blog/geul/pkg/content"
	"github.com/geul-blog/geul/pkg/diag"
)

// contentDir is the folder under the site holding the Markdown.
const contentDir = "content"

// maxSourceSize is the largest Markdown file geul reads; a bigger one is
// almost certainly a mistake (a video renamed .md) and would stall a build.
const maxSourceSize = 8 << 20

// sourceFile is one file under content/ as last read.
type sourceFile struct {
	rel  string // slash path under content/
	hash uint64 // of the bytes; 0 for non-Markdown files (copied as they are)
	page *content.Page
	err  error // parse error, reported while the file is broken
}

func isMarkdown(name string) bool { return strings.EqualFold(path.Ext(name), ".md") }

// isIgnored reports whether a content file is noise that is never published:
// dotfiles, editor swap and backup files.
func isIgnored(name string) bool {
	base := path.Base(name)
	return strings.HasPrefix(base, ".") || strings.HasPrefix(base, "#") || strings.HasSuffix(base, "~") ||
		strings.HasSuffix(base, ".swp") || strings.HasSuffix(base, ".swx") || strings.HasSuffix(base, ".tmp") ||
		base == "4913" || strings.Contains(base, "___jb_")
}

// walkContent lists every file under content/ (slash paths relative to it).
// Symlinked folders are not followed, so a link loop cannot hang a build.
func walkContent(fsys fs.FS) ([]string, error) {
	var files []string
	err := fs.WalkDir(fsys, contentDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == contentDir && errors.Is(err, fs.ErrNotExist) {
				return fs.SkipAll
			}
			return &diag.Error{Path: p, Msg: err.Error(), Hint: "check the file's permissions", Err: err}
		}
		if p == contentDir {
			return nil
		}
		if isIgnored(p) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			// fs.WalkDir does not follow links; a link to a file is read
			// through it, a link to a folder is skipped.
			if info, err := fs.Stat(fsys, p); err != nil || info.IsDir() {
				return nil
			}
		}
		files = append(files, strings.TrimPrefix(p, contentDir+"/"))
		return nil
	})
	return files, err
}

// readSource reads and parses one content file.
func (b *Builder) readSource(fsys fs.FS, rel string) *sourceFile {
	sf := &sourceFile{rel: rel}
	if !isMarkdown(rel) {
		return sf
	}
	full := contentDir + "/" + rel
	info, err := fs.Stat(fsys, full)
	if err == nil && info.Size() > maxSourceSize {
		sf.err = diag.Errorf(full, 0, "file is %d MB, larger than the %d MB geul reads", info.Size()>>20, maxSourceSize>>20).
			WithHint("split it into several posts, or give it another extension if it is not Markdown")
		return sf
	}
	src, err := fs.ReadFile(fsys, full)
	if err != nil {
		sf.err = &diag.Error{Path: full, Msg: err.Error(), Hint: "check that the file is readable", Err: err}
		return sf
	}
	h := fnv.New64a()
	h.Write(src)
	sf.hash = h.Sum64() | 1
	p, err := content.Parse(src, content.ParseOptions{File: full, Location: b.cfg.Location})
	if err != nil {
		sf.err = err
		return sf
	}
	p.Path = rel
	dir := path.Dir(rel)
	if dir == "." {
		p.Kind = content.KindPage
	} else {
		p.Section, _, _ = strings.Cut(dir, "/")
		p.Kind = content.KindPost
	}
	if strings.EqualFold(path.Base(rel), "index.md") && dir != "." {
		p.Bundle = dir
	}
	sf.page = p
	return sf
}

// bundleOf returns the bundle folder a non-Markdown file belongs to, or "".
func bundleOf(rel string, bundles map[string]bool) string {
	for dir := path.Dir(rel); dir != "."; dir = path.Dir(dir) {
		if bundles[dir] {
			return dir
		}
	}
	return ""
}

// hashBytes is the hash used for change detection across builds.
func hashBytes(b []byte) uint64 {
	h := fnv.New64a()
	h.Write(b)
	return h.Sum64()
}

var errCanceled = errors.New("build canceled")

func sameBytes(a, b []byte) bool { return bytes.Equal(a, b) }
