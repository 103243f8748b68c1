package importer

import (
	"bytes"
	"context"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/text/unicode/norm"

	"github.com/geul-blog/geul/pkg/site"
	"github.com/geul-blog/geul/pkg/sitetest"
)

// buildSite builds the site in dir in memory.
func buildSite(t *testing.T, dir string) *sitetest.Site {
	t.Helper()
	// The fixtures keep images the old blogs lacked (the import reports
	// them): the build's link checks report them too, as warnings here.
	res, err := site.NewBuilder(dir, site.WithClock(sitetest.Clock), site.WithFuture(true), site.WithRefWarnings(true)).Build(context.Background())
	if err != nil {
		t.Fatalf("the imported site does not build:\n%v", err)
	}
	for _, w := range res.Warnings {
		t.Logf("build warning: %v", w)
	}
	return &sitetest.Site{Result: res}
}

func parseHTML(t *testing.T, data []byte) *html.Node {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// geulRenders reports whether this geul renders the Markdown body into a
// page holding want. The importer writes what geul is gaining on other
// branches (the figure and youtube shortcodes, a post's url); a test that
// needs one says so and skips until geul has it.
func geulRenders(t *testing.T, frontMatter, body, page, want string) bool {
	t.Helper()
	dir := t.TempDir()
	md := "+++\ntitle = \"t\"\ndate = 2024-01-01\n" + frontMatter + "+++\n" + body + "\n"
	if err := os.MkdirAll(filepath.Join(dir, "content/posts/t"), 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "content/posts/t/index.md"), []byte(md), 0o644)
	os.WriteFile(filepath.Join(dir, "content/posts/t/a.png"), []byte("png"), 0o644)
	res, err := site.NewBuilder(dir, site.WithClock(sitetest.Clock)).Build(context.Background())
	if err != nil {
		return false
	}
	got, ok := res.Output.Get(page)
	return ok && strings.Contains(string(got), want)
}

func needFigure(t *testing.T) {
	sc := `{{< figure src="a.png" alt="가" caption="나" >}}`
	if !geulRenders(t, "", sc, "posts/t/index.html", "<figcaption") || geulRenders(t, "", sc, "posts/t/index.html", "{{&lt;") {
		t.Skip("geul has no figure shortcode yet (another branch adds it); the imported posts use it")
	}
}

func needURL(t *testing.T) {
	if !geulRenders(t, "url = \"/old/here/\"\n", "본문", "old/here/index.html", "본문") {
		t.Skip("geul has no url front matter yet (another branch adds it); imported posts keep old addresses with it")
	}
}

func needYoutube(t *testing.T) {
	if !geulRenders(t, "", "{{< youtube dQw4w9WgXcQ >}}", "posts/t/index.html", "dQw4w9WgXcQ") ||
		geulRenders(t, "", "{{< youtube dQw4w9WgXcQ >}}", "posts/t/index.html", "{{&lt;") {
		t.Skip("geul has no youtube shortcode yet (another branch adds it); imported posts use it")
	}
}

// TestTistoryRoundTrip imports the fixture backup, builds it with geul and
// checks each post's page against its original body: the same text, the
// same headings at the same levels, every image shown and published.
func TestTistoryRoundTrip(t *testing.T) {
	const backup = "testdata/tistory/backup"
	into, _ := importInto(t, "tistory", backup)
	s := buildSite(t, into)
	pages := map[string]string{ // post folder → its page in the built site
		"7":  "entry/김장하는-날/index.html",
		"12": "entry/작년-김장-기록/index.html",
		"15": "entry/사진-없는-글/index.html",
		"30": "entry/김장하는-날-2/index.html",
	}
	for num, page := range pages {
		matches, _ := filepath.Glob(filepath.Join(backup, num, "*.html"))
		data, err := os.ReadFile(matches[0])
		if err != nil {
			t.Fatal(err)
		}
		orig := find(parseHTML(t, data), byClass("contents_style"))
		built := parseHTML(t, []byte(s.File(t, page)))
		article := find(built, byTag("article"))
		if article == nil {
			article = built
		}
		got := textOf(article)
		for _, n := range findAll(orig, func(n *html.Node) bool {
			switch n.Data {
			case "p", "li", "td", "blockquote", "figcaption", "h2", "h3", "h4":
				if hasClass(n, "og-host") {
					return false // a link card shows its title and description, not its host
				}
				return find(n, func(c *html.Node) bool { return c != n && (c.Data == "p" || c.Data == "figure") }) == nil
			}
			return false
		}) {
			if want := textOf(n); want != "" && !strings.Contains(got, want) {
				t.Errorf("%s: %q is not on the page:\n%s", page, want, got)
			}
		}
		for _, h := range findAll(orig, func(n *html.Node) bool { return n.Data == "h2" || n.Data == "h3" || n.Data == "h4" }) {
			if find(article, func(n *html.Node) bool { return n.Data == h.Data && strings.Contains(textOf(n), textOf(h)) }) == nil {
				t.Errorf("%s: no <%s> %q", page, h.Data, textOf(h))
			}
		}
		t.Run("images of "+num, func(t *testing.T) {
			needFigure(t)
			checkImages(t, s, backup, num, page, orig, article)
		})
	}
}

// checkImages checks that every image of the original body that the
// backup has is shown on the page and published beside it.
func checkImages(t *testing.T, s *sitetest.Site, backup, num, page string, orig, article *html.Node) {
	{
		for _, img := range findAll(orig, byTag("img")) {
			src, _ := url.PathUnescape(attr(img, "src"))
			if _, err := os.Stat(filepath.Join(backup, num, src)); err != nil {
				continue // missing from the backup: reported, see TestMalformedPostIsSkipped
			}
			name := norm.NFC.String(path.Base(src))
			shown := find(article, func(n *html.Node) bool { return n.Data == "img" && path.Base(attr(n, "src")) == name })
			if shown == nil {
				t.Errorf("%s: image %s not shown", page, attr(img, "src"))
				continue
			}
			if !s.Has(path.Dir(page) + "/" + name) {
				t.Errorf("%s: image %s not published", page, name)
			}
		}
	}
}

// TestOldAddressesAnswer checks that every address the old blog answered
// at, as the import reported it, is a page of the built site.
func TestOldAddressesAnswer(t *testing.T) {
	into, _ := importInto(t, "tistory", "testdata/tistory/backup")
	s := buildSite(t, into)
	for _, want := range []string{"7", "m/7", "entry/김장하는-날", "m/entry/김장하는-날", "12", "m/12", "15",
		"30", "m/30", "31", "m/31", "m/entry/AWS-비용-줄이기-(1편)"} {
		if !s.Has(want + "/index.html") {
			t.Errorf("old address /%s does not answer", want)
		}
	}
	t.Run("url", func(t *testing.T) {
		needURL(t)
		if !s.Has("entry/AWS-비용-줄이기-(1편)/index.html") {
			t.Errorf("old address /entry/AWS-비용-줄이기-(1편)/ does not answer")
		}
	})
}

// TestOldAddressesAnswerJekyllHexo builds the imported Jekyll and Hexo
// sites and asks for every address the old blogs served their posts and
// pages at; no page may show template syntax as text.
func TestOldAddressesAnswerJekyllHexo(t *testing.T) {
	for _, tc := range []struct {
		kind, from string
		old        []string // the old blog's addresses
		url        []string // those kept with url
		pages      []string // built pages to check for leftover template syntax
		missing    []string // images the report says are missing, under content/
	}{
		{"jekyll", "testdata/jekyll/site",
			[]string{"/dev/2025/08/03/hello-jekyll.html", "/일상/기록/2024/01/15/첫-글.html", "/about/", "/contact/", "/guestbook/", "/2023/12/24/html-글.html"},
			nil,
			[]string{"2025/08/03/hello-jekyll/index.html", "2024/01/15/첫-글/index.html", "about/index.html", "2024/06/01/chirpy/index.html"},
			[]string{"posts/없는.png"}},
		{"hexo", "testdata/hexo/site",
			[]string{"/2021/04/10/두번째-글/", "/about/"},
			[]string{"/2021/03/05/Hello-Hexo/"},
			[]string{"2021/04/10/두번째-글/index.html", "2021/03/05/Hello-Hexo/index.html"}, // url keeps the old address as written
			[]string{"posts/두번째-글/images/없음.png"}},
	} {
		t.Run(tc.kind, func(t *testing.T) {
			into, _ := importInto(t, tc.kind, tc.from)
			// A missing image would fail a build at its line: the import
			// leaves it out (and says so), so the site builds as it is.
			for _, m := range tc.missing {
				for f, data := range tree(t, filepath.Join(into, "content")) {
					if strings.HasSuffix(f, ".md") && strings.Contains(string(data), path.Base(m)) {
						t.Errorf("%s still links the missing %s", f, path.Base(m))
					}
				}
			}
			s := buildSite(t, into)
			answers := func(t *testing.T, u string) {
				out := strings.TrimPrefix(u, "/")
				if !strings.HasSuffix(out, ".html") {
					out += "index.html"
				}
				if !s.Has(out) {
					t.Errorf("old address %s does not answer (no %s)", u, out)
				}
			}
			for _, u := range tc.old {
				answers(t, u)
			}
			t.Run("url", func(t *testing.T) {
				needURL(t)
				for _, u := range tc.url {
					answers(t, u)
				}
			})
			for _, page := range tc.pages {
				s.Lacks(t, page, "{%", "{:", "geul-import:")
			}
			t.Run("shortcodes", func(t *testing.T) {
				needFigure(t)
				needYoutube(t)
				for _, page := range tc.pages {
					s.Lacks(t, page, "{{&lt;", "{{<")
				}
			})
		})
	}
}
