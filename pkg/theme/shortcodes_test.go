package theme

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/geul-blog/geul/pkg/content"
	"github.com/geul-blog/geul/pkg/shortcode"
)

// TestShortcodeTemplates loads shortcodes and hooks from the site and from
// its theme (the site's win), and runs them with Hugo's context.
func TestShortcodeTemplates(t *testing.T) {
	site := fstest.MapFS{
		"themes/zen/layouts/single.html":                       {Data: []byte("x")},
		"themes/zen/layouts/shortcodes/both.html":              {Data: []byte("theme's")},
		"themes/zen/layouts/shortcodes/themeonly.html":         {Data: []byte(`{{ .Get "k" | upper }}`)},
		"themes/zen/layouts/_default/_markup/render-link.html": {Data: []byte(`<a href="{{ .Destination }}">{{ .Text }}</a>`)},
		"layouts/shortcodes/both.html":                         {Data: []byte("site's")},
		"layouts/partials/sig.html":                            {Data: []byte(`— {{ . }}`)},
		"layouts/shortcodes/sig.html":                          {Data: []byte(`{{ partial "sig.html" "김글" }}`)},
		"layouts/shortcodes/md.md":                             {Data: []byte(`**{{ .Get 0 }}** <{{ .Page.Title }}>`)},
		"layouts/shortcodes/inner.html":                        {Data: []byte(`<b>{{ .Inner }}</b> {{ strings.Contains .Inner "가" }} {{ .Page.Param "author" }}`)},
	}
	th, err := Load(site, "zen")
	if err != nil {
		t.Fatal(err)
	}
	page := &ShortcodePage{Page: &content.Page{Title: "<제목>", Params: map[string]any{}}, SiteParams: map[string]any{"author": "김글"}}
	run := func(name, inner string, params ...any) string {
		t.Helper()
		c := &shortcode.Call{Node: &shortcode.Node{Name: name, Positional: params, Closed: inner != ""}, Inner: inner}
		if len(params) == 2 {
			if k, ok := params[0].(string); ok && k == "k" {
				c.Positional, c.Named = nil, map[string]any{"k": params[1]}
			}
		}
		out, err := th.RunShortcode(NewShortcodeContext(c, page, &content.Site{}, "content/a.md", 4))
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	for _, tt := range []struct{ got, want string }{
		{run("both", ""), "site's"},
		{run("sig", ""), "— 김글"}, // a partial named as Hugo names them
		{run("themeonly", "", "k", "abc"), "ABC"},
		{run("md", "", "굵게"), "**굵게** <<제목>>"}, // a .md shortcode is text, not escaped HTML
		{run("inner", "가 <i>나</i>"), "<b>가 <i>나</i></b> true 김글"},
	} {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
	if ok, inner := th.HasShortcode("inner"); !ok || !inner {
		t.Error("inner: HasShortcode is wrong")
	}
	if ok, _ := th.HasShortcode("nope"); ok {
		t.Error("nope: HasShortcode is wrong")
	}
	if !th.HasHook("render-link") || th.HasHook("render-image") || !th.HasHooks() {
		t.Error("HasHook is wrong")
	}

	// The fingerprint follows the templates.
	fp := th.MarkupFingerprint()
	site["layouts/shortcodes/both.html"] = &fstest.MapFile{Data: []byte("site's, edited")}
	th2, err := Load(site, "zen")
	if err != nil {
		t.Fatal(err)
	}
	if th2.MarkupFingerprint() == fp {
		t.Error("editing a shortcode template left the fingerprint as it was")
	}
}

func TestShortcodeTemplateErrors(t *testing.T) {
	site := fstest.MapFS{"layouts/shortcodes/bad.html": {Data: []byte("a\n{{ if }}")}}
	_, err := Load(site, "default")
	assertDiag(t, err, "layouts/shortcodes/bad.html", 2, "missing value for if", "")

	site = fstest.MapFS{"layouts/shortcodes/fails.html": {Data: []byte("\n{{ index .Params 3 }}")}}
	th, err := Load(site, "default")
	if err != nil {
		t.Fatal(err)
	}
	c := &shortcode.Call{Node: &shortcode.Node{Name: "fails"}}
	_, err = th.RunShortcode(NewShortcodeContext(c, &ShortcodePage{Page: &content.Page{}}, &content.Site{}, "a.md", 0))
	assertDiag(t, err, "layouts/shortcodes/fails.html", 2, "index", "")
}

// TestHugoRegexpFuncs runs replaceRE and findRE twice each (the second
// from the compiled pattern kept) and with a bad pattern.
func TestHugoRegexpFuncs(t *testing.T) {
	f := hugoFuncs()
	replaceRE := f["replaceRE"].(func(string, string, any) (string, error))
	findRE := f["findRE"].(func(string, any) ([]string, error))
	for range 2 {
		if got, err := replaceRE(`(\p{Hangul}+)`, "[$1]", "글 go 블로그"); err != nil || got != "[글] go [블로그]" {
			t.Errorf("replaceRE = %q, %v", got, err)
		}
		if got, err := findRE(`\d+`, "1월 23일"); err != nil || strings.Join(got, ",") != "1,23" {
			t.Errorf("findRE = %q, %v", got, err)
		}
	}
	if _, err := replaceRE(`(`, "", "x"); err == nil {
		t.Error("replaceRE took a bad pattern")
	}
	if _, err := findRE(`(`, "x"); err == nil {
		t.Error("findRE took a bad pattern")
	}
}
