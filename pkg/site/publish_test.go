package site_test

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/geul-blog/geul/pkg/site"
	"github.com/geul-blog/geul/pkg/sitetest"
)

// TestWarmBuildWritesNothing: geul build's second build of an unchanged
// site (cache, pages written through) leaves public/ as it is, down to the
// files' times; an edit replaces only the files it changes.
func TestWarmBuildWritesNothing(t *testing.T) {
	dir := sitetest.Dir(t, sitetest.Blog)
	dest := filepath.Join(dir, "public")
	clean := filepath.Join(t.TempDir(), "public")
	build := func() *site.Result {
		t.Helper()
		return buildTo(t, dir, dest, true, site.WithWriteThrough(true))
	}
	build()
	before := sitetest.Snapshot(t, dest)
	if res := build(); res.Rendered != 0 {
		t.Fatalf("warm build rendered %d pages", res.Rendered)
	}
	if d := sitetest.Touched(t, dest, before); d != nil {
		t.Errorf("a warm build with nothing changed touched %v", d)
	}
	if r := sitetest.Replaced(t, dest, before); r != nil {
		t.Errorf("a warm build with nothing changed replaced %v", r)
	}

	old := sitetest.ReadTree(t, dest)
	retro := filepath.Join(dir, "content", "posts", "retro.md")
	src, _ := os.ReadFile(retro)
	os.WriteFile(retro, bytes.Replace(src, []byte("쉬었다"), []byte("푹 쉬었다"), 1), 0o644)
	build()
	buildTo(t, dir, clean, false)
	sameTree(t, dest, clean)
	now := sitetest.ReadTree(t, dest)
	var differ []string
	for p, data := range old {
		if now[p] != data {
			differ = append(differ, p)
		}
	}
	if len(differ) == 0 || now["posts/retro/index.html"] == old["posts/retro/index.html"] {
		t.Fatalf("the edit changed %v", differ)
	}
	if r, want := sitetest.Replaced(t, dest, before), sitetest.Sorted(differ); strings.Join(r, " ") != strings.Join(want, " ") {
		t.Errorf("replaced %v, want only the files that changed, %v", r, want)
	}
}

// TestWriteDirFinishesAroundAReusedFile: a build killed after it committed
// an in-place update, then a build that takes some of the files that
// update replaces from public/ as they were: finishing the killed update
// must not leave its version of them.
func TestWriteDirFinishesAroundAReusedFile(t *testing.T) {
	dir := sitetest.Dir(t, sitetest.Blog)
	dest := filepath.Join(dir, "public")
	clean := filepath.Join(t.TempDir(), "public")
	buildTo(t, dir, dest, true, site.WithWriteThrough(true))
	// The killed build was of another version of the retro post: its page
	// waits beside the current one, and a page of it was removed.
	page := "posts/retro/index.html"
	if err := os.WriteFile(filepath.Join(dest, filepath.FromSlash(sitetest.TempOf(page, sitetest.DeadPID))), []byte("죽은 빌드의 페이지"), 0o644); err != nil {
		t.Fatal(err)
	}
	sitetest.WriteJournal(t, dir, sitetest.DeadPID, "commit", []string{page}, []string{"posts/aws/index.html"}, nil)

	res := buildTo(t, dir, dest, true, site.WithWriteThrough(true))
	if res.Rendered != 0 {
		t.Fatalf("rendered %d pages; the test needs them taken from public/", res.Rendered)
	}
	buildTo(t, dir, clean, false)
	sameTree(t, dest, clean)
	if _, err := os.Stat(sitetest.JournalFile(dir)); !os.IsNotExist(err) {
		t.Errorf("the journal is still there: %v", err)
	}
	if left := sitetest.Leftovers(t, dest); left != nil {
		t.Errorf("left beside public/: %v", left)
	}
}

// TestWarmBuildThroughALink: when public/ is a symbolic link, the build
// cache finds its files under the link and WriteDir under the folder it
// leads to; they are the same files, left alone.
func TestWarmBuildThroughALink(t *testing.T) {
	dir := sitetest.Dir(t, sitetest.Blog)
	real := filepath.Join(t.TempDir(), "www")
	os.MkdirAll(real, 0o755)
	dest := filepath.Join(dir, "public")
	if err := os.Symlink(real, dest); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	buildTo(t, dir, dest, true, site.WithWriteThrough(true))
	before := sitetest.Snapshot(t, real)
	if res := buildTo(t, dir, dest, true, site.WithWriteThrough(true)); res.Rendered != 0 {
		t.Fatalf("warm build rendered %d pages", res.Rendered)
	}
	if r := sitetest.Replaced(t, real, before); r != nil {
		t.Errorf("a warm build with nothing changed replaced %v", r)
	}
	if fi, err := os.Lstat(dest); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("public/ is no longer a link: %v", err)
	}
}

// A pipe where geul keeps its own files (the manifest, the journal, the
// build cache's index) is not read: a build goes on, or says what to
// delete, instead of hanging.
func TestPipesWhereGeulKeepsItsFiles(t *testing.T) {
	for _, tc := range []struct {
		file    string // beside public/, or in the site
		wantErr string
	}{
		{file: ".public.geul.manifest"},
		{file: "site/.geul/cache/index.gob"},
		{file: ".public.geul-journal", wantErr: ".public.geul-journal: cannot read the journal of an earlier build"},
	} {
		t.Run(tc.file, func(t *testing.T) {
			parent := t.TempDir()
			dir := filepath.Join(parent, "site")
			sitetest.WriteDir(t, dir, sitetest.Blog)
			dest := filepath.Join(parent, "public")
			p := filepath.Join(parent, filepath.FromSlash(tc.file))
			os.MkdirAll(filepath.Dir(p), 0o755)
			if err := syscall.Mkfifo(p, 0o644); err != nil {
				t.Skipf("no named pipes here: %v", err)
			}
			b := site.NewBuilder(dir, site.WithClock(sitetest.Clock), site.WithVersion("test"),
				site.WithCache(filepath.Join(dir, ".geul", "cache")), site.WithDestination(dest))
			res, err := b.Build(context.Background())
			if err == nil {
				err = res.Output.WriteDir(context.Background(), dest)
			}
			if tc.wantErr == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("got %v, want …%s…", err, tc.wantErr)
			}
		})
	}
}
