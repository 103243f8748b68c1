package shortcode

import (
	"bytes"
	"errors"
	"sort"
	"strconv"
	"strings"
)

// Call is one shortcode as its Handler sees it: Hugo's shortcode context
// without the page and the site, which the caller adds.
type Call struct {
	*Node
	// Inner is the text between the tags, with nested {{% %}} shortcodes
	// expanded and nested {{< >}} ones as placeholders that Fill replaces.
	Inner   string
	Parent  *Call
	Ordinal int // 0-based, among the shortcodes of the same parent (or the page)
}

// Get returns the positional parameter at an int index or the named one
// at a string key, nil when there is none.
func (c *Call) Get(key any) any {
	switch k := key.(type) {
	case int:
		if k >= 0 && k < len(c.Positional) {
			return c.Positional[k]
		}
	case string:
		if v, ok := c.Named[k]; ok {
			return v
		}
	}
	return nil
}

// String returns Get(key) as a string ("" when missing).
func (c *Call) String(key any) string {
	switch v := c.Get(key).(type) {
	case nil:
		return ""
	case string:
		return v
	case bool:
		return strconv.FormatBool(v)
	case int:
		return strconv.Itoa(v)
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	return ""
}

// Handler returns the output of one shortcode: HTML for {{< >}}, Markdown
// for {{% %}}. An error is reported at the shortcode's line (a *Error's
// own line is kept).
type Handler func(c *Call) (string, error)

// Expansion is a body with its shortcodes expanded.
type Expansion struct {
	// Src is the Markdown to render: {{% %}} output in place, a
	// placeholder (letters and digits only) for each {{< >}} one.
	Src    []byte
	prefix string
	outs   []string
	marks  []mark
	orig   lineIndex
	lines  lineIndex // of Src, made on first use
}

// mark ties an offset of Src to one of the body.
type mark struct {
	src, orig int
	inside    bool // Src from here is a shortcode's output, not the body's text
}

// maxDepth bounds the nesting of shortcodes and of placeholders in output.
const maxDepth = 100

// Expand calls h for every shortcode of nodes (found in src by Parse),
// children before parents, and shows escs as written.
func Expand(src []byte, nodes []*Node, escs []Escape, h Handler) (*Expansion, []error) {
	e := &Expansion{prefix: "geulsc", orig: newLineIndex(src)}
	for bytes.Contains(src, []byte(e.prefix)) {
		e.prefix += "q"
	}
	x := &expander{e: e, src: src, escs: escs, h: h}
	var b bytes.Buffer
	b.Grow(len(src))
	x.text(&b, 0, len(src), nodes, nil, 0, true)
	e.Src = b.Bytes()
	return e, x.errs
}

type expander struct {
	e    *Expansion
	src  []byte
	escs []Escape
	h    Handler
	errs []error
}

// text writes src[start:end] to b with the shortcodes in nodes (all in
// that range) expanded and escapes shown as written. top says whether b
// is the expansion's Src, whose offsets marks map back.
func (x *expander) text(b *bytes.Buffer, start, end int, nodes []*Node, parent *Call, depth int, top bool) {
	at := start
	esc := sort.Search(len(x.escs), func(i int) bool { return x.escs[i].Start >= start })
	copyTo := func(to int) {
		for ; esc < len(x.escs) && x.escs[esc].Start < to; esc++ {
			e := x.escs[esc]
			if e.Start < at {
				continue
			}
			b.Write(x.src[at:e.Start])
			b.WriteString(e.Text)
			at = e.End
			if top {
				x.e.marks = append(x.e.marks, mark{src: b.Len(), orig: at})
			}
		}
		b.Write(x.src[at:to])
		at = to
	}
	for k, n := range nodes {
		copyTo(n.Start)
		if top {
			x.e.marks = append(x.e.marks, mark{src: b.Len(), orig: n.Start, inside: true})
		}
		c := &Call{Node: n, Parent: parent, Ordinal: k}
		if depth >= maxDepth {
			x.errs = append(x.errs, &Error{Line: n.Line, Msg: "shortcodes nested too deep", Hint: "nest fewer than 100"})
		} else {
			if n.Closed {
				var inner bytes.Buffer
				x.text(&inner, n.InnerStart, n.InnerEnd, n.Children, c, depth+1, false)
				c.Inner = inner.String()
			}
			out, err := x.h(c)
			if err != nil {
				var se *Error
				if !errors.As(err, &se) {
					se = &Error{Line: n.Line, Msg: err.Error()}
				}
				x.errs = append(x.errs, se)
			}
			if n.Markdown {
				b.WriteString(out)
			} else {
				b.WriteString(x.e.placeholder(len(x.e.outs)))
				x.e.outs = append(x.e.outs, out)
			}
		}
		at = n.End
		if top {
			x.e.marks = append(x.e.marks, mark{src: b.Len(), orig: at})
		}
	}
	copyTo(end)
}

func (e *Expansion) placeholder(i int) string { return e.prefix + strconv.Itoa(i) + "x" }

// Line returns the line of the body that line (1-based) of Src comes
// from: for a line of a shortcode's output, the shortcode's line.
func (e *Expansion) Line(line int) int {
	if e.lines == nil {
		e.lines = newLineIndex(e.Src)
	}
	if line < 1 || line > len(e.lines) {
		return line
	}
	off := e.lines[line-1]
	i := sort.Search(len(e.marks), func(i int) bool { return e.marks[i].src > off }) - 1
	orig := off
	switch {
	case i < 0:
	case e.marks[i].inside:
		orig = e.marks[i].orig
	default:
		orig = e.marks[i].orig + off - e.marks[i].src
	}
	l, _ := e.orig.pos(orig)
	return l
}

// Fill returns html with every placeholder replaced by its shortcode's
// output; a placeholder that is a paragraph of its own loses the <p>.
func (e *Expansion) Fill(html []byte) []byte {
	if len(e.outs) == 0 {
		return html
	}
	var b bytes.Buffer
	b.Grow(len(html) + 64*len(e.outs))
	e.fill(&b, html, 0, false)
	return b.Bytes()
}

// fill writes s to b with its placeholders replaced: by the output, or
// by the output's text when plain.
func (e *Expansion) fill(b *bytes.Buffer, s []byte, depth int, plain bool) {
	for {
		i := bytes.Index(s, []byte(e.prefix))
		if i < 0 {
			b.Write(s)
			return
		}
		n, j := 0, i+len(e.prefix)
		for j < len(s) && '0' <= s[j] && s[j] <= '9' {
			n = n*10 + int(s[j]-'0')
			j++
		}
		if j == i+len(e.prefix) || j >= len(s) || s[j] != 'x' || n >= len(e.outs) || depth >= maxDepth {
			b.Write(s[:j])
			s = s[j:]
			continue
		}
		j++
		pre := s[:i]
		if !plain && bytes.HasSuffix(pre, []byte("<p>")) && bytes.HasPrefix(s[j:], []byte("</p>")) {
			pre = pre[:len(pre)-3]
			j += 4
		}
		b.Write(pre)
		if plain {
			var out bytes.Buffer
			e.fill(&out, []byte(e.outs[n]), depth+1, true)
			b.WriteString(StripTags(out.String()))
		} else {
			e.fill(b, []byte(e.outs[n]), depth+1, false)
		}
		s = s[j:]
	}
}

// PlainText returns s, plain text made from Src, with every placeholder
// replaced by the text of its output, tags left out.
func (e *Expansion) PlainText(s string) string {
	if len(e.outs) == 0 || !strings.Contains(s, e.prefix) {
		return s
	}
	var b bytes.Buffer
	e.fill(&b, []byte(s), 0, true)
	return b.String()
}

// StripTags leaves out what is between < and > in s, HTML that geul or a
// template made (not a writer's raw HTML), for which this simple scan
// suffices to get plain text.
func StripTags(s string) string {
	if !strings.Contains(s, "<") {
		return s
	}
	var b strings.Builder
	in := false
	for _, r := range s {
		switch {
		case r == '<':
			in = true
		case r == '>' && in:
			in = false
		case !in:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Deindent removes the indentation every non-blank line of s shares,
// Hugo's .InnerDeindent.
func Deindent(s string) string {
	lines := strings.Split(s, "\n")
	prefix := ""
	first := true
	for _, l := range lines {
		if strings.TrimSpace(l) == "" {
			continue
		}
		ind := l[:len(l)-len(strings.TrimLeft(l, " \t"))]
		if first {
			prefix, first = ind, false
			continue
		}
		for !strings.HasPrefix(ind, prefix) {
			prefix = prefix[:len(prefix)-1]
		}
	}
	if prefix == "" {
		return s
	}
	for i, l := range lines {
		lines[i] = strings.TrimPrefix(l, prefix)
	}
	return strings.Join(lines, "\n")
}
