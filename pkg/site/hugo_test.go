package site_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/geul-blog/geul/pkg/site"
	"github.com/geul-blog/geul/pkg/sitetest"
)

// warnings joins a build's warnings, one a line.
func warnings(s *sitetest.Site) string {
	var lines []string
	for _, w := range s.Warnings {
		lines = append(lines, w.Error())
	}
	return strings.Join(lines, "\n")
}

// A Hugo site copied as it is: config/_default/ merged, its keys used, the
// rest listed once; its theme and layouts/ replaced by geul's, each with a
// warning.
func TestHugoConfigSite(t *testing.T) {
	s := sitetest.Build(t, `
-- hugo.yaml --
baseURL: https://blog.example.kr/
title: 개발 일지
languageCode: ko-kr
theme: PaperMod
disqusShortname: mine
outputs:
  home: [HTML, RSS, JSON]
pagination:
  pagerSize: 1
markup:
  goldmark:
    renderer:
      unsafe: true
  tableOfContents:
    endLevel: 3
-- config/_default/params.toml --
description = "배운 것을 적습니다"
author = "글쓴이"
-- config/_default/menus.toml --
[[main]]
name = "소개"
pageRef = "/about"
weight = 1
-- layouts/partials/extend_head.html --
{{ .Site.Hugo.Nope }}
-- layouts/shortcodes/note.html --
<aside>{{ .Inner }}</aside>
-- themes/PaperMod/layouts/_default/single.html --
{{ .Content }}
-- content/about/index.md --
---
title: 소개
---
<mark>안녕</mark>
-- content/posts/a.md --
+++
title = "첫 글"
date = 2024-01-02
+++
본문
-- content/posts/b.md --
+++
title = "둘째 글"
date = 2024-01-03
+++
본문
`)
	s.Contains(t, "about/index.html", "<mark>안녕</mark>", `href="/about/"`)
	s.Contains(t, "index.html", "배운 것을 적습니다", `lang="ko-kr"`)
	s.Contains(t, "page/2/index.html", "첫 글") // pagerSize 1
	w := warnings(s)
	for _, want := range []string{
		`hugo.yaml: geul does not use these Hugo settings: [outputs], disqusShortname, markup.tableOfContents`,
		`hugo.yaml: theme "PaperMod" is not used: themes/PaperMod holds Hugo templates`,
		`layouts: geul keeps its own theme; these Hugo templates are not used: layouts/partials/`,
	} {
		if !strings.Contains(w, want) {
			t.Errorf("warnings lack %q:\n%s", want, w)
		}
	}
	if n := strings.Count(w, "geul does not use"); n != 1 {
		t.Errorf("%d unused-settings warnings, want one:\n%s", n, w)
	}
}

// A theme from a submodule is missing from a copy: the default theme
// builds the site.
func TestHugoThemeMissing(t *testing.T) {
	s := sitetest.Build(t, `
-- config.toml --
baseURL = "https://example.org/"
theme = "hugo-theme-stack"
[taxonomies]
tag = "tags"
series = "series"
-- content/posts/a.md --
+++
title = "a"
date = 2024-01-02
series = ["연재"]
+++
x
`)
	s.Contains(t, "posts/a/index.html", "<h1")
	if w := warnings(s); !strings.Contains(w, `config.toml: theme "hugo-theme-stack" is not used: there is no folder themes/hugo-theme-stack`) {
		t.Errorf("warnings:\n%s", w)
	}
}

// Hugo's content layout: nested folders keep their path, a leaf bundle is
// a page at its folder's URL, _index.md names its section, .markdown and
// .mdown are Markdown, url is the exact URL, headless and expired pages
// are not published.
func TestHugoContent(t *testing.T) {
	s := sitetest.Build(t, `
-- config.toml --
baseURL = "https://example.org/"
[markup.goldmark.renderer]
unsafe = false
-- content/_index.md --
---
description: 홈 설명
---
-- content/post/_index.md --
---
title: 글 모음
---
-- content/post/architectural/x.md --
---
title: 구조
date: 2024-08-03 17:30:00 +0900
---
x
-- content/post/Hello World.markdown --
---
title: "Hello, World! C++"
date: 2024-01-01
---
x
-- content/post/old.mdown --
{
  "title": "옛 글",
  "date": "2020-01-01T00:00:00.5Z",
  "url": "/2020/old-place.html"
}
x
-- content/about/index.md --
+++
title = "소개"
+++
![](me.png)
-- content/about/me.png --
png
-- content/post/trip/index.md --
+++
title = "여행"
slug = "My Trip!"
date = 2024-02-02
+++
x
-- content/post/trip/a.jpg --
jpg
-- content/post/gone.md --
+++
title = "만료"
date = 2024-01-01
expiryDate = 2025-01-01
+++
x
-- content/post/hidden/index.md --
+++
title = "머리 없음"
headless = true
+++
x
-- content/post/hidden/h.png --
png
`)
	for _, f := range []string{
		"post/architectural/x/index.html",
		"post/hello-world/index.html",
		"2020/old-place.html",
		"about/index.html", "about/me.png",
		"post/my-trip/index.html", "post/my-trip/a.jpg",
	} {
		if !s.Has(f) {
			t.Errorf("missing %s in %v", f, s.Output.Paths())
		}
	}
	for _, f := range []string{"post/gone/index.html", "post/hidden/index.html", "post/hidden/h.png", "post/_index/index.html"} {
		if s.Has(f) {
			t.Errorf("%s is published", f)
		}
	}
	s.Contains(t, "post/index.html", "<h1>글 모음</h1>")
	s.Contains(t, "index.html", "홈 설명")
	if s.Expired != 1 {
		t.Errorf("Expired = %d", s.Expired)
	}
}

// Hugo's permalink tokens, :slug falling back to the title, patterns ending
// in .html and uglyURLs.
func TestHugoPermalinks(t *testing.T) {
	s := sitetest.Build(t, `
-- hugo.toml --
baseURL = "https://example.org/"
uglyURLs = true
[permalinks]
posts = "/:year/:month/:day/:slug/"
notes = "/:sections/:monthname/:weekday/:yearday/:filename/"
blog = "/:section/:2006/:title.html"
code = "/:contentbasename/"
-- content/posts/a.md --
+++
title = "Late Night: 서버 장애!"
date = "2025-05-03 01:30:00 +0900"
+++
x
-- content/notes/Deep Dir/_index.md --
+++
title = "깊이"
+++
-- content/notes/Deep Dir/More/My File.md --
+++
title = "A"
date = 2024-08-03
+++
x
-- content/blog/b.md --
+++
title = "B Title"
date = 2024-08-03
+++
x
-- content/page.md --
+++
title = "쪽"
+++
x
-- content/code/Go Tools.md --
+++
title = "도구"
date = 2024-01-01
+++
x
`)
	for _, f := range []string{
		"2025/05/03/late-night-서버-장애.html",
		"notes/deep-dir/august/6/216/my-file.html",
		"blog/2024/b-title.html",
		"page.html",
		"go-tools.html", // :contentbasename (Hugo 0.144), as npf.io's config uses it
	} {
		if !s.Has(f) {
			t.Errorf("missing %s in %v", f, s.Output.Paths())
		}
	}
}

// A file with no front matter is a post with a warning; an empty one is
// skipped with a warning, never an error.
func TestUntitledAndEmptyFiles(t *testing.T) {
	s := sitetest.Build(t, `
-- content/posts/2023-06-01-회고.md --
# 유월 회고

글
-- content/posts/new.md --
-- content/posts/b.md --
+++
date = 2024-01-01
+++
본문만
`)
	s.Contains(t, "posts/2023-06-01-회고/index.html", "<h1", "유월 회고", `datetime="2023-06-01`)
	s.Lacks(t, "posts/2023-06-01-회고/index.html", `id="유월-회고"`) // the heading became the title
	s.Contains(t, "posts/b/index.html", ">b</h1>")
	if s.Has("posts/new/index.html") {
		t.Error("the empty file is published")
	}
	w := warnings(s)
	for _, want := range []string{
		`content/posts/2023-06-01-회고.md:1: has no front matter; geul gave it title "유월 회고" from its first heading and date 2023-06-01 from its file name`,
		`content/posts/b.md:1: has no title; geul gave it title "b" from its file name`,
		`content/posts/new.md:1: empty file, skipped`,
	} {
		if !strings.Contains(w, want) {
			t.Errorf("warnings lack %q:\n%s", want, w)
		}
	}
}

// Images linked relatively from a post that is not a bundle (a Notion or
// Typora export) are published where the link finds them; NFD file names
// and NFC links find each other, and what is published is NFC.
func TestRelativeFilesOfPosts(t *testing.T) {
	s := sitetest.Build(t, `
-- content/posts/note.md --
+++
title = "노트"
date = 2024-01-01
cover = "My Page/cover.png"
+++
![그림](My%20Page/image%201.png) [첨부](My%20Page/doc.pdf) ![사진](사진/a.png)
-- content/posts/My Page/image 1.png --
png
-- content/posts/My Page/cover.png --
png
-- content/posts/My Page/doc.pdf --
pdf
-- content/posts/사진/a.png --
png
-- static/images/logo.png --
png
-- content/posts/logo.md --
+++
title = "로고"
date = 2024-01-02
cover = "images/logo.png"
+++
![](/images/logo.png)
`)
	s.Contains(t, "posts/note/index.html", `src="/posts/My%20Page/image%201.png"`, `href="/posts/My%20Page/doc.pdf"`,
		`src="/posts/%EC%82%AC%EC%A7%84/a.png"`)
	if !s.Has("posts/사진/a.png") {
		t.Errorf("the NFD folder is not published as NFC: %v", s.Output.Paths())
	}
	s.Contains(t, "posts/logo/index.html", `/images/logo.png`)
	// Without an absolute baseURL there is no og:image (absolute.go): the
	// cover shows on the page.
	s.Contains(t, "posts/note/index.html", `<img class="post-cover" src="/posts/My%20Page/cover.png"`)
}

// A bundle's cover is its own file, a URL beside the page.
func TestBundleCover(t *testing.T) {
	s := sitetest.Build(t, `
-- config.toml --
baseURL = "https://example.org/blog/"
-- content/posts/trip/index.md --
+++
title = "여행"
date = 2024-01-01
cover = "sea.png"
+++
x
-- content/posts/trip/sea.png --
png
`)
	s.Contains(t, "posts/trip/index.html", `content="https://example.org/blog/posts/trip/sea.png"`)
}

// A missing image or cover is an error at its line.
func TestMissingImageAndCover(t *testing.T) {
	_, err := sitetest.BuildErr(`
-- content/posts/a.md --
+++
title = "a"
date = 2024-01-01
cover = "nowhere.png"
+++
글

![없음](missing.png)
`)
	for _, want := range []string{
		`content/posts/a.md:4: cover "nowhere.png" not found`,
		`content/posts/a.md:8: image "missing.png" not found`,
	} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("err = %v\nwant %s", err, want)
		}
	}
}

// A multilingual Hugo site builds its default language; the pages of the
// others are counted in one warning, and its i18n/ (a Hugo theme's
// strings) is left out.
func TestHugoMultilingual(t *testing.T) {
	s := sitetest.Build(t, `
-- hugo.toml --
baseURL = "https://example.org/"
defaultContentLanguage = "ko"
[languages.ko]
title = "한국어 블로그"
[languages.en]
title = "English blog"
-- i18n/ko.toml --
[article]
  [article.readingTime]
    other = "{{ .Count }}분"
-- content/posts/a/index.ko.md --
+++
title = "가"
date = 2024-01-01
+++
![그림](img/pic.png)
-- content/posts/a/index.en.md --
+++
title = "A"
date = 2024-01-01
+++
x
-- content/posts/b.en.md --
+++
title = "B"
date = 2024-01-01
+++
x
-- static/img/pic.png --
png
`)
	s.Contains(t, "posts/a/index.html", "한국어 블로그", `src="/img/pic.png"`) // a relative image found in static/
	s.Lacks(t, "posts/a/index.html", "English blog")
	if s.Has("posts/b/index.html") || s.Has("en/posts/a/index.html") {
		t.Error("another language's page is published")
	}
	w := warnings(s)
	for _, want := range []string{
		"content: geul builds one language, ko: the pages in other languages are left out (2 in en)",
		"layouts: geul keeps its own theme; these Hugo templates are not used: i18n/",
	} {
		if !strings.Contains(w, want) {
			t.Errorf("warnings lack %q:\n%s", want, w)
		}
	}
}

// Hugo leaves ":fire:" as written unless enableEmoji; a geul site always
// turns it into 🔥.
func TestHugoEmoji(t *testing.T) {
	post := `
-- content/posts/a.md --
+++
title = "a"
date = 2024-01-01
+++
불 :fire:
`
	sitetest.Build(t, "-- hugo.toml --\ntitle = \"t\"\n"+post).Contains(t, "posts/a/index.html", "불 :fire:")
	sitetest.Build(t, "-- hugo.toml --\nenableEmoji = true\n"+post).Contains(t, "posts/a/index.html", "불 🔥")
	sitetest.Build(t, post).Contains(t, "posts/a/index.html", "불 🔥")
}

// A folder macOS wrote in NFD is published in NFC: the section's list and
// its posts.
func TestNFDFolders(t *testing.T) {
	s := sitetest.Build(t, `
-- content/일기/첫날.md --
+++
title = "첫날"
date = 2024-01-01
+++
x
`)
	for _, f := range []string{"일기/첫날/index.html", "일기/index.html"} {
		if !s.Has(f) {
			t.Errorf("missing %s in %q", f, s.Output.Paths())
		}
	}
}

// Incremental builds of a Hugo site give what clean builds do: untitled
// posts, _index.md, nested folders, bundles and files linked relatively.
func TestHugoIncrementalMatchesClean(t *testing.T) {
	fsys := sitetest.MapFS(`
-- hugo.toml --
baseURL = "https://example.org/"
title = "t"
[permalinks]
notes = "/:year/:slug/"
-- content/posts/_index.md --
+++
title = "글 모음"
+++
-- content/posts/deep/a.md --
+++
title = "가"
date = 2024-01-01
+++
![](img/x.png)
-- content/posts/deep/img/x.png --
png
-- content/posts/b/index.md --
+++
title = "나"
date = 2024-01-02
+++
![](y.png)
-- content/posts/b/y.png --
png
-- content/notes/c.md --
# 다 제목

본문
`)
	clock := site.WithClock(sitetest.Clock)
	b := site.NewBuilder(".", site.WithFS(fsys), clock)
	ctx := context.Background()
	if _, err := b.Build(ctx); err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(3, 4))
	paths := []string{"content/posts/_index.md", "content/posts/deep/a.md", "content/notes/c.md", "content/posts/b/index.md", "content/notes/2024-03-03-d.md"}
	edits := []func(string) string{
		func(string) string { return fmt.Sprintf("# 제목 %d\n\n본문\n", rng.IntN(100)) }, // no front matter
		func(string) string {
			return fmt.Sprintf("+++\ndate = 2024-02-0%d\n+++\n# 머리 %d\n", rng.IntN(9)+1, rng.IntN(100))
		}, // no title
		func(string) string { return "+++\ntitle = \"목록 제목\"\ndescription = \"설명\"\n+++\n" },
		func(old string) string { return old + "\n더 😄\n" },
		func(string) string {
			return "+++\ntitle = \"바뀐 글\"\nslug = \"새 주소\"\ndate = 2024-01-05\n+++\n본문\n"
		},
		func(string) string { return "" },
	}
	for step := range 60 {
		name := paths[rng.IntN(len(paths))]
		old := ""
		if f, ok := fsys[name]; ok {
			old = string(f.Data)
		}
		text := edits[rng.IntN(len(edits))](old)
		if text == "" {
			delete(fsys, name)
		} else {
			fsys[name] = &fstest.MapFile{Data: []byte(text), ModTime: sitetest.Clock()}
		}
		res, err := b.Rebuild(ctx, site.ClassifyChanges([]string{name}))
		clean, cleanErr := site.NewBuilder(".", site.WithFS(fsys), clock).Build(ctx)
		if (err == nil) != (cleanErr == nil) {
			t.Fatalf("step %d (%s): incremental error %v, clean error %v", step, name, err, cleanErr)
		}
		if err != nil {
			continue
		}
		sameOutput(t, fmt.Sprintf("step %d (%s)", step, name), res.Output, clean.Output)
	}
}

// uglyURLs puts the home page's and the sections' later pages, and the
// sections' first, in .html files, as Hugo does.
func TestUglyLists(t *testing.T) {
	s := sitetest.Build(t, `
-- hugo.toml --
uglyURLs = true
paginate = 1
-- content/posts/a.md --
+++
title = "a"
date = 2024-01-01
+++
x
-- content/posts/b.md --
+++
title = "b"
date = 2024-01-02
+++
x
`)
	for _, f := range []string{"index.html", "page/2.html", "posts.html", "posts/page/2.html", "posts/a.html"} {
		if !s.Has(f) {
			t.Errorf("missing %s in %v", f, s.Output.Paths())
		}
	}
	s.Contains(t, "posts.html", `href="/posts/page/2.html"`)
	s.Contains(t, "page/2.html", `href="/"`)
}
