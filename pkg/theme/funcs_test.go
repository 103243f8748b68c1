package theme

import (
	"bytes"
	"html/template"
	"io/fs"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/geul-blog/geul/pkg/words"
	"github.com/geul-blog/geul/themes"
)

// exec runs a one-line page layout with the built-in functions.
func execLayout(t *testing.T, src string, opts ...Option) (string, error) {
	t.Helper()
	site := fstest.MapFS{"layouts/page.html": {Data: []byte(src)}}
	th, err := Load(site, "default", opts...)
	if err != nil {
		return "", err
	}
	var b bytes.Buffer
	v := newFixture().view("page")
	err = th.Execute(&b, "page", v)
	return b.String(), err
}

func TestDate(t *testing.T) {
	seoul := time.FixedZone("KST", 9*60*60)
	tests := []struct {
		lang string
		t    time.Time
		date string
		iso  string
	}{
		{"ko", time.Date(2023, 5, 31, 23, 30, 0, 0, seoul), "2023년 5월 31일", "2023-05-31T23:30:00+09:00"},
		{"ko-KR", time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC), "2024년 1월 2일", "2024-01-02T00:00:00Z"},
		{"KO_kr", time.Date(1999, 12, 9, 0, 0, 0, 0, time.UTC), "1999년 12월 9일", "1999-12-09T00:00:00Z"},
		{"en", time.Date(2023, 5, 31, 23, 30, 0, 0, seoul), "May 31, 2023", "2023-05-31T23:30:00+09:00"},
		{"en-US", time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC), "January 2, 2024", "2024-01-02T00:00:00Z"},
		{"ja", time.Date(2024, 11, 20, 0, 0, 0, 0, time.UTC), "November 20, 2024", "2024-11-20T00:00:00Z"},
		{"kok", time.Date(2024, 11, 20, 0, 0, 0, 0, time.UTC), "November 20, 2024", "2024-11-20T00:00:00Z"}, // Konkani, not Korean
		{"ko", time.Time{}, "", ""},
		{"en", time.Time{}, "", ""},
	}
	for _, tt := range tests {
		tr := &translator{korean: isKorean(tt.lang)}
		fm := builtinFuncs(options{baseURL: "/"}, tr)
		if got := fm["date"].(func(time.Time) string)(tt.t); got != tt.date {
			t.Errorf("date %s %v = %q, want %q", tt.lang, tt.t, got, tt.date)
		}
		if got := fm["isoDate"].(func(time.Time) string)(tt.t); got != tt.iso {
			t.Errorf("isoDate %v = %q, want %q", tt.t, got, tt.iso)
		}
	}
}

func TestMonthYear(t *testing.T) {
	got, err := execLayout(t, `{{ month .Page.Date.Month }} {{ year .Site.Updated }} {{ i18n "year" (year .Site.Updated) }}`, WithLanguage("ko"))
	if err != nil || got != "1월 2023 2023년" { // the about page has no date: January of year 1
		t.Errorf("ko: %q, %v", got, err)
	}
	got, err = execLayout(t, `{{ month .Site.Updated.Month }}`, WithLanguage("en"))
	if err != nil || got != "June" {
		t.Errorf("en: %q, %v", got, err)
	}
}

func TestURLs(t *testing.T) {
	tests := []struct {
		base, in, rel, abs string
	}{
		{"https://example.org/blog/", "css/style.css", "/blog/css/style.css", "https://example.org/blog/css/style.css"},
		{"https://example.org/blog/", "", "/blog/", "https://example.org/blog/"},
		{"https://example.org/blog/", "/blog/posts/글/", "/blog/posts/글/", "https://example.org/blog/posts/글/"},
		{"https://example.org/blog/", "https://other.example/x", "https://other.example/x", "https://other.example/x"},
		{"https://example.org/blog/", "//cdn.example/x", "//cdn.example/x", "//cdn.example/x"},
		{"https://example.org/blog/", "mailto:me@example.org", "mailto:me@example.org", "mailto:me@example.org"},
		{"https://example.org/blog/", "#목차", "#목차", "#목차"},
		{"https://example.org", "tags/회고/", "/tags/회고/", "https://example.org/tags/회고/"},
		{"/", "about/", "/about/", "/about/"},
		{"", "about/", "/about/", "/about/"},
		{"http://localhost:1313/", "/posts/a/", "/posts/a/", "http://localhost:1313/posts/a/"},
	}
	for _, tt := range tests {
		u := newURLs(tt.base)
		if got := u.rel(tt.in); got != tt.rel {
			t.Errorf("relURL %q with base %q = %q, want %q", tt.in, tt.base, got, tt.rel)
		}
		if got := u.abs(tt.in); got != tt.abs {
			t.Errorf("absURL %q with base %q = %q, want %q", tt.in, tt.base, got, tt.abs)
		}
	}
}

func TestFuncsInTemplates(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"truncate hangul", `{{ truncate 5 "안녕하세요 반갑습니다" }}`, "안녕하세요…"},
		{"truncate keeps zwj emoji whole", `{{ "달리기 🏃‍♂️🏃‍♂️🏃‍♂️" | truncate 5 }}`, "달리기…"},
		{"truncate short", `{{ truncate 50 "짧다 ⏸️" }}`, "짧다 ⏸️"},
		{"truncate html", `{{ truncate 100 .Page.Content }}`, "글 쓰는 개발자입니다. Go와 🦀 Rust를 좋아합니다."},
		{"plainify", `{{ plainify (safeHTML "<p>가 &amp; 나</p><p>다<script>x()</script></p>") }}`, "가 &amp; 나 다"},
		{"urlize", `{{ urlize "서버 장애 🧯" }}`, ""},
		{"safeHTML", `{{ safeHTML "<b>굵게</b>" }}`, "<b>굵게</b>"},
		{"escaped without safeHTML", `{{ "<b>굵게</b>" }}`, "&lt;b&gt;굵게&lt;/b&gt;"},
		{"safeURL", `<img src="{{ safeURL "data:image/png;base64,iVBOR" }}">`, `<img src="data:image/png;base64,iVBOR">`},
		{"data URL blocked", `<img src="{{ "data:image/png;base64,iVBOR" }}">`, `<img src="#ZgotmplZ">`},
		{"unsafe URL blocked", `<a href="{{ "javascript:alert(1)" }}">x</a>`, `<a href="#ZgotmplZ">x</a>`},
		{"relURL", `<a href="{{ relURL "about/" }}">x</a>`, `<a href="/blog/about/">x</a>`},
		{"absURL", `{{ absURL .Page.URL }}`, "https://example.org/blog/about/"},
		{"dict", `{{ $d := dict "이름" "글" "n" 3 }}{{ index $d "이름" }}{{ $d.n }}`, "글3"},
		{"merge", `{{ $d := merge (dict "a" 1 "b" 2) (dict "b" 3) }}{{ $d.a }}{{ $d.b }}`, "13"},
		{"add sub", `{{ add 1 2 }} {{ sub 10 4 }} {{ add 1.5 1 }} {{ sub .Page.ReadingTime 1 }}`, "3 6 2.5 -1"},
		{"jsonify", `<script type="application/ld+json">{{ jsonify (dict "headline" "</script> 글 🏃‍♂️" "n" 1) }}</script>`,
			`<script type="application/ld+json">{"headline":"\u003c/script\u003e 글 🏃‍♂️","n":1}</script>`},
		{"jsonify in text", `{{ jsonify (dict "a" "<b>") }}`, `{&#34;a&#34;:&#34;\u003cb\u003e&#34;}`},
		{"i18n args", `{{ i18n "page_of" 2 5 }}`, "2 / 5 페이지"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := execLayout(t, tt.src, WithLanguage("ko"), WithBaseURL("https://example.org/blog/"))
			if err != nil {
				t.Fatal(err)
			}
			want := tt.want
			if tt.name == "urlize" {
				want = words.Slug("서버 장애 🧯")
			}
			if got != want {
				t.Errorf("got %q, want %q", got, want)
			}
		})
	}
}

func TestFuncErrors(t *testing.T) {
	for _, src := range []string{
		`{{ dict "a" }}`, `{{ dict 1 2 }}`, `{{ add "a" 1 }}`, `{{ sub 1 .Page }}`,
	} {
		if _, err := execLayout(t, src); err == nil {
			t.Errorf("%s: no error", src)
		}
	}
}

func TestPlain(t *testing.T) {
	tests := []struct {
		in   any
		want string
	}{
		{"<b>글</b>", "<b>글</b>"}, // a plain string is already text
		{template.HTML("<h2 id=\"쉼-⏸️\">쉼 ⏸️<a class=\"anchor\" href=\"#\">#</a></h2>\n<p>Go &lt;3</p>"), "쉼 ⏸️# Go <3"},
		{template.HTML("<style>p{}</style><p>가<br>나</p>"), "가 나"},
		{template.HTML(""), ""},
		{nil, ""},
		{42, "42"},
	}
	for _, tt := range tests {
		if got := plain(tt.in); got != tt.want {
			t.Errorf("plain(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestDefaultThemeEnglishStrings(t *testing.T) {
	f := newFixture()
	th := mustLoad(t, fstest.MapFS{}, "default", WithLanguage("en"))
	out := render(t, th, "post", f.view("post"))
	for _, want := range []string{"Skip to content", "May 31, 2023", "3 min read", "<summary>Contents</summary>", "Previous post", "Next post"} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q", want)
		}
	}
	if strings.Contains(out, "본문 바로가기") {
		t.Error("Korean strings on an English site")
	}
}

// TestBundlesMatch: every built-in string exists in both languages, so a
// Korean site never falls back to English for a key the theme uses.
func TestBundlesMatch(t *testing.T) {
	ko, err := readStrings(bundled, ".", "i18n/ko.toml", "ko")
	if err != nil {
		t.Fatal(err)
	}
	en, err := readStrings(bundled, ".", "i18n/en.toml", "en")
	if err != nil {
		t.Fatal(err)
	}
	for k := range ko {
		if _, ok := en[k]; !ok {
			t.Errorf("%s is in ko.toml but not in en.toml", k)
		}
	}
	for k := range en {
		if _, ok := ko[k]; !ok {
			t.Errorf("%s is in en.toml but not in ko.toml", k)
		}
	}
	if ko["skip_to_content"].Other != "본문 바로가기" {
		t.Errorf("skip_to_content = %q", ko["skip_to_content"].Other)
	}
}

// TestDefaultThemeKeys: every i18n key the default theme uses is bundled.
func TestDefaultThemeKeys(t *testing.T) {
	ko, err := readStrings(bundled, ".", "i18n/ko.toml", "ko")
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`i18n "([^"]+)"`)
	n := 0
	err = fs.WalkDir(themes.Default, "default/layouts", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		src, err := fs.ReadFile(themes.Default, p)
		for _, m := range re.FindAllStringSubmatch(string(src), -1) {
			n++
			if _, ok := ko[m[1]]; !ok {
				t.Errorf("%s uses i18n %q, which is not bundled", p, m[1])
			}
		}
		return err
	})
	if err != nil || n < 20 {
		t.Fatalf("walked the default theme: %d keys, %v", n, err)
	}
}
