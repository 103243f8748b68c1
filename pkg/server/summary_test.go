package server

import (
	"testing"
	"time"

	"github.com/geul-blog/geul/pkg/site"
)

func TestSummary(t *testing.T) {
	tests := []struct {
		changed []string
		res     site.Result
		want    string
	}{
		{nil, site.Result{Rendered: 7}, "built 7 pages in 12 ms"},
		{nil, site.Result{Rendered: 7, Drafts: 2, Future: 1}, "built 7 pages in 12 ms (skipped 2 drafts and 1 future post; --drafts and --future show them)"},
		{[]string{"content/posts/a.md"}, site.Result{Rendered: 1, Drafts: 1}, "rebuilt content/posts/a.md: 1 page in 12 ms (skipped 1 draft; --drafts and --future show them)"},
		// The file saved, not the editor's temporary files.
		{[]string{"content/posts/4913", "content/posts/.a.md.swp", "content/posts/a.md", "content/posts/a.md~"}, site.Result{Rendered: 1},
			"rebuilt content/posts/a.md: 1 page in 12 ms"},
		{[]string{"content/posts/.#a.md", "content/posts/a.md___jb_tmp___", "content/posts/a.md.tmp.1234", "content/posts/b.md", "content/posts/c.md"}, site.Result{Rendered: 2},
			"rebuilt content/posts/b.md +1 more: 2 pages in 12 ms"},
		{[]string{"content/posts/.a.md.swp"}, site.Result{Rendered: 1}, "rebuilt content/posts/.a.md.swp: 1 page in 12 ms"},
	}
	for _, tt := range tests {
		if got := summary(tt.changed == nil, tt.changed, &tt.res, 12*time.Millisecond); got != tt.want {
			t.Errorf("summary(%q) = %q, want %q", tt.changed, got, tt.want)
		}
	}
}
