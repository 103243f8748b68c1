package site_test

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/geul-blog/geul/pkg/site"
	"github.com/geul-blog/geul/pkg/sitetest"
)

// seriesSite is a Hugo blog with a series taxonomy: the terms are written
// in other cases and spacings, and one term's posts fill two pages.
const seriesSite = `
-- hugo.toml --
baseURL = "https://example.org/"
title = "연재"
languageCode = "ko"
paginate = 2
[taxonomies]
tag = "tags"
category = "categories"
series = "series"
-- content/posts/one.md --
+++
title = "하나"
date = 2024-01-01
series = ["Go 입문", "글쓰기 ✍️"]
+++
본문
-- content/posts/two.md --
+++
title = "둘"
date = 2024-01-02
series = ["go  입문"]
+++
본문
-- content/posts/three.md --
---
title: "셋"
date: 2024-01-03
series: "Go 입문"
---
본문
-- content/posts/four.md --
+++
title = "넷"
date = 2024-01-04
tags = ["go"]
+++
본문
`

func TestCustomTaxonomyPages(t *testing.T) {
	s := sitetest.Build(t, seriesSite)
	s.Contains(t, "series/index.html", `<a href="/series/go-%ec%9e%85%eb%ac%b8/">Go 입문</a>`, `<a href="/series/%ea%b8%80%ec%93%b0%ea%b8%b0/">글쓰기 ✍️</a>`)
	s.Contains(t, "series/go-입문/index.html", "<h1", "Go 입문", `href="/posts/three/"`, `href="/posts/two/"`)
	s.Contains(t, "series/go-입문/page/2/index.html", `href="/posts/one/"`)
	s.Contains(t, "posts/one/index.html",
		`<p class="post-terms" data-taxonomy="series">series: <a href="/series/go-%ec%9e%85%eb%ac%b8/">Go 입문</a>, <a href="/series/%ea%b8%80%ec%93%b0%ea%b8%b0/">글쓰기 ✍️</a></p>`)
	if data, _ := s.Output.Get("posts/four/index.html"); strings.Contains(string(data), "post-terms") {
		t.Errorf("a post with no series shows one:\n%s", data)
	}
	s.Contains(t, "sitemap.xml", "https://example.org/series/go-%EC%9E%85%EB%AC%B8/")
}

// TestCustomTaxonomyInConfigToml: a config.toml with [taxonomies] (read
// as Hugo's) gets the pages too; a plural name that cannot be a folder is
// an error.
func TestCustomTaxonomyInConfigToml(t *testing.T) {
	s := sitetest.Build(t, "-- config.toml --\nbaseURL = \"https://example.org/\"\n[taxonomies]\nseries = \"series\"\n-- content/posts/a.md --\n+++\ntitle = \"가\"\ndate = 2024-01-01\nseries = [\"연재 🍜\"]\n+++\n글\n")
	s.Contains(t, "series/연재/index.html", `href="/posts/a/"`)
	_, err := sitetest.BuildErr("-- config.toml --\nbaseURL = \"https://example.org/\"\n[taxonomies]\nseries = \"a/b\"\n")
	if err == nil || !strings.Contains(err.Error(), `config.toml: taxonomies.series = "a/b"`) {
		t.Errorf("err = %v", err)
	}
}

// TestCustomTaxonomyClaimsItsURLs: a series folder that a page already
// has is an error that names both, as for tags.
func TestCustomTaxonomyClaimsItsURLs(t *testing.T) {
	_, err := sitetest.BuildErr("-- config.toml --\nbaseURL = \"https://example.org/\"\n[taxonomies]\nseries = \"series\"\n" +
		"-- content/series.md --\n+++\ntitle = \"연재 소개\"\nurl = \"/series/\"\n+++\n글\n" +
		"-- content/posts/a.md --\n+++\ntitle = \"가\"\ndate = 2024-01-01\nseries = [\"연재\"]\n+++\n글\n")
	if err == nil || !strings.Contains(err.Error(), "content/series.md:3: this page's URL /series/ is also the URL of the page of all series") {
		t.Errorf("err = %v", err)
	}
}

// TestCustomTaxonomyIncremental: a post's series edited, added and
// removed gives what a clean build gives.
func TestCustomTaxonomyIncremental(t *testing.T) {
	fsys := sitetest.MapFS(seriesSite)
	ctx := context.Background()
	b := site.NewBuilder(".", site.WithFS(fsys), site.WithClock(sitetest.Clock))
	if _, err := b.Build(ctx); err != nil {
		t.Fatal(err)
	}
	for _, edit := range []struct{ name, src string }{
		{"content/posts/four.md", "+++\ntitle = \"넷\"\ndate = 2024-01-04\nseries = [\"새 연재\"]\n+++\n본문\n"},
		{"content/posts/two.md", "+++\ntitle = \"둘\"\ndate = 2024-01-02\n+++\n본문\n"},
		{"content/posts/one.md", "+++\ntitle = \"하나 고침\"\ndate = 2024-01-01\nseries = [\"글쓰기 ✍️\"]\n+++\n본문\n"},
	} {
		fsys[edit.name] = &fstest.MapFile{Data: []byte(edit.src)}
		res, err := b.Rebuild(ctx, site.ClassifyChanges([]string{edit.name}))
		if err != nil {
			t.Fatal(err)
		}
		clean, err := site.NewBuilder(".", site.WithFS(fsys), site.WithClock(sitetest.Clock)).Build(ctx)
		if err != nil {
			t.Fatal(err)
		}
		sameOutput(t, "after editing "+edit.name, res.Output, clean.Output)
		if _, ok := res.Output.Get("series/새-연재/index.html"); !ok {
			t.Errorf("after editing %s: no page for the new series", edit.name)
		}
	}
}

// TestCustomTaxonomyMenuIncremental: a layout that lists .Site.Taxonomies
// on every page shows a new series after an edit, as a clean build does.
func TestCustomTaxonomyMenuIncremental(t *testing.T) {
	// A Hugo site's own layouts/ are not used: the theme is a copy of
	// geul's default with its footer listing the series.
	fsys := sitetest.MapFS(strings.Replace(seriesSite, "paginate = 2\n", "paginate = 2\ntheme = \"mine\"\n", 1))
	err := fs.WalkDir(os.DirFS("../../themes/default"), ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(filepath.Join("../../themes/default", name))
		fsys["themes/mine/"+name] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	fsys["themes/mine/layouts/partials/footer.html"] = &fstest.MapFile{Data: []byte(
		"<footer>{{ range .Site.Taxonomies }}{{ range .Terms }}[{{ .Name }} {{ .Count }}]{{ end }}{{ end }}</footer>\n")}
	ctx := context.Background()
	b := site.NewBuilder(".", site.WithFS(fsys), site.WithClock(sitetest.Clock))
	if _, err := b.Build(ctx); err != nil {
		t.Fatal(err)
	}
	const name = "content/posts/four.md"
	fsys[name] = &fstest.MapFile{Data: []byte("+++\ntitle = \"넷\"\ndate = 2024-01-04\nseries = [\"새 연재\"]\n+++\n본문\n")}
	res, err := b.Rebuild(ctx, site.ClassifyChanges([]string{name}))
	if err != nil {
		t.Fatal(err)
	}
	clean, err := site.NewBuilder(".", site.WithFS(fsys), site.WithClock(sitetest.Clock)).Build(ctx)
	if err != nil {
		t.Fatal(err)
	}
	sameOutput(t, "after giving a post a new series", res.Output, clean.Output)
	if data, _ := res.Output.Get("posts/one/index.html"); !strings.Contains(string(data), "[새 연재 1]") {
		t.Errorf("a page that lists the series does not show the new one:\n%s", data)
	}
}
