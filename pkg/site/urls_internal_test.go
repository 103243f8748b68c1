package site

import (
	"context"
	"testing"
	"testing/fstest"
)

// TestTooManyPages: a build past the page cap (lowered here from 500,000)
// fails before rendering, saying what made most of the pages.
func TestTooManyPages(t *testing.T) {
	fsys := fstest.MapFS{
		"config.toml":        {Data: []byte("title = \"t\"\npaginate = 1\n")},
		"content/posts/a.md": {Data: []byte("+++\ntitle = \"a\"\ndate = 2024-01-01\ntags = [\"a\", \"b\", \"c\", \"d\", \"e\", \"f\"]\n+++\n")},
		"content/posts/b.md": {Data: []byte("+++\ntitle = \"b\"\ndate = 2024-01-02\ntags = [\"a\", \"b\", \"c\", \"d\", \"e\", \"f\"]\n+++\n")},
	}
	b := NewBuilder(".", WithFS(fsys), func(o *options) { o.maxPages = 20 })
	_, err := b.Build(context.Background())
	// 23 with the default theme's search page.
	const want = "content: the site would have 23 pages, more than the 20 geul builds (12 of them term pages); give posts fewer tags or categories, or raise paginate"
	if err == nil || err.Error() != want {
		t.Errorf("error:\n%v\nwant:\n%s", err, want)
	}
}
