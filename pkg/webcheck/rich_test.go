package webcheck

import (
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/geul-blog/geul/pkg/chromium"

	"github.com/geul-blog/geul/pkg/testkit"
)

// offSite is a JavaScript expression: the URLs of the resources the
// page fetched that are not on its own origin.
const offSite = `performance.getEntriesByType("resource").map(e => e.name).filter(u => !u.startsWith(location.origin))`

// TestMathAndDiagramRendered opens the example blog's post with math and a
// Mermaid diagram in Chromium: KaTeX typesets the formulas, Mermaid draws
// the diagram as SVG, and no request leaves the site. A post without
// either loads neither.
func TestMathAndDiagramRendered(t *testing.T) {
	ctx := chromium.ForTest(t)
	public := buildExample(t)
	srv := httptest.NewServer(http.FileServer(http.Dir(public)))
	defer srv.Close()

	wait := func(what, cond string) {
		t.Helper()
		if !testkit.Poll(30*time.Second, func() bool {
			ectx, cancel := context.WithTimeout(ctx, 5*time.Second)
			defer cancel()
			ok, err := chromedp.Run(ectx, chromedp.Evaluate[bool](cond))
			return err == nil && ok
		}) {
			t.Fatalf("%s: not seen", what)
		}
	}
	nctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if _, err := chromedp.Run(nctx, chromedp.Navigate(srv.URL+"/posts/math-and-diagrams/")); err != nil {
		t.Fatal(err)
	}
	wait("inline math typeset by KaTeX", `document.querySelectorAll("span.math .katex").length >= 2`)
	wait("displayed math typeset by KaTeX", `!!document.querySelector("div.math.display .katex-display")`)
	wait("the diagram drawn by Mermaid", `!!document.querySelector("pre.mermaid svg") && document.querySelector("pre.mermaid svg").textContent.includes("배포")`)
	off, err := chromedp.Run(nctx, chromedp.Evaluate[[]string](offSite))
	if err != nil {
		t.Fatal(err)
	}
	if len(off) > 0 {
		t.Errorf("requests off-site: %v", off)
	}
	loaded, err := chromedp.Run(nctx, chromedp.Evaluate[[]string](`performance.getEntriesByType("resource").map(e => e.name)`))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(strings.Join(loaded, " "), "katex") || !strings.Contains(strings.Join(loaded, " "), "woff2") {
		t.Errorf("KaTeX or its fonts not loaded from the site: %v", loaded)
	}

	// A post with neither loads neither.
	nctx, cancel2 := context.WithTimeout(ctx, 30*time.Second)
	defer cancel2()
	if _, err := chromedp.Run(nctx, chromedp.Navigate(srv.URL+"/posts/go-backup-tool/")); err != nil {
		t.Fatal(err)
	}
	loaded, err = chromedp.Run(nctx, chromedp.Evaluate[[]string](`performance.getEntriesByType("resource").map(e => e.name)`))
	if err != nil {
		t.Fatal(err)
	}
	if all := strings.Join(loaded, " "); strings.Contains(all, "katex") || strings.Contains(all, "mermaid") {
		t.Errorf("a post without math or diagrams loaded %v", loaded)
	}
}

// commentsObserved resolves once an IntersectionObserver made now has had
// its first report on #comments.
const commentsObserved = `new Promise(resolve => {
	const io = new IntersectionObserver(() => { io.disconnect(); resolve(true); });
	io.observe(document.getElementById("comments"));
})`

// TestCommentsLoadOnScroll: with [comments] on, a post's page makes no
// request off-site until the reader scrolls to the comments; then the
// widget's script is added.
func TestCommentsLoadOnScroll(t *testing.T) {
	ctx := chromium.ForTest(t)
	dir := t.TempDir()
	long := strings.Repeat("오래 걸어도 지치지 않는 길이었다. 바다가 계속 보였다.\n\n", 120)
	files := map[string]string{
		"config.toml":           "title = \"댓글\"\n[comments]\nprovider = \"giscus\"\nrepo = \"owner/blog\"\nrepoId = \"R_1\"\ncategory = \"Comments\"\ncategoryId = \"DIC_1\"\n",
		"content/posts/long.md": "+++\ntitle = \"긴 글\"\ndate = 2024-05-01\n+++\n\n" + long,
	}
	testkit.WriteFiles(t, dir, files)
	public := filepath.Join(t.TempDir(), "public")
	if err := Build(context.Background(), dir, public); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.FileServer(http.Dir(public)))
	defer srv.Close()

	nctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if _, err := chromedp.Run(nctx, chromedp.Navigate(srv.URL+"/posts/long/")); err != nil {
		t.Fatal(err)
	}
	// A sentinel: an IntersectionObserver of the test's, made after the
	// page's, gets its first report in the same task as the page's or a
	// later one; once it has, the page's observer has been told whether the
	// comments are in view, and a wrong, eager script has loaded giscus.
	if _, err := chromedp.Run(nctx, chromedp.Evaluate[bool](commentsObserved, chromedp.EvalAwaitPromise)); err != nil {
		t.Fatalf("the test's observer of #comments: %v", err)
	}
	has, err := chromedp.Run(nctx, chromedp.Evaluate[bool](`!!document.querySelector("#comments[data-provider=giscus]") && !document.querySelector("script[src*='giscus.app']")`))
	if err != nil || !has {
		t.Fatalf("before scrolling: the comments block is missing or giscus is already loaded (%v)", err)
	}
	off, err := chromedp.Run(nctx, chromedp.Evaluate[[]string](offSite))
	if err != nil || len(off) > 0 {
		t.Fatalf("requests off-site before scrolling: %v %v", off, err)
	}
	if _, err := chromedp.Run(nctx, chromedp.Evaluate[bool](`window.scrollTo(0, document.body.scrollHeight), true`)); err != nil {
		t.Fatal(err)
	}
	if !testkit.Poll(10*time.Second, func() bool {
		ok, err := chromedp.Run(nctx, chromedp.Evaluate[bool](`!!document.querySelector("#comments script[src='https://giscus.app/client.js'][data-repo='owner/blog'][data-category-id='DIC_1']")`))
		return err == nil && ok
	}) {
		t.Fatal("after scrolling to the comments, giscus's script was not added")
	}
}
