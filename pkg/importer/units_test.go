package importer

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/geul-blog/geul/pkg/content"
	"time"
)

func TestGeulPattern(t *testing.T) {
	for in, want := range map[string]string{
		"/:categories/:year/:month/:day/:title:output_ext": "/:year/:month/:day/:slug/",
		"/:categories/:year/:month/:day/:title/":           "/:year/:month/:day/:slug/",
		"/:categories/:title:output_ext":                   "/:slug/",
		"/:year/:month/:title.html":                        "/:year/:month/:slug/",
		"/:abbrlink/":                                      "/:year/:month/:day/:slug/",
		"/news/:year/:month/:day/:title/":                  "/news/:year/:month/:day/:slug/",
		"/:year/:i_month/:title/":                          "/:year/:month/:day/:slug/",
		"/posts/:title/":                                   "",
	} {
		if got := geulPattern(in); got != want {
			t.Errorf("geulPattern(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestJekyllURL(t *testing.T) {
	p := &post{date: time.Date(2018, 5, 2, 23, 0, 0, 0, time.UTC), categories: []string{"Dev", "일상"}}
	for _, c := range []struct{ pattern, title, want string }{
		{jekyllStyles["date"], "fast campus", "/dev/일상/2018/05/02/fast-campus.html"},
		{jekyllStyles["pretty"], "Hello-World", "/dev/일상/2018/05/02/Hello-World/"},
		{jekyllStyles["none"], "a", "/dev/일상/a.html"},
		{"/:year/:i_month/:i_day/:short_year/:y_day/:title", "x", "/2018/5/2/18/122/x"},
	} {
		if got := jekyllURL(c.pattern, p, c.title); got != c.want {
			t.Errorf("jekyllURL(%q, %q) = %q, want %q", c.pattern, c.title, got, c.want)
		}
	}
}

func TestHexoURLAndSlug(t *testing.T) {
	slugOf := hexoSlugger(":year-:month-:day-:title.md")
	if s, d := slugOf("2019-10-14-hexo-4-released"); s != "hexo-4-released" || d != "2019-10-14" {
		t.Errorf("slug %q, date %q", s, d)
	}
	if s, d := slugOf("글-하나"); s != "글-하나" || d != "" {
		t.Errorf("a name new_post_name does not match: slug %q, date %q", s, d)
	}
	if s, _ := hexoSlugger(":title.md")("폴더/글"); s != "폴더/글" {
		t.Errorf(":title.md: slug %q", s)
	}
	p := &post{date: time.Date(2021, 3, 5, 1, 2, 3, 0, time.UTC), title: "제목 하나", categories: []string{"개발/Node"}}
	for _, c := range []struct{ pattern, want string }{
		{":year/:month/:day/:title/", "/2021/03/05/Hello-Hexo/"},
		{":abbrlink.html", "/4f2a.html"},
		{":category/:post_title/", "/개발/Node/제목-하나/"},
		{"p/:i_month/:name-:hour:minute:second.html", "/p/3/Hello-Hexo-010203.html"},
		// :hash is the first 12 hex digits of SHA-1 of the slug and the
		// date's Unix seconds (as a real blog's generated site shows).
		{":year/:month/:day/:hash/", "/2021/03/05/5a19af06b77c/"},
	} {
		if got := hexoURL(c.pattern, p, "Hello-Hexo", "Hello-Hexo", "uncategorized", map[string]any{"abbrlink": "4f2a"}); got != c.want {
			t.Errorf("hexoURL(%q) = %q, want %q", c.pattern, got, c.want)
		}
	}
}

func TestTistoryEntrySlug(t *testing.T) {
	for in, want := range map[string]string{
		"주말 산행":            "주말-산행",
		"AWS 비용 줄이기 (1편)":  "AWS-비용-줄이기-(1편)",
		"무엇을? 왜 #1 / 100%": "무엇을-왜-1-100",
		"  앞뒤  공백  ":       "앞뒤-공백",
		"이모지 🎉 제목":         "이모지-🎉-제목",
	} {
		if got := tistoryEntrySlug(in); got != want {
			t.Errorf("tistoryEntrySlug(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParseDate(t *testing.T) {
	seoul := time.FixedZone("KST", 9*3600)
	for in, want := range map[string]time.Time{
		"2025-08-03 17:30:00 +0900": time.Date(2025, 8, 3, 17, 30, 0, 0, seoul),
		"2025-08-03 17:30:00":       time.Date(2025, 8, 3, 17, 30, 0, 0, seoul),
		"2013/7/13 20:46:25":        time.Date(2013, 7, 13, 20, 46, 25, 0, seoul),
		"2020-01-02T03:04:05Z":      time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC),
		"2020-01-02":                time.Date(2020, 1, 2, 0, 0, 0, 0, seoul),
	} {
		got, err := parseDate(in, seoul)
		if err != nil || !got.Equal(want) {
			t.Errorf("parseDate(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	if _, err := parseDate("어제", seoul); err == nil {
		t.Error("parseDate(어제) gave no error")
	}
}

func TestHexoCategories(t *testing.T) {
	for _, c := range []struct {
		in   any
		want []string
	}{
		{"일상", []string{"일상"}},
		{[]any{"개발", "Node"}, []string{"개발/Node"}},
		{[]any{[]any{"여행", "제주"}, []any{"사진"}}, []string{"여행/제주", "사진"}},
	} {
		got := hexoCategories(c.in)
		if len(got) != len(c.want) {
			t.Errorf("hexoCategories(%v) = %q, want %q", c.in, got, c.want)
			continue
		}
		for i := range got {
			if got[i] != c.want[i] {
				t.Errorf("hexoCategories(%v) = %q, want %q", c.in, got, c.want)
			}
		}
	}
}

// TestFrontMatterNulls: YAML nulls, which TOML cannot hold, do not cost
// the post its other keys.
func TestFrontMatterNulls(t *testing.T) {
	p := &post{title: "제목", params: map[string]any{"comments": nil, "list": []any{1, "a", nil}, "m": map[string]any{"k": nil, "j": 2}}}
	data, err := markdownFile(p)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`list = [1, "a"]`, "[m]\nj = 2"} {
		if !strings.Contains(string(data), want) {
			t.Errorf("no %q in\n%s", want, data)
		}
	}
	if strings.Contains(string(data), "comments") {
		t.Errorf("a null key was written:\n%s", data)
	}
}

// TestJekyllDefaultsPermalink: a permalink set for posts in _config.yml's
// defaults (as Chirpy does) is the posts' old address.
func TestJekyllDefaultsPermalink(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644)
	}
	write("_config.yml", "timezone: Asia/Seoul\ndefaults:\n  - scope:\n      path: \"\"\n      type: posts\n    values:\n      permalink: /posts/:title/\n")
	write("_posts/2024-01-01-Hello World.md", "---\ntitle: 안녕\n---\n본문\n")
	into, rep := importInto(t, "jekyll", dir)
	data, err := os.ReadFile(filepath.Join(into, "content/posts/hello-world/index.md"))
	if err != nil {
		t.Fatalf("%v\n%s", err, rep)
	}
	if !strings.Contains(string(data), `url = "/posts/Hello-World/"`) {
		t.Errorf("want the old address /posts/Hello-World/ kept:\n%s", data)
	}
}

// TestJekyllBaseURL: under a baseurl the new site keeps the base path, so
// {{ site.baseurl }} stays it and links to posts still become .md links.
func TestJekyllBaseURL(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) {
		os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755)
		os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644)
	}
	write("_config.yml", "url: https://me.github.io\nbaseurl: /blog\ntimezone: Asia/Seoul\n")
	write("_posts/2024-01-01-a.md", "---\ntitle: 가\n---\n![그림]({{ site.baseurl }}/assets/a.png) ![또]({{ \"/assets/a.png\" | relative_url }}) [나](https://me.github.io/blog/2024/01/02/b.html) [나 다시]({{ site.baseurl }}/2024/01/02/b.html)\n")
	write("_posts/2024-01-02-b.md", "---\ntitle: 나\n---\n본문\n")
	write("assets/a.png", "png")
	into, rep := importInto(t, "jekyll", dir)
	data, err := os.ReadFile(filepath.Join(into, "content/posts/a/index.md"))
	if err != nil {
		t.Fatalf("%v\n%s", err, rep)
	}
	for _, want := range []string{"![그림](/blog/assets/a.png)", "![또](/blog/assets/a.png)", "[나](../b/index.md)", "[나 다시](../b/index.md)"} {
		if !strings.Contains(string(data), want) {
			t.Errorf("no %s in\n%s", want, data)
		}
	}
	cfg, _ := os.ReadFile(filepath.Join(into, "config.toml"))
	if !strings.Contains(string(cfg), `baseURL = "https://me.github.io/blog/"`) {
		t.Errorf("config.toml:\n%s", cfg)
	}
}

// TestUnreadLastmodIsReported: a last-modified date geul cannot read is
// named in a problem, and the post is still imported.
func TestUnreadLastmodIsReported(t *testing.T) {
	fsys := fstest.MapFS{
		"_posts/2024-03-01-봄.md": {Data: []byte("---\ntitle: 봄\nlast_modified_at: 어제\n---\n본문\n")},
		"source/_posts/봄.md":     {Data: []byte("---\ntitle: 봄\ndate: 2024-03-01 10:00:00\nupdated: 어제\n---\n본문\n")},
	}
	jp, jprobs := readJekyllPost(fsys, "_posts/2024-03-01-봄.md", "/:year/:title/", time.UTC)
	hp, hprobs := readHexoPost(fsys, "source/_posts/봄.md", "source", ":year/:title/", "", hexoSlugger(""), time.UTC)
	for _, c := range []struct {
		p     *post
		probs []Problem
		key   string
	}{{jp, jprobs, "last_modified_at"}, {hp, hprobs, "updated"}} {
		if c.p == nil {
			t.Errorf("%s: post skipped: %v", c.key, c.probs)
			continue
		}
		if len(c.probs) != 1 || c.probs[0].Line != 1 || !strings.HasPrefix(c.probs[0].Msg, c.key+": date \"어제\"") {
			t.Errorf("%s: problems %v, want one naming %s", c.key, c.probs, c.key)
		}
	}
}

// TestCoverAltReadBack: a cover given with alt text is written so that
// geul reads both back, and the keys after it stay top-level.
func TestCoverAltReadBack(t *testing.T) {
	for _, alt := range []string{"", "고양이 \"나비\""} {
		md, err := markdownFile(&post{title: "글", cover: "cat.png", coverAlt: alt, params: map[string]any{"pin": true}})
		if err != nil {
			t.Fatal(err)
		}
		pg, err := content.Parse(md, content.ParseOptions{File: "index.md"})
		if err != nil {
			t.Fatalf("%s\n%v", md, err)
		}
		if pg.Cover != "cat.png" || pg.CoverAlt != alt || pg.Params["pin"] != true {
			t.Errorf("read back cover %q alt %q params %v from\n%s", pg.Cover, pg.CoverAlt, pg.Params, md)
		}
	}
}

// TestSpareKeysKept: of two keys that name one thing (description and
// excerpt, cover and thumbnail), the one not read is kept as a param.
func TestSpareKeysKept(t *testing.T) {
	fsys := fstest.MapFS{
		"_posts/2024-03-01-봄.md": {Data: []byte("---\ntitle: 봄\ndescription: 설명\nexcerpt: 발췌\nimage: a.png\nthumbnail: b.png\n---\n본문\n")},
		"source/_posts/봄.md":     {Data: []byte("---\ntitle: 봄\ndate: 2024-03-01\ndescription: 설명\nexcerpt: 발췌\ncover: a.png\nthumbnail: b.png\n---\n본문\n")},
	}
	jp, _ := readJekyllPost(fsys, "_posts/2024-03-01-봄.md", "/:year/:title/", time.UTC)
	hp, _ := readHexoPost(fsys, "source/_posts/봄.md", "source", ":year/:title/", "", hexoSlugger(""), time.UTC)
	for _, p := range []*post{jp, hp} {
		if p == nil {
			t.Fatal("post skipped")
		}
		if p.description != "설명" || p.cover != "a.png" || p.params["excerpt"] != "발췌" || p.params["thumbnail"] != "b.png" {
			t.Errorf("%s: description %q cover %q params %v; want excerpt and thumbnail kept", p.source, p.description, p.cover, p.params)
		}
	}
}

// TestHexoCoverMap: a Hexo cover written as a map gives its path and
// alt text, not the map printed.
func TestHexoCoverMap(t *testing.T) {
	fsys := fstest.MapFS{"source/_posts/봄.md": {Data: []byte("---\ntitle: 봄\ndate: 2024-03-01\ncover:\n  src: 꽃.png\n  alt: 벚꽃\n---\n본문\n")}}
	hp, probs := readHexoPost(fsys, "source/_posts/봄.md", "source", ":year/:title/", "", hexoSlugger(""), time.UTC)
	if hp == nil {
		t.Fatal(probs)
	}
	if hp.cover != "꽃.png" || hp.coverAlt != "벚꽃" {
		t.Errorf("cover %q alt %q, want 꽃.png and 벚꽃", hp.cover, hp.coverAlt)
	}
}
