// Package diag describes problems found in a site's files: where they are,
// what is wrong, and how to fix them.
//
// Every other geul package reports bad input through it, so errors read the
// same everywhere: "content/posts/a.md:3:1: what is wrong; how to fix".
// It imports nothing from geul.
package diag

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Error is one problem at a position in a file.
type Error struct {
	Path string // slash-separated path as the writer knows it, e.g. "content/posts/a.md"
	Line int    // 1-based; 0 when unknown
	Col  int    // 1-based; 0 when unknown
	Msg  string // what is wrong
	Hint string // how to fix it; may be empty
	Err  error  // underlying cause; may be nil
}

// Errorf returns an *Error at path:line with a message built from format.
func Errorf(path string, line int, format string, args ...any) *Error {
	return &Error{Path: path, Line: line, Msg: fmt.Sprintf(format, args...)}
}

// WithHint returns e with its hint set, for chaining.
func (e *Error) WithHint(format string, args ...any) *Error {
	e.Hint = fmt.Sprintf(format, args...)
	return e
}

// Error formats the problem as "path:line:col: msg; hint".
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Position())
	if b.Len() > 0 {
		b.WriteString(": ")
	}
	b.WriteString(oneLine(e.Msg))
	if e.Hint != "" {
		b.WriteString("; ")
		b.WriteString(oneLine(e.Hint))
	}
	return b.String()
}

// Position returns "path:line:col", leaving out the parts that are unknown.
// The path is quoted when it needs to be (see QuotePath), unless the
// Error was made with a path quoted already.
func (e *Error) Position() string {
	s := e.Path
	if s != "" && !quoted(s) {
		s = QuotePath(s)
	}
	if e.Line > 0 {
		s += fmt.Sprintf(":%d", e.Line)
		if e.Col > 0 {
			s += fmt.Sprintf(":%d", e.Col)
		}
	}
	return s
}

// oneLine escapes the control characters (newlines, ESC…), the bidi
// overrides and the invalid UTF-8 of a message, as %q would: a message
// quoting a file name as the OS gave it (an *os.PathError) must neither
// split the one-problem-a-line output nor reach the terminal as a command.
func oneLine(s string) string {
	if !strings.ContainsFunc(s, unsafeRune) && utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	for i, r := range s {
		switch {
		case r == utf8.RuneError && !strings.HasPrefix(s[i:], string(utf8.RuneError)):
			fmt.Fprintf(&b, `\x%02x`, s[i]) // an invalid byte
		case unsafeRune(r):
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// quoted reports whether s is a path QuotePath quoted.
func quoted(s string) bool {
	if !strings.HasPrefix(s, `"`) {
		return false
	}
	u, err := strconv.Unquote(s)
	return err == nil && QuotePath(u) == s
}

func unsafeRune(r rune) bool {
	return unicode.IsControl(r) || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069)
}

// Unwrap returns the underlying cause.
func (e *Error) Unwrap() error { return e.Err }

// List is a set of problems found in one pass over a site.
// A build collects every problem it finds and reports them together.
type List []*Error

// Add appends err to the list. An *Error or a List is added as is; any other
// error is wrapped with no position.
func (l *List) Add(err error) {
	if err == nil {
		return
	}
	var list List
	if errors.As(err, &list) {
		*l = append(*l, list...)
		return
	}
	var e *Error
	if errors.As(err, &e) {
		*l = append(*l, e)
		return
	}
	*l = append(*l, &Error{Msg: err.Error(), Err: err})
}

// Sort orders the problems by path, then line, then column.
func (l List) Sort() {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i], l[j]
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
}

// Err returns nil for an empty list, the list itself otherwise, sorted.
func (l List) Err() error {
	if len(l) == 0 {
		return nil
	}
	l.Sort()
	return l
}

// Error returns one problem a line.
func (l List) Error() string {
	lines := make([]string, len(l))
	for i, e := range l {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// Errors returns every *Error inside err: the members of a List, a single
// *Error, or a position-less *Error wrapping any other error.
func Errors(err error) []*Error {
	if err == nil {
		return nil
	}
	var l List
	l.Add(err)
	return l
}
