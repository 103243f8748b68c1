package theme

import (
	"testing"
	"testing/fstest"
)

func TestI18nOverride(t *testing.T) {
	f := newFixture()
	site := fstest.MapFS{
		"i18n/ko.toml":      {Data: []byte("# 사이트의 문자열\nskip_to_content = \"본문으로 건너뛰기 ⏩\"\nreading_time = \"%d분 걸림\"\n")},
		"i18n/ko-KR.toml":   {Data: []byte("toc = \"차례\"\n")},
		"layouts/page.html": {Data: []byte(`{{ i18n "skip_to_content" }}|{{ i18n "reading_time" 7 }}|{{ i18n "toc" }}|{{ i18n "prev" }}|{{ i18n "없는-키" }}`)},
	}
	tests := []struct{ lang, want string }{
		{"ko-KR", "본문으로 건너뛰기 ⏩|7분 걸림|차례|이전 글|없는-키"},
		{"ko", "본문으로 건너뛰기 ⏩|7분 걸림|목차|이전 글|없는-키"},
		{"en", "Skip to content|7 min read|Contents|Previous post|없는-키"},
		{"", "Skip to content|7 min read|Contents|Previous post|없는-키"},
	}
	for _, tt := range tests {
		th := mustLoad(t, site, "default", WithLanguage(tt.lang))
		if got := render(t, th, "page", f.view("page")); got != tt.want {
			t.Errorf("%q: got %q, want %q", tt.lang, got, tt.want)
		}
	}
	// Counted strings: one for 1, other for the rest.
	site["layouts/list.html"] = &fstest.MapFile{Data: []byte(`{{ i18n "posts_count" 1 }}, {{ i18n "posts_count" 3 }}, {{ i18n "comments" 1 }}, {{ i18n "comments" 0 }}`)}
	site["i18n/en.toml"] = &fstest.MapFile{Data: []byte("[comments]\none = \"one comment 💬\"\nother = \"%d comments\"\n")}
	th := mustLoad(t, site, "default", WithLanguage("en"))
	if got := render(t, th, "home", f.view("home")); got != "1 post, 3 posts, one comment 💬, 0 comments" {
		t.Errorf("en counts: got %q", got)
	}
	th = mustLoad(t, site, "default", WithLanguage("ko"))
	if got := render(t, th, "home", f.view("home")); got != "글 1개, 글 3개, comments, comments" {
		t.Errorf("ko counts: got %q", got)
	}
	site["i18n/en.toml"] = &fstest.MapFile{Data: []byte("toc = \"TOC\"\n\n[comments]\none = \"a comment\"\n")}
	_, err := Load(site, "default", WithLanguage("en"))
	assertDiag(t, err, "i18n/en.toml", 3, "[comments] must have other", "")
	delete(site, "i18n/en.toml")

	// A language with no built-in bundle takes the site's file, then English.
	site["i18n/ja.toml"] = &fstest.MapFile{Data: []byte(`toc = "目次"`)}
	th = mustLoad(t, site, "default", WithLanguage("ja"))
	if got := render(t, th, "page", f.view("page")); got != "Skip to content|7 min read|目次|Previous post|없는-키" {
		t.Errorf("ja: got %q", got)
	}
}
