package markdown

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/geul-blog/geul/pkg/diag"
)

func TestLinks(t *testing.T) {
	pages := map[string]string{
		"b.md":          "/posts/b/",
		"../about.md":   "/about/",
		"서버.md":         "/posts/서버/",
		"dir/Index.MD":  "/posts/dir/",
		"with space.md": "/posts/with-space/",
	}
	resolve := func(dest string) (string, bool) {
		u, ok := pages[dest]
		return u, ok
	}
	tests := []struct {
		src, want string
	}{
		{"[x](b.md)", `<a href="/posts/b/">x</a>`},
		{"[x](b.md#part)", `<a href="/posts/b/#part">x</a>`},
		{"[x](b.md?q=1#part)", `<a href="/posts/b/?q=1#part">x</a>`},
		{"[x](../about.md)", `<a href="/about/">x</a>`},
		{"[x](서버.md)", `<a href="/posts/%EC%84%9C%EB%B2%84/">x</a>`},
		{"[x](%EC%84%9C%EB%B2%84.md)", `<a href="/posts/%EC%84%9C%EB%B2%84/">x</a>`},
		{"[x](dir/Index.MD)", `<a href="/posts/dir/">x</a>`},
		{"[x](<with space.md>)", `<a href="/posts/with-space/">x</a>`},
		{"[x](with%20space.md)", `<a href="/posts/with-space/">x</a>`},
		{"![그림](b.md)", `<img src="/posts/b/" alt="그림">`},
		{"[x][ref]\n\n[ref]: b.md", `<a href="/posts/b/">x</a>`},
		// Left alone: not relative, or not Markdown.
		{"[x](/posts/b.md)", `<a href="/posts/b.md">x</a>`},
		{"[x](https://example.com/a.md)", `<a href="https://example.com/a.md">x</a>`},
		{"[x](//example.com/a.md)", `<a href="//example.com/a.md">x</a>`},
		{"[x](#a.md)", `<a href="#a.md">x</a>`},
		{"[x](b.mdx)", `<a href="b.mdx">x</a>`},
		{"[x](image.png)", `<a href="image.png">x</a>`},
		{"[x](mailto:a@b.md)", `<a href="mailto:a@b.md">x</a>`},
	}
	r := New()
	for _, tt := range tests {
		res := render(t, r, tt.src, Context{File: "content/posts/a.md", ResolveLink: resolve})
		if !bytes.Contains(res.HTML, []byte(tt.want)) {
			t.Errorf("%s\n got %s\nwant %s", tt.src, res.HTML, tt.want)
		}
	}
}

func TestLinksLeftAloneWithoutResolver(t *testing.T) {
	res := render(t, New(), "[x](b.md#c)", Context{})
	if want := `<a href="b.md#c">x</a>`; !bytes.Contains(res.HTML, []byte(want)) {
		t.Errorf("got %s, want %s", res.HTML, want)
	}
}

func TestMissingLinks(t *testing.T) {
	src := "# 제목\n\n[ok](b.md) 문단\n둘째 줄 [없음](missing.md#x)\n\n- 목록 ![그림](%EC%97%86%EC%9D%8C.md)\n\n[참조][r]\n\n[r]: gone.md\n"
	resolve := func(dest string) (string, bool) { return "/posts/b/", dest == "b.md" }
	res, err := New().Render([]byte(src), Context{File: "content/posts/a.md", LineOffset: 4, ResolveLink: resolve})
	if res == nil {
		t.Fatal("Render returned no Result with a broken link")
	}
	var list diag.List
	if !errors.As(err, &list) {
		t.Fatalf("err = %v (%T), want a diag.List", err, err)
	}
	want := []string{
		`content/posts/a.md:8: link to missing page "missing.md"; check the file name, or link to a URL instead`,
		`content/posts/a.md:10: link to missing page "없음.md"; check the file name, or link to a URL instead`,
		`content/posts/a.md:12: link to missing page "gone.md"; check the file name, or link to a URL instead`,
	}
	var got []string
	for _, e := range diag.Errors(err) {
		got = append(got, e.Error())
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if !bytes.Contains(res.HTML, []byte(`<a href="/posts/b/">ok</a>`)) || !bytes.Contains(res.HTML, []byte(`<a href="missing.md#x">`)) {
		t.Errorf("HTML: %s", res.HTML)
	}
}

func TestDangerousLinks(t *testing.T) {
	src := "[a](javascript:alert(1)) [b](JavaScript:alert(1)) ![c](javascript:alert(1)) <javascript:alert(1)> [d](vbscript:x) [e](data:text/html;base64,PHNjcmlwdD4=) [f][r]\n\n[r]: javascript:alert(1)\n"
	for _, unsafe := range []bool{false, true} {
		res := render(t, New(WithUnsafe(unsafe)), src, Context{})
		if bytes.Contains(bytes.ToLower(res.HTML), []byte("javascript:alert(1)\"")) ||
			bytes.Contains(res.HTML, []byte("href")) || bytes.Contains(res.HTML, []byte("src")) ||
			bytes.Contains(res.HTML, []byte("<a")) {
			t.Errorf("unsafe=%v: dangerous URL emitted: %s", unsafe, res.HTML)
		}
		if !bytes.Contains(res.HTML, []byte("<p>a b c")) {
			t.Errorf("unsafe=%v: link text lost: %s", unsafe, res.HTML)
		}
	}
	res := render(t, New(), "![ok](data:image/png;base64,iVBORw0KGgo=)", Context{})
	if !bytes.Contains(res.HTML, []byte(`src="data:image/png;base64,iVBORw0KGgo="`)) {
		t.Errorf("data:image/png dropped: %s", res.HTML)
	}
}
