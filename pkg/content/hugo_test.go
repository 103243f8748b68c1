package content

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// Front matter as Hugo blogs write it.
func TestParseHugoFields(t *testing.T) {
	t.Run("json", func(t *testing.T) {
		p, err := parseSeoul(t, "{\n  \"title\": \"제이슨 글\",\n  \"date\": \"2024-01-02T03:04:05.123+09:00\",\n  \"tags\": [\"a\", \"b\"],\n  \"weight\": 3\n}\n본문\n")
		if err != nil {
			t.Fatal(err)
		}
		got := summarize(p)
		if got.Title != "제이슨 글" || got.Date != "2024-01-02T03:04:05.123+09:00" || len(got.Tags) != 2 ||
			got.Body != "본문\n" || got.BodyLine != 7 || p.Weight != 3 {
			t.Errorf("got %+v weight %d", got, p.Weight)
		}
	})
	t.Run("json error names the line", func(t *testing.T) {
		_, err := parseSeoul(t, "{\n  \"title\": \"가\"\n  \"date\": \"2024-01-02\"\n}\n")
		if err == nil || !strings.HasPrefix(err.Error(), "content/posts/a.md:3: invalid JSON front matter") {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("a shortcode at the start is not json", func(t *testing.T) {
		p, err := parseSeoul(t, "{{< youtube x >}}\n")
		if err != nil || p.Title != "a" {
			t.Errorf("p = %+v, err = %v", p, err)
		}
	})
	t.Run("every field", func(t *testing.T) {
		p, err := parseSeoul(t, `---
title: 글
url: /old/place/
slug: my-slug
summary: 요약
publishDate: 2025-08-03 17:30:00 +0900
expiryDate: 2030-01-01
weight: 5
keywords: [k1, k2]
images: [a.png]
cover:
  image: c.png
  alt: 표지
toc: true
headless: false
build:
  list: never
series: [시리즈]
---
`)
		if err != nil {
			t.Fatal(err)
		}
		if p.URLPath != "/old/place/" || p.Slug != "my-slug" || p.Description != "요약" || p.Weight != 5 ||
			strings.Join(p.Keywords, ",") != "k1,k2" || p.Images[0] != "a.png" || p.Cover != "c.png" ||
			p.CoverAlt != "표지" || p.ShowTOC == nil || !*p.ShowTOC || p.Headless || !p.Unlisted {
			t.Errorf("got %+v", p)
		}
		// No date: publishDate stands in, as in Hugo; shown in the site's zone.
		if got := p.Date.Format(time.RFC3339); got != "2025-08-03T17:30:00+09:00" {
			t.Errorf("Date = %s", got)
		}
		if got := p.ExpiryDate.Format(time.RFC3339); got != "2030-01-01T00:00:00+09:00" {
			t.Errorf("ExpiryDate = %s", got)
		}
	})
	t.Run("cover as path map and image src", func(t *testing.T) {
		for src, want := range map[string]string{
			"+++\ntitle=\"a\"\n[cover]\npath = \"p.png\"\n+++\n": "p.png",
			"+++\ntitle=\"a\"\n[image]\nsrc = \"s.png\"\n+++\n":  "s.png",
			"+++\ntitle=\"a\"\nimage = \"i.png\"\n+++\n":         "i.png",
		} {
			p, err := parseSeoul(t, src)
			if err != nil || p.Cover != want {
				t.Errorf("%q: cover %q, err %v", src, p.Cover, err)
			}
		}
	})
	t.Run("build render never is headless", func(t *testing.T) {
		p, err := parseSeoul(t, "+++\ntitle = \"a\"\n[_build]\nrender = false\n+++\n")
		if err != nil || !p.Headless {
			t.Errorf("p = %+v, err = %v", p, err)
		}
	})
	t.Run("custom taxonomies", func(t *testing.T) {
		p, err := Parse([]byte("+++\ntitle = \"a\"\nseries = \"연재\"\n+++\n"),
			ParseOptions{File: "content/posts/a.md", Taxonomies: []string{"series"}})
		if err != nil || strings.Join(p.Terms["series"], ",") != "연재" {
			t.Errorf("p = %+v, err = %v", p, err)
		}
	})
}

func TestUntitled(t *testing.T) {
	mod := time.Date(2024, 3, 4, 5, 6, 7, 0, time.UTC)
	tests := []struct {
		file, src, title, date, warning string
	}{
		{"content/posts/2023-06-01-회고.md", "글만 있다\n", "회고", "2023-06-01",
			`content/posts/2023-06-01-회고.md:1: has no front matter; geul gave it title "회고" from its file name and date 2023-06-01 from its file name`},
		{"content/posts/note.md", "# 메모 🧯\n본문\n", "메모 🧯", "2024-03-04",
			`content/posts/note.md:1: has no front matter; geul gave it title "메모 🧯" from its first heading and date 2024-03-04 05:06 from the file's modification time`},
		{"content/posts/trip/index.md", "+++\ndate = 2024-01-01\n+++\n본문\n", "trip", "2024-01-01",
			`content/posts/trip/index.md:1: has no title; geul gave it title "trip" from its file name`},
	}
	for _, tt := range tests {
		p, err := Parse([]byte(tt.src), ParseOptions{File: tt.file, ModTime: mod})
		if err != nil {
			t.Fatal(err)
		}
		if p.Title != tt.title || p.Date.Format("2006-01-02") != tt.date {
			t.Errorf("%s: title %q date %s", tt.file, p.Title, p.Date)
		}
		if len(p.Warnings) != 1 || !strings.HasPrefix(p.Warnings[0].Error(), tt.warning) {
			t.Errorf("%s: warnings %v\nwant %s", tt.file, p.Warnings, tt.warning)
		}
	}
	// _index.md needs no title.
	p, err := Parse([]byte("본문\n"), ParseOptions{File: "content/posts/_index.md", Section: true})
	if err != nil || len(p.Warnings) != 0 || p.Title != "" {
		t.Errorf("_index.md: %+v %v", p, err)
	}
	// An empty file is ErrEmpty, for the loader to skip.
	if _, err := Parse(nil, ParseOptions{File: "content/posts/new.md"}); !errors.Is(err, ErrEmpty) {
		t.Errorf("empty: %v", err)
	}
}
