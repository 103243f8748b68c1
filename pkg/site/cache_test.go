package site_test

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/geul-blog/geul/pkg/site"
	"github.com/geul-blog/geul/pkg/sitetest"
)

// buildTo builds the site in dir into dest as geul build does, with or
// without the cache, and returns the result.
func buildTo(t *testing.T, dir, dest string, cache bool, opts ...site.Option) *site.Result {
	t.Helper()
	opts = append([]site.Option{site.WithClock(sitetest.Clock), site.WithVersion("test")}, opts...)
	if cache {
		opts = append(opts, site.WithCache(filepath.Join(dir, ".geul", "cache")), site.WithDestination(dest))
	}
	b := site.NewBuilder(dir, opts...)
	res, err := b.Build(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := res.Output.WriteDir(context.Background(), dest); err != nil {
		t.Fatal(err)
	}
	if err := b.SaveCache(dest, res.Output); err != nil {
		t.Fatal(err)
	}
	return res
}

// sameTree fails unless two folders hold the same files with the same bytes.
func sameTree(t *testing.T, a, b string) {
	t.Helper()
	read := func(root string) map[string][]byte {
		files := map[string][]byte{}
		filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				rel, _ := filepath.Rel(root, p)
				files[rel], _ = os.ReadFile(p)
			}
			return nil
		})
		return files
	}
	fa, fb := read(a), read(b)
	if len(fa) != len(fb) {
		t.Fatalf("%d files with the cache, %d without", len(fa), len(fb))
	}
	for name, data := range fa {
		if !bytes.Equal(data, fb[name]) {
			t.Fatalf("%s differs with and without the cache", name)
		}
	}
}

func TestCacheGivesIdenticalOutput(t *testing.T) {
	dir := sitetest.Dir(t, sitetest.Blog)
	cached, clean := filepath.Join(dir, "public"), filepath.Join(t.TempDir(), "public")

	first := buildTo(t, dir, cached, true)
	if first.Rendered != first.Pages {
		t.Fatalf("cold build rendered %d of %d pages", first.Rendered, first.Pages)
	}
	warm := buildTo(t, dir, cached, true)
	if warm.Rendered != 0 {
		t.Errorf("warm build with nothing changed rendered %d pages", warm.Rendered)
	}
	buildTo(t, dir, clean, false)
	sameTree(t, cached, clean)

	// Edit one post's body and another's title: only what shows them is rendered.
	retro := filepath.Join(dir, "content", "posts", "retro.md")
	src, _ := os.ReadFile(retro)
	os.WriteFile(retro, bytes.Replace(src, []byte("쉬었다"), []byte("푹 쉬었다"), 1), 0o644)
	aws := filepath.Join(dir, "content", "posts", "aws.md")
	src, _ = os.ReadFile(aws)
	os.WriteFile(aws, bytes.Replace(src, []byte("AWS 계정 이전"), []byte("AWS 계정 이전 🔥"), 1), 0o644)
	edited := buildTo(t, dir, cached, true)
	if edited.Rendered == 0 || edited.Rendered >= edited.Pages {
		t.Errorf("after two edits the build rendered %d of %d pages", edited.Rendered, edited.Pages)
	}
	buildTo(t, dir, clean, false)
	sameTree(t, cached, clean)
}

func TestCacheThatCannotBeTrustedIsIgnored(t *testing.T) {
	dir := sitetest.Dir(t, sitetest.Blog)
	cached, clean := filepath.Join(dir, "public"), filepath.Join(t.TempDir(), "public")
	buildTo(t, dir, cached, true)
	buildTo(t, dir, clean, false)
	cacheDir := filepath.Join(dir, ".geul", "cache")

	// Damage every rendered-Markdown file, keep the index: pages must be
	// rendered again from their sources, not from the damaged files.
	filepath.WalkDir(filepath.Join(cacheDir, "md"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			os.WriteFile(p, []byte("garbage"), 0o644)
		}
		return nil
	})
	os.RemoveAll(cached) // nothing to reuse: every page renders, reading the damaged md files
	buildTo(t, dir, cached, true)
	sameTree(t, cached, clean)

	// A damaged index, and one from another geul, are ignored whole.
	os.WriteFile(filepath.Join(cacheDir, "index.gob"), []byte("\x00garbage"), 0o644)
	if res := buildTo(t, dir, cached, true); res.Rendered != res.Pages {
		t.Errorf("with a damaged index %d of %d pages were rendered", res.Rendered, res.Pages)
	}
	res := buildTo(t, dir, cached, true, site.WithVersion("another"))
	if res.Rendered != res.Pages {
		t.Errorf("with another geul's cache %d of %d pages were rendered", res.Rendered, res.Pages)
	}
	sameTree(t, cached, clean)

	// A page changed by hand in public/ (another size) is rendered again.
	page := filepath.Join(cached, "posts", "retro", "index.html")
	os.WriteFile(page, []byte("손으로 고침"), 0o644)
	buildTo(t, dir, cached, true, site.WithVersion("another"))
	if data, _ := os.ReadFile(page); strings.Contains(string(data), "손으로 고침") {
		t.Error("a hand-edited page in public/ was kept")
	}
}

// TestSingleBuildSameOutput builds with what geul build uses (pages
// written through, sources let go once rendered, the cache) and compares
// with a plain build, cold and warm.
func TestSingleBuildSameOutput(t *testing.T) {
	dir := sitetest.Dir(t, blog)
	plain := filepath.Join(t.TempDir(), "plain")
	buildTo(t, dir, plain, false)
	dest := filepath.Join(t.TempDir(), "public")
	for range 2 {
		buildTo(t, dir, dest, true, site.WithWriteThrough(true), site.WithSingleBuild(true))
		sameTree(t, plain, dest)
	}
}

// TestSingleBuildBuildsAgainInFull: a Builder that let its sources go
// cannot rebuild from them, so a second Build reads everything again.
func TestSingleBuildBuildsAgainInFull(t *testing.T) {
	fsys := sitetest.MapFS(blog)
	b := site.NewBuilder(".", site.WithFS(fsys), site.WithClock(sitetest.Clock), site.WithSingleBuild(true))
	ctx := context.Background()
	if _, err := b.Build(ctx, nil); err != nil {
		t.Fatal(err)
	}
	res, err := b.Build(ctx, []string{"content/posts/retro.md"})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Full {
		t.Error("the second build of a single-build Builder was not a full one")
	}
	clean, err := site.NewBuilder(".", site.WithFS(fsys), site.WithClock(sitetest.Clock)).Build(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	sameOutput(t, "second build", res.Output, clean.Output)
}
