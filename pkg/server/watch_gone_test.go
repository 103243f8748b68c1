package server

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/geul-blog/geul/pkg/testkit"
)

// TestThemesFolderRenamedAwayAndBack renames the folder holding the
// watched theme away and back: both moves are reported, and the theme is
// watched again afterwards. The watcher used to see neither move.
func TestThemesFolderRenamedAwayAndBack(t *testing.T) {
	dir := t.TempDir()
	testkit.WriteFiles(t, dir, map[string]string{
		"config.toml": "theme = \"글\"\n", "content/a.md": post,
		"themes/글/layouts/post.html": "x", "themes/글/static/s.css": "x",
	})
	fb := &fakeBuilder{}
	w := &watched{dir: dir, fb: fb, log: &testkit.Buffer{}}
	w.s = New(fb, dir, WithDebounce(30*time.Millisecond), WithLogger(w.log),
		WithWatch("config.toml", "content", "layouts", "static", "i18n", "themes/글"))
	runServer(t, w.s, w.s.Run)

	calls := func() int { return len(fb.Calls()) }
	reportedSince := func(n int) map[string]bool { return union(fb.Calls()[n:]) }

	n := calls()
	must(t, os.Rename(w.p("themes"), w.p("themes.old")))
	testkit.WaitFor(t, "the theme reported gone", 10*time.Second, func() bool { return reportedSince(n)["themes/글/layouts/post.html"] })
	w.settle(t)

	n = calls()
	must(t, os.Rename(w.p("themes.old"), w.p("themes")))
	testkit.WaitFor(t, "the theme reported back", 10*time.Second, func() bool {
		got := reportedSince(n)
		return got["themes/글/layouts/post.html"] && got["themes/글/static/s.css"]
	})
	w.settle(t)

	// Watched again, down to the theme's own folder.
	n = calls()
	write(t, w.p("themes/글/layouts/post.html"), "y")
	testkit.WaitFor(t, "an edit in the theme", 10*time.Second, func() bool { return reportedSince(n)["themes/글/layouts/post.html"] })
	w.settle(t)
	n = calls()
	must(t, os.Rename(w.p("themes/글"), w.p("themes/글.old")))
	testkit.WaitFor(t, "the theme renamed", 10*time.Second, func() bool { return reportedSince(n)["themes/글/static/s.css"] })
}

// TestSiteFolderRenamed renames the site folder of a server given its
// absolute path: the build says the site is gone instead of building
// nothing, and the last good build is kept.
func TestSiteFolderRenamed(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "블로그")
	write(t, filepath.Join(dir, "content/a.md"), post)
	fb := &fakeBuilder{}
	log := &testkit.Buffer{}
	s := New(fb, dir, WithDebounce(30*time.Millisecond), WithLogger(log))
	runServer(t, s, s.Run)
	good := s.cur.Load().out

	must(t, os.Rename(dir, filepath.Join(parent, "블로그.old")))
	testkit.WaitFor(t, "the site reported gone", 10*time.Second, func() bool {
		return strings.Contains(log.String(), dir+": the site folder is gone (renamed, moved or deleted); still serving the last build")
	})
	if got := fb.Calls(); len(got) != 1 {
		t.Errorf("Build called again on a site that is gone: %q", got[1:])
	}
	if cur := s.cur.Load(); cur.out != good || len(cur.errs) != 1 {
		t.Errorf("state after the site went: out kept %v, errors %v", cur.out == good, cur.errs)
	}

	// Back in its place: builds go on.
	must(t, os.Rename(filepath.Join(parent, "블로그.old"), dir))
	write(t, filepath.Join(dir, "content/a.md"), post+"더\n")
	testkit.WaitFor(t, "a build after the site came back", 10*time.Second, func() bool {
		return slices.ContainsFunc(fb.Calls()[1:], func(c []string) bool { return c == nil || slices.Contains(c, "content/a.md") })
	})
}
