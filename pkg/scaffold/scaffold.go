// Package scaffold writes a new blog for "geul new site": a commented
// config.toml, a first post, archetypes/default.md and a .gitignore, so
// that "geul serve" shows a working site at once and every file a
// newcomer would otherwise type by hand is there to edit.
package scaffold

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/geul-blog/geul/pkg/archetype"
)

// Gitignore keeps what geul writes out of git: the built site, geul's
// cache and check results (.geul/), and the files geul keeps beside the
// destination (.public.geul.manifest, .public.geul-stage-*, …).
const Gitignore = `# geul: the built site, its cache, and geul's files beside public/
/public/
/.geul/
/.public.geul*
`

const configTOML = `# The blog's settings. Every key is optional; see geul's README for all of them.

# The address the blog is published at, with https:// (feeds, the sitemap
# and Open Graph need it). "geul serve" replaces it with its own address.
baseURL = "https://example.com/"
title = %s
description = "한 줄 소개"
author = ""
languageCode = "ko"
timeZone = "Asia/Seoul"   # dates without a zone are read here; "geul new" writes now in it

# Posts per list page, and the length of automatic summaries in characters.
paginate = 10
summaryLength = 150

# Slugs of "geul new post": "hangul" keeps the title as it is (default),
# "romanized" writes it in Latin letters (23nyeon-6wol-hoego), "date" uses the date.
slugStyle = "hangul"

# A post's address; :year, :month, :day, :slug, :filename, :section.
# [permalinks]
# posts = "/:year/:month/:slug/"

# Links in the header.
# [[menus.main]]
# name = "소개"
# url = "/about/"
# weight = 1
`

const firstPost = `+++
title = "첫 글"
date = %s
categories = "생각"
tags = ["시작"]
+++

geul로 만든 블로그의 첫 글입니다. 이 파일(content/posts/첫-글.md)을
고치고 저장하면 열린 페이지가 바로 바뀝니다.

<!--more-->

## 다음에 할 일

- "geul new post \"제목\""으로 새 글을 만듭니다 (draft = true로 시작합니다).
- 다 쓰면 draft = true를 지우고, "geul build"로 public/에 사이트를 만듭니다.
`

// FirstPost is where the first post is written, relative to the site.
var FirstPost = filepath.Join("content", "posts", "첫-글.md")

// Site writes a new blog titled title into dir, which must not exist or be
// empty; now dates the first post. It returns the files written, relative
// to dir. It never overwrites a file.
func Site(dir, title string, now time.Time) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err == nil && len(entries) > 0 {
		return nil, fmt.Errorf("%s already exists and is not empty; choose a new folder (geul new site never overwrites)", dir)
	}
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%s: %v", dir, err)
	}
	files := []struct {
		name string
		text string
	}{
		{"config.toml", fmt.Sprintf(configTOML, archetype.Quote(title))},
		{FirstPost, fmt.Sprintf(firstPost, now.Format(time.RFC3339))},
		{filepath.Join("archetypes", "default.md"), string(archetype.Default)},
		{".gitignore", Gitignore},
		{filepath.Join("static", ".keep"), ""},
		{filepath.Join("layouts", ".keep"), ""},
	}
	var written []string
	for _, f := range files {
		p := filepath.Join(dir, f.name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return written, err
		}
		fh, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err != nil {
			return written, err
		}
		_, err = fh.WriteString(f.text)
		if cerr := fh.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return written, err
		}
		written = append(written, f.name)
	}
	return written, nil
}
