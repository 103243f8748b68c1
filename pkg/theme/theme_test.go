package theme

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/geul-blog/geul/pkg/content"
	"github.com/geul-blog/geul/pkg/diag"
	"github.com/geul-blog/geul/pkg/testkit"
)

// TestDefaultThemeGolden executes every layout of the embedded default
// theme and compares the output with testdata/golden/<name>.html.
func TestDefaultThemeGolden(t *testing.T) {
	f := newFixture()
	ko := mustLoad(t, fstest.MapFS{}, "default", WithLanguage("ko-KR"), WithBaseURL("https://example.org/blog/"))
	en := mustLoad(t, fstest.MapFS{}, "default", WithLanguage("en"), WithBaseURL("https://example.org/blog/"))
	cases := []struct {
		golden string
		th     *Theme
		layout string
	}{
		{"home", ko, "home"},
		{"post", ko, "post"},
		{"page", ko, "page"},
		{"section", ko, "section"},
		{"taxonomy", ko, "taxonomy"},
		{"term", ko, "term"},
		{"archive", ko, "archive"},
		{"404", ko, "404"},
		{"post.en", en, "post"},
		{"archive.en", en, "archive"},
	}
	for _, c := range cases {
		t.Run(c.golden, func(t *testing.T) {
			var b bytes.Buffer
			if err := c.th.Execute(&b, c.layout, f.view(c.layout)); err != nil {
				t.Fatal(err)
			}
			testkit.Golden(t, filepath.Join("testdata", "golden", c.golden+".html"), b.Bytes())
		})
	}
}

func mustLoad(t testing.TB, fsys fs.FS, name string, opts ...Option) *Theme {
	t.Helper()
	th, err := Load(fsys, name, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return th
}

func render(t testing.TB, th *Theme, layout string, v *content.View) string {
	t.Helper()
	var b bytes.Buffer
	if err := th.Execute(&b, layout, v); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestDefaultThemeStructure checks what the brief asks of every page of
// the default theme, independent of the golden bytes.
func TestDefaultThemeStructure(t *testing.T) {
	f := newFixture()
	th := mustLoad(t, fstest.MapFS{}, "default", WithLanguage("ko"), WithBaseURL("https://example.org/blog/"))
	for _, l := range Layouts() {
		layout := string(l)
		t.Run(layout, func(t *testing.T) {
			out := render(t, th, layout, f.view(layout))
			body := out[strings.Index(out, "<body"):]
			first := body[strings.Index(body, "<a "):]
			if !strings.HasPrefix(first, `<a class="skip-link" href="#content">본문 바로가기</a>`) {
				t.Errorf("the first link is not the skip link: %.80s", first)
			}
			if n := strings.Count(out, "<main"); n != 1 || !strings.Contains(out, `<main id="content"`) {
				t.Errorf("want one <main id=\"content\">, got %d <main>", n)
			}
			for _, want := range []string{`<html lang="ko">`, "<header", "<nav", "<footer", `css/style.css`, `css/chroma.css`,
				`<meta name="viewport"`, `<meta charset="utf-8">`, `type="application/atom+xml"`} {
				if !strings.Contains(out, want) {
					t.Errorf("missing %s", want)
				}
			}
			if !strings.Contains(out, `생각 <span class="count">(2)</span>`) {
				t.Error("the header has no category menu with counts")
			}
		})
	}
}

func TestPostPage(t *testing.T) {
	f := newFixture()
	th := mustLoad(t, fstest.MapFS{}, "default", WithLanguage("ko"), WithBaseURL("https://example.org/blog/"))
	out := render(t, th, "post", f.view("post"))
	order := []string{
		`class="post-category"`, "[5월 회고] 바빴고, 즐거웠고, 조금 자랐다.", "2023년 5월 31일", "3분",
		`<nav class="toc"`, "<summary>목차</summary>", `class="post-content"`, "[Terraform으로 옮기기 🖥️]",
		`rel="tag">#회고`, `rel="prev"`, "새벽의 DB 장애 🧯 기록", `rel="next"`, "달리기를 시작했다 🏃‍♂️", "관련 글",
	}
	pos := 0
	for _, s := range order {
		i := strings.Index(out[pos:], s)
		if i < 0 {
			t.Fatalf("%q missing or out of order after byte %d", s, pos)
		}
		pos += i + len(s)
	}
	for _, want := range []string{
		`<script type="application/ld+json">{"@context":"https://schema.org","@type":"BlogPosting"`,
		`"datePublished":"2023-05-31T23:30:00+09:00"`, `"dateModified":"2023-06-02T10:00:00+09:00"`,
		`"image":"https://example.org/blog/posts/5월-회고/cover.png"`,
		`<meta property="og:type" content="article">`,
		`<link rel="canonical" href="https://example.org/blog/posts/5%ec%9b%94-%ed%9a%8c%ea%b3%a0/">`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %s", want)
		}
	}
	// A page with fewer than two headings has no TableOfContents: no box.
	v := f.view("post")
	r := *v.Page.Rendered()
	r.TableOfContents = ""
	v.Page.SetRendered(&r)
	if out := render(t, th, "post", v); strings.Contains(out, `class="toc"`) {
		t.Error("an empty table of contents is shown")
	}
}

// TestDefaultThemeStatic checks the files the default theme publishes.
func TestDefaultThemeStatic(t *testing.T) {
	th := mustLoad(t, fstest.MapFS{}, "default")
	if th.Dir() != "" {
		t.Errorf("embedded theme: Dir() = %q, want \"\"", th.Dir())
	}
	for _, name := range []string{"css/style.css", "js/theme.js", "js/code.js"} {
		if _, err := fs.Stat(th.Static(), name); err != nil {
			t.Errorf("static %s: %v", name, err)
		}
	}
	if info := th.Info(); info.Name != "default" || info.License == "" || info.MinVersion == "" {
		t.Errorf("Info() = %+v", info)
	}
	css, _ := fs.ReadFile(th.Static(), "css/style.css")
	for _, want := range []string{"word-break: keep-all", "overflow-wrap: anywhere", "prefers-color-scheme: dark",
		`[data-theme="dark"]`, "Apple SD Gothic Neo", "Noto Sans KR", "Malgun Gothic", ":focus-visible", "overflow-x: auto"} {
		if !strings.Contains(string(css), want) {
			t.Errorf("style.css lacks %s", want)
		}
	}
	if strings.Contains(string(css), "@import") || strings.Contains(string(css), "http") {
		t.Error("style.css loads something from elsewhere")
	}
}

func TestLookupOrder(t *testing.T) {
	f := newFixture()
	// The site's own layout wins over the theme's; a site partial replaces
	// only that partial; the theme fills in the rest.
	site := fstest.MapFS{
		"layouts/404.html":              {Data: []byte(`{{ define "main" }}<p>사이트의 404 🙈</p>{{ end }}`)},
		"layouts/partials/footer.html":  {Data: []byte(`<footer>사이트 푸터 ⏸️</footer>`)},
		"themes/fancy/layouts/404.html": {Data: []byte(`테마 404`)},
		"themes/fancy/layouts/baseof.html": {Data: []byte(
			`<body>{{ block "main" . }}{{ end }}{{ template "partials/footer.html" . }}</body>`)},
		"themes/fancy/layouts/single.html":          {Data: []byte(`{{ define "main" }}<h1>{{ .Page.Title }}</h1>{{ end }}`)},
		"themes/fancy/layouts/list.html":            {Data: []byte(`목록 {{ .Kind }}`)},
		"themes/fancy/layouts/partials/footer.html": {Data: []byte(`<footer>테마 푸터</footer>`)},
		"themes/fancy/static/css/fancy.css":         {Data: []byte(`body{}`)},
	}
	th := mustLoad(t, site, "fancy")
	if th.Dir() != "themes/fancy" {
		t.Errorf("Dir() = %q", th.Dir())
	}
	if _, err := fs.Stat(th.Static(), "css/fancy.css"); err != nil {
		t.Errorf("Static(): %v", err)
	}
	tests := []struct{ layout, want, file string }{
		{"404", "<body><p>사이트의 404 🙈</p><footer>사이트 푸터 ⏸️</footer></body>", "layouts/404.html"},
		{"post", "<body><h1>[5월 회고] 바빴고, 즐거웠고, 조금 자랐다.</h1><footer>사이트 푸터 ⏸️</footer></body>", "themes/fancy/layouts/single.html"},
		{"page", "<body><h1>소개</h1><footer>사이트 푸터 ⏸️</footer></body>", "themes/fancy/layouts/single.html"},
		{"home", "목록 home", "themes/fancy/layouts/list.html"},
		{"section", "목록 section", "themes/fancy/layouts/list.html"},
		{"term", "목록 term", "themes/fancy/layouts/list.html"},
	}
	for _, tt := range tests {
		if got := render(t, th, tt.layout, f.view(tt.layout)); got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.layout, got, tt.want)
		}
		if got := th.Layout(tt.layout); got != tt.file {
			t.Errorf("Layout(%q) = %q, want %q", tt.layout, got, tt.file)
		}
	}

	// A site layout overrides the embedded default theme too.
	site = fstest.MapFS{"layouts/partials/footer.html": {Data: []byte(`<footer>내 푸터</footer>`)}}
	out := render(t, mustLoad(t, site, "default"), "page", f.view("page"))
	if !strings.Contains(out, "<footer>내 푸터</footer>") || strings.Contains(out, "site-footer") {
		t.Error("the site's partial did not replace the embedded theme's")
	}
	if !strings.Contains(out, `class="site-header"`) {
		t.Error("the embedded theme's other partials are gone")
	}
}

// TestSiteDefaultFolder: a site with its own themes/default uses that
// folder, not the embedded copy.
func TestSiteDefaultFolder(t *testing.T) {
	site := fstest.MapFS{"themes/default/layouts/list.html": {Data: []byte(`디스크의 기본 테마`)}}
	th := mustLoad(t, site, "default")
	if th.Dir() != "themes/default" {
		t.Errorf("Dir() = %q", th.Dir())
	}
	if got := render(t, th, "home", newFixture().view("home")); got != "디스크의 기본 테마" {
		t.Errorf("got %q", got)
	}
	if th.Has("post") {
		t.Error("the embedded theme leaked into a site's own themes/default")
	}
	if _, err := fs.ReadDir(th.Static(), "."); err != nil {
		t.Errorf("a theme without static/ gives an unusable FS: %v", err)
	}
}

// TestMinimalTheme switches to the second theme in testdata/themes.
func TestMinimalTheme(t *testing.T) {
	th := mustLoad(t, os.DirFS("testdata"), "minimal", WithLanguage("en"))
	if th.Dir() != "themes/minimal" || th.Info().Name != "minimal" {
		t.Errorf("Dir() = %q, Info() = %+v", th.Dir(), th.Info())
	}
	f := newFixture()
	out := render(t, th, "post", f.view("post"))
	want := "<!doctype html>\n<title>[5월 회고] 바빴고, 즐거웠고, 조금 자랐다.</title>\n<h1>[5월 회고] 바빴고, 즐거웠고, 조금 자랐다.</h1>\n<p>May 31, 2023</p>\n"
	if !strings.HasPrefix(out, want) {
		t.Errorf("got\n%s\nwant prefix\n%s", out, want)
	}
	if strings.Contains(out, "skip-link") {
		t.Error("the default theme's partials leaked into minimal")
	}
	for _, layout := range []string{"home", "section", "term"} {
		if !th.Has(layout) {
			t.Errorf("%s: list.html should serve it", layout)
		}
	}
	err := th.Execute(io.Discard, "archive", f.view("archive"))
	assertDiag(t, err, "layouts/archive.html", 0, `missing layout "archive"`, "add it to your theme or to the site's layouts/")
}

func assertDiag(t *testing.T, err error, path string, line int, msg, hint string) *diag.Error {
	t.Helper()
	var d *diag.Error
	if !errors.As(err, &d) {
		t.Fatalf("want a *diag.Error, got %T %v", err, err)
	}
	if d.Path != path || d.Line != line || !strings.Contains(d.Msg, msg) || !strings.Contains(d.Hint, hint) {
		t.Errorf("got %q\nwant %s:%d: …%s…; …%s…", d.Error(), path, line, msg, hint)
	}
	return d
}

func TestMissingLayout(t *testing.T) {
	th := mustLoad(t, fstest.MapFS{"themes/bare/layouts/single.html": {Data: []byte("x")}}, "bare")
	err := th.Execute(io.Discard, "term", newFixture().view("term"))
	d := assertDiag(t, err, "layouts/term.html", 0, `missing layout "term"`, "add it to your theme or to the site's layouts/")
	if d.Error() != `layouts/term.html: missing layout "term"; add it to your theme or to the site's layouts/` {
		t.Errorf("got %q", d.Error())
	}
	if th.Has("term") || !th.Has("post") || !th.Has("page") {
		t.Error("Has is wrong")
	}
}

func TestMissingTheme(t *testing.T) {
	site := fstest.MapFS{
		"config.toml":                    {Data: []byte("title = \"블로그\"\ntheme = \"fancy\"\n")},
		"themes/zen/layouts/single.html": {Data: []byte("x")},
		"themes/minimal/theme.toml":      {Data: []byte(`name = "minimal"`)},
		"themes/README.md":               {Data: []byte("not a theme")},
	}
	_, err := Load(site, "fancy")
	assertDiag(t, err, "config.toml", 2, `theme "fancy" not found`, "themes available: default (built in), minimal, zen")

	_, err = Load(site, "../x")
	assertDiag(t, err, "config.toml", 2, "not a folder name", "themes/")
}

func TestParseErrorPosition(t *testing.T) {
	tests := []struct {
		name      string
		site      fstest.MapFS
		theme     string
		path      string
		line      int
		msg, hint string
	}{
		{"site layout", fstest.MapFS{
			"layouts/post.html": {Data: []byte("{{ define \"main\" }}\n<h1>{{ .Page.Title }</h1>\n{{ end }}")},
		}, "default", "layouts/post.html", 2, "unexpected", "syntax"},
		{"theme layout", fstest.MapFS{
			"themes/t/layouts/list.html": {Data: []byte("<ul>\n{{ range .Site.Posts }}\n<li>{{ .Title }}</li>\n")},
		}, "t", "themes/t/layouts/list.html", 4, "unexpected EOF", "has no {{ end }}"},
		{"unknown function", fstest.MapFS{
			"layouts/partials/head.html": {Data: []byte("<meta charset=\"utf-8\">\n\n<title>{{ 제목 . }}</title>")},
		}, "default", "layouts/partials/head.html", 3, "", ""},
		{"undefined function", fstest.MapFS{
			"layouts/archive.html": {Data: []byte("{{ define \"main\" }}\n{{ markdownify .Title }}\n{{ end }}")},
		}, "default", "layouts/archive.html", 2, `function "markdownify" not defined`, "docs/themes.md"},
		{"missing partial", fstest.MapFS{
			"layouts/404.html": {Data: []byte("{{ define \"main\" }}\n\n{{ template \"partials/없음.html\" . }}\n{{ end }}")},
		}, "default", "layouts/404.html", 3, `no such template "partials/없음.html"`, "add layouts/partials/없음.html"},
		{"only defines, no baseof", fstest.MapFS{
			"themes/t/layouts/single.html": {Data: []byte(`{{ define "main" }}x{{ end }}`)},
		}, "t", "themes/t/layouts/single.html", 0, "no baseof.html", "add layouts/baseof.html"},
		{"bad i18n", fstest.MapFS{
			"i18n/ko.toml": {Data: []byte("toc = \"차례\"\nprev = [1, 2]\n")},
		}, "default", "i18n/ko.toml", 2, "not a string", `prev = "text"`},
		{"bad theme.toml", fstest.MapFS{
			"themes/t/theme.toml": {Data: []byte("name = \"t\"\nlicense = MIT\n")},
		}, "t", "themes/t/theme.toml", 2, "invalid TOML", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(tt.site, tt.theme, WithLanguage("ko"))
			assertDiag(t, err, tt.path, tt.line, tt.msg, tt.hint)
		})
	}
}

// TestSeveralProblems: Load reports every broken template, sorted, and a
// broken partial once.
func TestSeveralProblems(t *testing.T) {
	site := fstest.MapFS{
		"layouts/post.html":                {Data: []byte("{{ define \"main\" }}\n{{ .Page.Title \n{{ end }}")},
		"layouts/archive.html":             {Data: []byte("{{ if }}")},
		"layouts/partials/toc.html":        {Data: []byte("<nav>{{ with .TableOfContents }}<a href=\"{{ . }}>{{ end }}</nav>")},
		"layouts/partials/pagination.html": {Data: []byte("\n{{ range .Numbers }}")},
	}
	_, err := Load(site, "default")
	var list diag.List
	if !errors.As(err, &list) {
		t.Fatalf("want a diag.List, got %T %v", err, err)
	}
	var got []string
	for _, e := range list {
		got = append(got, e.Position())
	}
	want := "layouts/archive.html:1 layouts/partials/pagination.html:2 layouts/post.html:3"
	if strings.Join(got, " ") != want {
		t.Errorf("got %q, want %q\n%v", strings.Join(got, " "), want, err)
	}

	// Context errors in a partial: reported once, though three layouts use it.
	site = fstest.MapFS{"layouts/partials/toc.html": {Data: []byte("<nav>\n{{ with .TableOfContents }}<a href=\"{{ . }}>{{ end }}</nav>")}}
	_, err = Load(site, "default")
	if d := diag.Errors(err); len(d) != 1 || d[0].Path != "layouts/partials/toc.html" || d[0].Line != 2 {
		t.Errorf("got %v", err)
	}
}

func TestExecErrorPosition(t *testing.T) {
	f := newFixture()
	site := fstest.MapFS{
		// .Page is nil on a list page.
		"layouts/list.html": {Data: []byte("{{ define \"main\" }}\n<p>{{ .Site.Title }}</p>\n<h1>{{ .Page.Title }}</h1>\n{{ end }}")},
		// The error is inside a partial the layout calls.
		"layouts/taxonomy.html":       {Data: []byte("{{ define \"main\" }}{{ template \"partials/terms.html\" . }}{{ end }}")},
		"layouts/partials/terms.html": {Data: []byte("<ul>\n{{ range .Taxonomy.Terms }}\n<li>{{ .Nmae }}</li>\n{{ end }}</ul>")},
		"layouts/archive.html":        {Data: []byte("{{ define \"main\" }}\n{{ dict \"홀수\" }}\n{{ end }}")},
		// The error is inside a partial called through partialCached.
		"layouts/section.html":         {Data: []byte("{{ define \"main\" }}\n{{ partialCached \"partials/count.html\" . }}{{ end }}")},
		"layouts/partials/count.html":  {Data: []byte("<p>\n{{ .Site.Tags.Cuont }}</p>")},
		"layouts/partials/footer.html": {Data: []byte("<footer>{{ year .Site.Updated }}</footer>")},
	}
	th := mustLoad(t, site, "default", WithLanguage("ko"))
	tests := []struct {
		layout    string
		path      string
		line      int
		msg, hint string
	}{
		{"home", "layouts/list.html", 3, "nil pointer evaluating *content.Page.Title", "{{ with"},
		{"taxonomy", "layouts/partials/terms.html", 3, "can't evaluate field Nmae", "fields"},
		{"archive", "layouts/archive.html", 2, "dict needs key, value pairs", ""},
		{"section", "layouts/partials/count.html", 2, "can't evaluate field Cuont", "fields"},
	}
	for _, tt := range tests {
		t.Run(tt.layout, func(t *testing.T) {
			err := th.Execute(io.Discard, tt.layout, f.view(tt.layout))
			d := assertDiag(t, err, tt.path, tt.line, tt.msg, tt.hint)
			if d.Col == 0 {
				t.Errorf("no column in %q", d.Error())
			}
		})
	}
}

// TestEscapeErrorAtLoad: html/template's context errors are found by Load,
// once, on the file that has them.
func TestEscapeErrorAtLoad(t *testing.T) {
	site := fstest.MapFS{"layouts/page.html": {Data: []byte(
		"{{ define \"main\" }}\n<a href=\"{{ .URL }}{{ if .Page }}\">{{ end }}x</a>\n{{ end }}")}}
	_, err := Load(site, "default")
	var d *diag.Error
	if !errors.As(err, &d) || d.Path != "layouts/page.html" || d.Line != 2 {
		t.Fatalf("got %v", err)
	}
}

func TestMinVersion(t *testing.T) {
	site := fstest.MapFS{
		"themes/new/theme.toml":        {Data: []byte("name = \"new\"\n\nmin_version = \"0.5.0\"\n")},
		"themes/new/layouts/list.html": {Data: []byte("x")},
	}
	for _, tt := range []struct {
		version string
		ok      bool
	}{{"", true}, {"dev", true}, {"0.5.0", true}, {"v0.6.1", true}, {"0.4.9", false}, {"0.4", false}} {
		_, err := Load(site, "new", WithVersion(tt.version))
		if tt.ok && err != nil {
			t.Errorf("%q: %v", tt.version, err)
		}
		if !tt.ok {
			assertDiag(t, err, "themes/new/theme.toml", 3, "needs geul 0.5.0 or newer", "update geul")
		}
	}
}

// TestWithFuncs: the site's functions are available and replace built-ins.
func TestWithFuncs(t *testing.T) {
	site := fstest.MapFS{"layouts/page.html": {Data: []byte(`{{ markdownify "**굵게**" }} {{ date .Page.Date }}`)}}
	th := mustLoad(t, site, "default", WithFuncs(map[string]any{
		"markdownify": func(s string) string { return "<b>" + strings.Trim(s, "*") + "</b>" },
		"date":        func(any) string { return "언제나" },
	}))
	if got := render(t, th, "page", newFixture().view("page")); got != "&lt;b&gt;굵게&lt;/b&gt; 언제나" {
		t.Errorf("got %q", got)
	}
}

// TestConcurrentExecute runs every layout from many goroutines; run with
// -race. Outputs must be the same as a lone Execute.
func TestConcurrentExecute(t *testing.T) {
	f := newFixture()
	th := mustLoad(t, fstest.MapFS{}, "default", WithLanguage("ko"))
	want := map[string]string{}
	for _, kind := range Layouts() {
		l := string(kind)
		want[l] = render(t, th, l, f.view(l))
	}
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, kind := range Layouts() {
				l := string(kind)
				var b bytes.Buffer
				if err := th.Execute(&b, l, f.view(l)); err != nil || b.String() != want[l] {
					t.Errorf("%s: concurrent output differs (%v)", l, err)
				}
			}
		}()
	}
	wg.Wait()
}

func BenchmarkExecutePost(b *testing.B) {
	f := newFixture()
	th := mustLoad(b, fstest.MapFS{}, "default", WithLanguage("ko"), WithBaseURL("https://example.org/blog/"))
	v := f.view("post")
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if err := th.Execute(&buf, "post", v); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		if _, err := Load(fstest.MapFS{}, "default", WithLanguage("ko")); err != nil {
			b.Fatal(err)
		}
	}
}

// FuzzLoadLayout: whatever a writer puts in a layout, Load and Execute
// do not panic, and every error is a *diag.Error on a file.
func FuzzLoadLayout(f *testing.F) {
	for _, s := range []string{
		`{{ define "main" }}{{ .Page.Title }}{{ end }}`,
		`{{ if }}`, `{{ template "partials/x.html" . }}`, `<a href="{{ .URL }}`, `{{ range .Site.Posts }}{{ .Title | truncate 5 }}{{ end }}`,
		`{{ define "main" }}{{ jsonify (dict "한" "글 🏃‍♂️") }}{{ end }}`, "{{ 글 }}", "{{/* */}}",
	} {
		f.Add(s)
	}
	fx := newFixture()
	f.Fuzz(func(t *testing.T, src string) {
		site := fstest.MapFS{"layouts/post.html": {Data: []byte(src)}}
		th, err := Load(site, "default")
		if err != nil {
			for _, d := range diag.Errors(err) {
				if d.Path == "" || d.Err == nil && d.Msg == "" {
					t.Fatalf("Load: %T %v", err, err)
				}
			}
			return
		}
		if err := th.Execute(io.Discard, "post", fx.view("post")); err != nil {
			var d *diag.Error
			if !errors.As(err, &d) || d.Path == "" {
				t.Fatalf("Execute: %T %v", err, err)
			}
		}
	})
}
