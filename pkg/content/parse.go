package content

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/geul-blog/geul/pkg/diag"
)

// ParseOptions says how to read one file.
type ParseOptions struct {
	File     string         // path shown in errors, e.g. "content/posts/a.md"
	Location *time.Location // zone for dates written without one (config timeZone); UTC when nil
	// ModTime is the file's modification time: the date of a file with no
	// front matter and no date in its name.
	ModTime time.Time
	// Taxonomies are the plural names of the site's taxonomies other than
	// categories and tags ("series"), read into Page.Terms.
	Taxonomies []string
	// Section says the file is an _index.md: no title is needed.
	Section bool
}

// Parse reads one Markdown file: front matter and body. It fills Title,
// Date, Lastmod, Draft, Categories, Tags, Slug, Description, Cover, Aliases,
// Params, Body and BodyLine; the caller sets Path, Section, Bundle and Kind.
//
// Front matter is TOML between +++ lines or YAML between --- lines; without
// it the whole file is the body. Keys are matched without regard to case.
// Date and Lastmod are in opts.Location, whatever offset they were written
// with; Params keep dates as written. Every problem is a *diag.Error at the
// file's line.
func Parse(src []byte, opts ParseOptions) (*Page, error) {
	if opts.Location == nil {
		opts.Location = time.UTC
	}
	src, err := normalize(src, opts.File)
	if err != nil {
		return nil, err
	}
	fm, err := splitFrontMatter(src, opts.File)
	if err != nil {
		return nil, err
	}
	if err := fm.checkLimits(opts.File); err != nil {
		return nil, err
	}
	fl, err := fm.decode(opts.File)
	if err != nil {
		return nil, err
	}
	p := &Page{Body: fm.body, BodyLine: fm.bodyLine, KeyLines: fl.lines}
	if err := fl.fill(p, opts); err != nil {
		return nil, err
	}
	if !opts.Section {
		untitled(p, fm.format == formatNone, opts)
	}
	return p, nil
}

// ErrEmpty is wrapped by the error of an empty file: a loader skips the
// file with a warning (an editor creates one before the first save).
var ErrEmpty = errors.New("empty file")

// bom is the UTF-8 byte order mark some Windows editors write.
const bom = "\xef\xbb\xbf"

// normalize checks that src is UTF-8 text and returns it without a BOM and
// with LF line ends. A lone CR counts as a line end, as in CommonMark, so
// line numbers agree with what the Markdown renderer sees.
func normalize(src []byte, file string) ([]byte, error) {
	if bytes.HasPrefix(src, []byte("\xff\xfe")) || bytes.HasPrefix(src, []byte("\xfe\xff")) {
		return nil, &diag.Error{Path: file, Line: 1, Msg: "file is UTF-16, not UTF-8",
			Hint: "save it as UTF-8 (in most editors: Save with Encoding → UTF-8)"}
	}
	src = bytes.TrimPrefix(src, []byte(bom))
	if bytes.IndexByte(src, '\r') >= 0 {
		src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
		src = bytes.ReplaceAll(src, []byte("\r"), []byte("\n"))
	} else {
		src = bytes.Clone(src) // Body must not share memory with the caller's buffer
	}
	if !utf8.Valid(src) {
		line, col := 1, 1
		for rest := src; len(rest) > 0; {
			r, size := utf8.DecodeRune(rest)
			if r == utf8.RuneError && size <= 1 {
				break
			}
			col++
			if r == '\n' {
				line, col = line+1, 1
			}
			rest = rest[size:]
		}
		return nil, &diag.Error{Path: file, Line: line, Col: col, Msg: "file is not valid UTF-8",
			Hint: "save it as UTF-8; a file from an old Korean editor may be EUC-KR: convert it with iconv -f CP949 -t UTF-8"}
	}
	if len(bytes.TrimSpace(src)) == 0 {
		return nil, &diag.Error{Path: file, Line: 1, Msg: "empty file, skipped",
			Hint: "write front matter with a title, or delete it", Err: ErrEmpty}
	}
	return src, nil
}

// fill sets p's front matter fields from fl.
func (fl *fields) fill(p *Page, opts ParseOptions) error {
	var err error
	p.Params = make(map[string]any, len(fl.values))
	for k, v := range fl.values {
		p.Params[k] = fl.param(v, opts.Location)
	}
	if p.Title, err = fl.str(opts.File, "title"); err != nil {
		return err
	}
	if p.Slug, err = fl.str(opts.File, "slug"); err != nil {
		return err
	}
	p.Slug = strings.Trim(p.Slug, "-") // as Hugo reads it
	if p.URLPath, err = fl.str(opts.File, "url"); err != nil {
		return err
	}
	// In Hugo, description is for meta tags and summary replaces the
	// automatic summary; geul has one field for both, the description first.
	if p.Description, err = fl.str(opts.File, "description"); err != nil {
		return err
	}
	if p.Description == "" {
		if p.Description, err = fl.str(opts.File, "summary"); err != nil {
			return err
		}
	}
	if err := fl.cover(p, opts.File); err != nil {
		return err
	}
	if p.Date, err = fl.date(opts, "date"); err != nil {
		return err
	}
	if p.PublishDate, err = fl.date(opts, "publishDate", "pubdate", "published"); err != nil {
		return err
	}
	if p.ExpiryDate, err = fl.date(opts, "expiryDate", "unpublishdate"); err != nil {
		return err
	}
	if p.Lastmod, err = fl.date(opts, "lastmod", "updated", "modified"); err != nil {
		return err
	}
	// Hugo's date falls back to publishDate, then lastmod.
	if p.Date.IsZero() {
		p.Date = p.PublishDate
	}
	if p.Date.IsZero() {
		p.Date = p.Lastmod
	}
	p.DateWritten = p.Date
	// One calendar for the whole site: a post written with another offset
	// is shown, and filed in the archive, on the site's date.
	p.Date, p.Lastmod = inLocation(p.Date, opts.Location), inLocation(p.Lastmod, opts.Location)
	p.PublishDate, p.ExpiryDate = inLocation(p.PublishDate, opts.Location), inLocation(p.ExpiryDate, opts.Location)
	if p.Draft, err = fl.bool(opts.File, "draft"); err != nil {
		return err
	}
	if p.Headless, err = fl.bool(opts.File, "headless"); err != nil {
		return err
	}
	if err := fl.build(p, opts.File); err != nil {
		return err
	}
	if p.Weight, err = fl.int(opts.File, "weight"); err != nil {
		return err
	}
	if key, ok, err := fl.one(opts.File, "toc", "showToc"); err != nil {
		return err
	} else if ok {
		b, isBool := fl.values[key].(bool)
		if !isBool {
			return &diag.Error{Path: opts.File, Line: fl.line(key), Msg: key + " must be true or false",
				Hint: "write " + fl.example(key, "true") + ", without quotes"}
		}
		p.ShowTOC = &b
	}
	if p.Categories, err = fl.list(opts.File, "categories", "category"); err != nil {
		return err
	}
	if p.Tags, err = fl.list(opts.File, "tags"); err != nil {
		return err
	}
	if p.Aliases, err = fl.list(opts.File, "aliases"); err != nil {
		return err
	}
	if p.Keywords, err = fl.list(opts.File, "keywords"); err != nil {
		return err
	}
	if p.Images, err = fl.list(opts.File, "images"); err != nil {
		return err
	}
	for _, tax := range opts.Taxonomies {
		terms, err := fl.list(opts.File, tax)
		if err != nil {
			return err
		}
		if len(terms) > 0 {
			if p.Terms == nil {
				p.Terms = map[string][]string{}
			}
			p.Terms[tax] = terms
		}
	}
	return nil
}

// cover reads cover or image: a path, or a map with the path under image,
// path or src and the alt text under alt (as Hugo themes write it). cover
// wins over image.
func (fl *fields) cover(p *Page, file string) error {
	for _, name := range []string{"cover", "image"} {
		keys := fl.lookup(name)
		if len(keys) == 0 || fl.values[keys[0]] == nil {
			continue
		}
		key := keys[0]
		switch v := fl.values[key].(type) {
		case string:
			p.Cover = strings.TrimSpace(v)
		case map[string]any:
			for _, k := range []string{"image", "path", "src"} {
				if s, ok := v[k].(string); ok && s != "" {
					p.Cover = strings.TrimSpace(s)
					break
				}
			}
			if s, ok := v["alt"].(string); ok {
				p.CoverAlt = strings.TrimSpace(s)
			}
		default:
			return &diag.Error{Path: file, Line: fl.line(key), Msg: key + " must be a path or a map with image and alt",
				Hint: "write " + fl.example(key, `"cover.jpg"`)}
		}
		if p.Cover != "" {
			return nil
		}
	}
	return nil
}

// build reads Hugo's build options: render = "never" (or false) publishes
// nothing, list = "never" (or false) keeps the page out of every list.
func (fl *fields) build(p *Page, file string) error {
	key, ok, err := fl.one(file, "_build", "build")
	if !ok {
		return err
	}
	m, isMap := fl.values[key].(map[string]any)
	if !isMap {
		return &diag.Error{Path: file, Line: fl.line(key), Msg: key + " must be a table of build options",
			Hint: `write [build] then render = "never" or list = "never"`}
	}
	never := func(v any) bool {
		switch v := v.(type) {
		case bool:
			return !v
		case string:
			return strings.EqualFold(v, "never") || strings.EqualFold(v, "false")
		}
		return false
	}
	for k, v := range m {
		switch strings.ToLower(k) {
		case "render":
			p.Headless = p.Headless || never(v)
		case "list":
			p.Unlisted = never(v)
		}
	}
	return nil
}

func (fl *fields) int(file string, name string) (int, error) {
	key, ok, err := fl.one(file, name)
	if !ok {
		return 0, err
	}
	switch v := fl.values[key].(type) {
	case int64:
		return int(v), nil
	case int:
		return v, nil
	case uint64:
		return int(v), nil
	case float64:
		if v == float64(int(v)) {
			return int(v), nil
		}
	}
	return 0, &diag.Error{Path: file, Line: fl.line(key), Msg: key + " must be a whole number",
		Hint: "write " + fl.example(key, "10") + ", without quotes"}
}

// inLocation returns t in loc, leaving the zero time alone.
func inLocation(t time.Time, loc *time.Location) time.Time {
	if t.IsZero() {
		return t
	}
	return t.In(loc)
}

// param returns a front matter value for Params: as written, except that
// dates written without a zone are read in loc.
func (fl *fields) param(v any, loc *time.Location) any {
	switch v := v.(type) {
	case yamlTimestamp:
		return v.in(loc)
	case time.Time:
		if t, ok := tomlTime(v, loc); ok {
			return t
		}
		return v
	case map[string]any:
		m := make(map[string]any, len(v))
		for k, x := range v {
			m[k] = fl.param(x, loc)
		}
		return m
	case []any:
		s := make([]any, len(v))
		for i, x := range v {
			s[i] = fl.param(x, loc)
		}
		return s
	case []map[string]any:
		s := make([]map[string]any, len(v))
		for i, x := range v {
			s[i] = fl.param(x, loc).(map[string]any)
		}
		return s
	}
	return v
}

// lookup returns the keys as written that mean names (case folded), in a
// stable order.
func (fl *fields) lookup(names ...string) []string {
	var keys []string
	for k := range fl.values {
		for _, n := range names {
			if strings.EqualFold(k, n) {
				keys = append(keys, k)
			}
		}
	}
	sort.Slice(keys, func(i, j int) bool {
		if li, lj := fl.line(keys[i]), fl.line(keys[j]); li != lj {
			return li < lj
		}
		return keys[i] < keys[j]
	})
	return keys
}

// one returns the single key meaning names, or an error when several do.
// A key with no value (YAML "description:") counts as absent.
func (fl *fields) one(file string, names ...string) (string, bool, error) {
	keys := slices.DeleteFunc(fl.lookup(names...), func(k string) bool { return fl.values[k] == nil })
	switch len(keys) {
	case 0:
		return "", false, nil
	case 1:
		return keys[0], true, nil
	}
	return "", false, &diag.Error{Path: file, Line: fl.line(keys[1]),
		Msg:  fmt.Sprintf("%s and %s are both set", keys[0], keys[1]),
		Hint: fmt.Sprintf("they mean the same; keep only %s", names[0])}
}

// example returns how key = value is written in this front matter.
func (fl *fields) example(key, value string) string {
	if fl.format == formatYAML {
		return key + ": " + value
	}
	return key + " = " + value
}

func (fl *fields) str(file string, names ...string) (string, error) {
	key, ok, err := fl.one(file, names...)
	if !ok {
		return "", err
	}
	s, isStr := fl.values[key].(string)
	if !isStr {
		e := &diag.Error{Path: file, Line: fl.line(key), Msg: key + " must be a string",
			Hint: "put it in quotes: " + fl.example(key, `"…"`)}
		switch fl.values[key].(type) {
		case map[string]any, []map[string]any:
			// Quotes would not help "title: {…}" or a [title] table.
			e.Msg = key + " must be a string, not a table of keys"
			e.Hint = "write one text: " + fl.example(key, `"…"`) + "; keys of your own go in [params]"
			if fl.format == formatYAML {
				e.Msg = key + " must be a string, not a map of keys"
				e.Hint = "write one text on the line: " + fl.example(key, `"…"`) + `; a value containing ": " needs quotes`
			}
		case []any:
			e.Msg = key + " must be a string, not a list"
			e.Hint = "write one text: " + fl.example(key, `"…"`)
		}
		return "", e
	}
	return strings.TrimSpace(s), nil
}

func (fl *fields) bool(file string, name string) (bool, error) {
	key, ok, err := fl.one(file, name)
	if !ok {
		return false, err
	}
	b, isBool := fl.values[key].(bool)
	if !isBool {
		return false, &diag.Error{Path: file, Line: fl.line(key), Msg: key + " must be true or false",
			Hint: "write " + fl.example(key, "true") + ", without quotes"}
	}
	return b, nil
}

func (fl *fields) date(opts ParseOptions, names ...string) (time.Time, error) {
	key, ok, err := fl.one(opts.File, names...)
	if !ok {
		return time.Time{}, err
	}
	bad := &diag.Error{Path: opts.File, Line: fl.line(key), Msg: key + " must be a date",
		Hint: "write it as " + DateFormats}
	switch v := fl.values[key].(type) {
	case time.Time:
		if t, ok := tomlTime(v, opts.Location); ok {
			return t, nil
		}
		bad.Msg = key + " has a time but no day"
	case yamlTimestamp:
		return v.in(opts.Location), nil
	case string:
		if t, err := ParseDate(v, opts.Location); err == nil {
			return t, nil
		}
		bad.Msg = fmt.Sprintf("%s %q is not a date", key, v)
	}
	return time.Time{}, bad
}

// list reads a string or a list of strings from every key meaning names,
// merged in file order, without empty or repeated entries.
func (fl *fields) list(file string, names ...string) ([]string, error) {
	var out []string
	for _, key := range fl.lookup(names...) {
		bad := &diag.Error{Path: file, Line: fl.line(key), Msg: key + " must be a string or a list of strings",
			Hint: "write " + fl.example(key, `["개발", "Go"]`) + " or " + fl.example(key, `"개발"`)}
		var items []string
		switch v := fl.values[key].(type) {
		case string:
			items = []string{v}
		case []any:
			for _, x := range v {
				s, ok := x.(string)
				if !ok {
					return nil, bad
				}
				items = append(items, s)
			}
		case nil:
			// "tags:" with nothing after it in YAML: no tags.
		default:
			return nil, bad
		}
		for _, s := range items {
			if s = strings.TrimSpace(s); s != "" && !slices.Contains(out, s) {
				out = append(out, s)
			}
		}
	}
	return out, nil
}
