package markdown

import (
	"strings"
	"testing"
	"time"
)

// TestHighlightBudget checks that a code block the highlighter is slow on
// (chroma's HCL lexer takes seconds over a line of 6,000 "$") is shown as
// plain code with a warning at its line once past the budget, while the
// other blocks of the post are highlighted as usual. The budget is short so
// that the test is quick; the block takes far longer on any machine.
func TestHighlightBudget(t *testing.T) {
	slow := strings.Repeat("$", 6000)
	src := "## 설정 🧯\n\n```go\nfunc main() {}\n```\n\n```hcl\n" + slow + "\n```\n"
	r := New(WithHighlightBudget(20 * time.Millisecond))
	res, err := r.Render([]byte(src), Context{File: "content/posts/느림.md", LineOffset: 4})
	if err != nil {
		t.Fatal(err)
	}
	html := string(res.HTML)
	plain := `<pre class="chroma" data-lang="hcl" tabindex="0"><code class="language-hcl">` + slow + "\n</code></pre>\n"
	if !strings.Contains(html, plain) {
		t.Errorf("the slow block is not plain code:\n%.300s", html[strings.Index(html, `data-lang="hcl"`):])
	}
	if !strings.Contains(html, `<span class="kd">func</span>`) {
		t.Errorf("the Go block lost its highlighting:\n%.300s", html)
	}
	want := Warning{Line: 11, Msg: "hcl code took longer than 20ms to highlight; shown as plain code",
		Hint: "this is a slow case of the highlighter; write another language after ``` (or none) to silence this"}
	if len(res.Warnings) != 1 || res.Warnings[0] != want {
		t.Errorf("warnings %+v\nwant [%+v]", res.Warnings, want)
	}
}
