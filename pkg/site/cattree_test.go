package site_test

import (
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"github.com/geul-blog/geul/pkg/sitetest"
)

// treeSite files posts in a category tree, written as paths in TOML, as
// YAML's "개발 > 인프라", with spaces, in NFD and with an empty level, and
// orders the tree with [[categories]].
var treeSite = `
-- config.toml --
title = "분류 나무"
baseURL = "https://example.org/"
paginate = 2
[[categories]]
name = "생각"
weight = 1
[[categories]]
name = "개발"
weight = 2
description = "만들며 배운 것"
[[categories]]
name = "개발 / 인프라"
weight = 1
[[categories]]
name = "없는 분류"
-- content/posts/a.md --
+++
title = "고 첫걸음"
date = 2024-01-05
categories = ["개발/Go"]
+++
본문
-- content/posts/b.md --
---
title: 서버 옮기기
date: 2024-01-04
category: 개발 > 인프라
---
본문
-- content/posts/c.md --
+++
title = "개발 일반"
date = 2024-01-03
categories = ["개발"]
+++
본문
-- content/posts/d.md --
+++
title = "고 동시성"
date = 2024-01-02
categories = [" ` + norm.NFD.String("개발") + ` /  go "]
+++
본문
-- content/posts/e.md --
+++
title = "제주"
date = 2024-01-01
categories = ["여행"]
+++
본문
-- content/posts/f.md --
+++
title = "두 갈래"
date = 2023-12-31
categories = ["생각", "개발//Go"]
+++
본문
-- content/posts/g.md --
+++
title = "회고"
date = 2023-12-30
categories = ["생각/회고"]
+++
본문
`

func TestCategoryTree(t *testing.T) {
	s := sitetest.Build(t, treeSite)
	const (
		dev   = `/categories/%ea%b0%9c%eb%b0%9c/`
		devGo = dev + `go/`
		infra = dev + `%ec%9d%b8%ed%94%84%eb%9d%bc/`
	)
	// 개발 lists its own posts and those under it, paginated; 개발/Go its branch.
	s.Contains(t, "categories/개발/index.html", "글 5개", "만들며 배운 것", `<meta name="description" content="만들며 배운 것">`, "고 첫걸음", "서버 옮기기")
	s.Contains(t, "categories/개발/page/2/index.html", "개발 일반", "고 동시성")
	s.Contains(t, "categories/개발/page/3/index.html", "두 갈래")
	s.Contains(t, "categories/개발/go/index.html", "글 3개", "고 첫걸음", "고 동시성",
		// above its title, the levels above it
		`<ol class="crumbs"><li><a href="`+dev+`">개발</a></li>`, "<h1>Go</h1>")
	s.Lacks(t, "categories/개발/go/index.html", "서버 옮기기", "개발 일반")
	s.Contains(t, "categories/개발/go/page/2/index.html", "두 갈래")
	s.Contains(t, "categories/개발/인프라/index.html", "서버 옮기기")
	// Each level has its feed, with the posts of its branch.
	s.Contains(t, "categories/개발/atom.xml", "고 첫걸음", "서버 옮기기", "개발 일반")
	s.Contains(t, "categories/개발/go/atom.xml", "고 첫걸음", "고 동시성", `<category term="개발/Go">`)
	s.Lacks(t, "categories/개발/go/atom.xml", "서버 옮기기")

	// A post shows its category's levels above its title.
	s.Contains(t, "posts/a/index.html", `<nav class="post-category" aria-label="카테고리">`+"\n"+
		`<ol class="crumbs"><li><a href="`+dev+`">개발</a></li><li><span class="sep" aria-hidden="true">›</span> <a href="`+devGo+`">Go</a></li></ol>`)
	// Lists show the path too.
	s.Contains(t, "index.html", `<a href="`+dev+`">개발</a> <span aria-hidden="true">›</span> <a href="`+devGo+`">Go</a>`)

	// The sidebar: [[categories]] order (생각, 개발; under 개발, 인프라 before
	// Go), then the unlisted (여행); counts of each branch; the post's
	// branch open, the others folded.
	side := s.File(t, "posts/a/index.html")
	side = side[strings.Index(side, `<aside class="sidebar">`):]
	for _, want := range []string{
		`분류 전체보기 <span class="count">(7)</span>`,
		`<li><a href="` + dev + `">개발 <span class="count">(5)</span></a>` + "\n" + `<details open><summary><span class="visually-hidden">개발의 하위 분류</span></summary>`,
		// 생각's branch is not the page's: folded.
		`<li><a href="/categories/%ec%83%9d%ea%b0%81/">생각 <span class="count">(2)</span></a>` + "\n" + `<details><summary>`,
		`<li><a href="` + devGo + `">Go <span class="count">(3)</span></a></li>`,
	} {
		if !strings.Contains(side, want) {
			t.Errorf("the sidebar lacks %s:\n%s", want, side)
		}
	}
	order := []string{">생각 <", ">회고 <", ">개발 <", ">인프라 <", ">Go <", ">여행 <"}
	last := -1
	for _, name := range order {
		i := strings.Index(side, name)
		if i < last {
			t.Errorf("the sidebar does not list %v in this order:\n%s", order, side)
		}
		last = i
	}
	// On the category's own page, it is the current page.
	s.Contains(t, "categories/개발/go/index.html", `<a href="`+devGo+`" aria-current="page">Go <span class="count">(3)</span></a>`)
	// The page of all categories shows the whole tree.
	s.Contains(t, "categories/index.html", `<ul class="terms term-tree">`, "인프라")

	var warned []string
	for _, w := range s.Warnings {
		warned = append(warned, w.Error())
	}
	for _, want := range []string{`content/posts/f.md:4: category "개발//Go" has an empty level`,
		`config.toml: [[categories]] name = "없는 분류": no post is in this category`} {
		if !strings.Contains(strings.Join(warned, "\n"), want) {
			t.Errorf("warnings lack %q:\n%s", want, strings.Join(warned, "\n"))
		}
	}
	if strings.Contains(strings.Join(warned, "\n"), "written differently") {
		t.Errorf("NFD, case and spaces made a warning:\n%s", strings.Join(warned, "\n"))
	}
}

// TestCategoryTreeURLClash: a level's URL is claimed as any term's is.
func TestCategoryTreeURLClash(t *testing.T) {
	_, err := sitetest.BuildErr(treeSite + "-- content/about.md --\n+++\ntitle = \"x\"\nurl = \"/categories/개발/go/\"\n+++\n")
	if err == nil || !strings.Contains(err.Error(), "content/about.md:3") || !strings.Contains(err.Error(), `category "개발/Go"`) {
		t.Fatalf("a page at a category level's URL: %v", err)
	}
}

// TestHugoCategoriesStayFlat: on a Hugo site "a/b" is one category at
// /categories/a/b/, as in Hugo, so its URLs do not change.
func TestHugoCategoriesStayFlat(t *testing.T) {
	s := sitetest.Build(t, `
-- hugo.toml --
title = "t"
-- content/posts/a.md --
+++
title = "a"
date = 2024-01-01
categories = ["개발/Go"]
+++
본문
`)
	if !s.Has("categories/개발/go/index.html") || s.Has("categories/개발/index.html") {
		t.Errorf("a Hugo site's category path made levels: %v", s.Output.Paths())
	}
	s.Lacks(t, "posts/a/index.html", `class="sidebar"`)
	s.Contains(t, "posts/a/index.html", `class="category-menu"`)
}

// TestCategoryTreeSearch: the search index holds each level's name, so
// either finds the post, and shows the path as "개발 › 인프라".
func TestCategoryTreeSearch(t *testing.T) {
	s := sitetest.Build(t, treeSite)
	r := searchReader(t, s.Output)
	for q, want := range map[string]string{"인프라": "서버 옮기기", "개발": "서버 옮기기"} {
		if got := searchTitles(t, r, q); !slices.Contains(got, want) {
			t.Errorf("searching %q found %v, not %q", q, got, want)
		}
	}
	found := false
	for _, name := range s.Output.Paths() {
		if strings.HasPrefix(name, "search/d") && strings.Contains(s.File(t, name), `"c":"개발 › 인프라"`) {
			found = true
		}
	}
	if !found {
		t.Errorf("no search document shows the category as 개발 › 인프라")
	}
}

// TestCategoryListedTwice: a second [[categories]] of one category (as
// written, or in another case or spacing) is not used, and says so.
func TestCategoryListedTwice(t *testing.T) {
	s := sitetest.Build(t, `
-- config.toml --
title = "두 번"
baseURL = "https://example.org/"
[[categories]]
name = "개발"
weight = 2
description = "처음 것"
[[categories]]
name = " 개발 "
description = "나중 것"
-- content/posts/a.md --
+++
title = "글"
date = 2024-01-05
categories = ["개발"]
+++
본문
`)
	var warned []string
	for _, w := range s.Warnings {
		warned = append(warned, w.Error())
	}
	want := `config.toml: [[categories]] name = " 개발 " is the category of [[categories]] name = "개발" above; geul uses the first`
	if !strings.Contains(strings.Join(warned, "\n"), want) {
		t.Errorf("warnings lack %q:\n%s", want, strings.Join(warned, "\n"))
	}
	s.Contains(t, "categories/개발/index.html", "처음 것")
}
