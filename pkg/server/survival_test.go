package server

import (
	"archive/tar"
	"bytes"
	"context"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/geul-blog/geul/pkg/sitetest"
	"github.com/geul-blog/geul/pkg/testkit"
)

// These tests do to a served site what a writer's tools do to it — a git
// checkout that removes content/, a burst of thousands of new files, a
// file that is briefly something else — and check that the server lives
// through it and ends up serving what a clean build of the folder gives.

// waitStatus waits until GET path answers code.
func (l *liveSite) waitStatus(t *testing.T, path string, code int) {
	t.Helper()
	testkit.WaitFor(t, fmt.Sprintf("GET %s to answer %d", path, code), 20*time.Second, func() bool {
		got, _ := l.get(t, path)
		return got == code
	})
}

// blogContent writes the content/ files of sitetest.Blog into the site.
func (l *liveSite) blogContent(t *testing.T) {
	t.Helper()
	for name, f := range sitetest.MapFS(sitetest.Blog) {
		if strings.HasPrefix(name, "content/") {
			write(t, l.p(name), string(f.Data))
		}
	}
}

func TestServeContentFolderGoesAndComes(t *testing.T) {
	l := startLive(t, sitetest.Blog)

	// Deleted (a git checkout of a branch without it, rm -r by mistake).
	must(t, os.RemoveAll(l.p("content")))
	l.waitStatus(t, "/posts/retro/", http.StatusNotFound)
	l.settlesTo(t, "/")

	// Recreated, file by file.
	l.blogContent(t)
	l.settlesTo(t, "/", "/posts/retro/", "/posts/trip/", "/categories/생각/")

	// Moved out of the watched folders and back.
	must(t, os.Rename(l.p("content"), l.p("content-away")))
	l.waitStatus(t, "/posts/retro/", http.StatusNotFound)
	must(t, os.Rename(l.p("content-away"), l.p("content")))
	l.settlesTo(t, "/", "/posts/retro/", "/posts/aws/")

	// content/posts replaced by a file of the same name, and back.
	must(t, os.RemoveAll(l.p("content/posts")))
	write(t, l.p("content/posts"), "+++\ntitle = \"폴더였던 파일\"\n+++\n본문\n")
	l.waitStatus(t, "/posts/retro/", http.StatusNotFound)
	l.settlesTo(t, "/")
	must(t, os.Remove(l.p("content/posts")))
	l.blogContent(t)
	l.settlesTo(t, "/", "/posts/retro/")

	// Its folders are watched again: an edit deep inside shows.
	l.save(t, "content/posts/trip/index.md", "+++\ntitle = \"제주 여행 2 🏝️\"\ndate = 2023-03-01\ncategories = \"여행\"\ncover = \"sea.png\"\n+++\n다시 간 바다\n")
	l.waitStatus(t, "/posts/trip/", http.StatusOK)
	testkit.WaitFor(t, "the edited post", 20*time.Second, func() bool {
		_, body := l.get(t, "/posts/trip/")
		return strings.Contains(body, "다시 간 바다")
	})
	l.settlesTo(t, "/posts/trip/", "/categories/여행/")
}

// miniSite is a site on a theme of a few lines, so that building
// thousands of posts takes a moment even under the race detector; the
// default theme's templates would take most of a minute there.
const miniSite = `
-- config.toml --
title = "작은 블로그"
languageCode = "ko"
theme = "mini"
paginate = 100
-- themes/mini/theme.toml --
name = "mini"
-- themes/mini/layouts/baseof.html --
<!doctype html><html lang="ko"><head><meta charset="utf-8"><title>{{ .Title }}</title></head><body>{{ block "main" . }}{{ end }}</body></html>
-- themes/mini/layouts/single.html --
{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Page.Content }}{{ end }}
-- themes/mini/layouts/list.html --
{{ define "main" }}<h1>{{ .Title }}</h1>{{ range .Paginator.Pages }}<a href="{{ .URL }}">{{ .Title }}</a>{{ end }}{{ end }}
-- themes/mini/layouts/taxonomy.html --
{{ define "main" }}{{ .Title }}{{ end }}
-- themes/mini/layouts/archive.html --
{{ define "main" }}{{ .Title }}{{ end }}
-- themes/mini/layouts/404.html --
{{ define "main" }}{{ .Title }}{{ end }}
-- content/posts/first.md --
+++
title = "첫 글"
date = 2024-01-01
+++
본문
`

// TestServeBurstOfPosts unpacks 2,000 posts at once, half of them in a
// new folder (a git pull, an import): all are served after a few builds.
// The files are written by tar, another process as git would be: written
// from the test's own goroutines they would wait for the builds' goroutines
// to let them run, and trickle in over many builds.
func TestServeBurstOfPosts(t *testing.T) {
	if testing.Short() {
		t.Skip("burst test skipped in -short mode")
	}
	const n = 2000
	tarExe, err := exec.LookPath("tar")
	if err != nil {
		t.Skip("no tar to unpack the files with")
	}
	var archive bytes.Buffer
	tw := tar.NewWriter(&archive)
	for i := range n {
		name := fmt.Sprintf("a-%04d.md", i)
		if i%2 == 1 {
			name = fmt.Sprintf("가져온 글/b-%04d.md", i)
		}
		data := fmt.Sprintf("+++\ntitle = \"글 %d 🏃‍♂️\"\ndate = 2024-01-%02d\n+++\n본문 %d ⏸️\n", i, i%28+1, i)
		must(t, tw.WriteHeader(&tar.Header{Name: name, Mode: 0o644, Size: int64(len(data)), Format: tar.FormatPAX}))
		_, err := tw.Write([]byte(data))
		must(t, err)
	}
	must(t, tw.Close())
	const debounce = 200 * time.Millisecond
	l := startLive(t, miniSite, WithDebounce(debounce))
	before, _ := l.rec.counts()
	start := time.Now()
	untar := exec.Command(tarExe, "-x", "-C", l.p("content/posts"))
	untar.Stdin = &archive
	if out, err := untar.CombinedOutput(); err != nil {
		t.Fatalf("tar: %v\n%s", err, out)
	}
	unpacked := time.Since(start)
	testkit.WaitFor(t, "every post to be served", 60*time.Second, func() bool {
		out := l.s.cur.Load().out
		for i := range n {
			name := fmt.Sprintf("posts/a-%04d/index.html", i)
			if i%2 == 1 {
				name = fmt.Sprintf("posts/가져온 글/b-%04d/index.html", i) // a nested folder keeps its path, as in Hugo
			}
			if _, ok := out.Get(name); !ok {
				return false
			}
		}
		return true
	})
	l.settlesTo(t, "/", "/posts/a-0000/", "/posts/a-1998/", "/page/20/")
	calls, fails := l.rec.counts()
	t.Logf("unpacked %d posts in %v; served after %v and %d builds (%d failed)", n, unpacked.Round(time.Millisecond),
		time.Since(start).Round(time.Millisecond), calls-before, fails)
	// While files keep coming, a build starts at most every ten debounce
	// times; a few more come when the copy ends and after a build that
	// caught a file half-written.
	if builds, most := calls-before, 3+int(unpacked/(10*debounce)); builds > most {
		t.Errorf("%d builds for one burst of %d files unpacked in %v, want at most %d", builds, n, unpacked, most)
	}
	for i := 0; i < n; i += 97 {
		p := fmt.Sprintf("/posts/a-%04d/", i)
		if i%2 == 1 {
			p = fmt.Sprintf("/posts/가져온%%20글/b-%04d/", i)
		}
		if code, body := l.get(t, p); code != http.StatusOK || !strings.Contains(body, fmt.Sprintf("<h1>글 %d 🏃‍♂️</h1>", i)) {
			t.Errorf("GET %s: %d %.200q", p, code, body)
		}
	}
}

// TestServeFileGlitches makes a post briefly something other than a post:
// a folder, a file that is not UTF-8, a file caught half-written. Each
// time the server keeps running, shows the error (if any) and clears it,
// and serves a clean build once the file is back.
func TestServeFileGlitches(t *testing.T) {
	const rel = "content/posts/hello.md"
	l := startLive(t, sitetest.Blog)
	events := l.events(t)
	good := string(sitetest.MapFS(sitetest.Blog)[rel].Data)
	isError := func(ev sseEvent) bool {
		return ev.name == "error" && strings.Contains(ev.data, `"path":"`+rel+`"`)
	}
	isReload := func(ev sseEvent) bool { return ev.name == "reload" }
	servedWhileBroken := func(t *testing.T) {
		t.Helper()
		if code, body := l.get(t, "/posts/hello/"); code != http.StatusOK || !strings.Contains(body, "Hello, world") {
			t.Errorf("while the post is broken, GET /posts/hello/: %d; want the last good page", code)
		}
	}

	t.Run("replaced by a folder of the same name", func(t *testing.T) {
		must(t, os.Remove(l.p(rel)))
		must(t, os.Mkdir(l.p(rel), 0o755))
		l.waitStatus(t, "/posts/hello/", http.StatusNotFound)
		l.alive(t)
		must(t, os.Remove(l.p(rel)))
		l.save(t, rel, good)
		l.settlesTo(t, "/posts/hello/", "/")
	})

	t.Run("not UTF-8 for a moment", func(t *testing.T) {
		l.save(t, rel, strings.Replace(good, "An English post", "An \xff\xfe post", 1))
		ev := waitEvent(t, events, 20*time.Second, "the error event", isError)
		if !strings.Contains(ev.data, "content/posts/hello.md:7") || !strings.Contains(ev.data, "save it as UTF-8") {
			t.Errorf("error event %s lacks the line or the hint", ev.data)
		}
		servedWhileBroken(t)
		l.save(t, rel, good)
		waitEvent(t, events, 20*time.Second, "the reload that clears the overlay", isReload)
		l.settlesTo(t, "/posts/hello/")
	})

	t.Run("caught half-written", func(t *testing.T) {
		f, err := os.OpenFile(l.p(rel), os.O_WRONLY|os.O_TRUNC, 0)
		must(t, err)
		defer f.Close()
		_, err = f.WriteString(good[:len("---\ntitle: Hel")])
		must(t, err)
		must(t, f.Sync())
		ev := waitEvent(t, events, 20*time.Second, "the error event", isError)
		if !strings.Contains(ev.data, "content/posts/hello.md:1") {
			t.Errorf("error event %s lacks the line", ev.data)
		}
		servedWhileBroken(t)
		_, err = f.WriteString(good[len("---\ntitle: Hel"):])
		must(t, err)
		must(t, f.Close())
		waitEvent(t, events, 20*time.Second, "the reload that clears the overlay", isReload)
		l.settlesTo(t, "/posts/hello/")
	})
}

// TestLostEventsRescan checks what happens when the kernel drops file
// events (its queue overflowed in a burst too big for it): the server
// watches every folder again and builds everything, so a file whose
// events were lost is built, and later edits beside it are seen.
func TestLostEventsRescan(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "content/posts/a.md"), post)
	fb := &fakeBuilder{}
	log := &testkit.Buffer{}
	s := New(fb, dir, WithDebounce(30*time.Millisecond), WithLogger(log))
	w, err := newWatcher(dir, s.opts.watch, s.logf)
	must(t, err)
	posts := filepath.Join(w.dir, "content", "posts")
	runServer(t, s, func(ctx context.Context) error { return s.runWith(ctx, w) })

	// Lose the events of content/posts, as an overflow would.
	must(t, w.fsw.Remove(posts))
	write(t, filepath.Join(posts, "lost.md"), post)
	// A sentinel where events still come: the kernel queues events in
	// order, so once it is built, lost.md's event would have been too.
	const sentinel = "content/sentinel.md"
	write(t, filepath.Join(w.dir, filepath.FromSlash(sentinel)), post)
	testkit.WaitFor(t, "the sentinel built", 10*time.Second, func() bool { return union(fb.Calls())[sentinel] })
	for _, c := range fb.Calls()[1:] {
		if c == nil || slices.ContainsFunc(c, func(p string) bool { return p != sentinel }) {
			t.Fatalf("builds %q after an unwatched write; the test cannot lose events", fb.Calls())
		}
	}
	before := len(fb.Calls())
	w.fsw.Errors <- fsnotify.ErrEventOverflow
	full := -1
	testkit.WaitFor(t, "a full build after the overflow", 10*time.Second, func() bool {
		full = slices.IndexFunc(fb.Calls()[before:], func(c []string) bool { return c == nil })
		return full >= 0
	})
	for _, c := range fb.Calls()[before : before+full] {
		if slices.ContainsFunc(c, func(p string) bool { return p != sentinel }) {
			t.Errorf("build %q after the overflow, before the full one", c)
		}
	}
	if !strings.Contains(log.String(), "too many file changes at once; rebuilding everything") {
		t.Errorf("log lacks the overflow: %q", log.String())
	}
	write(t, filepath.Join(posts, "lost.md"), post+"고침\n")
	testkit.WaitFor(t, "the folder watched again", 10*time.Second, func() bool {
		return union(fb.Calls()[before+full+1:])["content/posts/lost.md"]
	})
}
