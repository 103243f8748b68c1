package config

import (
	"strings"
	"testing"
	"testing/fstest"
)

func mapFS(files map[string]string) fstest.MapFS {
	fsys := fstest.MapFS{}
	for name, data := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	return fsys
}

func TestLoadHugo(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		check func(t *testing.T, c *Config)
	}{
		{"hugo.toml", map[string]string{"hugo.toml": `
baseURL = "https://blog.example.kr"
title = "블로그"
languageCode = "ko-KR"
theme = ["PaperMod", "extra"]
paginate = 7
summaryLength = 40
uglyURLs = true
enableEmoji = true
hasCJKLanguage = true
copyright = "© 나"
[author]
name = "글쓴이"
[markup.goldmark.renderer]
unsafe = true
[markup.highlight]
style = "monokai"
lineNos = true
[permalinks]
posts = "/:year/:slug/"
[taxonomies]
tag = "tags"
series = "series"
[params]
description = "설명"
[[menu.main]]
name = "소개"
pageRef = "/about"
weight = 2
[[menu.main]]
identifier = "글"
url = "/posts/"
weight = 1
`}, func(t *testing.T, c *Config) {
			if !c.FromHugo || c.HeadingIDs != HeadingIDsHugo || c.BaseURL != "https://blog.example.kr/" || c.Title != "블로그" ||
				c.LanguageCode != "ko-KR" || c.Theme != "PaperMod" || c.Paginate != 7 || c.SummaryLength != 80 || !c.UglyURLs ||
				!c.EnableEmoji || !c.HasCJKLanguage || c.Copyright != "© 나" || c.Author != "글쓴이" || !c.Unsafe ||
				c.HighlightStyle != "monokai" || c.Permalinks["posts"] != "/:year/:slug/" || c.Taxonomies["series"] != "series" ||
				c.Description != "설명" {
				t.Errorf("got %+v", c)
			}
			if m := c.Menus["main"]; len(m) != 2 || m[0].Name != "글" || m[1].URL != "/about/" {
				t.Errorf("menus %+v", m)
			}
			if len(c.Warnings) != 0 {
				t.Errorf("warnings %v", c.Warnings)
			}
		}},
		{"yaml with unused keys: one warning", map[string]string{"hugo.yaml": `
baseURL: https://example.org/
disqusShortname: x
googleAnalytics: y
outputs:
  home: [HTML, JSON]
markup:
  tableOfContents:
    endLevel: 3
pagination:
  pagerSize: 3
  path: seite
`}, func(t *testing.T, c *Config) {
			if c.Paginate != 3 || c.LanguageCode != "en" {
				t.Errorf("got %+v", c)
			}
			want := "hugo.yaml: geul does not use these Hugo settings: [outputs], disqusShortname, googleAnalytics, markup.tableOfContents, pagination.path"
			if len(c.Warnings) != 1 || !strings.HasPrefix(c.Warnings[0].Error(), want) {
				t.Errorf("warnings %v\nwant %s", c.Warnings, want)
			}
		}},
		{"json", map[string]string{"config.json": `{"baseURL": "https://example.org/", "title": "제이슨", "params": {"author": "나"}}`},
			func(t *testing.T, c *Config) {
				if c.Title != "제이슨" || c.Author != "나" || !c.FromHugo {
					t.Errorf("got %+v", c)
				}
			}},
		{"config/_default merged", map[string]string{
			"config/_default/hugo.toml":      "baseURL = \"https://example.org/\"\ntitle = \"나뉜 설정\"\ndefaultContentLanguage = \"ko\"\n",
			"config/_default/params.toml":    "description = \"파라미터\"\n",
			"config/_default/menus.ko.toml":  "[[main]]\nname = \"글\"\nurl = \"/posts/\"\n",
			"config/_default/menus.en.toml":  "[[main]]\nname = \"Posts\"\nurl = \"/posts/\"\n",
			"config/_default/languages.toml": "[ko]\ntitle = \"한국어 제목\"\ncontentDir = \"content/ko\"\n[en]\ntitle = \"English\"\n",
		}, func(t *testing.T, c *Config) {
			if c.Title != "한국어 제목" || c.Description != "파라미터" || c.LanguageCode != "ko" || c.DefaultLanguage != "ko" ||
				strings.Join(c.OtherLanguages, ",") != "en" || c.LanguageContentDir != "ko" {
				t.Errorf("got %+v", c)
			}
			if m := c.Menus["main"]; len(m) != 1 || m[0].Name != "글" {
				t.Errorf("menus %+v", m)
			}
		}},
		{"geul's own config.toml is not Hugo's", map[string]string{"config.toml": "title = \"글\"\nheadingIDs = \"hugo\"\n"},
			func(t *testing.T, c *Config) {
				if c.FromHugo || c.HeadingIDs != HeadingIDsHugo || c.LanguageCode != "ko" {
					t.Errorf("got %+v", c)
				}
			}},
		{"a config.toml with Hugo's keys is Hugo's", map[string]string{"config.toml": "title = \"글\"\n[taxonomies]\ntag = \"tags\"\n"},
			func(t *testing.T, c *Config) {
				if !c.FromHugo || c.HeadingIDs != HeadingIDsHugo {
					t.Errorf("got %+v", c)
				}
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Load(mapFS(tt.files), FileName)
			if err != nil {
				t.Fatal(err)
			}
			tt.check(t, c)
		})
	}
}

func TestLoadHugoErrors(t *testing.T) {
	tests := []struct {
		files map[string]string
		want  string
	}{
		{map[string]string{"hugo.yaml": "title: [\n"}, "hugo.yaml:1: invalid YAML"},
		{map[string]string{"hugo.json": "{\n\"title\": \"a\",\n}\n"}, "hugo.json:3: invalid JSON"},
		{map[string]string{"hugo.toml": "paginate = \"ten\"\n"}, "hugo.toml: paginate must be a whole number"},
		{map[string]string{"hugo.toml": "[permalinks]\nposts = \"/:yearr/:slug/\"\n"}, `unknown token :yearr`},
		{map[string]string{"config.toml": "headingIDs = \"github\"\n"}, `config.toml: headingIDs = "github"`},
	}
	for _, tt := range tests {
		_, err := Load(mapFS(tt.files), FileName)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%v: err = %v, want %q", tt.files, err, tt.want)
		}
	}
}

func TestUnknownPermalinkToken(t *testing.T) {
	for pattern, want := range map[string]string{
		"/:year/:month/:day/:slug/":              "",
		"/:sections/:monthname/:weekday/:title/": "",
		"/:section/:2006/:filename.html":         "",
		"/:sections[1:]/:slugorfilename/":        "",
		"/:contentbasename/":                     "",
		"/:nope/:slug/":                          ":nope",
	} {
		if got := UnknownPermalinkToken(pattern); got != want {
			t.Errorf("%s: %q, want %q", pattern, got, want)
		}
	}
}
