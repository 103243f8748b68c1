package markdown

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/render")

// TestGolden renders every testdata/render/*.md and compares the HTML with
// the .html file beside it. A name ending in ".unsafe.md" renders with
// WithUnsafe(true), ".rich.md" with WithMath and WithDiagrams. Links to "*.md" resolve to "/posts/NAME/"; images whose
// name starts with "r-" get sizes and copies (fakeImage).
// Run "go test ./pkg/markdown -update" to rewrite the .html files.
func TestGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "render", "*.md"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden cases: %v", err)
	}
	safe, unsafe, rich := New(), New(WithUnsafe(true)), New(WithMath(true), WithDiagrams(true))
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".md")
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			r := safe
			if strings.HasSuffix(name, ".unsafe") {
				r = unsafe
			}
			if strings.HasSuffix(name, ".rich") {
				r = rich
			}
			res, err := r.Render(src, Context{File: file, ResolveLink: resolveAll, Image: fakeImage})
			if err != nil {
				t.Fatal(err)
			}
			golden := strings.TrimSuffix(file, ".md") + ".html"
			if *update {
				if err := os.WriteFile(golden, res.HTML, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v; run go test -update to create it", err)
			}
			if !bytes.Equal(res.HTML, want) {
				t.Errorf("%s differs from the rendered HTML; run go test -update and review the diff\ngot:\n%s", golden, res.HTML)
			}
		})
	}
}

func resolveAll(dest string) (string, bool) {
	name := strings.TrimSuffix(filepath.Base(dest), ".md")
	return "/posts/" + name + "/", true
}

// fakeImage answers for images named "r-*": 1200×800, with copies at 480
// and 960 px, and WebP copies unless the name has "nowebp" in it.
func fakeImage(dest string) *Image {
	if !strings.HasPrefix(filepath.Base(dest), "r-") {
		return nil
	}
	base := strings.TrimSuffix(dest, filepath.Ext(dest))
	if strings.Contains(dest, "small") { // narrower than every width
		return &Image{Width: 320, Height: 200, Srcset: []ImageSource{{dest, 320}}, WebP: []ImageSource{{base + ".webp", 320}}}
	}
	img := &Image{Width: 1200, Height: 800, Srcset: []ImageSource{
		{base + ".480w.jpg", 480}, {base + ".960w.jpg", 960}, {dest, 1200}}}
	if !strings.Contains(dest, "nowebp") {
		img.WebP = []ImageSource{{base + ".480w.webp", 480}, {base + ".960w.webp", 960}, {base + ".webp", 1200}}
	}
	return img
}
