package webcheck

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/geul-blog/geul/pkg/chromium"
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
		deadline := time.Now().Add(30 * time.Second)
		for time.Now().Before(deadline) {
			ectx, cancel := context.WithTimeout(ctx, 5*time.Second)
			ok, err := chromedp.Run(ectx, chromedp.Evaluate[bool](cond))
			cancel()
			if err == nil && ok {
				return
			}
			time.Sleep(100 * time.Millisecond)
		}
		t.Fatalf("%s: not seen", what)
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
