// Package corpus writes a deterministic corpus of Korean blog posts shaped
// like geul's seed post, for benchmarks and load tests, and measures the
// "floor": the cost of only turning those posts' Markdown into HTML.
//
// Post i depends only on i, so the same N always gives the same bytes and
// a smaller corpus is a prefix of a larger one. The posts are Korean prose
// with English terms, 3–6 "##" headings with emoji (ZWJ sequences and
// variation selectors among them), lists, a table in about 20 % of posts,
// fenced code in about 60 %, one of 8 categories, 2–4 of 40 tags, dates
// from 2016 to 2025, <!--more--> in half of them, and TOML front matter.
//
// It imports no geul package but pkg/parallel (the shared worker pool): it
// is a leaf, used by pkg/site's benchmarks
// and cmd/geul-bench.
package corpus

import (
	"context"
	"fmt"
	"os"
	"path"
	"path/filepath"

	"github.com/geul-blog/geul/pkg/parallel"
)

// ConfigTOML is the config.toml Generate writes.
const ConfigTOML = `baseURL = "https://example.org/"
title = "벤치 블로그"
description = "geul 성능 측정용으로 만든 한국어 블로그"
author = "김벤치"
languageCode = "ko"
timeZone = "Asia/Seoul"
paginate = 10
`

// PostPath returns the slash path, under the site folder, of post i
// (0-based): "content/posts/p00042.md".
func PostPath(i int) string {
	return path.Join("content", "posts", fmt.Sprintf("p%05d.md", i))
}

// Generate writes a site of n posts into dir: config.toml and
// content/posts/p00000.md … Files already there are overwritten; other
// files are left alone, so generate into an empty folder. The posts are
// written on all cores.
func Generate(dir string, n int) error {
	if n < 0 {
		return fmt.Errorf("corpus: cannot generate %d posts; give a count of 0 or more", n)
	}
	if err := os.MkdirAll(filepath.Join(dir, "content", "posts"), 0o755); err != nil {
		return fmt.Errorf("corpus: %w", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "config.toml"), []byte(ConfigTOML), 0o644); err != nil {
		return fmt.Errorf("corpus: %w", err)
	}
	return eachIndex(context.Background(), n, func(i int) error {
		return os.WriteFile(filepath.Join(dir, filepath.FromSlash(PostPath(i))), Post(i), 0o644)
	})
}

// eachIndex calls fn(0…n-1) on all cores (parallel.For) and returns the
// first error; it stops handing out work after an error or when ctx is done.
func eachIndex(parent context.Context, n int, fn func(i int) error) error {
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	errs := make([]error, n)
	_ = parallel.For(ctx, n, func(i int) {
		if errs[i] = fn(i); errs[i] != nil {
			cancel()
		}
	})
	for _, err := range errs {
		if err != nil {
			return fmt.Errorf("corpus: %w", err)
		}
	}
	return parent.Err()
}
