package site_test

import (
	"reflect"
	"testing"

	"github.com/geul-blog/geul/pkg/site"
	"github.com/geul-blog/geul/pkg/sitetest"
)

func TestClassifyChanges(t *testing.T) {
	tests := []struct {
		paths []string
		want  site.Changes
		looks bool
	}{
		{[]string{"content/posts/가.md", "content/posts/a.md"},
			site.Changes{Paths: []string{"content/posts/a.md", "content/posts/가.md"}, Content: []string{"posts/a.md", "posts/가.md"}}, false},
		{[]string{"content"}, site.Changes{Paths: []string{"content"}, Content: []string{""}}, false},
		{[]string{"static/css/a.css"}, site.Changes{Paths: []string{"static/css/a.css"}, Static: true}, false},
		{[]string{"config.toml"}, site.Changes{Paths: []string{"config.toml"}, Config: true}, true},
		{[]string{"config/_default/params.toml"}, site.Changes{Paths: []string{"config/_default/params.toml"}, Config: true}, true},
		{[]string{"layouts/_default/single.html"}, site.Changes{Paths: []string{"layouts/_default/single.html"}, Layouts: true}, true},
		{[]string{"themes"}, site.Changes{Paths: []string{"themes"}, Theme: true}, true},
		{[]string{"i18n/ko.toml"}, site.Changes{Paths: []string{"i18n/ko.toml"}, I18n: true}, true},
		// Not what a site is built from: kept, and nothing changes.
		{[]string{"README.md", "contents/a.md", "statics"}, site.Changes{Paths: []string{"README.md", "contents/a.md", "statics"}}, false},
	}
	for _, tt := range tests {
		got := site.ClassifyChanges(tt.paths)
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("ClassifyChanges(%q) = %+v, want %+v", tt.paths, got, tt.want)
		}
		if got.Looks() != tt.looks {
			t.Errorf("ClassifyChanges(%q).Looks() = %t, want %t", tt.paths, got.Looks(), tt.looks)
		}
	}
}

// TestRebuildByKind: what a Rebuild does with each kind of change.
func TestRebuildByKind(t *testing.T) {
	s := sitetest.Build(t, sitetest.Blog)
	if !s.Full {
		t.Error("the first build is not full")
	}

	// A file the site is not built from changes nothing.
	s.Edit("README.md", "# 메모\n").Rebuild(t)
	if s.Full {
		t.Error("a change outside the site's folders made a full build")
	}
	s.AssertRendered(t, 0)
	s.AssertChanged(t)

	// A static file is published again, and no page is rendered.
	s.Edit("static/css/extra.css", "body{color:red}").Rebuild(t)
	if s.Full {
		t.Error("a static file made a full build")
	}
	s.AssertRendered(t, 0)
	s.AssertChanged(t, "css/extra.css")

	// The config changes every page: a full build.
	s.Replace(t, "config.toml", `title = "테스트 블로그"`, `title = "새 이름 📝"`).Rebuild(t)
	if !s.Full || s.Rendered != s.Pages {
		t.Errorf("a config edit: full %t, rendered %d of %d pages", s.Full, s.Rendered, s.Pages)
	}
	s.Contains(t, "index.html", "새 이름 📝")

	// A removed post is gone (and every page rendered again: chrome
	// counts the posts).
	s.Remove("content/posts/hello.md").Rebuild(t)
	if s.Full || s.Has("posts/hello/index.html") {
		t.Errorf("after removing a post: full %t, still published %t", s.Full, s.Has("posts/hello/index.html"))
	}
	sameOutput(t, "after removing a post", s.Output, s.Clean(t).Output)
}
