package theme

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"html/template"
	"math"
	"net/url"
	"reflect"
	"strings"
	"time"

	"github.com/tdewolff/parse/v2"
	htmllex "github.com/tdewolff/parse/v2/html"

	"github.com/geul-blog/geul/pkg/words"
)

// builtinFuncs returns the template functions every layout can use; see
// docs/themes.md for each with an example.
func builtinFuncs(o options, tr *translator) template.FuncMap {
	u := newURLs(o.baseURL)
	dateLayout, korean := "January 2, 2006", tr.korean
	if korean {
		dateLayout = "2006년 1월 2일"
	}
	return template.FuncMap{
		"date": func(t time.Time) string {
			if t.IsZero() {
				return ""
			}
			return t.Format(dateLayout)
		},
		"isoDate": func(t time.Time) string {
			if t.IsZero() {
				return ""
			}
			return t.Format(time.RFC3339)
		},
		"month": func(m time.Month) string {
			if korean {
				return fmt.Sprintf("%d월", int(m))
			}
			return m.String()
		},
		"year":     func(t time.Time) int { return t.Year() },
		"truncate": func(n int, v any) string { return words.Truncate(plain(v), n) },
		"plainify": plain,
		"i18n":     tr.translate,
		"relURL":   func(v any) string { return u.rel(str(v)) },
		"asset":    func(v any) string { return u.rel(str(v)) }, // pkg/site replaces it with one that knows fingerprinted names
		"absURL":   func(v any) string { return u.abs(str(v)) },
		"safeHTML": func(v any) template.HTML { return template.HTML(str(v)) },
		"safeURL":  func(v any) template.URL { return template.URL(str(v)) },
		"urlize":   func(v any) string { return words.Slug(str(v)) },
		"dict":     dict,
		"merge":    merge,
		"add":      func(a, b any) (any, error) { return arith(a, b, 1) },
		"sub":      func(a, b any) (any, error) { return arith(a, b, -1) },
		"jsonify":  jsonify,
		"jsonLD":   jsonLD(u),
	}
}

// str turns a template value into its text.
func str(v any) string {
	switch s := v.(type) {
	case string:
		return s
	case template.HTML:
		return string(s)
	case template.URL:
		return string(s)
	case nil:
		return ""
	case fmt.Stringer:
		return s.String()
	}
	return fmt.Sprint(v)
}

// plain returns v as plain text: for template.HTML (a summary, the
// content) the tags are dropped, script and style bodies left out and
// entities decoded. Any other value is its text.
func plain(v any) string {
	h, ok := v.(template.HTML)
	if !ok {
		return str(v)
	}
	var b strings.Builder
	lx := htmllex.NewLexer(parse.NewInputString(string(h)))
	skip := false
	for {
		tt, data := lx.Next()
		switch tt {
		case htmllex.ErrorToken:
			return strings.Join(strings.Fields(html.UnescapeString(b.String())), " ")
		case htmllex.StartTagToken:
			name := strings.ToLower(string(lx.Text()))
			skip = name == "script" || name == "style"
			if isBlock(name) && b.Len() > 0 {
				b.WriteByte(' ')
			}
		case htmllex.EndTagToken:
			skip = false
		case htmllex.TextToken:
			if !skip {
				b.Write(data)
			}
		}
	}
}

// isBlock reports whether an element starts a new run of text, so that
// "<p>가</p><p>나</p>" reads "가 나" and not "가나".
func isBlock(name string) bool {
	switch name {
	case "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
		"blockquote", "pre", "table", "tr", "td", "th", "section", "article", "figure", "figcaption", "hr":
		return true
	}
	return false
}

// dict builds a map from "key", value pairs, to pass several values to a
// partial or to jsonify.
func dict(pairs ...any) (map[string]any, error) {
	if len(pairs)%2 != 0 {
		return nil, fmt.Errorf("dict needs key, value pairs; got %d arguments", len(pairs))
	}
	m := make(map[string]any, len(pairs)/2)
	for i := 0; i < len(pairs); i += 2 {
		k, ok := pairs[i].(string)
		if !ok {
			return nil, fmt.Errorf("dict key %v is a %T, not a string", pairs[i], pairs[i])
		}
		m[k] = pairs[i+1]
	}
	return m, nil
}

// merge returns a new map with the keys of every map, later ones winning.
func merge(maps ...map[string]any) map[string]any {
	n := 0
	for _, m := range maps {
		n += len(m)
	}
	out := make(map[string]any, n)
	for _, m := range maps {
		for k, v := range m {
			out[k] = v
		}
	}
	return out
}

// arith adds (sign 1) or subtracts (sign -1) two numbers: integers stay
// integers; a float on either side gives a float.
func arith(a, b any, sign int64) (any, error) {
	ai, aInt, aok := number(a)
	bi, bInt, bok := number(b)
	if !aok || !bok {
		return nil, fmt.Errorf("cannot do arithmetic on %T and %T", a, b)
	}
	if aInt && bInt {
		return int(ai.(int64) + sign*bi.(int64)), nil
	}
	return toFloat(ai) + float64(sign)*toFloat(bi), nil
}

func number(v any) (n any, isInt, ok bool) {
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return rv.Int(), true, true
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		if rv.Uint() > math.MaxInt64 {
			return float64(rv.Uint()), false, true
		}
		return int64(rv.Uint()), true, true
	case reflect.Float32, reflect.Float64:
		return rv.Float(), false, true
	}
	return nil, false, false
}

func toFloat(n any) float64 {
	if i, ok := n.(int64); ok {
		return float64(i)
	}
	return n.(float64)
}

// jsonify encodes v as JSON for a <script type="application/ld+json">.
// encoding/json escapes <, >, & and U+2028/U+2029, so the result cannot
// end the script element and is safe to mark as template.JS.
func jsonify(v any) (template.JS, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	if err := enc.Encode(v); err != nil {
		return "", err
	}
	return template.JS(bytes.TrimRight(b.Bytes(), "\n")), nil
}

// urls makes site-relative and absolute URLs from the base URL.
type urls struct {
	base   string // "https://example.org/blog/"
	path   string // "/blog/"
	origin string // "https://example.org", "" when the base URL has no host
}

func newURLs(base string) urls {
	if !strings.HasSuffix(base, "/") {
		base += "/"
	}
	u := urls{base: base, path: "/"}
	if p, err := url.Parse(base); err == nil {
		u.path = p.Path
		if !strings.HasPrefix(u.path, "/") {
			u.path = "/" + u.path
		}
		if p.Host != "" {
			u.origin = p.Scheme + "://" + p.Host
		}
	}
	if u.origin == "" {
		u.base = u.path
	}
	return u
}

// isAbsolute reports whether s needs no base: a full URL ("https://…",
// "mailto:…"), a protocol-relative one ("//…"), or a fragment or query.
func isAbsolute(s string) bool {
	if strings.HasPrefix(s, "//") || strings.HasPrefix(s, "#") || strings.HasPrefix(s, "?") {
		return true
	}
	p, err := url.Parse(s)
	return err == nil && p.Scheme != ""
}

// rel returns s as a URL path from the host's root: "css/a.css" becomes
// "/blog/css/a.css"; a path starting with "/" (such as .Page.URL, which
// already holds the base path) and a full URL are kept.
func (u urls) rel(s string) string {
	if isAbsolute(s) || strings.HasPrefix(s, "/") {
		return s
	}
	return u.path + s
}

// abs returns s as an absolute URL: "css/a.css" becomes
// "https://example.org/blog/css/a.css", "/blog/posts/a/" becomes
// "https://example.org/blog/posts/a/"; a full URL is kept.
func (u urls) abs(s string) string {
	if isAbsolute(s) {
		return s
	}
	if strings.HasPrefix(s, "/") {
		return u.origin + s
	}
	return u.base + s
}
