// Package shortcode finds Hugo shortcodes in a Markdown body and expands
// them: {{< name a "b" c=d >}} (output is HTML, kept away from Markdown),
// {{% name %}} (output is Markdown), closing tags ({{< /name >}}),
// self-closing tags ({{< x />}}), nesting, and {{</* x */>}}, which shows
// the shortcode as written.
//
// Parse turns the body into a tree of Nodes with their byte offsets and
// lines; Expand calls a Handler for each, innermost first, and gives the
// Markdown to render, with a placeholder where HTML output goes, and the
// means to put the output back and map lines back to the body's.
//
// It follows Hugo's parser (parser/pageparser) in what it accepts, but is
// written again here: Hugo's is internal to Hugo. Unlike Hugo, shortcodes
// inside code blocks and code spans are left as written (the caller says
// where code is). It knows nothing of Markdown, templates or pages.
package shortcode

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
)

// Node is one shortcode in a body.
type Node struct {
	Name     string
	Markdown bool // {{% %}}: the output is Markdown; {{< >}}: HTML
	// Positional holds the parameters of {{< x a "b" >}}, Named those of
	// {{< x k=v >}}; a shortcode has one kind or none. Unquoted true,
	// false and numbers are bool, int and float64, as in Hugo; the rest
	// are strings.
	Positional []any
	Named      map[string]any
	// Closed is true when a closing tag ends the shortcode; Inner then
	// holds the text between the tags and Children the shortcodes in it.
	Closed               bool
	SelfClosed           bool // {{< name />}}
	Children             []*Node
	Start, End           int // the byte offsets of the whole shortcode, tags included
	InnerStart, InnerEnd int // the byte offsets of the text between the tags
	Line, Col            int // 1-based, of Start
}

// IsNamedParams reports whether the shortcode has named parameters.
func (n *Node) IsNamedParams() bool { return n.Named != nil }

// Error is a shortcode that cannot be read or expanded, at a line of the body.
type Error struct {
	Line int // 1-based line in the body
	Msg  string
	Hint string
}

func (e *Error) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Msg) }

// Contains reports, cheaply, whether src may hold a shortcode: whether it
// contains "{{<" or "{{%". A body without either costs nothing more.
func Contains(src []byte) bool {
	for i := 0; ; {
		j := bytes.Index(src[i:], []byte("{{"))
		if j < 0 {
			return false
		}
		i += j + 1
		if i+1 < len(src) && (src[i+1] == '<' || src[i+1] == '%') {
			return true
		}
	}
}

// tag is one {{< … >}} or {{% … %}} as the lexer read it.
type tag struct {
	node    *Node
	closing bool // {{< /name >}}
	self    bool // {{< name />}}
}

// Escape is a {{</* x */>}} at [Start, End): it is shown as Text.
type Escape struct {
	Start, End int
	Text       string
}

// Parse finds the shortcodes of src and returns the top-level ones in
// order, nested ones under their parents, and the escaped ones to show as
// written. inCode reports whether a byte offset is inside a code block or
// code span; shortcodes starting there are not read (escaped ones are, as
// in Hugo, so that a code block can show how to write one). It returns
// every error it finds, as *Error.
func Parse(src []byte, inCode func(off int) bool) ([]*Node, []Escape, []error) {
	var (
		tags []tag
		escs []Escape
		errs []error
	)
	lines := newLineIndex(src)
	for i := 0; i < len(src); {
		j := bytes.Index(src[i:], []byte("{{"))
		if j < 0 {
			break
		}
		start := i + j
		if start+2 >= len(src) || (src[start+2] != '<' && src[start+2] != '%') {
			i = start + 1
			continue
		}
		code := inCode != nil && inCode(start)
		if code && !bytes.HasPrefix(src[skipSpace(src, start+3):], []byte("/*")) {
			i = start + 3
			continue
		}
		// On an error, end is where the lexer stopped: going on from there
		// keeps the scan linear, however many broken tags there are.
		t, end, esc, err := lexTag(src, start)
		switch {
		case esc != nil:
			escs = append(escs, *esc)
			i = esc.End
			continue
		case code:
			i = start + 3
			continue
		case err != nil:
			line, _ := lines.pos(start)
			errs = append(errs, &Error{Line: line, Msg: err.Error(), Hint: "a shortcode is written {{< name param=\"value\" >}}; to show one as text, write {{</* name */>}}"})
			i = max(end, start+3)
			continue
		}
		t.node.Start, t.node.End = start, end
		t.node.Line, t.node.Col = lines.pos(start)
		tags = append(tags, t)
		i = end
	}
	nodes, terrs := tree(tags)
	return nodes, escs, append(errs, terrs...)
}

// tree nests the tags: a closing tag closes the nearest open shortcode of
// its name, which then holds what came between; a shortcode never closed
// holds nothing, and what followed it belongs to its parent.
func tree(tags []tag) ([]*Node, []error) {
	type frame struct {
		n        *Node
		children []*Node
	}
	root := &frame{}
	stack := []*frame{root}
	var errs []error
	for _, t := range tags {
		top := stack[len(stack)-1]
		switch {
		case t.self:
			t.node.SelfClosed = true
			top.children = append(top.children, t.node)
		case !t.closing:
			f := &frame{n: t.node}
			top.children = append(top.children, t.node)
			stack = append(stack, f)
		default:
			k := len(stack) - 1
			for k > 0 && stack[k].n.Name != t.node.Name {
				k--
			}
			if k == 0 {
				errs = append(errs, &Error{Line: t.node.Line,
					Msg:  fmt.Sprintf("closing tag {{< /%s >}} has no opening tag", t.node.Name),
					Hint: fmt.Sprintf("add {{< %s >}} before it, or remove it", t.node.Name)})
				continue
			}
			// Shortcodes opened above k were never closed: their would-be
			// children move up to the parent.
			for m := len(stack) - 1; m > k; m-- {
				parent := stack[m-1]
				parent.children = append(parent.children, stack[m].children...)
			}
			f := stack[k]
			f.n.Closed = true
			f.n.Children = f.children
			f.n.InnerStart, f.n.InnerEnd = f.n.End, t.node.Start
			f.n.End = t.node.End
			stack = stack[:k]
		}
	}
	for m := len(stack) - 1; m > 0; m-- {
		stack[m-1].children = append(stack[m-1].children, stack[m].children...)
	}
	return root.children, errs
}

// lexTag reads the tag starting at src[start] ("{{<" or "{{%"). It returns
// the tag and the offset after it, or, for {{</* … */>}}, the escape.
func lexTag(src []byte, start int) (t tag, end int, esc *Escape, err error) {
	open := src[start+2]
	closeDelim := ">}}"
	if open == '%' {
		closeDelim = "%}}"
	}
	i := skipSpace(src, start+3)
	if bytes.HasPrefix(src[i:], []byte("/*")) {
		endComment := bytes.Index(src[i:], []byte("*/"))
		if endComment < 0 {
			return t, len(src), nil, fmt.Errorf("comment in a shortcode is not closed with */")
		}
		after := skipSpace(src, i+endComment+2)
		if !bytes.HasPrefix(src[after:], []byte(closeDelim)) {
			return t, after, nil, fmt.Errorf("escaped shortcode must end in */%s", closeDelim)
		}
		end := after + len(closeDelim)
		text := string(src[start:start+3]) + string(src[start+3:i]) + string(src[i+2:i+endComment]) + string(src[i+endComment+2:end])
		return t, 0, &Escape{Start: start, End: end, Text: text}, nil
	}
	n := &Node{Markdown: open == '%'}
	t.node = n
	if i < len(src) && src[i] == '/' {
		t.closing = true
		i = skipSpace(src, i+1)
	}
	nameStart := i
	for i < len(src) && isNameByte(src[i]) {
		i++
	}
	if i > nameStart+1 && src[i-1] == '/' {
		i-- // {{< x/>}}
	}
	n.Name = string(src[nameStart:i])
	if n.Name == "" {
		return t, i, nil, fmt.Errorf("shortcode has no name")
	}
	for {
		i = skipSpace(src, i)
		if i >= len(src) {
			return t, len(src), nil, fmt.Errorf("shortcode {{%c %s is not closed with %s", open, n.Name, closeDelim)
		}
		if bytes.HasPrefix(src[i:], []byte(closeDelim)) {
			return t, i + len(closeDelim), nil, nil
		}
		if src[i] == '/' && bytes.HasPrefix(src[skipSpace(src, i+1):], []byte(closeDelim)) {
			t.self = true
			i = skipSpace(src, i+1)
			continue
		}
		if t.closing {
			return t, i, nil, fmt.Errorf("closing tag {{%c /%s takes no parameters", open, n.Name)
		}
		if bytes.HasPrefix(src[i:], []byte(">}}")) || bytes.HasPrefix(src[i:], []byte("%}}")) {
			return t, i, nil, fmt.Errorf("shortcode {{%c %s is closed with %c}}; close it with %s", open, n.Name, src[i], closeDelim)
		}
		// name=value, or a positional value.
		key := ""
		if k := bareEnd(src, i); k > i && k < len(src) && src[k] == '=' {
			key = string(src[i:k])
			i = k + 1
		}
		val, next, err := lexValue(src, i)
		if err != nil {
			return t, max(i, next), nil, fmt.Errorf("shortcode %s: %v", n.Name, err)
		}
		i = next
		if key == "" {
			if n.Named != nil {
				return t, i, nil, fmt.Errorf("shortcode %s mixes named and positional parameters; use one kind", n.Name)
			}
			n.Positional = append(n.Positional, val)
			continue
		}
		if n.Positional != nil {
			return t, i, nil, fmt.Errorf("shortcode %s mixes positional and named parameters; use one kind", n.Name)
		}
		if n.Named == nil {
			n.Named = map[string]any{}
		}
		n.Named[key] = val
	}
}

// lexValue reads a quoted ("…" with \" escapes, or `…` raw) or bare value.
func lexValue(src []byte, i int) (any, int, error) {
	if i >= len(src) {
		return nil, i, fmt.Errorf("missing value")
	}
	switch src[i] {
	case '"':
		var b strings.Builder
		for j := i + 1; j < len(src); j++ {
			switch c := src[j]; {
			case c == '\\' && j+1 < len(src) && (src[j+1] == '"' || src[j+1] == '\\'):
				b.WriteByte(src[j+1])
				j++
			case c == '"':
				return b.String(), j + 1, nil
			default:
				b.WriteByte(c)
			}
		}
		return nil, len(src), fmt.Errorf("a quoted value is not closed with \"")
	case '`':
		j := bytes.IndexByte(src[i+1:], '`')
		if j < 0 {
			return nil, len(src), fmt.Errorf("a raw value is not closed with `")
		}
		return string(src[i+1 : i+1+j]), i + 2 + j, nil
	}
	j := bareEnd(src, i)
	if j == i {
		return nil, i, fmt.Errorf("unexpected %q", src[i])
	}
	return typed(string(src[i:j])), j, nil
}

// typed gives an unquoted value Hugo's type: bool, int, float64 or string.
func typed(s string) any {
	switch s {
	case "true":
		return true
	case "false":
		return false
	}
	if n, err := strconv.Atoi(s); err == nil {
		return n
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil && strings.ContainsAny(s, "0123456789") && !strings.ContainsAny(s, "xXpP_") {
		return f
	}
	return s
}

// bareEnd returns the end of an unquoted value or key starting at i.
func bareEnd(src []byte, i int) int {
	for i < len(src) {
		c := src[i]
		if c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '=' || c == '"' || c == '`' {
			break
		}
		if (c == '>' || c == '%') && bytes.HasPrefix(src[i+1:], []byte("}}")) {
			break
		}
		if c == '/' && (bytes.HasPrefix(src[i+1:], []byte(">}}")) || bytes.HasPrefix(src[i+1:], []byte("%}}"))) {
			break
		}
		i++
	}
	return i
}

func isNameByte(c byte) bool {
	return c == '_' || c == '-' || c == '/' || c == '.' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c >= 0x80
}

func skipSpace(src []byte, i int) int {
	for i < len(src) && (src[i] == ' ' || src[i] == '\t' || src[i] == '\n' || src[i] == '\r') {
		i++
	}
	return i
}

// lineIndex maps byte offsets to lines and columns.
type lineIndex []int // offsets where each line starts

func newLineIndex(src []byte) lineIndex {
	idx := lineIndex{0}
	for i, c := range src {
		if c == '\n' {
			idx = append(idx, i+1)
		}
	}
	return idx
}

func (l lineIndex) pos(off int) (line, col int) {
	lo, hi := 0, len(l)
	for hi-lo > 1 {
		m := (lo + hi) / 2
		if l[m] <= off {
			lo = m
		} else {
			hi = m
		}
	}
	return lo + 1, off - l[lo] + 1
}
