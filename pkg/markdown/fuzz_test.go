package markdown

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzRender checks that no Markdown makes Render panic or write invalid
// UTF-8, and that the summary is always the start of the HTML. Seeds are the
// golden cases (shortcodes too) and testdata/fuzz/FuzzRender.
func FuzzRender(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "render", "*.md"))
	more, _ := filepath.Glob(filepath.Join("testdata", "shortcodes", "*.md"))
	files = append(files, more...)
	for _, file := range files {
		if b, err := os.ReadFile(file); err == nil {
			f.Add(string(b))
		}
	}
	safe, unsafe := New(), New(WithUnsafe(true))
	resolve := func(dest string) (string, bool) { return "/p/" + dest + "/", !strings.HasPrefix(dest, "x") }
	f.Fuzz(func(t *testing.T, src string) {
		for _, r := range []*Renderer{safe, unsafe} {
			res, err := r.Render([]byte(src), Context{File: "a.md", LineOffset: 3, ResolveLink: resolve})
			if res == nil {
				t.Fatalf("Render(%q): no result, err %v", src, err)
			}
			if !utf8.Valid(res.HTML) || !utf8.ValidString(res.Text) {
				t.Fatalf("Render(%q): invalid UTF-8 in %q / %q", src, res.HTML, res.Text)
			}
			if res.Summary != nil && !bytes.HasPrefix(res.HTML, res.Summary) {
				t.Fatalf("Render(%q): summary %q is not the start of %q", src, res.Summary, res.HTML)
			}
			if s, err := r.Markdownify(src); err != nil || !utf8.ValidString(s) {
				t.Fatalf("Markdownify(%q) = %q, %v", src, s, err)
			}
		}
	})
}
