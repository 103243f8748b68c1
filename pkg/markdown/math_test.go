package markdown

import (
	"strings"
	"testing"
)

func TestMathAndDiagramFlags(t *testing.T) {
	tests := []struct {
		src                string
		opts               []Option
		math, diagram      bool
		contains, excludes string
	}{
		{"plain text", []Option{WithMath(true), WithDiagrams(true)}, false, false, "", "math"},
		{"inline $x^2$ math", []Option{WithMath(true)}, true, false, `<span class="math">x^2</span>`, ""},
		{"$$\nx\n$$\n", []Option{WithMath(true)}, true, false, `<div class="math display">x</div>`, ""},
		{"inline $x^2$ math", nil, false, false, "$x^2$", "class=\"math"},
		{"```mermaid\ngraph LR\n```\n", []Option{WithDiagrams(true)}, false, true, `<pre class="mermaid">graph LR`, ""},
		{"```mermaid\ngraph LR\n```\n", nil, false, false, "chroma", "class=\"mermaid"},
	}
	for _, tt := range tests {
		res, err := New(tt.opts...).Render([]byte(tt.src), Context{})
		if err != nil {
			t.Fatal(err)
		}
		if res.HasMath != tt.math || res.HasDiagram != tt.diagram {
			t.Errorf("%q: HasMath %v HasDiagram %v, want %v %v", tt.src, res.HasMath, res.HasDiagram, tt.math, tt.diagram)
		}
		if !strings.Contains(string(res.HTML), tt.contains) || tt.excludes != "" && strings.Contains(string(res.HTML), tt.excludes) {
			t.Errorf("%q: HTML %s: want %q, not %q", tt.src, res.HTML, tt.contains, tt.excludes)
		}
	}
}
