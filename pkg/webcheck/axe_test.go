package webcheck

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/geul-blog/geul/pkg/chromium"
)

// axePages are the pages axe-core checks: one of each kind a reader meets.
// The post with code blocks also has the copy button and language label
// that code.js adds, so axe sees them too.
var axePages = []struct {
	name, path string
	ready      string // a selector that is there once the page's scripts ran
}{
	{"home", "/", ".theme-toggle:not([hidden])"},
	{"post", "/posts/2024-04-retrospective/", ".theme-toggle:not([hidden])"},
	{"post-with-code", "/posts/go-backup-tool/", ".code-block .code-lang + .code-copy"},
	{"post-with-math-and-diagram", "/posts/math-and-diagrams/", "pre.mermaid svg"},
	{"post-with-gallery-and-notice", "/posts/jeju-trip/", ".theme-toggle:not([hidden])"},
	{"category", "/categories/생각/", ".theme-toggle:not([hidden])"},
	{"category-branch", "/categories/개발/go/", ".theme-toggle:not([hidden])"}, // the sidebar tree open at it, a breadcrumb
	{"archive", "/archive/", ".theme-toggle:not([hidden])"},
	{"404", "/404.html", ".theme-toggle:not([hidden])"},
	{"search", "/search/?q=" + url.QueryEscape("서버 백업"), "#search-results mark"},
}

// axeModes are the ways a reader gets light or dark: the system setting
// (emulated prefers-color-scheme), or the theme's toggle pressed against
// it; and dark on a phone, where the layout is narrow and touch shows the
// heading anchors.
var axeModes = []struct {
	name   string
	system string // prefers-color-scheme
	toggle bool   // press .theme-toggle once
	dark   bool   // the page should be dark
	width  int    // px
}{
	{"light", "light", false, false, 1280},
	{"dark", "dark", false, true, 1280},
	{"toggle-dark", "light", true, true, 1280},
	{"toggle-light", "dark", true, false, 1280},
	{"phone-dark", "dark", false, true, 375},
}

// knownInaccessible is a page axe-core must find fault with; see knownBad.
const knownInaccessible = `<!DOCTYPE html><html lang="ko"><head><title>틀림</title></head>
<body><main><img src="x.png"><p style="color:#bbb;background:#fff">흐린 글씨</p></main></body></html>`

// TestAxe runs axe-core on every page of axePages in every mode of
// axeModes and wants no violations.
func TestAxe(t *testing.T) {
	tools := FindTools(root)
	need(t, tools.NeedAxe())
	t.Parallel() // with vnu's JVM, on the other core
	axeJS, err := os.ReadFile(tools.Axe)
	if err != nil {
		t.Fatal(err)
	}
	public := buildExample(t)
	mux := http.NewServeMux()
	mux.Handle("/", http.FileServer(http.Dir(public)))
	mux.HandleFunc("/known-inaccessible.html", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(knownInaccessible))
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	bctx, cancel := chromium.Start(context.Background(), tools.Chromium, t.TempDir())
	defer cancel()
	// The first Run starts the browser; its context must have no deadline.
	if err := chromedp.Do(bctx); err != nil {
		t.Fatalf("starting %s: %v", tools.Chromium, err)
	}
	run := func(t *testing.T, a chromedp.Action[chromedp.Void]) {
		t.Helper()
		ctx, cancel := context.WithTimeout(bctx, 30*time.Second)
		defer cancel()
		if err := chromedp.Do(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	axe := func(t *testing.T) []Violation {
		t.Helper()
		ctx, cancel := context.WithTimeout(bctx, 30*time.Second)
		defer cancel()
		vs, err := chromedp.Run(ctx, Axe(string(axeJS)))
		if err != nil {
			t.Fatal(err)
		}
		return vs
	}
	eval := func(t *testing.T, js string) any {
		t.Helper()
		ctx, cancel := context.WithTimeout(bctx, 10*time.Second)
		defer cancel()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[any](js))
		if err != nil {
			t.Fatalf("%s: %v", js, err)
		}
		return v
	}

	t.Run("known-inaccessible", func(t *testing.T) {
		run(t, chromedp.Navigate(srv.URL+"/known-inaccessible.html"))
		found := map[string]bool{}
		for _, v := range axe(t) {
			found[v.ID] = true
		}
		if !found["image-alt"] || !found["color-contrast"] {
			t.Errorf("axe-core found %v on a page with an image without alt and grey-on-white text; want image-alt and color-contrast", found)
		}
	})

	start := time.Now()
	for _, mode := range axeModes {
		for _, page := range axePages {
			t.Run(mode.name+"/"+page.name, func(t *testing.T) {
				run(t, chromedp.Steps(
					Viewport(mode.width, 900),
					ColorScheme(mode.system),
					chromedp.Navigate(srv.URL+page.path),
					chromedp.WaitReady(chromedp.CSS(page.ready)),
				))
				if mode.toggle {
					run(t, chromedp.Click(chromedp.CSS(".theme-toggle")))
					// The choice is stored; forget it so the next page starts from the system setting.
					defer eval(t, `localStorage.clear()`)
				}
				// The colors axe judges must be the ones this mode promises.
				dark := eval(t, `(() => {
					const [r, g, b] = getComputedStyle(document.body).backgroundColor.match(/\d+/g).map(Number);
					return 0.2126*r + 0.7152*g + 0.0722*b < 128;
				})()`)
				if dark != mode.dark {
					t.Fatalf("the page is dark = %v, want %v (data-theme=%v)", dark, mode.dark,
						eval(t, `document.documentElement.dataset.theme || ""`))
				}
				for _, v := range axe(t) {
					t.Errorf("%s", v)
				}
			})
		}
	}
	t.Logf("axe-core checked %d pages × %d modes in %v", len(axePages), len(axeModes), time.Since(start).Round(time.Millisecond))
}
