package site_test

import (
	"bufio"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"github.com/geul-blog/geul/pkg/search"
	"github.com/geul-blog/geul/pkg/site"
	"github.com/geul-blog/geul/pkg/sitetest"
)

// searchCase is one line of testdata/search/cases.txt: a query and the
// titles it must find, best first. search.js is held to the same file by
// TestSearchInBrowser.
type searchCase struct {
	name, query string
	want        []string
}

func readSearchCases(t testing.TB) []searchCase {
	t.Helper()
	f, err := os.Open("testdata/search/cases.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var cases []searchCase
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		// name | query | title; title; …
		parts := strings.Split(line, " | ")
		if len(parts) != 3 {
			t.Fatalf("cases.txt: %q: want name | query | titles", line)
		}
		c := searchCase{name: parts[0], query: unquoteCase(parts[1])}
		if parts[2] != "-" {
			c.want = strings.Split(parts[2], "; ")
		}
		cases = append(cases, c)
	}
	return cases
}

// unquoteCase turns the \u escapes of a query (NFD text is invisible in
// the file) into their characters.
func unquoteCase(s string) string {
	if !strings.Contains(s, `\u`) {
		return s
	}
	var out strings.Builder
	for i := 0; i < len(s); i++ {
		if strings.HasPrefix(s[i:], `\u`) && i+6 <= len(s) {
			var r rune
			fmt.Sscanf(s[i+2:i+6], "%04x", &r)
			out.WriteRune(r)
			i += 5
			continue
		}
		out.WriteByte(s[i])
	}
	return out.String()
}

func buildSearchBlog(t testing.TB) *sitetest.Site {
	t.Helper()
	blog, err := os.ReadFile("testdata/search/blog.txtar")
	if err != nil {
		t.Fatal(err)
	}
	return sitetest.Build(t, string(blog))
}

func searchReader(t testing.TB, out *site.Output) *search.Reader {
	t.Helper()
	r, err := search.Open(func(name string) ([]byte, error) { return fs.ReadFile(out, "search/"+name) })
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func searchTitles(t testing.TB, r *search.Reader, q string) []string {
	t.Helper()
	hits, err := r.Search(search.ParseQuery(q))
	if err != nil {
		t.Fatal(err)
	}
	var titles []string
	for _, h := range hits {
		d, err := r.Doc(h.Doc)
		if err != nil {
			t.Fatal(err)
		}
		titles = append(titles, norm.NFC.String(d.Title)) // cases.txt is NFC; an NFD title is shown as written
	}
	return titles
}

// TestSearchFixtureBlog runs every query of cases.txt over the index geul
// builds for a small Korean blog: particles, syllables still being typed,
// initial consonants, NFD, accents, mixed Korean and English, phrases,
// and pages that must not be found (a draft, a future post, a page with
// search = false).
func TestSearchFixtureBlog(t *testing.T) {
	s := buildSearchBlog(t)
	r := searchReader(t, s.Output)
	for _, c := range readSearchCases(t) {
		t.Run(c.name, func(t *testing.T) {
			got := searchTitles(t, r, c.query)
			if strings.Join(got, "; ") != strings.Join(c.want, "; ") {
				t.Errorf("%q:\n got %q\nwant %q", c.query, got, c.want)
			}
		})
	}
}

// TestSearchPageAndIndexOutputs checks what a build writes for search: the
// page at /search/ with its box, label, live region and the no-JavaScript
// message, the box in every page's header, and an index that leaves out
// drafts, future posts and search = false pages; a writer's own page at
// /search/ wins over the theme's.
func TestSearchPageAndIndexOutputs(t *testing.T) {
	s := buildSearchBlog(t)
	s.Contains(t, "search/index.html",
		`<input id="search-input" type="search" name="q"`,
		`<label for="search-input">검색어</label>`,
		`role="status" aria-live="polite"`,
		`<noscript><p class="search-noscript">검색은 자바스크립트가 켜져 있어야 합니다. <a href="/archive/">`,
		`<script src="/js/search.js" defer></script>`,
		`<title>검색 | 검색 시험 블로그</title>`)
	s.Contains(t, "posts/outage/index.html", `<form class="header-search" role="search" action="/search/" method="get">`)
	s.Lacks(t, "search/index.json", "future", "draft")
	idx := s.File(t, "search/index.json")
	if !strings.Contains(idx, `"docs":7`) {
		t.Errorf("index.json should count the 7 published, searchable pages: %s", idx)
	}
	for _, name := range s.Output.Paths() {
		if strings.HasPrefix(name, "search/d") {
			s.Lacks(t, name, "쓰다 만 서버", "미래의 서버", "서버를 다루는 사람")
		}
	}

	blog, err := os.ReadFile("testdata/search/blog.txtar")
	if err != nil {
		t.Fatal(err)
	}
	own := sitetest.Build(t, string(blog)+"-- content/search.md --\n+++\ntitle = \"내 검색\"\n+++\n직접 만든 검색 페이지\n")
	own.Contains(t, "search/index.html", "직접 만든 검색 페이지")
	own.Lacks(t, "search/index.html", `id="search-input"`)
}

// TestSearchIndexClaimsItsPath: a static file where geul writes the search
// index is an error, not overwritten.
func TestSearchIndexClaimsItsPath(t *testing.T) {
	blog, err := os.ReadFile("testdata/search/blog.txtar")
	if err != nil {
		t.Fatal(err)
	}
	_, err = sitetest.BuildErr(string(blog) + "-- static/search/index.json --\n{}\n")
	if err == nil || !strings.Contains(err.Error(), "static/search/index.json") || !strings.Contains(err.Error(), "the search index") {
		t.Fatalf("want a clash with the search index, got %v", err)
	}
}

// TestSearchOff: search = false in the config leaves out the index, the
// search page and the header's box.
func TestSearchOff(t *testing.T) {
	blog, err := os.ReadFile("testdata/search/blog.txtar")
	if err != nil {
		t.Fatal(err)
	}
	src := strings.Replace(string(blog), "-- config.toml --\n", "-- config.toml --\nsearch = false\n", 1)
	if src == string(blog) {
		t.Fatal("blog.txtar has no config.toml")
	}
	s := sitetest.Build(t, src)
	for _, name := range s.Output.Paths() {
		if strings.HasPrefix(name, "search/") {
			t.Errorf("search = false, but the site has %s", name)
		}
	}
	s.Lacks(t, "posts/outage/index.html", `class="header-search"`)
	s.Lacks(t, "index.html", `class="header-search"`)
}

// TestSearchIndexOfASingleBuild: geul build (one build, pages written
// through to disk) writes the search index a batch of pages at a time
// and keeps none of it; its files are those of a build in memory, and a
// warm build after it takes them from public/ as they are.
func TestSearchIndexOfASingleBuild(t *testing.T) {
	blog, err := os.ReadFile("testdata/search/blog.txtar")
	if err != nil {
		t.Fatal(err)
	}
	dir := sitetest.Dir(t, string(blog))
	dest := filepath.Join(dir, "public")
	clean := filepath.Join(t.TempDir(), "public")
	once := []site.Option{site.WithSingleBuild(true), site.WithWriteThrough(true)}
	buildTo(t, dir, dest, true, once...)
	buildTo(t, dir, clean, false)
	sameTree(t, dest, clean)
	if _, err := os.Stat(filepath.Join(dest, "search", search.MetaFile)); err != nil {
		t.Fatalf("no search index in public/: %v", err)
	}
	before := sitetest.Snapshot(t, dest)
	buildTo(t, dir, dest, true, once...)
	if r := sitetest.Replaced(t, dest, before); r != nil {
		t.Errorf("a warm build with nothing changed replaced %v", r)
	}
	sameTree(t, dest, clean)
}
