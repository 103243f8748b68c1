package server_test

import (
	"context"
	"fmt"
	"html"
	"io"
	"net"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/geul-blog/geul/pkg/chromium"
	"github.com/geul-blog/geul/pkg/diag"
	"github.com/geul-blog/geul/pkg/server"
	"github.com/geul-blog/geul/pkg/site"
)

// These tests drive a real headless Chromium against a running Server and
// check what a writer sees: pages updating by themselves as files are saved,
// the error overlay, and its going away.

// stepTimeout bounds every wait for the browser.
const stepTimeout = 20 * time.Second

// newBrowser starts a headless Chromium with a fresh profile for the test,
// or skips it (see chromium.ForTest).
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	ctx := chromium.ForTest(t)
	if err := chromedp.Do(ctx); err != nil { // starts the browser
		t.Fatalf("starting the browser: %v", err)
	}
	return ctx
}

// waitPage evaluates the JavaScript expression cond in the page until it is
// true. Unlike chromedp.Poll it survives the page reloading meanwhile,
// which is what live reload does.
func waitPage(t *testing.T, ctx context.Context, what, cond string) {
	t.Helper()
	deadline := time.Now().Add(stepTimeout)
	var lastErr error
	for time.Now().Before(deadline) {
		ectx, cancel := context.WithTimeout(ctx, 2*time.Second)
		ok, err := chromedp.Run(ectx, chromedp.Evaluate[bool](cond))
		cancel()
		if err == nil && ok {
			return
		}
		lastErr = err
		time.Sleep(50 * time.Millisecond)
	}
	ectx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	loc, _ := chromedp.Run(ectx, chromedp.Location())
	page, _ := chromedp.Run(ectx, chromedp.Evaluate[string](`document.documentElement.outerHTML`))
	t.Fatalf("%s: not seen within %v (last error: %v)\nat %s:\n%s", what, stepTimeout, lastErr, loc, page)
}

func navigate(t *testing.T, ctx context.Context, url string) int64 {
	t.Helper()
	nctx, cancel := context.WithTimeout(ctx, stepTimeout)
	defer cancel()
	resp, err := chromedp.Run(nctx, chromedp.NavigateResponse(url))
	if err != nil {
		t.Fatalf("navigate to %s: %v", url, err)
	}
	return resp.Status
}

// served is a running Server on a real listener.
type served struct {
	url string // "http://127.0.0.1:port/"
	dir string
}

// serve runs a Server for the site in dir on a free port until the test
// ends; builder makes the Builder once the URL is known.
func serve(t *testing.T, dir string, builder func(url string) server.Builder, opts ...server.Option) *served {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	url := "http://" + ln.Addr().String() + "/"
	s := server.New(builder(url), dir, append([]server.Option{server.WithDebounce(50 * time.Millisecond)}, opts...)...)
	hs := &http.Server{Handler: s.Handler()}
	ctx, cancel := context.WithCancel(context.Background())
	runDone := make(chan error, 1)
	go func() { runDone <- s.Run(ctx) }()
	go hs.Serve(ln)
	t.Cleanup(func() {
		cancel()
		<-runDone
		sctx, c := context.WithTimeout(context.Background(), 5*time.Second)
		defer c()
		hs.Shutdown(sctx)
	})
	select {
	case <-s.Ready():
	case err := <-runDone:
		t.Fatalf("Run: %v", err)
	case <-time.After(stepTimeout):
		t.Fatal("no first build")
	}
	return &served{url: url, dir: dir}
}

func writeFile(t *testing.T, dir, rel, data string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	// Written to a temporary name and renamed, as most editors save.
	tmp := filepath.Join(filepath.Dir(p), "."+filepath.Base(p)+".tmp")
	if err := os.WriteFile(tmp, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, p); err != nil {
		t.Fatal(err)
	}
}

// js quotes s as a JavaScript string.
func js(s string) string { return fmt.Sprintf("%q", s) }

func bodyHas(text string) string {
	return `document.body !== null && document.body.innerText.includes(` + js(text) + `)`
}

const overlayShows = `(function(){ var o = document.getElementById("geul-error-overlay"); return o !== null && o.innerText.includes(%s); })()`
const overlayGone = `document.getElementById("geul-error-overlay") === null`

// recorder keeps the last good Result of the Builder it wraps, so the test
// can find a post's output path whatever the permalink scheme.
type recorder struct {
	b    server.Builder
	mu   sync.Mutex
	last *site.Result
}

func (r *recorder) Build(ctx context.Context) (*site.Result, error) {
	return r.keep(r.b.Build(ctx))
}

func (r *recorder) Rebuild(ctx context.Context, changes site.Changes) (*site.Result, error) {
	return r.keep(r.b.Rebuild(ctx, changes))
}

func (r *recorder) keep(res *site.Result, err error) (*site.Result, error) {
	if err == nil {
		r.mu.Lock()
		r.last = res
		r.mu.Unlock()
	}
	return res, err
}

// pageURL returns the URL path of the one page whose output path contains
// slug.
func (r *recorder) pageURL(t *testing.T, slug string) string {
	t.Helper()
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.last == nil {
		t.Fatal("the site was never built")
	}
	var found []string
	for _, p := range r.last.Output.Paths() {
		if strings.Contains(p, slug) && strings.HasSuffix(p, "/index.html") {
			found = append(found, "/"+strings.TrimSuffix(p, "index.html"))
		}
	}
	if len(found) != 1 {
		t.Fatalf("pages for %q: %q, want one", slug, found)
	}
	return found[0]
}

// TestBrowserRealSite is the writer's loop against the real site builder
// and default theme: edit, break, fix, delete.
func TestBrowserRealSite(t *testing.T) {
	ctx := newBrowser(t)
	dir := t.TempDir()
	writeFile(t, dir, "config.toml", "title = \"글 실험실\"\nlanguageCode = \"ko\"\ntimeZone = \"Asia/Seoul\"\n")
	first := "+++\ntitle = \"[서버 장애 🧯] 첫 글\"\ndate = 2023-05-31\ncategories = [\"생각\"]\n+++\n\n## [휴식 ⏸️]\n\n처음 쓴 문단입니다 👍\n"
	writeFile(t, dir, "content/posts/first-post.md", first)
	writeFile(t, dir, "content/posts/second-post.md", "+++\ntitle = \"두 번째 글 🏃‍♂️\"\ndate = 2023-06-01\n+++\n\n두 번째 본문.\n")

	rec := &recorder{}
	srv := serve(t, dir, func(url string) server.Builder {
		rec.b = site.NewBuilder(dir, site.WithBaseURL(url))
		return rec
	})
	if rec.last == nil {
		t.Fatal("the first build of the test site failed; see the server log")
	}
	firstURL, secondURL := rec.pageURL(t, "first-post"), rec.pageURL(t, "second-post")

	if status := navigate(t, ctx, srv.url+strings.TrimPrefix(firstURL, "/")); status != 200 {
		t.Fatalf("GET %s: %d", firstURL, status)
	}
	waitPage(t, ctx, "the post", bodyHas("처음 쓴 문단입니다"))

	writeFile(t, dir, "content/posts/first-post.md", strings.Replace(first, "처음 쓴 문단입니다", "고쳐 쓴 문단입니다 ✏️", 1))
	waitPage(t, ctx, "the edited text, with no action in the browser", bodyHas("고쳐 쓴 문단입니다"))

	writeFile(t, dir, "content/posts/first-post.md", "+++\ntitle = \"닫히지 않은 따옴표\ndate = 2023-05-31\n+++\n본문\n")
	waitPage(t, ctx, "the error overlay naming the file", fmt.Sprintf(overlayShows, js("content/posts/first-post.md")))
	if !strings.Contains(fetch(t, srv.url+strings.TrimPrefix(firstURL, "/")), "고쳐 쓴 문단입니다") {
		t.Error("while the post is broken, its last good version is not served")
	}

	writeFile(t, dir, "content/posts/first-post.md", strings.Replace(first, "처음 쓴 문단입니다", "다시 고친 문단 🛠️", 1))
	waitPage(t, ctx, "the fixed page, overlay gone", overlayGone+" && "+bodyHas("다시 고친 문단"))

	// The deletion reloads the page being looked at; the mark tells when
	// that is done, so the navigation below is not cut short by it.
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`window.geulMark = true`)); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(dir, "content/posts/second-post.md")); err != nil {
		t.Fatal(err)
	}
	waitPage(t, ctx, "the page reloaded after the deletion", `window.geulMark === undefined && document.readyState === "complete"`)
	secondAbs := srv.url + strings.TrimPrefix(secondURL, "/")
	deadline := time.Now().Add(stepTimeout)
	for status(t, secondAbs) != http.StatusNotFound {
		if time.Now().After(deadline) {
			t.Fatalf("%s still served after the post was deleted", secondURL)
		}
		time.Sleep(50 * time.Millisecond)
	}
	if got := navigate(t, ctx, secondAbs); got != http.StatusNotFound {
		t.Errorf("browser got %d for the deleted post, want 404", got)
	}
}

func fetch(t *testing.T, url string) string {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body) // a cut-short body fails the caller's check
	return string(b)
}

func status(t *testing.T, url string) int {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// TestBrowserClient checks the parts of the live-reload script that the
// real site makes hard to trigger on purpose: the stylesheet swap (no
// reload), going to an edited post, the overlay escaping its text, and a
// page served before any build succeeded. It uses a toy builder.
func TestBrowserClient(t *testing.T) {
	ctx := newBrowser(t)
	dir := t.TempDir()
	writeFile(t, dir, "static/style.css", "h1 { color: rgb(255, 0, 0); }")
	writeFile(t, dir, "content/posts/a.md", "+++\n한 글\n+++\n가나다")
	writeFile(t, dir, "content/posts/b.md", "+++\n두 글\n+++\n라마바")
	srv := serve(t, dir, func(string) server.Builder { return &toyBuilder{dir: dir} })

	navigate(t, ctx, srv.url+"posts/a/")
	waitPage(t, ctx, "post a", bodyHas("가나다"))
	// A mark that a reload would wipe out.
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`window.geulMark = true`)); err != nil {
		t.Fatal(err)
	}
	writeFile(t, dir, "static/style.css", "h1 { color: rgb(0, 0, 255); }")
	waitPage(t, ctx, "the new stylesheet, without a reload",
		`getComputedStyle(document.querySelector("h1")).color === "rgb(0, 0, 255)" && window.geulMark === true`)

	writeFile(t, dir, "content/posts/b.md", "+++\n두 글\n+++\n라마바 고침")
	waitPage(t, ctx, "going to the edited post", `location.pathname === "/posts/b/" && `+bodyHas("라마바 고침"))

	writeFile(t, dir, "content/posts/a.md", "+++\n<img src=x onerror=window.geulXSS=1>\n본문")
	waitPage(t, ctx, "the overlay", fmt.Sprintf(overlayShows, js("content/posts/a.md:1: front matter is not closed")))
	waitPage(t, ctx, "the overlay's text shown as text", fmt.Sprintf(overlayShows, js("<img src=x onerror=window.geulXSS=1>"))+
		` && document.querySelector("#geul-error-overlay img") === null && window.geulXSS === undefined`)

	// A page opened while the site is broken shows the errors too.
	navigate(t, ctx, srv.url+"posts/b/")
	waitPage(t, ctx, "the overlay on a newly opened page", fmt.Sprintf(overlayShows, js("front matter is not closed")))

	writeFile(t, dir, "content/posts/a.md", "+++\n한 글\n+++\n가나다 다시")
	waitPage(t, ctx, "overlay gone after the fix", overlayGone+" && "+bodyHas("라마바 고침"))
}

// TestBrowserFirstBuildFails opens the site while its first build is
// broken, and sees it appear once fixed.
func TestBrowserFirstBuildFails(t *testing.T) {
	ctx := newBrowser(t)
	dir := t.TempDir()
	writeFile(t, dir, "content/posts/a.md", "+++\n깨진 글\n")
	srv := serve(t, dir, func(string) server.Builder { return &toyBuilder{dir: dir} })
	if got := navigate(t, ctx, srv.url+"posts/a/"); got != http.StatusInternalServerError {
		t.Errorf("status %d, want 500", got)
	}
	waitPage(t, ctx, "the overlay", fmt.Sprintf(overlayShows, js("content/posts/a.md:1")))
	writeFile(t, dir, "content/posts/a.md", "+++\n고친 글\n+++\n이제 된다")
	waitPage(t, ctx, "the page", overlayGone+" && "+bodyHas("이제 된다"))
}

// toyBuilder is a stand-in for site.Builder: content/posts/NAME.md, made of
// "+++", a title line, "+++" and a body, becomes posts/NAME/index.html;
// static/ is copied.
type toyBuilder struct {
	dir  string
	prev map[string][]byte
}

func (b *toyBuilder) Build(context.Context) (*site.Result, error) { return b.build(true, nil) }

func (b *toyBuilder) Rebuild(_ context.Context, changes site.Changes) (*site.Result, error) {
	return b.build(false, changes.Paths)
}

func (b *toyBuilder) build(full bool, changed []string) (*site.Result, error) {
	files := map[string][]byte{}
	var errs diag.List
	posts, _ := filepath.Glob(filepath.Join(b.dir, "content", "posts", "*.md"))
	for _, p := range posts {
		src, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		rel := "content/posts/" + filepath.Base(p)
		parts := strings.SplitN(string(src), "+++\n", 3)
		if len(parts) != 3 || parts[0] != "" {
			errs = append(errs, &diag.Error{Path: rel, Line: 1, Msg: "front matter is not closed: " + strings.TrimSpace(strings.TrimPrefix(string(src), "+++")),
				Hint: "add +++ after it"})
			continue
		}
		name := strings.TrimSuffix(filepath.Base(p), ".md")
		files["posts/"+name+"/index.html"] = []byte(`<!doctype html><html><head><meta charset="utf-8"><link rel="stylesheet" href="/style.css"></head>` +
			"<body><h1>" + html.EscapeString(strings.TrimSpace(parts[1])) + "</h1><p>" + html.EscapeString(parts[2]) + "</p></body></html>")
	}
	if css, err := os.ReadFile(filepath.Join(b.dir, "static", "style.css")); err == nil {
		files["style.css"] = css
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	res := &site.Result{Output: site.NewOutput(files), Full: full, Rendered: len(posts)}
	for p, data := range files {
		if old, ok := b.prev[p]; !ok || string(old) != string(data) {
			res.Changed = append(res.Changed, p)
		}
	}
	for p := range b.prev {
		if _, ok := files[p]; !ok {
			res.Changed = append(res.Changed, p)
		}
	}
	slices.Sort(res.Changed)
	for _, c := range changed {
		if strings.HasPrefix(c, "content/posts/") {
			res.Edited = append(res.Edited, "/posts/"+strings.TrimSuffix(path.Base(c), ".md")+"/")
		}
	}
	b.prev = files
	return res, nil
}
