package theme

import (
	"errors"
	"html/template"
	"regexp"
	"strconv"
	"strings"

	"github.com/geul-blog/geul/pkg/diag"
)

// templateLoc matches the position text/template and html/template put in
// their messages, which carry it only as text:
//
//	template: single.html:3: unexpected "}" in operand
//	template: single.html:5:12: executing "main" at <.Page.Title>: nil pointer …
//	html/template:single.html:5:12: no such template "partials/x.html"
//	html/template:main:5: {{if}} branches end in different contexts
//
// The name is a template file name ("single.html", "partials/toc.html") or
// the name of a {{ define }}d template. Compiled once; never changed.
var templateLoc = regexp.MustCompile(`^(?:html/)?template: ?([^:]+):(\d+):(?:(\d+):)? (.*)$`)

// parseError turns the error from parsing f into a *diag.Error on f.
func parseError(f file, err error) error {
	e, _ := locate(err)
	e.Path = f.path // a parse error is always in the file being parsed
	if e.Hint == "" {
		e.Hint = "fix the template syntax on that line (see docs/themes.md)"
	}
	return e
}

// templateError turns an error from executing l into a *diag.Error on the
// file and line the template package names.
func (t *Theme) templateError(l *layout, err error) error {
	// The innermost partial's own file and line say more than the call's.
	for pe := (*partialError)(nil); errors.As(err, &pe); {
		err = pe.err
	}
	e, name := locate(err)
	e.Path = t.paths[l.file]
	if name != "" {
		if p, ok := t.paths[name]; ok {
			e.Path = p
		} else if d := l.set.Lookup(name); d != nil && d.Tree != nil {
			// A {{ define }}d template: report the file it is written in.
			if p, ok := t.paths[d.Tree.ParseName]; ok {
				e.Path = p
			}
		}
	}
	if e.Hint == "" {
		e.Hint = "see docs/themes.md for what a layout can use"
	}
	return e
}

// locate reads the line, column and message out of err, and the name of
// the template it names.
func locate(err error) (e *diag.Error, name string) {
	msg := err.Error()
	e = &diag.Error{Msg: msg, Err: err}
	var te *template.Error
	switch m := templateLoc.FindStringSubmatch(msg); {
	case m != nil:
		name = m[1]
		e.Line, _ = strconv.Atoi(m[2])
		e.Col, _ = strconv.Atoi(m[3])
		e.Msg = m[4]
	case errors.As(err, &te):
		name, e.Line = te.Name, te.Line
		e.Msg = strings.TrimSpace(strings.TrimPrefix(msg, "html/template:"+te.Name+":"))
	default:
		e.Msg = strings.TrimPrefix(msg, "template: ")
	}
	e.Hint = hintFor(e.Msg)
	return e, name
}

// hintFor suggests a fix for the template package's common messages.
func hintFor(msg string) string {
	switch {
	case strings.Contains(msg, "function") && strings.Contains(msg, "not defined"):
		return "check the spelling; the functions are listed in docs/themes.md"
	case strings.Contains(msg, "no such template"), strings.Contains(msg, "no template"):
		name := quoted(msg)
		if strings.HasPrefix(name, "partials/") {
			return "add layouts/" + name + " to the site or the theme, or fix the name"
		}
		return "define that template, or fix its name"
	case strings.Contains(msg, "unexpected EOF"):
		return "a {{ if }}, {{ range }}, {{ with }}, {{ block }} or {{ define }} has no {{ end }}"
	case strings.Contains(msg, "nil pointer evaluating"):
		return "that value is nil on this kind of page; guard it with {{ with … }}"
	case strings.Contains(msg, "can't evaluate field"):
		return "that field does not exist; docs/themes.md lists the fields of the view, .Page and .Site"
	case strings.Contains(msg, "wrong number of args"), strings.Contains(msg, "wrong type for value"):
		return "check the function's arguments in docs/themes.md"
	case strings.Contains(msg, "branches end in different contexts"), strings.Contains(msg, "ends in a non-text context"):
		return "close every tag, attribute and quote in the same {{ if }} branch that opens it"
	}
	return ""
}

// quoted returns the first "…" string in msg.
func quoted(msg string) string {
	i := strings.IndexByte(msg, '"')
	if i < 0 {
		return ""
	}
	s, err := strconv.QuotedPrefix(msg[i:])
	if err != nil {
		return ""
	}
	u, _ := strconv.Unquote(s)
	return u
}
