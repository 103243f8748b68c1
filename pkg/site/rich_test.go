package site_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
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

// TestVendorAfterBodyEdit: geul serve publishes KaTeX when an edit writes
// the blog's first formula, and an edit of another post leaves it as it is.
func TestVendorAfterBodyEdit(t *testing.T) {
	head := "+++\ntitle = \"%s\"\ndate = 2024-05-0%d\n+++\n\n"
	dir := writeImageSite(t, map[string][]byte{
		"config.toml":        nil,
		"content/posts/a.md": []byte(fmt.Sprintf(head, "가", 1) + "그냥 글\n"),
		"content/posts/b.md": []byte(fmt.Sprintf(head, "나", 2) + "다른 글\n"),
	})
	b := site.NewBuilder(dir, site.WithClock(sitetest.Clock))
	ctx := context.Background()
	if _, err := b.Build(ctx); err != nil {
		t.Fatal(err)
	}
	for _, step := range []struct {
		file, body string
		katex      bool // published after the edit
		changed    bool // and among the files the edit changed
	}{
		{"a.md", "그냥 글, 고침\n", false, false},
		{"a.md", "$x^2$\n", true, true},
		{"b.md", "다른 글, 고침\n", true, false},
		{"a.md", "$x^3$\n", true, false},
	} {
		name := "content/posts/" + step.file
		title, day := "가", 1
		if step.file == "b.md" {
			title, day = "나", 2
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(fmt.Sprintf(head, title, day)+step.body), 0o644); err != nil {
			t.Fatal(err)
		}
		res, err := b.Rebuild(ctx, site.ClassifyChanges([]string{name}))
		if err != nil {
			t.Fatal(err)
		}
		_, katex := res.Output.Get("vendor/katex/katex.min.js")
		changed := slices.Contains(res.Changed, "vendor/katex/katex.min.js")
		if res.Full || katex != step.katex || changed != step.changed {
			t.Errorf("%s ← %q: full %v, KaTeX published %v, changed %v; want false, %v, %v",
				step.file, step.body, res.Full, katex, changed, step.katex, step.changed)
		}
	}
}
