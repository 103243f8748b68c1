package site_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/geul-blog/geul/pkg/site"
	"github.com/geul-blog/geul/pkg/sitetest"
)

// TestLargeBundleFilesAreThere: files over a megabyte, which a build copies
// from disk instead of holding them, are files of the site for the link
// check: a linked PDF and a cover named by the image key build, and are
// published.
func TestLargeBundleFilesAreThere(t *testing.T) {
	dir := t.TempDir()
	sitetest.WriteDir(t, dir, `-- content/posts/여행/index.md --
+++
title = "여행 🧳"
date = 2024-05-01
image = "표지.webp"
+++
[일정표](일정.pdf)
`)
	big := make([]byte, 3<<20)
	for _, name := range []string{"일정.pdf", "표지.webp"} {
		if err := os.WriteFile(filepath.Join(dir, "content", "posts", "여행", name), big, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	res, err := site.NewBuilder(dir, site.WithClock(sitetest.Clock)).Build(context.Background())
	if err != nil {
		t.Fatalf("a site with large bundle files does not build: %v", err)
	}
	for _, name := range []string{"posts/여행/일정.pdf", "posts/여행/표지.webp"} {
		if _, ok := res.Output.Copied()[name]; !ok {
			t.Errorf("%s is not copied from disk", name)
		}
	}
	html, _ := res.Output.Get("posts/여행/index.html")
	if !strings.Contains(string(html), "표지.webp") {
		t.Errorf("the page does not show its cover:\n%s", html)
	}
}
