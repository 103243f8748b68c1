package markdown

import (
	"errors"
	"strings"
	"testing"

	"github.com/geul-blog/geul/pkg/diag"
	"github.com/geul-blog/geul/pkg/shortcode"
)

// shortcodeContext is the Context the shortcode goldens render with: a
// site with the pages other.md and posts/third.md, params author and
// edition, and one template of its own, bold ({{% bold %}}…{{% /bold %}}).
func shortcodeContext(file string) Context {
	return Context{
		File:      file,
		Image:     fakeImage,
		Resources: func() []string { return []string{"r-바다.jpg", "notes.txt", "올레 길.png"} },
		Shortcode: func(c *shortcode.Call) (string, bool, error) {
			if c.Name != "bold" {
				return "", false, nil
			}
			return "**" + c.Inner + "**", true, nil
		},
		Ref: func(target string) (string, string, error) {
			switch target {
			case "other.md":
				return "/posts/other/", "https://example.org/posts/other/", nil
			case "posts/third.md":
				return "/posts/third/", "https://example.org/posts/third/", nil
			}
			return "", "", errors.New("no such page")
		},
		Param: func(key string) (any, bool) {
			v, ok := map[string]any{"author": "김글", "edition": 2, "<b>": "<i>"}[key]
			return v, ok
		},
	}
}

// TestShortcodeGolden renders testdata/shortcodes/*.md, one file per
// built-in shortcode and one for the syntax, and compares the HTML with
// the .html beside it ("go test -update" rewrites them).
func TestShortcodeGolden(t *testing.T) {
	r := New()
	goldenDir(t, "shortcodes", func(file string) (*Renderer, Context) { return r, shortcodeContext(file) })
}

// TestShortcodeErrors checks that each problem is an error at its line of
// the file, front matter counted, with a hint.
func TestShortcodeErrors(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"unknown", "a\n\n{{< chart 1 >}}", `a.md:7: unknown shortcode "chart"; add layouts/shortcodes/chart.html`},
		{"unclosed tag", "{{< youtube abc", "a.md:5: shortcode {{< youtube is not closed with >}}"},
		{"closing without opening", "x\n{{< /details >}}", "a.md:6: closing tag {{< /details >}} has no opening tag"},
		{"details not closed", "{{< details >}}", "a.md:5: details is not closed"},
		{"bad youtube id", "{{< youtube \"a b\" >}}", `a.md:5: youtube: "a b" is not a video id`},
		{"missing ref", "\n{{< ref \"nope.md\" >}}", `a.md:6: ref "nope.md": no such page`},
		{"missing param", "{{< param \"nope\" >}}", `a.md:5: param "nope" is not set`},
		{"mixed params", "{{< figure src=\"a\" b >}}", "a.md:5: shortcode figure mixes"},
		{"inner text a built-in would lose", "{{< youtube abc >}}글{{< /youtube >}}", "a.md:5: youtube takes no text between tags"},
		{"bad highlight option", "{{< highlight go \"hl_lines=x\" >}}a{{< /highlight >}}", "a.md:5: highlight: hl_lines"},
		{"after a markdown shortcode of three lines", "{{% bold %}}a\nb\nc{{% /bold %}}\n\n{{< nope >}}", `a.md:9: unknown shortcode "nope"`},
	}
	r := New()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := shortcodeContext("a.md")
			ctx.LineOffset = 4
			_, err := r.Render([]byte(tt.src), ctx)
			var l diag.List
			if !errors.As(err, &l) || len(l) != 1 {
				t.Fatalf("error %v, want one", err)
			}
			if got := l[0].Error(); !strings.HasPrefix(got, tt.want) {
				t.Errorf("error %q, want it to start with %q", got, tt.want)
			}
			if l[0].Hint == "" {
				t.Errorf("error %q has no hint", l[0].Error())
			}
		})
	}
}

// TestShortcodeTextAndTOC checks that a shortcode's output, not its
// placeholder, is in the plain text, the table of contents and the id.
func TestShortcodeTextAndTOC(t *testing.T) {
	res, err := New().Render([]byte("## 저자 {{< param author >}}\n\n본문 {{< param edition >}}판"), shortcodeContext("a.md"))
	if err != nil {
		t.Fatal(err)
	}
	if res.Text != "저자 김글\n본문 2판" {
		t.Errorf("Text = %q", res.Text)
	}
	if len(res.TOC) != 1 || res.TOC[0].ID != "저자-김글" || res.TOC[0].Text != "저자 김글" {
		t.Errorf("TOC = %+v", res.TOC[0])
	}
}
