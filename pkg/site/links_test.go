package site_test

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/geul-blog/geul/pkg/site"
	"github.com/geul-blog/geul/pkg/sitetest"
)

const linkSite = `
-- config.toml --
baseURL = "https://blog.example.kr/"
-- content/posts/a.md --
+++
title = "a"
date = 2024-01-01
+++
## 시작
[b](b.md#설치-방법)
-- content/posts/b.md --
+++
title = "b"
date = 2024-01-02
+++
## 설치 방법
본문
`

// TestLinkChecksOnEveryBuild: a broken link written while geul serve runs
// (the fast path for edited text) fails that rebuild with its line, and
// fixing it recovers.
func TestLinkChecksOnEveryBuild(t *testing.T) {
	fsys := sitetest.MapFS(linkSite)
	b := site.NewBuilder(".", site.WithFS(fsys), site.WithClock(sitetest.Clock))
	ctx := context.Background()
	if _, err := b.Build(ctx); err != nil {
		t.Fatal(err)
	}
	good := fsys["content/posts/a.md"].Data
	edits := []struct{ body, want string }{
		{"[b](b.md#설치)", `content/posts/a.md:6: link to b.md#설치: b.md has no heading with the anchor "설치"; did you mean #설치-방법?`},
		{"[위](#시작하기)", `content/posts/a.md:6: link to #시작하기: this page has no heading with that anchor; did you mean #시작?`},
		{"\n![그림](/img/none.png)", `content/posts/a.md:7: image "/img/none.png" not found`},
		{"[글](/posts/c/)", `content/posts/a.md:6: link to "/posts/c/", which is no page or file of this site; did you mean "/posts/b/"?`},
	}
	for _, e := range edits {
		fsys["content/posts/a.md"] = &fstest.MapFile{Data: []byte("+++\ntitle = \"a\"\ndate = 2024-01-01\n+++\n## 시작\n" + e.body + "\n")}
		_, err := b.Rebuild(ctx, site.ClassifyChanges([]string{"content/posts/a.md"}))
		if err == nil || !strings.Contains(err.Error(), e.want) {
			t.Errorf("%q: got %v, want %q", e.body, err, e.want)
		}
		fsys["content/posts/a.md"] = &fstest.MapFile{Data: good}
		if _, err := b.Rebuild(ctx, site.ClassifyChanges([]string{"content/posts/a.md"})); err != nil {
			t.Fatalf("after fixing %q: %v", e.body, err)
		}
	}
}

// TestRefWarnings: with WithRefWarnings a link to no page is a warning and
// the site is built.
func TestRefWarnings(t *testing.T) {
	archive := linkSite + "-- content/posts/c.md --\n+++\ntitle = \"c\"\ndate = 2024-01-03\n+++\n[없음](/posts/없음/)\n"
	want := `content/posts/c.md:5: link to "/posts/없음/", which is no page or file of this site`
	if _, err := sitetest.BuildErr(archive); err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("without the option: %v", err)
	}
	res := sitetest.Build(t, archive, site.WithRefWarnings(true))
	found := false
	for _, w := range res.Warnings {
		found = found || strings.Contains(w.Error(), want)
	}
	if !found || !res.Has("posts/c/index.html") {
		t.Errorf("warnings %v; want the missing image among them and the page built", res.Warnings)
	}
}
