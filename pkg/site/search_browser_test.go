package site_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/geul-blog/geul/pkg/chromium"

	"github.com/geul-blog/geul/pkg/testkit"
)

// searchPageTitles is the titles the search page lists, in order, NFC.
const searchPageTitles = `Array.from(document.querySelectorAll("#search-results .search-title"), a => a.textContent.normalize("NFC")).join("; ")`

// TestSearchInBrowser checks the default theme's search page in headless
// Chromium on the fixture blog: search.js finds what pkg/search finds for
// every query of cases.txt; a query typed through the IME, syllable by
// syllable (ㅅ, 서, 섭, then 서 and 버), lists the right titles at each
// step; the address keeps the query; the arrow keys reach the results.
func TestSearchInBrowser(t *testing.T) {
	ctx := chromium.ForTest(t)
	s := buildSearchBlog(t)
	srv := httptest.NewServer(http.FileServerFS(s.Output))
	defer srv.Close()
	r := searchReader(t, s.Output)

	tctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	if err := chromedp.Do(tctx, chromedp.Navigate(srv.URL+"/search/"), chromedp.WaitVisible(chromedp.CSS("#search-input"))); err != nil {
		t.Fatal(err)
	}

	// The same queries through search.js's Reader, as the page runs them.
	for _, c := range readSearchCases(t) {
		q, _ := json.Marshal(c.query)
		js := fmt.Sprintf(`(async () => {
			const r = new geulSearch.Reader("/search/");
			const hits = await r.search(geulSearch.parseQuery(%s));
			const docs = await Promise.all(hits.map(h => r.doc(h.doc)));
			return docs.map(d => d.t.normalize("NFC")).join("; ");
		})()`, q)
		got, err := chromedp.Run(tctx, chromedp.Evaluate[string](js, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if want := strings.Join(c.want, "; "); got != want {
			t.Errorf("%s: search.js finds %q for %q, want %q", c.name, got, c.query, want)
		}
	}

	// Typing 서버 with a Korean IME: the composition shows ㅅ, 서, 섭;
	// then the IME commits 서 and composes 버.
	if err := chromedp.Do(tctx, chromedp.Focus(chromedp.CSS("#search-input"))); err != nil {
		t.Fatal(err)
	}
	compose := func(text string) {
		t.Helper()
		n := int64(len([]rune(text)))
		if _, err := chromedp.Call(tctx, input.ImeSetComposition, input.ImeSetCompositionParams{Text: text, SelectionStart: n, SelectionEnd: n}); err != nil {
			t.Fatal(err)
		}
	}
	commit := func(text string) {
		t.Helper()
		if _, err := chromedp.Call(tctx, input.InsertText, input.InsertTextParams{Text: text}); err != nil {
			t.Fatal(err)
		}
	}
	expect := func(typed string) {
		t.Helper()
		want := strings.Join(searchTitles(t, r, typed), "; ")
		if want == "" {
			t.Fatalf("%q finds nothing in Go: not a useful step", typed)
		}
		waitFor(t, tctx, fmt.Sprintf("results for %q", typed), searchPageTitles, want)
	}
	for _, step := range []struct{ compose, commit, typed string }{
		{compose: "ㅅ", typed: "ㅅ"},
		{compose: "서", typed: "서"},
		{compose: "섭", typed: "섭"},
		{commit: "서", compose: "버", typed: "서버"},
		{commit: "버", typed: "서버"},
	} {
		if step.commit != "" {
			commit(step.commit)
		}
		if step.compose != "" {
			compose(step.compose)
		}
		expect(step.typed)
	}
	waitFor(t, tctx, "the address", `decodeURIComponent(location.search)`, "?q=서버")
	waitFor(t, tctx, "the status", `document.getElementById("search-status").textContent`, "글 4개를 찾았습니다.")
	if err := chromedp.Do(tctx, chromedp.KeyEvent(kb.ArrowDown)); err != nil {
		t.Fatal(err)
	}
	waitFor(t, tctx, "focus after ArrowDown", `document.activeElement.textContent.normalize("NFC")`, "서버 장애 회고")

	// A shared address shows its results on arrival.
	if err := chromedp.Do(tctx, chromedp.Navigate(srv.URL+"/search/?q="+"AWS%20이전")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, tctx, "results of ?q=AWS 이전", searchPageTitles, strings.Join(searchTitles(t, r, "AWS 이전"), "; "))
	waitFor(t, tctx, "marked words", `Array.from(document.querySelectorAll("#search-results mark"), m => m.textContent).slice(0, 2).join(" ")`, "AWS 이전한")
}

// waitFor evaluates js until it gives want, or fails the test with what it
// last gave.
func waitFor(t *testing.T, ctx context.Context, what, js, want string) {
	t.Helper()
	var got string
	var err error
	if testkit.Poll(10*time.Second, func() bool {
		got, err = chromedp.Run(ctx, chromedp.Evaluate[string](js))
		return err == nil && got == want
	}) {
		return
	}
	t.Fatalf("%s: got %q (%v), want %q", what, got, err, want)
}
