package site

import (
	"bytes"
	"errors"
	"hash/fnv"
	"io/fs"
	"path"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/unicode/norm"

	"github.com/geul-blog/geul/pkg/content"
	"github.com/geul-blog/geul/pkg/diag"
	"github.com/geul-blog/geul/pkg/parallel"
	"github.com/geul-blog/geul/pkg/sitefs"
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
	fm   uint64 // of the bytes before the body: equal front matter, equal hash
	page *content.Page
	err  error   // parse error, reported while the file is broken
	warn []error // problems that do not stop the build (an empty file, a made-up title)

	otherLanguage string // "en" for index.en.md of a site whose default language is another: left out
}

// isMarkdown reports whether a content file is Markdown: .md, and the
// .markdown and .mdown Hugo also reads.
func isMarkdown(name string) bool {
	ext := path.Ext(name)
	return strings.EqualFold(ext, ".md") || strings.EqualFold(ext, ".markdown") || strings.EqualFold(ext, ".mdown")
}

// isIndex reports whether a content file is a bundle's index.md (or
// _index.md with under): the page of its folder.
func isIndex(rel string, under bool) bool {
	name := strings.ToLower(fileBase(rel))
	if under {
		return name == "_index" && isMarkdown(rel)
	}
	return name == "index" && isMarkdown(rel)
}

// isIgnored reports whether a content or static file is noise that is
// never published (sitefs.IsNoise of its base name).
func isIgnored(name string) bool { return sitefs.IsNoise(path.Base(name)) }

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
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			// fs.WalkDir does not follow links; a link to a file is read
			// through it, a link to a folder (or a loop of links) is skipped.
			if info, err := fs.Stat(fsys, p); err != nil || !info.Mode().IsRegular() {
				return nil
			}
		case !d.Type().IsRegular():
			// A pipe or a device would block the build, or never end.
			return nil
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
	if lang := fileLang(rel, b.cfg.OtherLanguages); lang != "" {
		sf.otherLanguage = lang // geul builds the default language only
		return sf
	}
	if d := b.cfg.LanguageContentDir; d != "" && !strings.HasPrefix(rel, d+"/") {
		sf.otherLanguage, _, _ = strings.Cut(rel, "/") // another language's content folder
		return sf
	}
	src, mod, err := readLimited(fsys, full, maxSourceSize)
	if err != nil {
		var big *tooBig
		if errors.As(err, &big) {
			sf.err = diag.Errorf(full, 1, "file is %s, larger than the %d MB geul reads", big.size(), maxSourceSize>>20).
				WithHint("split it into several posts, or give it another extension if it is not Markdown")
		} else {
			sf.err = &diag.Error{Path: full, Msg: err.Error(), Hint: "check that the file is readable", Err: err}
		}
		return sf
	}
	sf.hash = hashBytes(src) | 1 // 0 is for files that are not Markdown
	p, err := content.Parse(src, content.ParseOptions{File: full, Location: b.cfg.Location, ModTime: mod,
		Taxonomies: customTaxonomies(b.cfg), Section: isIndex(rel, true)})
	if errors.Is(err, content.ErrEmpty) {
		// An editor makes the file before the first save: skipped, not an error.
		sf.warn = append(sf.warn, err)
		return sf
	}
	if err != nil {
		sf.err = err
		return sf
	}
	sf.fm = frontMatterHash(src, p.BodyLine)
	if len(p.Warnings) > 0 {
		// A title or date made up from the body or the file's time is
		// front matter too: an edit of it changes what lists show.
		sf.fm ^= hashBytes([]byte(p.Title + "\x00" + p.Date.String()))
	}
	sf.warn = append(sf.warn, p.Warnings...)
	p.Path = rel
	dir := path.Dir(b.logical(rel))
	if dir != "." {
		p.Section, _, _ = strings.Cut(dir, "/")
		p.Section = norm.NFC.String(p.Section) // its list's URL, whatever macOS wrote
	}
	if isIndex(rel, false) && dir != "." {
		p.Bundle = path.Dir(rel)
	}
	switch {
	case isIndex(rel, true):
		p.Kind = content.KindSection
		if len(bytes.TrimSpace(p.Body)) > 0 {
			sf.warn = append(sf.warn, diag.Errorf(full, p.BodyLine, "the text of an _index.md is not shown: geul's theme shows the section's title, description and posts").
				WithHint("move the text to a page, or into description"))
		}
	case dir == "." || p.Bundle != "" && path.Dir(dir) == ".":
		// about.md, and about/index.md: a page at the root, as in Hugo.
		p.Kind = content.KindPage
	case p.Unlisted:
		p.Kind = content.KindPage // build.list = "never": published, in no list
	default:
		p.Kind = content.KindPost
	}
	sf.page = p
	return sf
}

// logical is the path of a content file as its URL sees it: without the
// default language's folder of a multilingual Hugo site ("post/x.md" for
// "ko/post/x.md" when languages.ko.contentDir = "content/ko").
func (b *Builder) logical(rel string) string {
	if d := b.cfg.LanguageContentDir; d != "" {
		return strings.TrimPrefix(rel, d+"/")
	}
	return rel
}

// tooBig is the error of readLimited for a file over its limit.
type tooBig struct{ n int64 } // bytes, or at least this many when unknown

func (e *tooBig) Error() string { return "file is " + e.size() }

func (e *tooBig) size() string {
	if e.n >= 1<<20 {
		return strconv.FormatInt(e.n>>20, 10) + " MB"
	}
	return strconv.FormatInt(e.n, 10) + " bytes"
}

// readLimited reads a regular file of at most limit bytes. It reads no
// more than limit+1 bytes even when the size it was told is wrong (a file
// growing while it is read, a file system that does not know).
// It also returns the file's modification time (the date of a post written
// without front matter).
func readLimited(fsys fs.FS, name string, limit int64) ([]byte, time.Time, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, time.Time{}, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, time.Time{}, err
	}
	if !info.Mode().IsRegular() {
		return nil, time.Time{}, errors.New("not a regular file")
	}
	if info.Size() > limit {
		return nil, time.Time{}, &tooBig{info.Size()}
	}
	data, err := sitefs.ReadAtMost(f, info.Size(), limit)
	if err != nil {
		return nil, time.Time{}, err
	}
	if int64(len(data)) > limit {
		return nil, time.Time{}, &tooBig{int64(len(data))}
	}
	return data, info.ModTime(), nil
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

// errCanceled is the error a canceled build wraps.
var errCanceled = parallel.ErrCanceled

// frontMatterHash hashes the lines of src before line bodyLine.
func frontMatterHash(src []byte, bodyLine int) uint64 {
	end := 0
	for line := 1; line < bodyLine && end < len(src); line++ {
		i := bytes.IndexByte(src[end:], '\n')
		if i < 0 {
			end = len(src)
			break
		}
		end += i + 1
	}
	return hashBytes(src[:end])
}
