package site_test

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/geul-blog/geul/pkg/site"
	"github.com/geul-blog/geul/pkg/sitetest"
)

// TestCoverShownWithSize: a post's cover is shown on the post and in the
// lists, with the image's width and height so that the page does not jump.
func TestCoverShownWithSize(t *testing.T) {
	var img bytes.Buffer
	if err := png.Encode(&img, image.NewGray(image.Rect(0, 0, 64, 48))); err != nil {
		t.Fatal(err)
	}
	fsys := sitetest.MapFS(`
-- config.toml --
baseURL = "https://blog.example.kr/"
-- content/posts/바다/index.md --
+++
title = "바다"
date = 2024-01-01
cover = "cover.png"
+++
글
-- content/posts/svg.md --
+++
title = "svg"
date = 2024-01-02
cover = "/logo.svg"
+++
-- static/logo.svg --
<svg xmlns="http://www.w3.org/2000/svg"/>
`)
	fsys["content/posts/바다/cover.png"] = &fstest.MapFile{Data: img.Bytes()}
	res, err := site.NewBuilder(".", site.WithFS(fsys), site.WithClock(sitetest.Clock)).Build(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	s := &sitetest.Site{Result: res}
	post := s.File(t, "posts/바다/index.html")
	if !strings.Contains(post, `<img class="post-cover" src="/posts/%eb%b0%94%eb%8b%a4/cover.png" alt="" width="64" height="48">`) {
		t.Errorf("post has no sized cover:\n%s", post)
	}
	s.Contains(t, "index.html", `<img class="post-item-cover" src="/posts/%eb%b0%94%eb%8b%a4/cover.png" alt="" loading="lazy" width="64" height="48">`,
		`<img class="post-item-cover" src="/logo.svg" alt="" loading="lazy">`)
}
