package markdown

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/geul-blog/geul/pkg/testkit"
)

// TestGolden renders every testdata/render/*.md and compares the HTML with
// the .html file beside it. A name ending in ".unsafe.md" renders with
// WithUnsafe(true), ".rich.md" with WithMath and WithDiagrams. Links to "*.md" resolve to "/posts/NAME/"; images whose
// name starts with "r-" get sizes and copies (fakeImage).
// Run "go test ./pkg/markdown -update" to rewrite the .html files.
func TestGolden(t *testing.T) {
	safe, unsafe, rich := New(), New(WithUnsafe(true)), New(WithMath(true), WithDiagrams(true))
	goldenDir(t, "render", func(file string) (*Renderer, Context) {
		r := safe
		if strings.HasSuffix(file, ".unsafe.md") {
			r = unsafe
		}
		if strings.HasSuffix(file, ".rich.md") {
			r = rich
		}
		return r, Context{File: file, ResolveLink: resolveAll, Image: fakeImage}
	})
}

// goldenDir renders every testdata/<dir>/*.md, a subtest each, with the
// renderer and context setup gives for it, and compares the HTML with the
// .html file beside it (testkit.Golden; -update rewrites it).
func goldenDir(t *testing.T, dir string, setup func(file string) (*Renderer, Context)) {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", dir, "*.md"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden cases in testdata/%s: %v", dir, err)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".md"), func(t *testing.T) {
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			r, ctx := setup(file)
			res, err := r.Render(src, ctx)
			if err != nil {
				t.Fatal(err)
			}
			testkit.Golden(t, strings.TrimSuffix(file, ".md")+".html", res.HTML)
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
