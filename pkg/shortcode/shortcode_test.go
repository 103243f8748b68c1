package shortcode

import (
	"fmt"
	"sort"
	"strings"
	"testing"
)

// show renders a call as "[name params |inner|]" in HTML shortcodes and
// "(name …)" in Markdown ones, so a test sees what the handler saw.
func show(c *Call) (string, error) {
	if c.Name == "fail" {
		return "", fmt.Errorf("failed")
	}
	var params []string
	for _, p := range c.Positional {
		params = append(params, fmt.Sprintf("%T:%v", p, p))
	}
	keys := make([]string, 0, len(c.Named))
	for k := range c.Named {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		params = append(params, fmt.Sprintf("%s=%T:%v", k, c.Named[k], c.Named[k]))
	}
	s := c.Name + fmt.Sprint(params) + fmt.Sprint(c.Ordinal)
	if c.Closed {
		s += "|" + c.Inner + "|"
	}
	if c.Parent != nil {
		s += "^" + c.Parent.Name
	}
	if c.Markdown {
		return "(" + s + ")", nil
	}
	return "<" + s + ">", nil
}

func TestExpand(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"positional", `a {{< x 1 "b c" d true 1.5 >}} e`, `a <x[int:1 string:b c string:d bool:true float64:1.5]0> e`},
		{"named", `{{< x k=v q="a \"b\"" r=` + "`raw`" + ` >}}`, `<x[k=string:v q=string:a "b" r=string:raw]0>`},
		{"markdown", `{{% y %}}`, `(y[]0)`},
		{"closed", `{{< x >}}in{{< /x >}}`, `<x[]0|in|>`},
		{"self closing", `{{< x />}}{{< x/>}}`, `<x[]0><x[]1>`},
		{"nested", `{{% o %}}a {{< i 1 >}} {{% m %}}b{{% /m %}}{{% /o %}}`, `(o[]0|a <i[int:1]0^o> (m[]1|b|^o)|)`},
		{"unclosed sibling", `{{< a >}}{{< b >}}x{{< /a >}}`, `<a[]0|<b[]0^a>x|>`},
		{"escaped", `{{</* x "a" */>}} {{%/* y */%}}`, `{{< x "a" >}} {{% y %}}`},
		{"hangul and emoji", `제목 {{< x "서버 🧯" >}}`, `제목 <x[string:서버 🧯]0>`},
		{"no shortcodes", `{{ .Title }} {{`, `{{ .Title }} {{`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := []byte(tt.src)
			nodes, escs, errs := Parse(src, nil)
			if len(errs) > 0 {
				t.Fatal(errs)
			}
			e, errs := Expand(src, nodes, escs, show)
			if len(errs) > 0 {
				t.Fatal(errs)
			}
			if got := string(e.Fill(e.Src)); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		src  string
		line int
		msg  string
	}{
		{"a\n{{< x ", 2, "not closed with >}}"},
		{"a\n\n{{< /x >}}", 3, "has no opening tag"},
		{`{{< x a k=v >}}`, 1, "mixes"},
		{`{{< x "a >}}`, 1, `not closed with "`},
		{`{{< x %}}`, 1, "close it with >}}"},
		{`{{<  >}}`, 1, "no name"},
	}
	for _, tt := range tests {
		_, _, errs := Parse([]byte(tt.src), nil)
		if len(errs) != 1 {
			t.Errorf("%q: errors %v, want one", tt.src, errs)
			continue
		}
		e := errs[0].(*Error)
		if e.Line != tt.line || !strings.Contains(e.Msg, tt.msg) {
			t.Errorf("%q: line %d %q, want line %d and %q", tt.src, e.Line, e.Msg, tt.line, tt.msg)
		}
	}
}

func TestInCodeIsLeftAlone(t *testing.T) {
	src := []byte("`{{< x >}}` {{< x >}} `{{</* x */>}}`")
	code := func(off int) bool { return off < 11 || off >= 22 }
	nodes, escs, errs := Parse(src, code)
	if len(errs) > 0 || len(nodes) != 1 || len(escs) != 1 {
		t.Fatalf("nodes %d, escapes %d, errors %v", len(nodes), len(escs), errs)
	}
	e, _ := Expand(src, nodes, escs, show)
	if got, want := string(e.Fill(e.Src)), "`{{< x >}}` <x[]0> `{{< x >}}`"; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}

func TestLineMapsBack(t *testing.T) {
	src := []byte("1\n{{% x %}}\n{{< y >}}\n4\n5\n{{< z >}}\n3\n4\n{{< /z >}}\n10")
	nodes, escs, _ := Parse(src, nil)
	e, _ := Expand(src, nodes, escs, func(c *Call) (string, error) {
		if c.Name == "x" {
			return "a\nb\nc", nil
		}
		return "", nil
	})
	// Src: 1 / a / b / c / PH / 4 / 5 / PH / 10
	want := []int{1, 2, 2, 2, 3, 4, 5, 6, 10}
	for i, w := range want {
		if got := e.Line(i + 1); got != w {
			t.Errorf("line %d of %q maps to %d, want %d", i+1, e.Src, got, w)
		}
	}
}

func TestHandlerError(t *testing.T) {
	src := []byte("a\n\n{{< fail >}}")
	nodes, escs, _ := Parse(src, nil)
	_, errs := Expand(src, nodes, escs, show)
	if len(errs) != 1 || errs[0].(*Error).Line != 3 {
		t.Errorf("errors %v, want one at line 3", errs)
	}
}

func TestContains(t *testing.T) {
	for s, want := range map[string]bool{"": false, "{{ x }}": false, "a {{< x >}}": true, "{{%": true, "{{": false, "{{{<": true} {
		if Contains([]byte(s)) != want {
			t.Errorf("Contains(%q) = %v", s, !want)
		}
	}
}

func TestPlainText(t *testing.T) {
	src := []byte(`a < b {{< x >}}`)
	nodes, escs, _ := Parse(src, nil)
	e, _ := Expand(src, nodes, escs, func(*Call) (string, error) { return "<b>굵게</b>", nil })
	if got := e.PlainText(string(e.Src)); got != "a < b 굵게" {
		t.Errorf("PlainText = %q", got)
	}
}

// TestBrokenTagsScanOnce: tags that never end are reported once, not
// re-read from each "{{<" to the end of the body (which took quadratic
// time on a large body).
func TestBrokenTagsScanOnce(t *testing.T) {
	for _, broken := range []string{`{{< a "`, "{{< a ", "{{</* a "} {
		src := []byte(strings.Repeat(broken, 20000))
		_, _, errs := Parse(src, nil)
		if len(errs) != 1 {
			t.Errorf("%q × 20000: %d errors, want 1", broken, len(errs))
		}
	}
	src := []byte(strings.Repeat("`{{< a `", 20000))
	code := func(int) bool { return true }
	if nodes, _, errs := Parse(src, code); len(nodes)+len(errs) != 0 {
		t.Errorf("in code: %d nodes, %d errors", len(nodes), len(errs))
	}
}
