package markdown

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/geul-blog/geul/pkg/diag"
)

// slowBodies are small bodies that goldmark takes long over: each is
// quadratic in goldmark's parser (the first takes about a second for its
// 40 KB; 300 KB of it over a minute).
var slowBodies = map[string]string{
	"unclosed link destinations": "# 제목\n\n" + strings.Repeat("[가](", 10000),
	"nested blockquotes":         nestedQuotes(1500),
}

func nestedQuotes(n int) string {
	var b strings.Builder
	for i := range n {
		b.WriteString(strings.Repeat(">", i) + " 인용\n")
	}
	return b.String()
}

// TestRenderDeadline checks that a body past the deadline fails with an
// error naming the file, instead of keeping the build (and `geul serve`)
// waiting. The deadline is short so the test is quick; the bodies take
// far longer than it on any machine.
func TestRenderDeadline(t *testing.T) {
	r := New(WithDeadline(20 * time.Millisecond))
	for name, src := range slowBodies {
		t.Run(name, func(t *testing.T) {
			res, err := r.Render([]byte(src), Context{File: "content/posts/느림.md", LineOffset: 3})
			var d *diag.Error
			if res != nil || !errors.As(err, &d) {
				t.Fatalf("got %v, %v; want no result and a *diag.Error", res != nil, err)
			}
			want := "content/posts/느림.md: took too long to render (more than 20ms); "
			if !strings.HasPrefix(err.Error(), want) {
				t.Errorf("got  %v\nwant %s…", err, want)
			}
		})
	}
	if got, err := r.Markdownify(slowBodies["unclosed link destinations"]); err == nil || got != "" {
		t.Errorf("Markdownify: got %.50q, %v; want an error", got, err)
	}
	// The Renderer is still usable, and a normal body is rendered whole.
	res, err := r.Render([]byte("## [서버 장애 🧯]\n\n본문 **굵게**\n"), Context{File: "a.md"})
	if err != nil || !strings.Contains(string(res.HTML), "<strong>굵게</strong>") {
		t.Fatalf("after a stopped render: %v, %v", res, err)
	}
}

// TestRenderContextCancel checks that a render stops in the middle of a
// body when its context is cancelled, as `geul build` is on Ctrl-C.
func TestRenderContextCancel(t *testing.T) {
	r := New() // the default deadline is far away
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(20*time.Millisecond, cancel)
	res, err := r.RenderContext(ctx, []byte(slowBodies["unclosed link destinations"]), Context{File: "a.md"})
	if res != nil || !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v, %v; want context.Canceled", res != nil, err)
	}
}
