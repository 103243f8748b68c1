package content

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // tests need Asia/Seoul on machines without a zoneinfo database

	"github.com/geul-blog/geul/pkg/diag"
)

// fieldsOf is what Parse read from a file, in a form tests can compare.
type parsed struct {
	Title, Date, Lastmod string // dates in RFC 3339; "" when zero
	Draft                bool
	Categories, Tags     []string
	Slug, Description    string
	Cover                string
	Aliases              []string
	Body                 string
	BodyLine             int
}

func summarize(p *Page) parsed {
	date := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.Format(time.RFC3339Nano)
	}
	return parsed{
		Title: p.Title, Date: date(p.Date), Lastmod: date(p.Lastmod), Draft: p.Draft,
		Categories: p.Categories, Tags: p.Tags, Slug: p.Slug, Description: p.Description,
		Cover: p.Cover, Aliases: p.Aliases, Body: string(p.Body), BodyLine: p.BodyLine,
	}
}

func parseSeoul(t testing.TB, src string) (*Page, error) {
	t.Helper()
	return Parse([]byte(src), ParseOptions{File: "content/posts/a.md", Location: mustLoad(t, "Asia/Seoul")})
}

func TestParse(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want parsed
	}{
		{"toml", `+++
title = "[23년 5월 회고] 달리고 🏃‍♂️, 쉬었다 ⏸️"
date = 2023-05-31T21:30:00+09:00
lastmod = 2023-06-02
draft = true
categories = ["생각"]
tags = ["회고", "AWS", "Kubernetes"]
slug = "2023-05-retro"
description = "5월을 돌아본다."
cover = "cover.png"
aliases = ["/old/5월-회고/"]
+++
## [팀 이사 🚚]

이사했다.
`, parsed{
			Title: "[23년 5월 회고] 달리고 🏃‍♂️, 쉬었다 ⏸️", Date: "2023-05-31T21:30:00+09:00",
			Lastmod: "2023-06-02T00:00:00+09:00", Draft: true,
			Categories: []string{"생각"}, Tags: []string{"회고", "AWS", "Kubernetes"},
			Slug: "2023-05-retro", Description: "5월을 돌아본다.", Cover: "cover.png",
			Aliases: []string{"/old/5월-회고/"}, Body: "## [팀 이사 🚚]\n\n이사했다.\n", BodyLine: 13,
		}},
		{"yaml", `---
title: "Go로 블로그 만들기: 1편"
date: 2024-01-15 09:00
updated: 2024-01-16T08:00:00Z
draft: false
category: 개발
tags: [Go, 정적 사이트]
summary: 요약입니다
image: /img/a.png
aliases: /old/
---
본문
`, parsed{
			Title: "Go로 블로그 만들기: 1편", Date: "2024-01-15T09:00:00+09:00",
			Lastmod: "2024-01-16T17:00:00+09:00", Categories: []string{"개발"}, Tags: []string{"Go", "정적 사이트"},
			Description: "요약입니다", Cover: "/img/a.png", Aliases: []string{"/old/"},
			Body: "본문\n", BodyLine: 12,
		}},
		{"yaml block lists and blank values", "---\ntitle: 가\ntags:\n  - 하나\n  - 둘\ncategories:\ndescription:\ndate:\n---\n",
			parsed{Title: "가", Tags: []string{"하나", "둘"}, BodyLine: 10}},
		// The first heading, on the first line, becomes the title and
		// leaves the body.
		{"no front matter", "# 제목 없음\n\n본문 😄\n",
			parsed{Title: "제목 없음", Body: "\n본문 😄\n", BodyLine: 2}},
		{"heading further down stays in the body", "글\n\n# **굵은** 제목 #\n",
			parsed{Title: "굵은 제목", Body: "글\n\n# **굵은** 제목 #\n", BodyLine: 1}},
		{"heading in code is not a title", "```\n# 주석\n```\n",
			parsed{Title: "a", Body: "```\n# 주석\n```\n", BodyLine: 1}},
		{"thematic break is not yaml when it is not first", "본문\n---\n더\n",
			parsed{Title: "a", Body: "본문\n---\n더\n", BodyLine: 1}},
		{"bom", "\ufeff+++\ntitle = \"가\"\n+++\n본문\n",
			parsed{Title: "가", Body: "본문\n", BodyLine: 4}},
		{"bom without front matter", "\ufeff본문\n", parsed{Title: "a", Body: "본문\n", BodyLine: 1}},
		{"crlf", "+++\r\ntitle = \"가\"\r\n+++\r\n\r\n첫 줄\r\n둘째 줄\r\n",
			parsed{Title: "가", Body: "\n첫 줄\n둘째 줄\n", BodyLine: 4}},
		{"bom and crlf yaml", "\ufeff---\r\ntitle: 가\r\ntags: [a]\r\n---\r\n본문",
			parsed{Title: "가", Tags: []string{"a"}, Body: "본문", BodyLine: 5}},
		{"lone cr is a line end", "+++\rtitle = \"가\"\r+++\r본문\r",
			parsed{Title: "가", Body: "본문\n", BodyLine: 4}},
		{"blank lines before the fence", "\n  \n+++\ntitle = \"가\"\n+++\n본문\n",
			parsed{Title: "가", Body: "본문\n", BodyLine: 6}},
		{"fences with trailing spaces", "+++  \ntitle = \"가\"\n+++\t\n본문\n",
			parsed{Title: "가", Body: "본문\n", BodyLine: 4}},
		// Without a title the file's name is the title (with a warning).
		{"empty toml front matter", "+++\n+++\n본문\n", parsed{Title: "a", Body: "본문\n", BodyLine: 3}},
		{"empty yaml front matter", "---\n# 주석만\n---\n본문\n", parsed{Title: "a", Body: "본문\n", BodyLine: 4}},
		{"front matter only", "+++\ntitle = \"가\"\n+++", parsed{Title: "가", BodyLine: 4}},
		{"--- in the body stays", "---\ntitle: 가\n---\n위\n\n---\n\n아래\n",
			parsed{Title: "가", Body: "위\n\n---\n\n아래\n", BodyLine: 4}},
		{"+++ inside a toml string is not a fence", "+++\ntitle = \"\"\"\n+++\"\"\"\n+++\n본문\n",
			parsed{Title: "+++", Body: "본문\n", BodyLine: 5}},
		{"keys are case-insensitive", "+++\nTitle = \"가\"\nDRAFT = true\nTags = \"태그\"\n+++\n",
			parsed{Title: "가", Draft: true, Tags: []string{"태그"}, BodyLine: 6}},
		{"strings are trimmed", "+++\ntitle = \"  가  \"\nslug = \" a \"\n+++\n",
			parsed{Title: "가", Slug: "a", BodyLine: 5}},
		{"emoji and mixed scripts survive", "+++\ntitle = \"⏸️ 휴식 · Rest 🏃‍♂️ 👍👍👍\"\n+++\n:fire: 🔥\n",
			parsed{Title: "⏸️ 휴식 · Rest 🏃‍♂️ 👍👍👍", Body: ":fire: 🔥\n", BodyLine: 4}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := parseSeoul(t, tt.src)
			if err != nil {
				t.Fatal(err)
			}
			if got := summarize(p); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestParseDates(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		// Dates with another offset are moved to the site's zone: one calendar.
		{"toml offset datetime", "+++\ndate = 2024-05-31T21:30:00-07:00\n+++\n", "2024-06-01T13:30:00+09:00"},
		{"toml utc datetime", "+++\ndate = 2024-05-31T12:30:00Z\n+++\n", "2024-05-31T21:30:00+09:00"},
		{"toml local datetime is in the site's zone", "+++\ndate = 2024-05-31T21:30:00\n+++\n", "2024-05-31T21:30:00+09:00"},
		{"toml local datetime with a space", "+++\ndate = 2024-05-31 21:30:00\n+++\n", "2024-05-31T21:30:00+09:00"},
		{"toml local date", "+++\ndate = 2024-05-31\n+++\n", "2024-05-31T00:00:00+09:00"},
		{"toml string date", "+++\ndate = \"2024-05-31 21:30\"\n+++\n", "2024-05-31T21:30:00+09:00"},
		{"toml string rfc 3339", "+++\ndate = \"2024-05-31T21:30:00Z\"\n+++\n", "2024-06-01T06:30:00+09:00"},
		{"yaml date is in the site's zone, not UTC", "---\ndate: 2024-05-31\n---\n", "2024-05-31T00:00:00+09:00"},
		{"yaml timestamp with space", "---\ndate: 2024-05-31 21:30:00\n---\n", "2024-05-31T21:30:00+09:00"},
		{"yaml timestamp with zone", "---\ndate: 2024-05-31T21:30:00-07:00\n---\n", "2024-06-01T13:30:00+09:00"},
		{"yaml plain string date", "---\ndate: 2024-05-31 21:30\n---\n", "2024-05-31T21:30:00+09:00"},
		{"yaml quoted date", "---\ndate: \"2024-05-31\"\n---\n", "2024-05-31T00:00:00+09:00"},
		{"yaml-only timestamp form", "---\ndate: 2024-5-3 1:2:3\n---\n", "2024-05-03T01:02:03+09:00"},
		{"yaml-only timestamp form with zone", "---\ndate: 2024-5-3t1:2:3-05:00\n---\n", "2024-05-03T15:02:03+09:00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := parseSeoul(t, tt.src)
			if err != nil {
				t.Fatal(err)
			}
			if got := p.Date.Format(time.RFC3339Nano); got != tt.want {
				t.Errorf("Date = %s, want %s", got, tt.want)
			}
			if got := p.Date.Location().String(); got != "Asia/Seoul" {
				t.Errorf("Date is in %s, want Asia/Seoul", got)
			}
		})
	}
}

func TestParseNilLocationIsUTC(t *testing.T) {
	p, err := Parse([]byte("+++\ndate = 2024-05-31\n+++\n"), ParseOptions{File: "a.md"})
	if err != nil {
		t.Fatal(err)
	}
	if got := p.Date.Format(time.RFC3339); got != "2024-05-31T00:00:00Z" {
		t.Errorf("Date = %s", got)
	}
}

func TestParseCategories(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string
	}{
		{"list", "+++\ncategories = [\"생각\", \"개발\"]\n+++\n", []string{"생각", "개발"}},
		{"string", "+++\ncategories = \"생각\"\n+++\n", []string{"생각"}},
		{"category string", "+++\ncategory = \"생각\"\n+++\n", []string{"생각"}},
		{"category list", "+++\ncategory = [\"생각\"]\n+++\n", []string{"생각"}},
		{"both merged in file order, deduped", "+++\ncategory = \"개발\"\ncategories = [\"생각\", \"개발\", \"Notes\"]\n+++\n",
			[]string{"개발", "생각", "Notes"}},
		{"blanks and repeats dropped", "+++\ncategories = [\" 생각 \", \"\", \"생각\", \"  \"]\n+++\n", []string{"생각"}},
		{"empty list", "+++\ncategories = []\n+++\n", nil},
		{"absent", "+++\ntitle = \"가\"\n+++\n", nil},
		{"yaml block list", "---\ncategories:\n  - 생각\n  - 회고 🏃‍♂️\n---\n", []string{"생각", "회고 🏃‍♂️"}},
		{"yaml string and category", "---\ncategories: 생각\ncategory: [개발, 생각]\n---\n", []string{"생각", "개발"}},
		{"same word differently cased stays", "+++\ncategories = [\"Go\", \"go\"]\n+++\n", []string{"Go", "go"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := parseSeoul(t, tt.src)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(p.Categories, tt.want) {
				t.Errorf("Categories = %q, want %q", p.Categories, tt.want)
			}
		})
	}
}

func TestParseParams(t *testing.T) {
	seoul := mustLoad(t, "Asia/Seoul")
	tests := []struct {
		name, src string
		want      map[string]any
	}{
		{"toml keeps every key as written", `+++
title = "가"
Category = "생각"
weight = 3
ratio = 0.5
math = true
date = 2024-05-31
series = ["a", "b"]
[author]
name = "홍길동"
since = 2023-01-02T03:04:05
+++
`, map[string]any{
			"title": "가", "Category": "생각", "weight": int64(3), "ratio": 0.5, "math": true,
			"date":   time.Date(2024, 5, 31, 0, 0, 0, 0, seoul),
			"series": []any{"a", "b"},
			"author": map[string]any{"name": "홍길동", "since": time.Date(2023, 1, 2, 3, 4, 5, 0, seoul)},
		}},
		{"yaml keeps every key as written", "---\ntitle: 가\nweight: 3\ndate: 2024-05-31\nnote:\nlist: [1, x]\n---\n", map[string]any{
			"title": "가", "weight": 3, "date": time.Date(2024, 5, 31, 0, 0, 0, 0, seoul),
			"note": nil, "list": []any{1, "x"},
		}},
		{"none", "본문", map[string]any{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := parseSeoul(t, tt.src)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(p.Params, tt.want) {
				t.Errorf("Params =\n%#v\nwant\n%#v", p.Params, tt.want)
			}
		})
	}
}

func TestParseBodyDoesNotAliasInput(t *testing.T) {
	src := []byte("+++\ntitle = \"가\"\n+++\n본문\n")
	p, err := Parse(src, ParseOptions{File: "a.md"})
	if err != nil {
		t.Fatal(err)
	}
	for i := range src {
		src[i] = 'x'
	}
	if string(p.Body) != "본문\n" {
		t.Errorf("Body changed with the input: %q", p.Body)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"empty", "", "content/posts/a.md:1: empty file, skipped; write front matter with a title, or delete it"},
		{"only blanks", "\ufeff \r\n\n", "content/posts/a.md:1: empty file, skipped; write front matter with a title, or delete it"},
		{"unclosed toml", "+++\ntitle = \"가\"\n\n본문\n",
			"content/posts/a.md:1: front matter opened with +++ is never closed; did you forget the closing +++?"},
		{"unclosed yaml after blank lines", "\n\n---\ntitle: 가\n",
			"content/posts/a.md:3: front matter opened with --- is never closed; did you forget the closing ---?"},
		{"fences do not mix", "+++\ntitle = \"가\"\n---\n",
			"content/posts/a.md:1: front matter opened with +++ is never closed; did you forget the closing +++?"},
		{"utf-16", "\xff\xfe+\x00+\x00+\x00",
			"content/posts/a.md:1: file is UTF-16, not UTF-8; save it as UTF-8 (in most editors: Save with Encoding → UTF-8)"},
		{"euc-kr", "+++\ntitle = \"가\"\n+++\n첫 줄 \xc7\xd1\xb1\xdb\n",
			"content/posts/a.md:4:5: file is not valid UTF-8; save it as UTF-8; a file from an old Korean editor may be EUC-KR: convert it with iconv -f CP949 -t UTF-8"},
		{"invalid utf-8 after crlf", "a\r\nb\r\n\xff",
			"content/posts/a.md:3:1: file is not valid UTF-8; save it as UTF-8; a file from an old Korean editor may be EUC-KR: convert it with iconv -f CP949 -t UTF-8"},
		{"toml unquoted string", "+++\ndate = 2024-05-31\ntitle = 안녕\n+++\n",
			`content/posts/a.md:3:9: invalid TOML front matter: expected value but found "안녕" instead; text needs quotes: title = "…"`},
		{"toml unclosed string after bom and crlf", "\ufeff+++\r\ntitle = \"가\r\n+++\r\n",
			"content/posts/a.md:2:11: invalid TOML front matter: strings cannot contain newlines; check the quotes and the = sign on that line"},
		{"toml duplicate key", "+++\ntitle = \"가\"\ntitle = \"나\"\n+++\n",
			"content/posts/a.md:3: invalid TOML front matter: Key 'title' has already been defined; a key may appear once; remove the other one"},
		{"toml after blank lines", "\n+++\n\nx = [1,\n+++\n",
			"content/posts/a.md:4:8: invalid TOML front matter: unexpected EOF; expected value; check the quotes and the = sign on that line"},
		{"yaml colon in title", "---\ndate: 2024-05-31\ntitle: 회고: 5월\n---\n",
			`content/posts/a.md:3: invalid YAML front matter: mapping values are not allowed in this context; a value containing ": " needs quotes: title: "제목: 부제"`},
		{"yaml unclosed flow list", "---\ntitle: 가\ntags: [a, b\ndraft: true\n---\n",
			"content/posts/a.md:3: invalid YAML front matter: did not find expected ',' or ']'; check the indentation and the quotes on that line"},
		{"yaml unclosed quote", "---\ntitle: \"가\ndate: 2024-05-31\n---\n",
			"content/posts/a.md:2: invalid YAML front matter: found unexpected end of stream; a quote opened on this line is never closed"},
		{"yaml tab", "---\ntitle: 가\n\tdraft: true\n---\n",
			"content/posts/a.md:3: invalid YAML front matter: found a tab character that violates indentation; indent with spaces, not tabs"},
		{"yaml duplicate key", "---\ntitle: 가\ndraft: true\ntitle: 나\n---\n",
			`content/posts/a.md:4: key "title" is set twice in the front matter (first on line 2); a key may appear once; remove the other one`},
		{"yaml list", "---\n- 가\n- 나\n---\n",
			`content/posts/a.md:2: YAML front matter must be key: value lines; write it like "title: 제목", one key a line; a file that starts with a --- rule needs a line above it`},
		{"date not a date", "+++\ntitle = \"가\"\ndate = \"5월 31일\"\n+++\n",
			`content/posts/a.md:3: date "5월 31일" is not a date; write it as ` + DateFormats},
		{"date a number", "---\ntitle: 가\ndate: 20240531\n---\n",
			"content/posts/a.md:3: date must be a date; write it as " + DateFormats},
		{"date only a time", "+++\ndate = 21:30:00\n+++\n",
			"content/posts/a.md:2: date has a time but no day; write it as " + DateFormats},
		{"lastmod bad", "+++\n\"lastmod\" = \"어제\"\n+++\n",
			`content/posts/a.md:2: lastmod "어제" is not a date; write it as ` + DateFormats},
		{"updated bad, crlf", "---\r\ntitle: 가\r\n\r\nupdated: 2024-13-01\r\n---\r\n",
			`content/posts/a.md:4: updated "2024-13-01" is not a date; write it as ` + DateFormats},
		{"categories a number", "+++\ntitle = \"가\"\ncategories = 3\n+++\n",
			`content/posts/a.md:3: categories must be a string or a list of strings; write categories = ["개발", "Go"] or categories = "개발"`},
		{"categories with a number", "+++\ncategories = [\"가\", 2023]\n+++\n",
			`content/posts/a.md:2: categories must be a string or a list of strings; write categories = ["개발", "Go"] or categories = "개발"`},
		{"category a bool in yaml", "---\ncategory: true\n---\n",
			`content/posts/a.md:2: category must be a string or a list of strings; write category: ["개발", "Go"] or category: "개발"`},
		{"tags a table", "+++\ntitle = \"가\"\n\n[tags]\na = 1\n+++\n",
			`content/posts/a.md:4: tags must be a string or a list of strings; write tags = ["개발", "Go"] or tags = "개발"`},
		{"aliases nested list", "+++\naliases = [[\"/a/\"]]\n+++\n",
			`content/posts/a.md:2: aliases must be a string or a list of strings; write aliases = ["개발", "Go"] or aliases = "개발"`},
		{"title a number", "+++\ntitle = 2023\n+++\n",
			`content/posts/a.md:2: title must be a string; put it in quotes: title = "…"`},
		{"title a number in yaml", "---\n\ntitle: 2023\n---\n",
			`content/posts/a.md:3: title must be a string; put it in quotes: title: "…"`},
		{"title a list", "+++\ntitle = [\"가\"]\n+++\n",
			`content/posts/a.md:2: title must be a string, not a list; write one text: title = "…"`},
		{"title a map in yaml", "---\ntitle:\n  ko: 제목\n---\n",
			`content/posts/a.md:2: title must be a string, not a map of keys; write one text on the line: title: "…"; a value containing ": " needs quotes`},
		{"title a table", "+++\n[title]\nko = \"제목\"\n+++\n",
			`content/posts/a.md:2: title must be a string, not a table of keys; write one text: title = "…"; keys of your own go in [params]`},
		{"slug a number", "+++\nslug = 1\n+++\n", `content/posts/a.md:2: slug must be a string; put it in quotes: slug = "…"`},
		{"cover a list", "+++\ncover = [\"a.png\"]\n+++\n",
			`content/posts/a.md:2: cover must be a path or a map with image and alt; write cover = "cover.jpg"`},
		{"draft a string", "+++\ndraft = \"true\"\n+++\n",
			"content/posts/a.md:2: draft must be true or false; write draft = true, without quotes"},
		{"draft yes in yaml", "---\ntitle: 가\ndraft: yes\n---\n",
			"content/posts/a.md:3: draft must be true or false; write draft: true, without quotes"},
		{"title twice in two cases", "---\nTitle: 가\ntitle: 나\n---\n",
			"content/posts/a.md:3: Title and title are both set; they mean the same; keep only title"},
		{"lastmod and updated", "+++\nupdated = 2024-01-01\nlastmod = 2024-01-02\n+++\n",
			"content/posts/a.md:3: updated and lastmod are both set; they mean the same; keep only lastmod"},
		{"key line skips tables and multi-line strings", "+++\nnote = \"\"\"\ndate = 1\n\"\"\"\ndate = \"x\"\n[params]\ndate = 2\n+++\n",
			`content/posts/a.md:5: date "x" is not a date; write it as ` + DateFormats},
	}
	tests = append(tests, limitErrors()...)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := parseSeoul(t, tt.src)
			if err == nil {
				t.Fatalf("no error; parsed %+v", summarize(p))
			}
			var d *diag.Error
			if !errors.As(err, &d) {
				t.Fatalf("%T is not a *diag.Error: %v", err, err)
			}
			if d.Line < 1 || d.Hint == "" {
				t.Errorf("error without a line or a hint: %+v", d)
			}
			if got := err.Error(); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

func TestParseLongBrokenYAMLStaysFast(t *testing.T) {
	// A file opening with a --- thematic break: everything up to the next
	// --- is read as front matter.
	src := "---\n" + strings.Repeat("a: b\n", 3000) + "x: y: z\n---\n"
	start := time.Now()
	_, err := parseSeoul(t, src)
	var d *diag.Error
	if !errors.As(err, &d) || d.Line < 3001 || d.Line > 3003 {
		t.Fatalf("got %v, want an error near line 3002", err)
	}
	if el := time.Since(start); el > 2*time.Second {
		t.Errorf("took %v", el)
	}
}
