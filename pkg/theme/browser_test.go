package theme

import (
	"bytes"
	"context"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"testing"
	"testing/fstest"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/geul-blog/geul/pkg/chromium"
)

// TestDefaultThemeInBrowser checks what a reader gets from the default
// theme in a real browser: the skip link is the first stop of Tab, the
// scripts add the code label and copy button, the dark-mode toggle works
// and is remembered, and nothing is wider than a 320 px screen. It needs
// Chromium or Chrome and is skipped without one, and with -short.
func TestDefaultThemeInBrowser(t *testing.T) {
	// A desktop with a mouse, (hover: hover), as pkg/webcheck's Mouse
	// (which this package cannot import) gives it.
	ctx := chromium.ForTest(t, chromedp.WindowSize(1024, 768),
		chromedp.Flag("blink-settings", "primaryHoverType=2,availableHoverTypes=2,primaryPointerType=4,availablePointerTypes=4"))
	th := mustLoad(t, fstest.MapFS{}, "default", WithLanguage("ko"), WithBaseURL("/"))
	site := fstest.MapFS{}
	err := fs.WalkDir(th.Static(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(th.Static(), p)
		site[p] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	var page bytes.Buffer
	if err := th.Execute(&page, "post", newFixture().view("post")); err != nil {
		t.Fatal(err)
	}
	site["index.html"] = &fstest.MapFile{Data: page.Bytes()}
	site["css/chroma.css"] = &fstest.MapFile{Data: []byte(".chroma .kr { font-weight: bold }")}
	srv := httptest.NewServer(http.FileServerFS(site))
	defer srv.Close()

	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/")); err != nil {
		t.Fatal(err)
	}
	tctx, cancelT := context.WithTimeout(ctx, 30*time.Second)
	defer cancelT()

	eval := func(js string) any {
		t.Helper()
		v, err := chromedp.Run(tctx, chromedp.Evaluate[any](js))
		if err != nil {
			t.Fatalf("%s: %v", js, err)
		}
		return v
	}
	if err := chromedp.Do(tctx, chromedp.WaitVisible(chromedp.CSS(".code-copy"))); err != nil {
		t.Fatal(err)
	}
	checks := []struct{ js, want string }{
		{`document.querySelector(".code-lang").textContent`, "hcl"},
		{`document.querySelector(".code-copy").textContent`, "복사"},
		{`String(document.querySelector(".theme-toggle").hidden)`, "false"},
		{`document.querySelector(".theme-toggle").textContent.trim()`, "◐ 어두운 화면"},
		{`getComputedStyle(document.body).wordBreak`, "keep-all"},
	}
	for _, c := range checks {
		if got := eval(c.js); got != c.want {
			t.Errorf("%s = %v, want %q", c.js, got, c.want)
		}
	}

	if err := chromedp.Do(tctx, chromedp.KeyEvent("\t")); err != nil {
		t.Fatal(err)
	}
	if got := eval(`document.activeElement.className + " " + document.activeElement.textContent`); got != "skip-link 본문 바로가기" {
		t.Errorf("first Tab stop: %v", got)
	}
	if got := eval(`getComputedStyle(document.activeElement).top`); got == "-48px" {
		t.Error("the focused skip link stays off screen")
	}

	// A heading's # link shows, underlined, only on hover or focus (or
	// where nothing hovers).
	if hoverNone := eval(`matchMedia("(hover: none)").matches`); hoverNone != false {
		t.Errorf("(hover: none) still matches after emulating a mouse")
	} else {
		if got := eval(`(s => s.opacity + " " + s.textDecorationLine)(getComputedStyle(document.querySelector(".anchor")))`); got != "0 none" {
			t.Errorf("a heading's # link at rest: %v, want hidden and not underlined", got)
		}
	}
	if got := eval(`document.querySelector(".anchor").focus(), (s => s.opacity + " " + s.textDecorationLine)(getComputedStyle(document.querySelector(".anchor")))`); got != "1 underline" {
		t.Errorf("a focused heading's # link: %v, want shown and underlined", got)
	}
	eval(`document.activeElement.blur()`)

	light := eval(`getComputedStyle(document.body).backgroundColor`)
	if err := chromedp.Do(tctx, chromedp.Click(chromedp.CSS(".theme-toggle"))); err != nil {
		t.Fatal(err)
	}
	if got := eval(`document.documentElement.dataset.theme + " " + document.querySelector(".theme-toggle").textContent.trim()`); got != "dark ◐ 밝은 화면" {
		t.Errorf("after the toggle: %v", got)
	}
	dark := eval(`getComputedStyle(document.body).backgroundColor`)
	if dark != "rgb(18, 20, 23)" || light == dark {
		t.Errorf("background light %v, dark %v", light, dark)
	}
	if err := chromedp.Do(tctx, chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS(".code-copy"))); err != nil {
		t.Fatal(err)
	}
	if got := eval(`document.documentElement.dataset.theme + " " + document.querySelector(".theme-toggle").textContent.trim()`); got != "dark ◐ 밝은 화면" {
		t.Errorf("after a reload: %v", got)
	}

	if err := chromedp.Do(tctx, chromedp.EmulateViewport(320, 640)); err != nil {
		t.Fatal(err)
	}
	if got := eval(`document.documentElement.scrollWidth`); got != float64(320) {
		t.Errorf("at 320 px the page is %v px wide", got)
	}
	if got := eval(`document.querySelector("pre").scrollWidth > document.querySelector("pre").clientWidth`); got != true {
		t.Error("a long code line does not scroll inside its block at 320 px")
	}
}
