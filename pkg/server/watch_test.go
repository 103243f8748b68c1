package server

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/geul-blog/geul/pkg/site"
	"github.com/geul-blog/geul/pkg/testkit"
)

// watched is a site folder with a running Server over a fake builder.
type watched struct {
	dir       string
	fb        *fakeBuilder
	s         *Server
	log       *testkit.Buffer
	sentinels int // how many settle wrote
}

// startWatching writes files into a new site folder and runs a Server on
// it until the test ends.
func startWatching(t *testing.T, files map[string]string, fb *fakeBuilder) *watched {
	t.Helper()
	dir := t.TempDir()
	testkit.WriteFiles(t, dir, files)
	if fb == nil {
		fb = &fakeBuilder{}
	}
	w := &watched{dir: dir, fb: fb, log: &testkit.Buffer{}}
	w.s = New(fb, dir, WithDebounce(30*time.Millisecond), WithLogger(w.log))
	runServer(t, w.s, w.s.Run)
	if c := fb.Calls(); len(c) != 1 || c[0] != nil {
		t.Fatalf("first Build got %q, want one full build (nil)", c)
	}
	return w
}

// runServer calls run (s.Run, or a test's stand-in) until the test ends and
// waits for s's first build.
func runServer(t *testing.T, s *Server, run func(context.Context) error) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- run(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Run: %v", err)
		}
	})
	select {
	case <-s.Ready():
	case err := <-done:
		done <- err // for the cleanup
		t.Fatalf("Run returned before the first build: %v", err)
	case <-time.After(10 * time.Second):
		t.Fatal("no first build")
	}
}

// p returns the absolute path of a site-relative one.
func (w *watched) p(rel string) string { return filepath.Join(w.dir, filepath.FromSlash(rel)) }

// reported returns every path given to Build after the first build, but
// settle's sentinels.
func (w *watched) reported() map[string]bool {
	u := union(w.fb.Calls()[1:])
	for p := range u {
		if isSentinel(p) {
			delete(u, p)
		}
	}
	return u
}

// waitReported waits until Build was given every path in want.
func (w *watched) waitReported(t *testing.T, want ...string) {
	t.Helper()
	testkit.WaitFor(t, fmt.Sprintf("Build with %q", want), 10*time.Second, func() bool {
		got := w.reported()
		for _, p := range want {
			if !got[p] {
				return false
			}
		}
		return true
	})
}

// settle waits until every file event of what the test did so far has
// reached Build, so that what was not reported never will be. It writes a
// new sentinel file and waits until Build is given it: the kernel queues
// a watcher's events in order and the server takes them one at a time, so
// every earlier change is in that build or an earlier one. (Waiting a
// while for no build would only guess.)
func (w *watched) settle(t *testing.T) {
	t.Helper()
	w.sentinels++
	rel := fmt.Sprintf("%s%d.md", sentinelPrefix, w.sentinels)
	write(t, w.p(rel), post)
	testkit.WaitFor(t, "Build with the sentinel "+rel, 10*time.Second, func() bool { return union(w.fb.Calls())[rel] })
}

// sentinelPrefix starts the name of every file settle writes.
const sentinelPrefix = "content/zz-sentinel-"

func isSentinel(rel string) bool { return strings.HasPrefix(rel, sentinelPrefix) }

func write(t *testing.T, path, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

const post = "+++\ntitle = \"[서버 장애 🧯]\"\n+++\n본문 👍\n"

// TestSaveStrategies saves a post the ways editors do and checks that only
// the post itself is reported, never their temporary files.
func TestSaveStrategies(t *testing.T) {
	saves := []struct {
		name string
		save func(t *testing.T, w *watched, rel string)
	}{
		{"in place", func(t *testing.T, w *watched, rel string) {
			write(t, w.p(rel), post+"고침\n")
		}},
		{"temp file renamed over (atomic save)", func(t *testing.T, w *watched, rel string) {
			write(t, w.p(rel+".tmp"), post+"고침\n")
			must(t, os.Rename(w.p(rel+".tmp"), w.p(rel)))
		}},
		{"vim (backup by rename, swap file, 4913 probe)", func(t *testing.T, w *watched, rel string) {
			dir := filepath.Dir(w.p(rel))
			write(t, filepath.Join(dir, ".hello.md.swp"), "swap")
			write(t, filepath.Join(dir, "4913"), "")
			must(t, os.Remove(filepath.Join(dir, "4913")))
			must(t, os.Rename(w.p(rel), w.p(rel+"~")))
			write(t, w.p(rel), post+"고침\n")
			must(t, os.Remove(w.p(rel+"~")))
			must(t, os.Remove(filepath.Join(dir, ".hello.md.swp")))
		}},
		{"JetBrains (___jb_tmp___, ___jb_old___)", func(t *testing.T, w *watched, rel string) {
			write(t, w.p(rel+"___jb_tmp___"), post+"고침\n")
			must(t, os.Rename(w.p(rel), w.p(rel+"___jb_old___")))
			must(t, os.Rename(w.p(rel+"___jb_tmp___"), w.p(rel)))
			must(t, os.Remove(w.p(rel+"___jb_old___")))
		}},
		{"emacs (lock link, auto-save)", func(t *testing.T, w *watched, rel string) {
			dir := filepath.Dir(w.p(rel))
			must(t, os.Symlink("user@host.1234", filepath.Join(dir, ".#hello.md")))
			write(t, filepath.Join(dir, "#hello.md#"), "auto-save")
			write(t, w.p(rel), post+"고침\n")
			must(t, os.Remove(filepath.Join(dir, ".#hello.md")))
			must(t, os.Remove(filepath.Join(dir, "#hello.md#")))
		}},
	}
	for _, sv := range saves {
		t.Run(sv.name, func(t *testing.T) {
			t.Parallel()
			const rel = "content/posts/hello.md"
			w := startWatching(t, map[string]string{rel: post, "content/posts/other.md": post}, nil)
			sv.save(t, w, rel)
			w.waitReported(t, rel)
			w.settle(t)
			if got := w.reported(); len(got) != 1 {
				t.Errorf("reported %v, want only %s", got, rel)
			}
		})
	}
}

func TestNoiseIgnored(t *testing.T) {
	w := startWatching(t, map[string]string{"content/posts/a.md": post}, nil)
	for _, name := range []string{".a.md.swp", ".a.md.swx", "a.md~", "4913", ".DS_Store", "a.md.tmp",
		"a.md___jb_tmp___", "a.md___jb_old___", ".hidden.md", "#a.md#"} {
		write(t, w.p("content/posts/"+name), "noise")
	}
	write(t, w.p("content/.git/objects/x"), "git")
	write(t, w.p("public/index.html"), "not watched") // outside the watched roots
	write(t, w.p("notes.txt"), "not watched")
	write(t, w.p("content/posts/b.md"), post) // a file among the noise is reported
	w.waitReported(t, "content/posts/b.md")
	w.settle(t)
	if got := w.reported(); len(got) != 1 {
		t.Errorf("reported %v, want only content/posts/b.md", got)
	}
}

// TestBurst writes 500 files at once (a git checkout): they come in one
// or a few builds that together name them all.
func TestBurst(t *testing.T) {
	w := startWatching(t, map[string]string{"content/posts/a.md": post}, nil)
	var want []string
	start := time.Now()
	for i := range 500 {
		rel := fmt.Sprintf("content/posts/%03d-글.md", i)
		want = append(want, rel)
		write(t, w.p(rel), post)
	}
	// A build waits at most ten debounce times (300 ms here) after the
	// first event of a burst: a burst that a slow disk stretches over
	// seconds gets a build every 300 ms, not one per file.
	burst := time.Since(start)
	limit := 3 + int(burst/(300*time.Millisecond))
	w.waitReported(t, want...)
	w.settle(t)
	n := 0 // builds of the burst: settle's sentinel may have one of its own
	for _, c := range w.fb.Calls()[1:] {
		if !slices.ContainsFunc(c, isSentinel) || slices.ContainsFunc(c, func(p string) bool { return !isSentinel(p) }) {
			n++
		}
	}
	if n > limit {
		t.Errorf("%d builds for one burst of 500 files written in %v, want at most %d", n, burst.Round(time.Millisecond), limit)
	}
	if !slices.IsSorted(w.fb.Calls()[1]) {
		t.Errorf("changed list not sorted")
	}
}

func TestNewFolderWatched(t *testing.T) {
	w := startWatching(t, map[string]string{"content/posts/a.md": post}, nil)
	must(t, os.MkdirAll(w.p("content/새 폴더/안쪽"), 0o755))
	write(t, w.p("content/새 폴더/안쪽/b.md"), post)
	w.waitReported(t, "content/새 폴더/안쪽/b.md")
	w.settle(t)
	// The folder is watched now, not just walked once: a later edit shows.
	before := len(w.fb.Calls())
	write(t, w.p("content/새 폴더/안쪽/b.md"), post+"more\n")
	testkit.WaitFor(t, "a build after editing the new folder's file", 10*time.Second, func() bool {
		c := w.fb.Calls()
		return len(c) > before && slices.Contains(c[len(c)-1], "content/새 폴더/안쪽/b.md")
	})
	// A root that did not exist at start is picked up when created.
	write(t, w.p("static/css/extra.css"), "a{}")
	w.waitReported(t, "static/css/extra.css")
	write(t, w.p("static/css/extra.css"), "b{}")
	testkit.WaitFor(t, "a build after editing the new root's file", 10*time.Second, func() bool {
		c := w.fb.Calls()
		return slices.Contains(c[len(c)-1], "static/css/extra.css") && len(c) > 3
	})
}

func TestFolderRemovedOrMoved(t *testing.T) {
	w := startWatching(t, map[string]string{
		"content/old/a.md":       post,
		"content/old/deep/b.md":  post,
		"content/moved/c.md":     post,
		"content/moved/sub/d.md": post,
		"layouts/post.html":      "x",
	}, nil)
	must(t, os.RemoveAll(w.p("content/old")))
	w.waitReported(t, "content/old/a.md", "content/old/deep/b.md")
	// Moved out of the site: no event names the files; they are still reported.
	must(t, os.Rename(w.p("content/moved"), filepath.Join(t.TempDir(), "gone")))
	w.waitReported(t, "content/moved/c.md", "content/moved/sub/d.md")
	// Renamed inside the site: old names and new names.
	must(t, os.Rename(w.p("layouts"), w.p("content/layouts-now")))
	w.waitReported(t, "layouts/post.html", "content/layouts-now/post.html")
	// The moved folder's old watches are gone: writing there reports the new name only.
	write(t, w.p("content/layouts-now/post.html"), "y")
	w.settle(t)
	for p := range w.reported() {
		if strings.HasPrefix(p, "content/moved/") && !strings.HasSuffix(p, ".md") {
			t.Errorf("unexpected path %q", p)
		}
	}
}

func TestConfigAtomicSave(t *testing.T) {
	w := startWatching(t, map[string]string{"config.toml": "title = \"글\"\n", "content/a.md": post}, nil)
	write(t, w.p(".config.toml.tmp"), "title = \"새 글\"\n")
	must(t, os.Rename(w.p(".config.toml.tmp"), w.p("config.toml")))
	w.waitReported(t, "config.toml")
	// Again: the watch survives the replacement.
	write(t, w.p(".config.toml.tmp"), "title = \"또 새 글\"\n")
	must(t, os.Rename(w.p(".config.toml.tmp"), w.p("config.toml")))
	testkit.WaitFor(t, "second config save", 10*time.Second, func() bool {
		n := 0
		for _, c := range w.fb.Calls()[1:] {
			if slices.Contains(c, "config.toml") {
				n++
			}
		}
		return n >= 2
	})
	w.settle(t)
	if got := w.reported(); len(got) != 1 {
		t.Errorf("reported %v, want only config.toml", got)
	}
}

// TestEventDuringBuild checks that a change saved while a build runs is
// built next, not beside it, and that a failed build's changes are given
// again.
func TestEventDuringBuild(t *testing.T) {
	const debounce = 30 * time.Millisecond
	release := make(chan struct{})
	var calls sync.Mutex
	n := 0
	var running, overlaps atomic.Int32
	fb := &fakeBuilder{}
	fb.build = func(changed []string) (*site.Result, error) {
		if running.Add(1) > 1 {
			overlaps.Add(1)
		}
		defer running.Add(-1)
		calls.Lock()
		n++
		i := n
		calls.Unlock()
		switch i {
		case 2: // the first rebuild: slow, and fails
			<-release
			return nil, errors.New("content/a.md: broken")
		}
		return &site.Result{Output: site.NewOutput(nil)}, nil
	}
	dir := t.TempDir()
	write(t, filepath.Join(dir, "content/a.md"), post)
	write(t, filepath.Join(dir, "content/b.md"), post)
	log := &testkit.Buffer{}
	s := New(fb, dir, WithDebounce(debounce), WithLogger(log))
	w, err := newWatcher(dir, s.opts.watch, s.logf)
	must(t, err)
	runServer(t, s, func(ctx context.Context) error { return s.runWith(ctx, w) })

	write(t, filepath.Join(w.dir, "content/a.md"), post+"1")
	testkit.WaitFor(t, "the slow build to start", 10*time.Second, func() bool { return len(fb.Calls()) == 2 })
	write(t, filepath.Join(w.dir, "content/b.md"), post+"2")
	// The server must have taken b's change while the build runs: hand it
	// b's event ourselves, then a noise file's. It takes one event at a
	// time, so once it has the second it has handled the first.
	w.fsw.Events <- fsnotify.Event{Name: filepath.Join(w.dir, "content/b.md"), Op: fsnotify.Write}
	w.fsw.Events <- fsnotify.Event{Name: filepath.Join(w.dir, "content/.b.md.swp"), Op: fsnotify.Write}
	// The build lasts past the debounce of b's change, whose timer then
	// fires during it; the fake builder counts any build begun beside another.
	time.Sleep(3 * debounce)
	close(release)
	testkit.WaitFor(t, "the queued build", 10*time.Second, func() bool { return len(fb.Calls()) >= 3 })
	if got := fb.Calls()[2]; !slices.Equal(got, []string{"content/a.md", "content/b.md"}) {
		t.Errorf("build after a failed one got %q, want the failed batch and the new change", got)
	}
	if n := overlaps.Load(); n != 0 {
		t.Errorf("%d builds started while another was running", n)
	}
	if !strings.Contains(log.String(), "content/a.md: broken") {
		t.Errorf("log %q lacks the error", log.String())
	}
}

func TestLogLine(t *testing.T) {
	fb := &fakeBuilder{build: func(changed []string) (*site.Result, error) {
		return &site.Result{Output: site.NewOutput(nil), Rendered: 7}, nil
	}}
	w := startWatching(t, map[string]string{"content/posts/a.md": post}, fb)
	write(t, w.p("content/posts/a.md"), post+"x")
	w.waitReported(t, "content/posts/a.md")
	w.settle(t)
	for _, n := range []int{1, 2, 3} {
		write(t, w.p(fmt.Sprintf("content/posts/%d.md", n)), post)
	}
	w.waitReported(t, "content/posts/1.md", "content/posts/2.md", "content/posts/3.md")
	w.settle(t)
	log := w.log.String()
	for _, re := range []string{
		`(?m)^built 7 pages in \d+ ms$`,
		`(?m)^rebuilt content/posts/a\.md: 7 pages in \d+ ms$`,
		`(?m)^rebuilt content/posts/1\.md \+2 more: 7 pages in \d+ ms$`,
	} {
		if !regexp.MustCompile(re).MatchString(log) {
			t.Errorf("log does not match %s:\n%s", re, log)
		}
	}
}

// TestBuilderPanic checks that a crashing builder does not take the
// server down, and that the next build is a full one.
func TestBuilderPanic(t *testing.T) {
	var mu sync.Mutex
	n := 0
	fb := &fakeBuilder{build: func(changed []string) (*site.Result, error) {
		mu.Lock()
		defer mu.Unlock()
		if n++; n == 2 {
			panic("index out of range")
		}
		return &site.Result{Output: site.NewOutput(nil)}, nil
	}}
	w := startWatching(t, map[string]string{"content/a.md": post}, fb)
	write(t, w.p("content/a.md"), post+"1")
	testkit.WaitFor(t, "the panicking build", 10*time.Second, func() bool { return len(fb.Calls()) == 2 })
	write(t, w.p("content/a.md"), post+"2")
	testkit.WaitFor(t, "the next build", 10*time.Second, func() bool { return len(fb.Calls()) == 3 })
	if c := fb.Calls()[2]; c != nil {
		t.Errorf("build after a panic got %q, want a full build (nil)", c)
	}
	if !strings.Contains(w.log.String(), "index out of range") {
		t.Errorf("log lacks the panic: %q", w.log.String())
	}
}

// TestLinkedRoot watches a content folder that is a link to a folder
// elsewhere, reporting its files under the link's name.
func TestLinkedRoot(t *testing.T) {
	vault := t.TempDir()
	write(t, filepath.Join(vault, "posts", "a.md"), post)
	dir := t.TempDir()
	must(t, os.Symlink(vault, filepath.Join(dir, "content")))
	fb := &fakeBuilder{}
	s := New(fb, dir, WithDebounce(30*time.Millisecond))
	runServer(t, s, s.Run)
	write(t, filepath.Join(vault, "posts", "a.md"), post+"고침")
	testkit.WaitFor(t, "the linked file reported", 10*time.Second, func() bool {
		return union(fb.Calls()[1:])["content/posts/a.md"]
	})
}
