package markdown

import (
	"bytes"
	"fmt"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"
)

func render(t *testing.T, r *Renderer, src string, ctx Context) *Result {
	t.Helper()
	res, err := r.Render([]byte(src), ctx)
	if err != nil {
		t.Fatalf("Render(%q): %v", src, err)
	}
	return res
}

// flatTOC lists the TOC as "level:id:text" lines, children indented.
func flatTOC(hs []*Heading, indent string, out *[]string) {
	for _, h := range hs {
		*out = append(*out, fmt.Sprintf("%s%d:%s:%s", indent, h.Level, h.ID, h.Text))
		flatTOC(h.Children, indent+"  ", out)
	}
}

func TestTOC(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string
	}{
		{"flat", "## a\n## b", []string{"2:a:a", "2:b:b"}},
		{"nested", "## a\n### a1\n### a2\n## b\n### b1", []string{"2:a:a", "  3:a1:a1", "  3:a2:a2", "2:b:b", "  3:b1:b1"}},
		{"jump h2 to h4 nests under h2", "## a\n#### deep\n### mid", []string{"2:a:a", "  4:deep:deep", "  3:mid:mid"}},
		{"starts deep", "### c\n## a", []string{"3:c:c", "2:a:a"}},
		{"h1 holds the rest", "# t\n## a\n### b", []string{"1:t:t", "  2:a:a", "    3:b:b"}},
		{"text keeps emoji", "## [서버 장애 🧯]\n### 🏃‍♂️", []string{"2:서버-장애:[서버 장애 🧯]", "  3:heading:🏃‍♂️"}},
		{"none", "문단만 있다.", nil},
	}
	r := New()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			flatTOC(render(t, r, tt.src, Context{}).TOC, "", &got)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("TOC:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestSummary(t *testing.T) {
	tests := []struct {
		name    string
		src     string
		unsafe  bool
		summary string // "" means nil
		html    string
	}{
		{
			name:    "block marker",
			src:     "첫 문단.\n\n<!--more-->\n\n둘째 문단.",
			summary: "<p>첫 문단.</p>\n",
			html:    "<p>첫 문단.</p>\n<p>둘째 문단.</p>\n",
		},
		{
			name:    "block marker, unsafe",
			src:     "첫 문단.\n\n<!--more-->\n\n둘째 문단.",
			unsafe:  true,
			summary: "<p>첫 문단.</p>\n",
			html:    "<p>첫 문단.</p>\n<p>둘째 문단.</p>\n",
		},
		{
			name:    "marker right under a paragraph",
			src:     "첫 문단.\n<!--more-->\n둘째 문단.",
			summary: "<p>첫 문단.</p>\n",
			html:    "<p>첫 문단.</p>\n<p>둘째 문단.</p>\n",
		},
		{
			name:    "spaces and case",
			src:     "a\n\n<!-- More -->\n\nb",
			summary: "<p>a</p>\n",
			html:    "<p>a</p>\n<p>b</p>\n",
		},
		{
			name:    "inline marker ends its block",
			src:     "a <!--more--> b\n\nc",
			summary: "<p>a  b</p>\n",
			html:    "<p>a  b</p>\n<p>c</p>\n",
		},
		{
			name:    "inline marker, unsafe",
			src:     "a <!--more--> b\n\nc",
			unsafe:  true,
			summary: "<p>a  b</p>\n",
			html:    "<p>a  b</p>\n<p>c</p>\n",
		},
		{
			name:    "only the first marker splits",
			src:     "a\n\n<!--more-->\n\nb\n\n<!--more-->\n\nc",
			summary: "<p>a</p>\n",
			html:    "<p>a</p>\n<p>b</p>\n<p>c</p>\n",
		},
		{
			name:    "marker first",
			src:     "<!--more-->\n\nb",
			summary: "",
			html:    "<p>b</p>\n",
		},
		{
			name: "no marker",
			src:  "a\n\nb",
			html: "<p>a</p>\n<p>b</p>\n",
		},
		{
			name: "other comments are not markers",
			src:  "a\n\n<!-- more or less -->",
			html: "<p>a</p>\n",
		},
		{
			name: "marker in code is code",
			src:  "```\n<!--more-->\n```",
			html: "<pre class=\"chroma\" tabindex=\"0\"><code>&lt;!--more--&gt;\n</code></pre>\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := render(t, New(WithUnsafe(tt.unsafe)), tt.src, Context{})
			if string(res.HTML) != tt.html {
				t.Errorf("HTML = %q, want %q", res.HTML, tt.html)
			}
			switch {
			case tt.name == "no marker" || strings.HasPrefix(tt.name, "other") || strings.HasPrefix(tt.name, "marker in code"):
				if res.Summary != nil {
					t.Errorf("Summary = %q, want nil", res.Summary)
				}
			case string(res.Summary) != tt.summary || res.Summary == nil:
				t.Errorf("Summary = %q (nil: %v), want %q", res.Summary, res.Summary == nil, tt.summary)
			}
		})
	}
}

func TestUnsafe(t *testing.T) {
	src := "<div class=\"box\">블록</div>\n\n문단 <b>굵게</b>\n"
	tests := []struct {
		unsafe bool
		want   string
	}{
		{false, "<div class=\"box\">블록</div>\n<p>문단 <b>굵게</b></p>\n"},
		{true, "<div class=\"box\">블록</div>\n<p>문단 <b>굵게</b></p>\n"},
	}
	for _, tt := range tests {
		res := render(t, New(WithUnsafe(tt.unsafe)), src, Context{})
		if string(res.HTML) != tt.want {
			t.Errorf("unsafe=%v:\n got %q\nwant %q", tt.unsafe, res.HTML, tt.want)
		}
	}
}

func TestCodeBlocks(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"go", "```go\nx := 1\n```", `<pre class="chroma" data-lang="go" tabindex="0"><code class="language-go"><span class="nx">x</span><span class="w"> </span><span class="o">:=</span><span class="w"> </span><span class="mi">1</span><span class="w">` + "\n</span></code></pre>\n"},
		{"unknown language", "```nosuchlang\n<a> & \"b\"\n```", `<pre class="chroma" data-lang="nosuchlang" tabindex="0"><code class="language-nosuchlang">&lt;a&gt; &amp; &quot;b&quot;` + "\n</code></pre>\n"},
		{"no language", "```\n한글 <b>\n```", `<pre class="chroma" tabindex="0"><code>한글 &lt;b&gt;` + "\n</code></pre>\n"},
		{"indented", "    한글 <b>\n", `<pre class="chroma" tabindex="0"><code>한글 &lt;b&gt;` + "\n</code></pre>\n"},
		{"language escaped", "```a\"b\nx\n```", `<pre class="chroma" data-lang="a&quot;b" tabindex="0"><code class="language-a&quot;b">x` + "\n</code></pre>\n"},
		{"empty", "```go\n```", `<pre class="chroma" data-lang="go" tabindex="0"><code class="language-go"></code></pre>` + "\n"},
	}
	r := New()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := render(t, r, tt.src, Context{})
			if string(res.HTML) != tt.want {
				t.Errorf("got  %q\nwant %q", res.HTML, tt.want)
			}
			if bytes.Contains(res.HTML, []byte("style=")) {
				t.Errorf("inline styles in %s", res.HTML)
			}
		})
	}
}

func TestEmoji(t *testing.T) {
	tests := []struct{ src, want string }{
		{":fire: 불", "<p>🔥 불</p>\n"},
		{":+1::tada:", "<p>👍🎉</p>\n"},
		{":no_such_emoji:", "<p>:no_such_emoji:</p>\n"},
		{"10:30:00", "<p>10:30:00</p>\n"},
		{"`:fire:`", "<p><code>:fire:</code></p>\n"},
		{"🏃‍♂️ ⏸️ 그대로", "<p>🏃‍♂️ ⏸️ 그대로</p>\n"},
	}
	r := New()
	for _, tt := range tests {
		if got := render(t, r, tt.src, Context{}).HTML; string(got) != tt.want {
			t.Errorf("%q: got %q, want %q", tt.src, got, tt.want)
		}
	}
}

func TestMarkdownExtensions(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"strikethrough", "~~지움~~", "<p><del>지움</del></p>\n"},
		{"task list", "- [x] 끝", "<ul>\n<li><input checked=\"\" disabled=\"\" type=\"checkbox\"> 끝</li>\n</ul>\n"},
		{"linkify stops at Hangul", "https://example.com에서", "<p><a href=\"https://example.com\">https://example.com</a>에서</p>\n"},
		{"table", "| 가 |\n|---|\n| 나 |", "<table>\n<thead>\n<tr>\n<th>가</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>나</td>\n</tr>\n</tbody>\n</table>\n"},
		{"definition list", "용어\n: 정의", "<dl>\n<dt>용어</dt>\n<dd>정의</dd>\n</dl>\n"},
		{"no typographer", `"따옴표" 'as typed' -- ...`, "<p>&quot;따옴표&quot; 'as typed' -- ...</p>\n"},
		{"escaped space joins emphasis to a particle", `**"강조"**\ 를`, "<p><strong>&quot;강조&quot;</strong>를</p>\n"},
		{"soft break stays a space between Hangul lines", "문장.\n다음", "<p>문장.\n다음</p>\n"},
	}
	r := New()
	for _, tt := range tests {
		if got := render(t, r, tt.src, Context{}).HTML; string(got) != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
	}
	res := render(t, r, "글[^1]\n\n[^1]: 각주", Context{})
	if !bytes.Contains(res.HTML, []byte(`class="footnote-ref"`)) || !bytes.Contains(res.HTML, []byte(`<li id="fn:1">`)) {
		t.Errorf("footnotes: %s", res.HTML)
	}
}

func TestText(t *testing.T) {
	src := "# 제목 :fire:\n\n첫 **문단**이다.\n둘째 줄 `코드`와 [링크](https://x.example) &amp; \\*별\\*.\n\n```go\nfunc hidden() {}\n```\n\n    indented hidden\n\n<div>raw hidden</div>\n\n- 항목 하나\n- 항목 둘\n\n> 인용\n\n| 가 | 나 |\n|---|---|\n| 다 | 라 |\n\n각주[^1]\n\n[^1]: 각주 내용\n"
	got := render(t, New(), src, Context{}).Text
	want := "제목 🔥\n첫 문단이다. 둘째 줄 코드와 링크 & *별*.\n항목 하나\n항목 둘\n인용\n가\n나\n다\n라\n각주\n각주 내용"
	if got != want {
		t.Errorf("Text:\n%q\nwant:\n%q", got, want)
	}
}

func TestMarkdownify(t *testing.T) {
	tests := []struct{ src, want string }{
		{"*강조* :fire:", "<em>강조</em> 🔥"},
		{"plain", "plain"},
		{"", ""},
		{"a\n\nb", "<p>a</p>\n<p>b</p>"},
		{"<b>raw</b>", "<b>raw</b>"},
		{"<script>alert(1)</script>제목", "제목"},
		{"<img src=x onerror=alert(1)>", `<img src="x">`},
		{"[x](javascript:alert(1))", "x"},
		{"[x](b.md)", `<a href="b.md">x</a>`},
	}
	r := New()
	for _, tt := range tests {
		got, err := r.Markdownify(tt.src)
		if err != nil || got != tt.want {
			t.Errorf("Markdownify(%q) = %q, %v; want %q", tt.src, got, err, tt.want)
		}
	}
}

func TestHighlightCSS(t *testing.T) {
	a, b := New().HighlightCSS(), New().HighlightCSS()
	if !bytes.Equal(a, b) || len(a) == 0 {
		t.Fatal("HighlightCSS differs between Renderers, or is empty")
	}
	css := string(a)
	for _, want := range []string{
		"@media (prefers-color-scheme: light) {\n  :root:not([data-theme=\"dark\"]) .chroma {",
		"@media (prefers-color-scheme: dark) {\n  :root:not([data-theme=\"light\"]) .chroma {",
		"\n:root[data-theme=\"light\"] .chroma .k {",
		"\n:root[data-theme=\"dark\"] .chroma .k {",
	} {
		if !strings.Contains(css, want) {
			t.Errorf("CSS lacks %q", want)
		}
	}
	if strings.Contains(css, ".bg ") {
		t.Error("CSS has rules for markup geul never writes")
	}
	// The highlight shortcode writes line numbers and highlighted lines.
	if !strings.Contains(css, ".chroma .hl {") || !strings.Contains(css, ".chroma .lnt {") {
		t.Error("CSS lacks the rules for line numbers and highlighted lines")
	}
	if strings.Count(css, "{")-strings.Count(css, "}") != 0 {
		t.Error("unbalanced braces")
	}
	// The light and dark rules differ (different styles), and the light rules
	// appear once in the media block and once under the forced theme.
	light := New(WithHighlightStyles("github", "github")).HighlightCSS()
	if bytes.Equal(light, a) {
		t.Error("WithHighlightStyles had no effect")
	}
}

func TestConcurrentRender(t *testing.T) {
	r := New()
	src := []byte("## [서버 장애 🧯]\n\n```go\nfunc main() {}\n```\n\n```python\nprint(1)\n```\n\n<!--more-->\n\n[x](b.md)")
	want, err := r.Render(src, Context{})
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 20 {
				got, err := r.Render(src, Context{})
				// Byte for byte: regexptimeout.go keeps chroma's regexp
				// timeouts from changing the highlighting on a busy machine.
				if err != nil || !bytes.Equal(got.HTML, want.HTML) || !bytes.Equal(got.Summary, want.Summary) {
					t.Errorf("concurrent Render differs: %v\n%s", err, got.HTML)
					return
				}
			}
		})
	}
	wg.Wait()
}

func TestRenderValidUTF8(t *testing.T) {
	res := render(t, New(), "## \xff잘못된 바이트\n\n본문 \xfe", Context{})
	if !utf8.Valid(res.HTML) || !bytes.Contains(res.HTML, []byte("<p>본문 \uFFFD</p>")) {
		t.Errorf("HTML is not valid UTF-8: %q", res.HTML)
	}
}

// TestProseLeavesOutAltTextAndTables: an automatic summary starts with the
// writer's sentences, not an image's alt text or a table's cells.
func TestProseLeavesOutAltTextAndTables(t *testing.T) {
	src := "![바다 사진 설명](sea.png)\n\n| 이름 | 값 |\n|---|---|\n| 가 | 1 |\n\n첫 문장입니다. ![중간 그림](a.png) 둘째 문장.\n"
	r, err := New().Render([]byte(src), Context{ResolveLink: func(string) (string, bool) { return "", false }})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := r.Prose(), "첫 문장입니다.  둘째 문장."; got != want {
		t.Errorf("Prose() = %q, want %q (Text %q)", got, want, r.Text)
	}
	for _, w := range []string{"바다 사진 설명", "이름", "가"} {
		if !strings.Contains(r.Text, w) {
			t.Errorf("Text %q lost %q (word counts keep it)", r.Text, w)
		}
	}
}

func TestImageWithoutAltIsAWarning(t *testing.T) {
	src := []byte("+++\n+++\n\n![고양이](cat.jpg)\n\n![](dog.jpg)\n\n![ ](bird.png) and ![*새*](b.png)\n")
	res, err := New().Render(src, Context{File: "content/posts/a.md", LineOffset: 2})
	if err != nil {
		t.Fatal(err)
	}
	want := []int{8, 10}
	if len(res.Warnings) != len(want) {
		t.Fatalf("warnings = %+v, want two (dog.jpg, bird.png)", res.Warnings)
	}
	for i, line := range want {
		if w := res.Warnings[i]; w.Line != line || !strings.Contains(w.Msg, "alt text") {
			t.Errorf("warning %d = %+v, want it on line %d about alt text", i, w, line)
		}
	}
}
