package markdown

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

func TestHeadingIDs(t *testing.T) {
	tests := []struct {
		name string
		src  string
		ids  []string
	}{
		{"hangul with emoji", "## [서버 장애 🧯]", []string{"서버-장애"}},
		{"variation selector", "## [휴식 ⏸️]", []string{"휴식"}},
		{"zwj sequence", "## [끝이 났다 🏃‍♂️]", []string{"끝이-났다"}},
		{"mixed scripts", "## AWS 계정 이전 및 Terraform 🖥️", []string{"aws-계정-이전-및-terraform"}},
		{"duplicates", "## 개요\n## 개요\n## 개요", []string{"개요", "개요-1", "개요-2"}},
		{"all emoji", "## 🏃‍♂️\n## 🧯\n## 👍🏽", []string{"heading", "heading-1", "heading-2"}},
		{"explicit id", "## 제목 {#intro}", []string{"intro"}},
		{"explicit id is reserved", "## intro\n## 소개 {#intro}", []string{"intro-1", "intro"}},
		{"explicit hangul id", "## Title {#제목}", []string{"제목"}},
		{"explicit id twice", "## a {#dup}\n## b {#dup}\n## dup", []string{"dup", "dup-1", "dup-2"}},
		{"explicit id with spaces", "## a {id=\"x  y\tz\"}", []string{"x-y-z"}},
		{"explicit id of spaces only", "## 제목 {id=\" \"}", []string{"제목"}},
		{"inline markup", "## *강조*와 `code`, [링크](https://x.example)", []string{"강조와-code-링크"}},
		{"emoji shortcode", "## 불 :fire:", []string{"불"}},
		{"escapes and entities", `## a \* b &amp; c`, []string{"a-b-c"}},
		{"setext", "제목\n===", []string{"제목"}},
		{"nfd hangul", "## \u1109\u1165\u1107\u1165", []string{"서버"}},
	}
	r := New()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := render(t, r, tt.src, Context{})
			var got []string
			var walk func([]*Heading)
			walk = func(hs []*Heading) {
				for _, h := range hs {
					got = append(got, h.ID)
					walk(h.Children)
				}
			}
			walk(res.TOC)
			if strings.Join(got, " ") != strings.Join(tt.ids, " ") {
				t.Errorf("ids = %q, want %q", got, tt.ids)
			}
			for _, id := range tt.ids {
				want := fmt.Sprintf(`id="%s"`, id)
				anchor := fmt.Sprintf(`<a class="anchor" href="#%s" aria-label="Permalink">#</a></h`, id)
				if !bytes.Contains(res.HTML, []byte(want)) || !bytes.Contains(res.HTML, []byte(anchor)) {
					t.Errorf("HTML lacks %s or its anchor:\n%s", want, res.HTML)
				}
			}
		})
	}
}

func TestHeadingHTML(t *testing.T) {
	res := render(t, New(), "## [서버 장애 🧯]", Context{})
	want := `<h2 id="서버-장애">[서버 장애 🧯] <a class="anchor" href="#서버-장애" aria-label="Permalink">#</a></h2>` + "\n"
	if string(res.HTML) != want {
		t.Errorf("got  %s\nwant %s", res.HTML, want)
	}
	// An explicit id a URL fragment cannot hold as written is escaped in
	// the href only; its spaces, which no id may hold, become "-".
	res = render(t, New(), `## x {id="a \"b\" #c"}`, Context{})
	if !bytes.Contains(res.HTML, []byte(`id="a-&quot;b&quot;-#c"`)) || !bytes.Contains(res.HTML, []byte(`href="#a-%22b%22-%23c"`)) {
		t.Errorf("explicit id with a quote: %s", res.HTML)
	}
}

func TestAnchorLabel(t *testing.T) {
	res, err := New(WithAnchorLabel(`이 제목의 링크 "#"`)).Render([]byte("## 서버 장애"), Context{})
	if err != nil {
		t.Fatal(err)
	}
	want := `<a class="anchor" href="#서버-장애" aria-label="이 제목의 링크 &quot;#&quot;">#</a>`
	if !strings.Contains(string(res.HTML), want) {
		t.Errorf("got %s, want it to contain %s", res.HTML, want)
	}
}
