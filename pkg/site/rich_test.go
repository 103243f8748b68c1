package site_test

import (
	"context"
	"strings"
	"testing"

	"github.com/geul-blog/geul/pkg/site"
	"github.com/geul-blog/geul/pkg/sitetest"
)

// TestMathAndDiagramsConfig: a page with math and a diagram loads KaTeX
// and Mermaid from the theme, a page without loads neither, and
// math = false / diagrams = false turn each off.
func TestMathAndDiagramsConfig(t *testing.T) {
	post := []byte("+++\ntitle = \"수식\"\ndate = 2024-05-01\n+++\n\n$x^2$ 그리고\n\n```mermaid\ngraph LR\n  가 --> 나\n```\n")
	plain := []byte("+++\ntitle = \"보통\"\ndate = 2024-05-02\n+++\n\n가격은 $5, $10.\n")
	for _, tt := range []struct {
		config               string
		katex, mermaid       bool
		mathSpan, mermaidPre bool
	}{
		{"", true, true, true, true},
		{"math = false\n", false, true, false, true},
		{"diagrams = false\n", true, false, true, false},
	} {
		dir := writeImageSite(t, map[string][]byte{
			"config.toml":        []byte(tt.config),
			"content/posts/a.md": post,
			"content/posts/b.md": plain,
		})
		res, err := site.NewBuilder(dir, site.WithClock(sitetest.Clock)).Build(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		a, _ := res.Output.Get("posts/a/index.html")
		b, _ := res.Output.Get("posts/b/index.html")
		page := string(a)
		for _, c := range []struct {
			what string
			got  bool
			want bool
		}{
			{"katex.min.js", strings.Contains(page, "vendor/katex/katex.min"), tt.katex},
			{"mermaid.min.js", strings.Contains(page, "vendor/mermaid/mermaid.min"), tt.mermaid},
			{`<span class="math">`, strings.Contains(page, `<span class="math">x^2</span>`), tt.mathSpan},
			{`<pre class="mermaid">`, strings.Contains(page, `<pre class="mermaid">`), tt.mermaidPre},
		} {
			if c.got != c.want {
				t.Errorf("config %q: page has %s: %v, want %v", tt.config, c.what, c.got, c.want)
			}
		}
		if strings.Contains(string(b), "vendor/") {
			t.Errorf("config %q: a page without math or diagrams loads a vendored script", tt.config)
		}
	}
}

// TestVendorOnlyWhenUsed: geul build publishes KaTeX only when a page has
// math and Mermaid only when a page has a diagram.
func TestVendorOnlyWhenUsed(t *testing.T) {
	for _, tt := range []struct {
		body           string
		katex, mermaid bool
	}{
		{"그냥 글", false, false},
		{"$x^2$", true, false},
		{"```mermaid\ngraph LR\n```\n", false, true},
	} {
		dir := writeImageSite(t, map[string][]byte{
			"config.toml":        nil,
			"content/posts/a.md": []byte("+++\ntitle = \"a\"\ndate = 2024-05-01\n+++\n\n" + tt.body + "\n"),
		})
		res, err := site.NewBuilder(dir, site.WithClock(sitetest.Clock), site.WithSingleBuild(true)).Build(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		_, katex := res.Output.Get("vendor/katex/katex.min.js")
		_, mermaid := res.Output.Get("vendor/mermaid/mermaid.min.js")
		if katex != tt.katex || mermaid != tt.mermaid {
			t.Errorf("%q: KaTeX published %v, Mermaid %v; want %v, %v", tt.body, katex, mermaid, tt.katex, tt.mermaid)
		}
	}
}
