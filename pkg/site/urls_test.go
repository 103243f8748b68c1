package site_test

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/geul-blog/geul/pkg/site"
	"github.com/geul-blog/geul/pkg/sitetest"
)

// urlSite is a small site that every claim test adds one file to.
const urlSite = `
-- config.toml --
title = "t"
baseURL = "https://example.org/"
languageCode = "ko"
-- content/posts/a.md --
+++
title = "가"
date = 2024-01-02
categories = ["생각"]
tags = ["회고"]
+++
본문
-- content/about.md --
+++
title = "소개"
+++
나
`

// TestOneOwnerPerURL adds, to a site that builds, one file that claims a
// URL something else already has: each is an error that names the file
// and the line of the key that made the URL (never line 1 by default),
// and nothing is built.
func TestOneOwnerPerURL(t *testing.T) {
	tests := []struct {
		name, file, data string
		want             string // a regexp of the whole message
	}{
		{"alias of the home page", "content/posts/b.md", "+++\ntitle = \"나\"\ndate = 2024-01-03\n\naliases = [\"/\"]\n+++\n",
			`^content/posts/b\.md:5: alias "/" would replace the home page at /; remove it from aliases$`},
		{"alias of its own page", "content/posts/b.md", "+++\ntitle = \"나\"\ndate = 2024-01-03\naliases = [\"/old/\", \"posts/b\"]\n+++\n",
			`^content/posts/b\.md:4: alias "posts/b" is this page's own URL: it would redirect to itself forever; remove it from aliases$`},
		{"alias of another page", "content/posts/b.md", "+++\ntitle = \"나\"\ndate = 2024-01-03\naliases = [\"/about/\"]\n+++\n",
			`^content/posts/b\.md:4: alias "/about/" would replace content/about\.md at /about/; remove it from aliases$`},
		{"alias of a section", "content/posts/b.md", "+++\ntitle = \"나\"\ndate = 2024-01-03\naliases = [\"posts\"]\n+++\n",
			`^content/posts/b\.md:4: alias "posts" would replace the list of section posts at /posts/; remove it from aliases$`},
		{"alias of a tag", "content/posts/b.md", "+++\ntitle = \"나\"\ndate = 2024-01-03\naliases = [\"/tags/회고/\"]\n+++\n",
			`^content/posts/b\.md:4: alias "/tags/회고/" would replace the page of tag "회고" at /tags/회고/; remove it from aliases$`},
		{"alias of the feed", "content/posts/b.md", "+++\ntitle = \"나\"\ndate = 2024-01-03\naliases = [\"/atom.xml/\"]\n+++\n",
			`^content/posts/b\.md:4: alias "/atom.xml/" needs /atom\.xml as a folder, where the site's feed is a file; remove it from aliases$`},
		{"a page named like the archive", "content/archive.md", "+++\ntitle = \"보관\"\n+++\n",
			`^content/archive\.md: this page's URL /archive/ is also the URL of the archive page; give the page a slug \(or url\) of its own: geul makes /archive/$`},
		{"a page named like a taxonomy", "content/tags.md", "+++\ntitle = \"태그들\"\n+++\n",
			`^content/tags\.md: this page's URL /tags/ is also the URL of the page of all tags; give the page a slug \(or url\) of its own: geul makes /tags/$`},
		{"a slug like a term", "content/posts/b.md", "+++\ntitle = \"나\"\ndate = 2024-01-03\nslug = \"x\"\n+++\n",
			``}, // builds: /posts/x/
		{"a slug like a section", "content/c.md", "+++\ntitle = \"나\"\n\nslug = \"posts\"\n+++\n",
			`^content/c\.md:4: this page's URL /posts/ is also the URL of the list of section posts; give the page a slug \(or url\) of its own: geul makes /posts/$`},
		{"a slug like another page's", "content/c.md", "+++\ntitle = \"나\"\nslug = \"about\"\n+++\n",
			`^content/c\.md:3: this page's URL /about/ is also the URL of content/about\.md; give one of them another slug \(or url\)$`},
		{"a url like another page's", "content/posts/c.md", "+++\ntitle = \"나\"\ndate = 2024-01-03\n\nurl = \"/about/\"\n+++\n",
			`^content/posts/c\.md:5: this page's URL /about/ is also the URL of content/about\.md; give one of them another slug \(or url\)$`},
		{"a section named like a taxonomy", "content/tags/x.md", "+++\ntitle = \"나\"\ndate = 2024-01-03\n+++\n",
			`^content/tags/: the list of section tags would be written to /tags/, where the page of all tags is; rename it$`},
		{"an HTML file over the home page", "content/index.html", "<p>home</p>",
			`^content/index\.html: would be published at /, where the home page is too; rename or move it: geul makes /$`},
		{"a static file over a page", "static/about/index.html", "<p>about</p>",
			`^content/about\.md: this page's URL /about/ is also the URL of static/about/index\.html; rename the file, or give the page another slug \(or url\)$`},
		{"a static file over the sitemap", "static/sitemap.xml", "<urlset/>",
			`^static/sitemap\.xml: would be published at /sitemap\.xml, where the sitemap is too; rename or move it: geul makes /sitemap\.xml$`},
		{"a static file where a page needs a folder", "static/about", "x",
			`^content/about\.md: this page's URL needs /about as a folder, where static/about is a file; rename the file, or give the page another slug \(or url\)$`},
		{"an alias where a page needs a folder", "content/posts/b.md", "+++\ntitle = \"나\"\ndate = 2024-01-03\naliases = [\"/posts/a\"]\n+++\n",
			`^content/posts/b\.md:4: alias "/posts/a" would replace content/posts/a\.md at /posts/a/; remove it from aliases$`},
		{"a file where static files need a folder", "content/css", "x",
			`(?m)^content/css: is a file at /css, where the theme's static/css/\S+ needs a folder; rename or move one of them$`},
		{"a slug too long for a disk", "content/posts/b.md", "+++\ntitle = \"나\"\ndate = 2024-01-03\nslug = \"" + strings.Repeat("가", 90) + "\"\n+++\n",
			`^content/posts/b\.md:4: content/posts/b\.md \(slug, line 4\) would be written to a path with a name of 270 bytes; a file system allows 255; shorten it`},
		{"a tag too long for a disk", "content/posts/b.md", "+++\ntitle = \"나\"\ndate = 2024-01-03\ntags = [\"" + strings.Repeat("tag", 90) + "\"]\n+++\n",
			`^content/posts/b\.md:4: the page of tag "(tag)+" would be written to a path with a name of 270 bytes`},
		{"too many tags", "content/posts/b.md", "+++\ntitle = \"나\"\ndate = 2024-01-03\n\ntags = [" + manyTerms(101) + "]\n+++\n",
			`^content/posts/b\.md:5: 101 tags; a page may have at most 100; keep the few`},
		{"too many categories", "content/posts/b.md", "+++\ntitle = \"나\"\ndate = 2024-01-03\ncategories = [" + manyTerms(101) + "]\n+++\n",
			`^content/posts/b\.md:4: 101 categories; a page may have at most 100`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := sitetest.MapFS(urlSite)
			fsys[tt.file] = &fstest.MapFile{Data: []byte(tt.data)}
			_, err := site.NewBuilder(".", site.WithFS(fsys), site.WithClock(sitetest.Clock)).Build(context.Background())
			if tt.want == "" {
				if err != nil {
					t.Fatalf("did not build: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatal("built")
			}
			if !regexp.MustCompile(tt.want).MatchString(err.Error()) {
				t.Errorf("error:\n%v\nwant it to match\n%s", err, tt.want)
			}
		})
	}
}

func manyTerms(n int) string {
	terms := make([]string, n)
	for i := range terms {
		terms[i] = fmt.Sprintf("%q", fmt.Sprint("t", i))
	}
	return strings.Join(terms, ", ")
}

// TestClaimsInServe: geul serve's rebuilds, given the changed file, claim
// URLs as geul build does: a page added over the archive is refused, and
// the server keeps the last good build.
func TestClaimsInServe(t *testing.T) {
	fsys := sitetest.MapFS(urlSite)
	b := site.NewBuilder(".", site.WithFS(fsys), site.WithClock(sitetest.Clock))
	ctx := context.Background()
	if _, err := b.Build(ctx); err != nil {
		t.Fatal(err)
	}
	for _, f := range []struct{ name, data string }{
		{"content/archive.md", "+++\ntitle = \"보관\"\n+++\n"},
		{"content/index.html", "<p>home</p>"},
		{"content/posts/b.md", "+++\ntitle = \"나\"\ndate = 2024-01-03\naliases = [\"/\"]\n+++\n"},
	} {
		fsys[f.name] = &fstest.MapFile{Data: []byte(f.data)}
		if _, err := b.Rebuild(ctx, site.ClassifyChanges([]string{f.name})); err == nil || !strings.Contains(err.Error(), f.name) {
			t.Errorf("adding %s: error %v, want one naming it", f.name, err)
		}
		delete(fsys, f.name)
		if _, err := b.Rebuild(ctx, site.ClassifyChanges([]string{f.name})); err != nil {
			t.Fatalf("removing %s: %v", f.name, err)
		}
	}
}

// TestAliasOverAlias: two pages with one old URL (themes copy the same
// aliases into every post) build with a warning on the aliases line, and
// the redirect goes to the page whose path sorts last, as in Hugo. Two
// spellings of one alias in one page are one redirect, without a warning.
func TestAliasOverAlias(t *testing.T) {
	s := sitetest.Build(t, urlSite+`
-- content/post/x.md --
+++
title = "엑스"
date = 2024-01-03
aliases = ["/old/", "old", "/x-only/"]
+++
-- content/post/y.md --
+++
title = "와이"
date = 2024-01-01

aliases = ["/old/"]
+++
`)
	s.Contains(t, "old/index.html", `url=https://example.org/post/y/"`)
	s.Contains(t, "x-only/index.html", `url=https://example.org/post/x/"`)
	var warnings []string
	for _, w := range s.Warnings {
		warnings = append(warnings, w.Error())
	}
	want := `content/post/y.md:5: alias "/old/" is also an alias of content/post/x.md; it redirects here, to the page whose path sorts last; remove it from one of them`
	if !slices.Equal(warnings, []string{want}) {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(warnings, "\n"), want)
	}
}

// TestTermsKeepTheirNames: C, C++ and C# are three tags with three URLs
// (Hugo's: /tags/c/, /tags/c++/, /tags/c#/ — "#" escaped in links, as it
// would start a fragment); names that differ only in case, spacing or
// Unicode normalisation are one term.
func TestTermsKeepTheirNames(t *testing.T) {
	s := sitetest.Build(t, `
-- config.toml --
title = "t"
baseURL = "https://example.org/"
-- content/posts/a.md --
+++
title = "A"
date = 2024-01-02
tags = ["C", "C++", "C#", "Go Lang", "서버 장애"]
categories = ["C#"]
+++
-- content/posts/b.md --
+++
title = "B"
date = 2024-01-01
tags = ["c", " go   lang ", "GO LANG", "`+"\u1109\u1165\u1107\u1165 \u110c\u1161\u11bc\u110b\u1162"+`"]
+++
`)
	for _, tag := range []string{"c", "c++", "c#", "go-lang", "서버-장애"} {
		if !s.Has("tags/" + tag + "/index.html") {
			t.Errorf("no page for tag %s; have:\n%s", tag, strings.Join(s.Output.Paths(), "\n"))
		}
	}
	s.Contains(t, "posts/a/index.html", `href="/tags/c/"`, `href="/tags/c&#43;&#43;/"`, `href="/tags/c%23/"`)
	s.Contains(t, "tags/c/index.html", "/posts/a/", "/posts/b/")
	s.Lacks(t, "tags/c++/index.html", "/posts/b/")
	s.Contains(t, "tags/go-lang/index.html", "/posts/a/", "/posts/b/")
	s.Contains(t, "tags/서버-장애/index.html", "/posts/a/", "/posts/b/")
	s.Contains(t, "tags/index.html", ">#C<", ">#C&#43;&#43;<", ">#C#<", ">#Go Lang<")
	s.Contains(t, "categories/c#/atom.xml", `href="https://example.org/categories/c%23/atom.xml"`)
	s.Contains(t, "sitemap.xml", "<loc>https://example.org/tags/c%23/</loc>", "<loc>https://example.org/tags/c++/</loc>")
	if len(s.Warnings) > 0 {
		t.Errorf("warnings: %v", s.Warnings)
	}
}

// TestTermsThatShareAURL: names written differently ("go lang", "go-lang")
// that make one URL are one term, with a warning on the later post's tags
// line.
func TestTermsThatShareAURL(t *testing.T) {
	s := sitetest.Build(t, `
-- config.toml --
title = "t"
baseURL = "https://blog.example.kr/"
-- content/posts/a.md --
+++
title = "A"
date = 2024-01-02
tags = ["go lang"]
+++
-- content/posts/b.md --
+++
title = "B"
date = 2024-01-01

tags = ["go-lang"]
+++
`)
	s.Contains(t, "tags/go-lang/index.html", "/posts/a/", "/posts/b/")
	if len(s.Warnings) != 1 || !strings.HasPrefix(s.Warnings[0].Error(), `content/posts/b.md:5: tag "go-lang" and "go lang" (content/posts/a.md) are written differently but make the same URL /tags/go-lang/`) {
		t.Errorf("warnings: %v", s.Warnings)
	}
}

// TestSitemapListsEachURLOnce: a site with every kind of page, aliases and
// paginated lists lists each URL once.
func TestSitemapListsEachURLOnce(t *testing.T) {
	var b strings.Builder
	b.WriteString("-- config.toml --\ntitle = \"t\"\nbaseURL = \"https://example.org/\"\npaginate = 2\n")
	for i := range 7 {
		fmt.Fprintf(&b, "-- content/posts/p%d.md --\n+++\ntitle = \"%d\"\ndate = 2024-01-%02d\ncategories = [\"가\"]\ntags = [\"a\", \"b\"]\naliases = [\"/old/%d/\"]\n+++\n", i, i, i+1, i)
	}
	b.WriteString("-- content/about.md --\n+++\ntitle = \"about\"\n+++\n")
	s := sitetest.Build(t, b.String())
	locs := regexp.MustCompile(`<loc>([^<]*)</loc>`).FindAllStringSubmatch(s.File(t, "sitemap.xml"), -1)
	seen := map[string]bool{}
	for _, l := range locs {
		if seen[l[1]] {
			t.Errorf("sitemap lists %s twice", l[1])
		}
		seen[l[1]] = true
	}
	if len(seen) < 10 {
		t.Errorf("sitemap lists %d URLs", len(seen))
	}
}

// TestCategorySidebarIsBounded: the default theme's sidebar shows the 50
// most used categories (with the levels above them) and a link to all of
// them, not every category on every page (which made a site's size grow
// with its square).
func TestCategorySidebarIsBounded(t *testing.T) {
	var b strings.Builder
	b.WriteString("-- config.toml --\ntitle = \"t\"\nlanguageCode = \"en\"\n")
	for i := range 55 {
		cats := fmt.Sprintf("%q", fmt.Sprintf("cat%02d", i))
		if i < 20 {
			cats += `, "popular/deep"`
		}
		fmt.Fprintf(&b, "-- content/posts/p%d.md --\n+++\ntitle = \"%d\"\ndate = 2024-01-01T00:%02d:00Z\ncategories = [%s]\n+++\n", i, i, i, cats)
	}
	s := sitetest.Build(t, b.String())
	menu := s.File(t, "index.html")
	menu = menu[strings.Index(menu, `<aside class="sidebar">`):]
	menu = menu[:strings.Index(menu, "</aside>")]
	if n := strings.Count(menu, "<li>"); n != 50 {
		t.Errorf("the sidebar has %d categories, want 50:\n%s", n, menu)
	}
	for _, want := range []string{`All categories <span class="count">(55)</span>`, `popular <span class="count">(20)</span>`,
		`deep <span class="count">(20)</span>`, "cat47", `<a href="/categories/">All categories …</a>`} {
		if !strings.Contains(menu, want) {
			t.Errorf("the sidebar lacks %s:\n%s", want, menu)
		}
	}
	if strings.Contains(menu, "cat54") || strings.Contains(s.File(t, "index.html"), `class="category-menu"`) {
		t.Errorf("the sidebar shows a category past the 50 most used, or the header lists categories too")
	}
	s.Contains(t, "categories/index.html", "cat54")
}
