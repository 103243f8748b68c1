package markdown

import (
	"strconv"
	"strings"
	"testing"
)

// TestSanitizer checks what raw HTML keeps by default, what it loses, and
// that every loss is a warning at its line.
func TestSanitizer(t *testing.T) {
	tests := []struct {
		name, src string
		want      string // the HTML
		warnings  []string
	}{
		// Allowed.
		{"br before a heading keeps the heading's text", "첫 줄<br/>\n\n## 제목\n", "<p>첫 줄<br/></p>\n<h2 id=\"제목\">제목 <a class=\"anchor\" href=\"#제목\" aria-label=\"Permalink\">#</a></h2>\n", nil},
		{"inline tags", `<span class="x">a</span> <mark>b</mark> x<sup>2</sup> H<sub>2</sub>O <kbd>Ctrl</kbd>`,
			`<p><span class="x">a</span> <mark>b</mark> x<sup>2</sup> H<sub>2</sub>O <kbd>Ctrl</kbd></p>` + "\n", nil},
		{"details", "<details open><summary>더 보기</summary>\n\n본문\n\n</details>\n", "<details open=\"\"><summary>더 보기</summary>\n<p>본문</p>\n</details>\n", nil},
		{"aside and figure with an image", `<aside><figure><img src="https://example.org/a.png" width="10" height="20" alt="고양이 🐱"><figcaption>캡션</figcaption></figure></aside>` + "\n",
			`<aside><figure><img src="https://example.org/a.png" width="10" height="20" alt="고양이 🐱"><figcaption>캡션</figcaption></figure></aside>` + "\n", nil},
		{"relative image", `그림 <img src="../img/a.png" alt="a">`, `<p>그림 <img src="../img/a.png" alt="a"></p>` + "\n", nil},
		{"table", "<table class=\"t\"><tr><td colspan=\"2\">칸</td></tr></table>\n", "<table class=\"t\"><tr><td colspan=\"2\">칸</td></tr></table>\n", nil},
		{"harmless inline style", `<p style="color: #c00; text-align: center">빨강</p>` + "\n", `<p style="color: #c00; text-align: center">빨강</p>` + "\n", nil},
		// A tag alone on a line starts an HTML block that runs to the next
		// blank line (CommonMark, and Hugo with unsafe = true): the heading
		// after it is kept as text, not lost.
		{"br line swallowing a heading", "<br/>\n## 제목\n", "<br/>\n## 제목\n", nil},
		// Removed, with a warning at the line.
		{"script", "앞\n\n<script>alert(1)</script>\n\n뒤", "<p>앞</p>\n\n<p>뒤</p>\n", []string{"3: raw HTML removed: <script>"}},
		{"style", "<style>body{display:none}</style>\n\n글", "\n<p>글</p>\n", []string{"1: raw HTML removed: <style>"}},
		{"iframe", "글\n\n<iframe src=\"https://evil.example\"></iframe>\n", "<p>글</p>\n\n", []string{"3: raw HTML removed: <iframe>, src="}},
		{"event handler", `<img src="a.png" onerror="alert(1)">` + "\n", `<img src="a.png">` + "\n", []string{"1: raw HTML removed: onerror="}},
		{"javascript url", `<a href="javascript:alert(1)">링크</a>`, "<p>링크</p>\n", []string{"1: raw HTML removed: <a>, href=javascript:"}},
		{"positioned style", `<div style="position: fixed; top: 0; color: red">덮개</div>` + "\n", `<div style="color: red">덮개</div>` + "\n", []string{"1: raw HTML removed: style position:, style top:"}},
		{"javascript image", `그림 <img src="javascript:alert(1)" alt="x">`, `<p>그림 <img alt="x"></p>` + "\n", []string{"1: raw HTML removed: src=javascript:"}},
	}
	r := New()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := render(t, r, tt.src, Context{})
			if string(res.HTML) != tt.want {
				t.Errorf("HTML\n got %q\nwant %q", res.HTML, tt.want)
			}
			var got []string
			for _, w := range res.Warnings {
				got = append(got, strconv.Itoa(w.Line)+": "+w.Msg)
			}
			if strings.Join(got, "\n") != strings.Join(tt.warnings, "\n") {
				t.Errorf("warnings\n got %q\nwant %q", got, tt.warnings)
			}
		})
	}
}

// TestSanitizerLineOffset checks that a warning's line counts the front matter.
func TestSanitizerLineOffset(t *testing.T) {
	res := render(t, New(), "a\n\n<script>x</script>", Context{LineOffset: 4})
	if len(res.Warnings) != 1 || res.Warnings[0].Line != 7 {
		t.Errorf("warnings %+v, want one at line 7", res.Warnings)
	}
}

// TestUnsafeTrustsEverything checks that unsafe = true keeps raw HTML as written.
func TestUnsafeTrustsEverything(t *testing.T) {
	src := `<script>alert(1)</script>` + "\n\n" + `그림 <img src="a.png" onerror="x()">`
	res := render(t, New(WithUnsafe(true)), src, Context{})
	if want := "<script>alert(1)</script>\n<p>그림 <img src=\"a.png\" onerror=\"x()\"></p>\n"; string(res.HTML) != want || len(res.Warnings) > 0 {
		t.Errorf("got %q %v, want %q", res.HTML, res.Warnings, want)
	}
}
