package theme

import (
	"errors"
	"fmt"
	"html"
	"html/template"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode"
)

// hugoFuncs are the Hugo template functions shortcode templates and
// render hooks commonly use, beyond the layouts' own functions, with
// Hugo's names and argument order (the piped value last).
func hugoFuncs() template.FuncMap {
	var res regexps
	return template.FuncMap{
		"default": func(def, v any) any {
			if truth(v) {
				return v
			}
			return def
		},
		"cond": func(c bool, a, b any) any {
			if c {
				return a
			}
			return b
		},
		"lower":        func(v any) string { return strings.ToLower(str(v)) },
		"upper":        func(v any) string { return strings.ToUpper(str(v)) },
		"title":        func(v any) string { return titleCase(str(v)) },
		"trim":         func(v any, cut string) string { return strings.Trim(str(v), cut) },
		"replace":      func(v any, old, new string) string { return strings.ReplaceAll(str(v), old, new) },
		"split":        func(v any, sep string) []string { return strings.Split(str(v), sep) },
		"htmlEscape":   func(v any) string { return html.EscapeString(str(v)) },
		"htmlUnescape": func(v any) string { return html.UnescapeString(str(v)) },
		"safeHTMLAttr": func(v any) template.HTMLAttr { return template.HTMLAttr(str(v)) },
		"safeCSS":      func(v any) template.CSS { return template.CSS(str(v)) },
		"safeJS":       func(v any) template.JS { return template.JS(str(v)) },
		"errorf": func(format string, args ...any) (string, error) {
			return "", fmt.Errorf(format, args...)
		},
		"int": func(v any) (int, error) {
			if n, isInt, ok := number(v); ok {
				if isInt {
					return int(n.(int64)), nil
				}
				return int(toFloat(n)), nil
			}
			return strconv.Atoi(strings.TrimSpace(str(v)))
		},
		"string": func(v any) string { return str(v) },
		"replaceRE": func(pattern, repl string, v any) (string, error) {
			re, err := res.compile(pattern)
			if err != nil {
				return "", err
			}
			return re.ReplaceAllString(str(v), repl), nil
		},
		"findRE": func(pattern string, v any) ([]string, error) {
			re, err := res.compile(pattern)
			if err != nil {
				return nil, err
			}
			return re.FindAllString(str(v), -1), nil
		},
		"in": func(set, v any) bool {
			rv := reflect.ValueOf(set)
			switch rv.Kind() {
			case reflect.String:
				return strings.Contains(rv.String(), str(v))
			case reflect.Slice, reflect.Array:
				for i := 0; i < rv.Len(); i++ {
					if reflect.DeepEqual(rv.Index(i).Interface(), v) || str(rv.Index(i).Interface()) == str(v) {
						return true
					}
				}
			}
			return false
		},
		"isset": func(c, key any) bool {
			rv := reflect.ValueOf(c)
			switch rv.Kind() {
			case reflect.Map:
				return rv.MapIndex(reflect.ValueOf(key)).IsValid()
			case reflect.Slice, reflect.Array:
				i, ok := key.(int)
				return ok && i >= 0 && i < rv.Len()
			}
			return false
		},
		"delimit": func(v any, sep string) (string, error) {
			rv := reflect.ValueOf(v)
			if rv.Kind() != reflect.Slice && rv.Kind() != reflect.Array {
				return "", errors.New("delimit takes a list")
			}
			parts := make([]string, rv.Len())
			for i := range parts {
				parts[i] = str(rv.Index(i).Interface())
			}
			return strings.Join(parts, sep), nil
		},
		"strings": func() stringsNS { return stringsNS{} },
	}
}

// regexps keeps the patterns replaceRE and findRE compiled, so that a
// shortcode template run for every page compiles its pattern once per
// theme, not once a call. Safe for the pages rendered in parallel.
type regexps struct{ m sync.Map } // pattern → *regexp.Regexp

func (c *regexps) compile(pattern string) (*regexp.Regexp, error) {
	if re, ok := c.m.Load(pattern); ok {
		return re.(*regexp.Regexp), nil
	}
	re, err := regexp.Compile(pattern)
	if err != nil {
		return nil, err
	}
	c.m.Store(pattern, re)
	return re, nil
}

// truth is Go templates' notion of a true value.
func truth(v any) bool {
	if v == nil {
		return false
	}
	ok, _ := template.IsTrue(v)
	return ok
}

func titleCase(s string) string {
	up := true
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			up = true
			return r
		}
		if up {
			up = false
			return unicode.ToUpper(r)
		}
		return r
	}, s)
}

// stringsNS is Hugo's strings namespace: {{ strings.Contains .Inner "x" }}.
type stringsNS struct{}

func (stringsNS) Contains(s, sub any) bool         { return strings.Contains(str(s), str(sub)) }
func (stringsNS) HasPrefix(s, p any) bool          { return strings.HasPrefix(str(s), str(p)) }
func (stringsNS) HasSuffix(s, p any) bool          { return strings.HasSuffix(str(s), str(p)) }
func (stringsNS) TrimSpace(s any) string           { return strings.TrimSpace(str(s)) }
func (stringsNS) TrimPrefix(p, s any) string       { return strings.TrimPrefix(str(s), str(p)) }
func (stringsNS) TrimSuffix(p, s any) string       { return strings.TrimSuffix(str(s), str(p)) }
func (stringsNS) ToLower(s any) string             { return strings.ToLower(str(s)) }
func (stringsNS) ToUpper(s any) string             { return strings.ToUpper(str(s)) }
func (stringsNS) Repeat(n int, s any) string       { return strings.Repeat(str(s), n) }
func (stringsNS) Count(sub, s any) int             { return strings.Count(str(s), str(sub)) }
func (stringsNS) Split(s any, sep string) []string { return strings.Split(str(s), sep) }
func (stringsNS) Replace(s, old, new any) string {
	return strings.ReplaceAll(str(s), str(old), str(new))
}
