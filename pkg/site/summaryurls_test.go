package site_test

import (
	"testing"

	"github.com/geul-blog/geul/pkg/sitetest"
)

// TestListLinksAndSummaryImages builds a post named "?.md" and a bundle
// whose summary shows an image of the bundle: on list pages the post's link
// used to be a query ("/blog/posts/?/") and the image pointed at the list's
// own folder ("pic.png" on /blog/).
func TestListLinksAndSummaryImages(t *testing.T) {
	s := sitetest.Build(t, `
-- config.toml --
baseURL = "https://example.org/blog/"
-- content/posts/?.md --
+++
title = "물음표"
date = 2024-01-01
+++
본문
-- content/posts/그림/index.md --
+++
title = "번들 🖼️"
date = 2024-01-02
+++
요약 ![그림](pic.png) [각주로](#끝) [위로](../)

<!--more-->

나머지 ![그림](pic.png)

## 끝
-- content/posts/그림/pic.png --
png
`)
	for _, list := range []string{"index.html", "posts/index.html"} {
		s.Contains(t, list, `href="/blog/posts/%3F/"`,
			`<img src="/blog/posts/그림/pic.png" alt="그림">`,
			`<a href="/blog/posts/그림/#%EB%81%9D">각주로</a>`, `<a href="/blog/posts/">위로</a>`)
		s.Lacks(t, list, `href="/blog/posts/?/"`, `src="pic.png"`)
	}
	s.Contains(t, "posts/?/index.html", "물음표")
	// The post itself keeps its Markdown's relative URLs.
	s.Contains(t, "posts/그림/index.html", `<img src="pic.png" alt="그림">`)
}
