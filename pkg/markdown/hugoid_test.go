package markdown

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/geul-blog/geul/pkg/hugotest"
)

// hugoHeadings are headings whose ids must be Hugo's, byte for byte, with
// HeadingIDsHugo: Hangul, NFD Hangul, emoji, punctuation, markup, links,
// entities and duplicates. The ids beside them are what Hugo 0.111.3 gives.
var hugoHeadings = []struct{ src, id string }{
	{"## Chapter 1 - 도메인", "chapter-1---도메인"},
	{"## Path.cwd()", "pathcwd"},
	{"## *강조*와 `code`, [링크](https://x.example)", "강조와-code-링크httpsxexample"},
	{"## 개요", "개요"},
	{"## 개요", "개요-1"},
	{"## 개요", "개요-2"},
	{"## 🏃‍♂️", "heading"},
	{"## 🧯", "heading-1"},
	{`## a \* b &amp; c`, "a--b-amp-c"},
	{"## 불 :fire:", "불-fire"},
	{"## Hello_World 42!", "hello_world-42"},
	{"## 서버  장애 🧯", "서버--장애-"},
	{"## [서버 장애 🧯]", "서버-장애-"},
	{"## ÉCOLE café", "école-café"},
	{"## 1.2.3", "123"},
	{"## \u3000전각 공백", "전각-공백"},
	{`## "quoted" & <tag>`, "quoted--tag"},
	{"## \u1109\u1165\u1107\u1165 NFD", "\u1109\u1165\u1107\u1165-nfd"},
	{"## 끝 ##", "끝"},
	{"## C++ 와 C#", "c-와-c"},
	{"## Go 1.26: what's new?", "go-126-whats-new"},
	{"## 2024년 회고 🎉 (1/2)", "2024년-회고--12"},
	{"### 한국어—English – mix", "한국어english--mix"},
	{"## heading", "heading-2"},
	{"## ", "heading-3"},
	{"Setext 제목\n---", "setext-제목"},
	{"## Ünïcödé ＡＢＣ", "ünïcödé-ａｂｃ"},
	{"## x\u200by", "xy"},
}

func hugoHeadingsDoc() string {
	var b strings.Builder
	for _, h := range hugoHeadings {
		b.WriteString(h.src + "\n\n")
	}
	return b.String()
}

var idAttr = regexp.MustCompile(`<h[1-6] id="([^"]*)"`)

// TestHugoHeadingIDs checks HeadingIDsHugo against the ids Hugo gives.
func TestHugoHeadingIDs(t *testing.T) {
	res := render(t, New(WithHeadingIDs(HeadingIDsHugo)), hugoHeadingsDoc(), Context{})
	got := idAttr.FindAllStringSubmatch(string(res.HTML), -1)
	if len(got) != len(hugoHeadings) {
		t.Fatalf("%d headings rendered, want %d:\n%s", len(got), len(hugoHeadings), res.HTML)
	}
	for i, h := range hugoHeadings {
		if got[i][1] != h.id {
			t.Errorf("%q: id %q, want %q", h.src, got[i][1], h.id)
		}
	}
}

// TestHugoHeadingIDsDifferential builds the same headings with the hugo
// binary and compares its ids with ours and with the table above. It is
// skipped when hugo is not installed, unless GEUL_REQUIRE_HUGO=1.
func TestHugoHeadingIDsDifferential(t *testing.T) {
	files := map[string]string{
		"hugo.toml":                    "baseURL = '/'\ndisableKinds = ['taxonomy', 'term', 'RSS', 'sitemap', 'home', 'section']\n",
		"layouts/_default/single.html": "{{ .Content }}",
		"content/a.md":                 "---\ntitle: a\n---\n" + hugoHeadingsDoc(),
	}
	dir := hugotest.Build(t, files)
	html, err := os.ReadFile(filepath.Join(dir, "public", "a", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	want := idAttr.FindAllStringSubmatch(string(html), -1)
	res := render(t, New(WithHeadingIDs(HeadingIDsHugo)), hugoHeadingsDoc(), Context{})
	got := idAttr.FindAllStringSubmatch(string(res.HTML), -1)
	if len(got) != len(want) {
		t.Fatalf("geul made %d ids, hugo %d:\n%s", len(got), len(want), html)
	}
	for i := range want {
		if got[i][1] != want[i][1] {
			t.Errorf("heading %d: geul %q, hugo %q", i, got[i][1], want[i][1])
		}
	}
}
