package site_test

import (
	"reflect"
	"testing"

	"github.com/geul-blog/geul/pkg/site"
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
