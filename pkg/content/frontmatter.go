package content

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
	"go.yaml.in/yaml/v3"

	"github.com/geul-blog/geul/pkg/diag"
)

// format is the language of a file's front matter.
type format int

const (
	formatNone format = iota
	formatTOML
	formatYAML
	formatJSON
)

// fence returns the line that opens and closes front matter of f.
func (f format) fence() string {
	if f == formatYAML {
		return "---"
	}
	return "+++"
}

// frontMatter is a file split at its front matter fences.
type frontMatter struct {
	format    format
	text      []byte // between the fences, LF line ends
	fenceLine int    // file line of the opening fence
	body      []byte
	bodyLine  int
}

// splitFrontMatter finds the front matter of src (LF line ends, no BOM).
// Blank lines before the opening fence are allowed, as in Hugo.
func splitFrontMatter(src []byte, file string) (frontMatter, error) {
	line := 1
	rest := src
	for {
		l, after, found := bytes.Cut(rest, []byte("\n"))
		if len(bytes.TrimSpace(l)) > 0 || !found {
			break
		}
		rest = after
		line++
	}
	first, after, _ := bytes.Cut(rest, []byte("\n"))
	if t := bytes.TrimSpace(first); bytes.Equal(t, []byte("{")) || bytes.HasPrefix(t, []byte(`{"`)) || bytes.HasPrefix(t, []byte(`{ "`)) {
		return splitJSON(rest, line, file)
	}
	var f format
	switch string(bytes.TrimRight(first, " \t")) {
	case "+++":
		f = formatTOML
	case "---":
		f = formatYAML
	default:
		return frontMatter{format: formatNone, body: src, bodyLine: 1}, nil
	}
	fm := frontMatter{format: f, fenceLine: line}
	text := after
	for off, n := 0, line+1; off < len(text); n++ {
		l, _, _ := bytes.Cut(text[off:], []byte("\n"))
		if string(bytes.TrimRight(l, " \t")) == f.fence() {
			fm.text = text[:off]
			fm.body = text[min(off+len(l)+1, len(text)):]
			fm.bodyLine = n + 1
			return fm, nil
		}
		off += len(l) + 1
	}
	return fm, &diag.Error{Path: file, Line: line,
		Msg:  fmt.Sprintf("front matter opened with %s is never closed", f.fence()),
		Hint: fmt.Sprintf("did you forget the closing %s?", f.fence())}
}

// splitJSON finds JSON front matter: one object starting at src, as Hugo
// reads it, the body after the line it ends on.
func splitJSON(src []byte, line int, file string) (frontMatter, error) {
	dec := json.NewDecoder(bytes.NewReader(src))
	var v json.RawMessage
	if err := dec.Decode(&v); err != nil {
		e := &diag.Error{Path: file, Line: line, Msg: "invalid JSON front matter: " + err.Error(),
			Hint: "check the commas and quotes; a JSON front matter is one { … } object", Err: err}
		var se *json.SyntaxError
		if errors.As(err, &se) {
			e.Line = line + bytes.Count(src[:min(int(se.Offset), len(src))], []byte("\n"))
		} else if errors.Is(err, io.ErrUnexpectedEOF) {
			e.Msg = "JSON front matter opened with { is never closed"
			e.Hint = "did you forget the closing }?"
		}
		return frontMatter{}, e
	}
	end := int(dec.InputOffset())
	fm := frontMatter{format: formatJSON, text: src[:end], fenceLine: line}
	rest := src[end:]
	// The rest of the closing line is not body.
	if i := bytes.IndexByte(rest, '\n'); i >= 0 {
		rest = rest[i+1:]
	} else {
		rest = nil
	}
	fm.body = rest
	fm.bodyLine = line + bytes.Count(src[:len(src)-len(rest)], []byte("\n"))
	if len(rest) == 0 && !bytes.HasSuffix(src, []byte("\n")) {
		fm.bodyLine++
	}
	return fm, nil
}

// fields are the decoded keys of front matter with the file line of each
// top-level key, for errors about its value.
type fields struct {
	format    format
	values    map[string]any
	lines     map[string]int
	fenceLine int
}

// line returns the file line of key, or the opening fence's when unknown.
func (fl *fields) line(key string) int {
	if n, ok := fl.lines[key]; ok {
		return n
	}
	return fl.fenceLine
}

// decode parses the front matter text.
func (fm frontMatter) decode(file string) (*fields, error) {
	fl := &fields{format: fm.format, values: map[string]any{}, lines: map[string]int{}, fenceLine: fm.fenceLine}
	switch fm.format {
	case formatTOML:
		return fl, fm.decodeTOML(file, fl)
	case formatYAML:
		return fl, fm.decodeYAML(file, fl)
	case formatJSON:
		return fl, fm.decodeJSON(file, fl)
	}
	return fl, nil
}

func (fm frontMatter) decodeTOML(file string, fl *fields) error {
	if _, err := toml.Decode(string(fm.text), &fl.values); err != nil {
		e := &diag.Error{Path: file, Line: fm.fenceLine, Msg: "invalid TOML front matter: " + err.Error(),
			Hint: `check the quotes and the = sign on that line`, Err: err}
		var pe toml.ParseError
		if errors.As(err, &pe) {
			e.Msg = "invalid TOML front matter: " + strings.TrimSuffix(pe.Message, ".")
			if pe.Position.Line > 0 {
				e.Line = fm.fenceLine + pe.Position.Line
				e.Col = runeCol(fm.text, pe.Position.Line, pe.Position.Col)
			}
			switch {
			case strings.HasPrefix(pe.Message, "expected value but found"):
				e.Hint = `text needs quotes: title = "…"`
			case strings.Contains(pe.Message, "has already been defined"):
				e.Hint = "a key may appear once; remove the other one"
			}
		}
		return e
	}
	if fl.values == nil {
		fl.values = map[string]any{}
	}
	for key, n := range tomlKeyLines(fm.text) {
		fl.lines[key] = fm.fenceLine + n
	}
	return nil
}

// runeCol turns the byte column col of line n of text into a column in
// characters, which is what an editor shows for a line of Hangul. It
// returns 0 (unknown) when col is not on the line.
func runeCol(text []byte, n, col int) int {
	lines := bytes.Split(text, []byte("\n"))
	if n < 1 || n > len(lines) || col < 1 || col > len(lines[n-1])+1 {
		return 0
	}
	return utf8.RuneCount(lines[n-1][:col-1]) + 1
}

// tomlKey matches the start of a "key = value" line; the first group that
// matched is the top-level key (a dotted key's first part).
var tomlKey = regexp.MustCompile(`^[ \t]*(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|([A-Za-z0-9_-]+))[ \t]*[.=]`)

// tomlKeyLines returns the 1-based line within text of each top-level key.
// BurntSushi/toml keeps key positions private, so the lines are found by a
// scan that knows just enough TOML to skip tables and multi-line strings.
func tomlKeyLines(text []byte) map[string]int {
	lines := map[string]int{}
	inString := ""
	inTable := false
	for i, l := range strings.Split(string(text), "\n") {
		if inString != "" {
			if strings.Count(l, inString)%2 == 1 {
				inString = ""
			}
			continue
		}
		if h, ok := strings.CutPrefix(strings.TrimSpace(l), "["); ok {
			// A table: the keys after it are not top-level, but its
			// name is, "[title]" as much as "title = …".
			inTable = true
			name, _, _ := strings.Cut(strings.TrimPrefix(h, "["), "]")
			if m := tomlKey.FindStringSubmatch(name + "="); m != nil {
				key := m[1] + m[2] + m[3]
				if _, seen := lines[key]; !seen {
					lines[key] = i + 1
				}
			}
			continue
		}
		if m := tomlKey.FindStringSubmatch(l); m != nil && !inTable {
			key := m[1] + m[2] + m[3]
			if m[1] != "" {
				if s, err := strconv.Unquote(`"` + m[1] + `"`); err == nil {
					key = s
				}
			}
			if _, seen := lines[key]; !seen {
				lines[key] = i + 1
			}
		}
		for _, q := range []string{`"""`, `'''`} {
			if strings.Count(l, q)%2 == 1 {
				inString = q
			}
		}
	}
	return lines
}

// jsonKey matches a line that starts a top-level "key": of JSON front
// matter written one key a line, as Hugo's are.
var jsonKey = regexp.MustCompile(`^\s*"((?:[^"\\]|\\.)*)"\s*:`)

func (fm frontMatter) decodeJSON(file string, fl *fields) error {
	d := json.NewDecoder(bytes.NewReader(fm.text))
	d.UseNumber()
	if err := d.Decode(&fl.values); err != nil {
		return &diag.Error{Path: file, Line: fm.fenceLine, Msg: "JSON front matter must be one { \"key\": value } object",
			Hint: `write it like { "title": "제목" }`, Err: err}
	}
	if fl.values == nil {
		fl.values = map[string]any{}
	}
	for k, v := range fl.values {
		if n, ok := v.(json.Number); ok {
			if i, err := n.Int64(); err == nil {
				fl.values[k] = i
			} else if f, err := n.Float64(); err == nil {
				fl.values[k] = f
			}
		}
	}
	depth := 0
	for i, l := range strings.Split(string(fm.text), "\n") {
		if depth == 1 {
			if m := jsonKey.FindStringSubmatch(l); m != nil {
				if _, seen := fl.lines[m[1]]; !seen {
					fl.lines[m[1]] = fm.fenceLine + i
				}
			}
		}
		depth += strings.Count(l, "{") + strings.Count(l, "[") - strings.Count(l, "}") - strings.Count(l, "]")
	}
	return nil
}

func (fm frontMatter) decodeYAML(file string, fl *fields) error {
	var doc yaml.Node
	if err := yaml.Unmarshal(fm.text, &doc); err != nil {
		return fm.yamlError(file, err)
	}
	if len(doc.Content) == 0 {
		return nil // only comments, or nothing
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return &diag.Error{Path: file, Line: fm.fenceLine + max(root.Line, 1),
			Msg:  "YAML front matter must be key: value lines",
			Hint: `write it like "title: 제목", one key a line; a file that starts with a --- rule needs a line above it`}
	}
	if err := fm.checkYAMLLimits(file, root); err != nil {
		return err
	}
	if err := root.Decode(&fl.values); err != nil {
		return fm.yamlError(file, err)
	}
	if fl.values == nil {
		fl.values = map[string]any{}
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if _, seen := fl.lines[k.Value]; !seen {
			fl.lines[k.Value] = fm.fenceLine + k.Line
		}
		// YAML reads "2024-05-31" as midnight UTC; geul reads a date
		// without a zone in the site's location, as for TOML.
		if v.Kind == yaml.ScalarNode && v.Tag == "!!timestamp" {
			t, _ := fl.values[k.Value].(time.Time)
			fl.values[k.Value] = yamlTimestamp{text: v.Value, time: t}
		}
	}
	return nil
}

// yamlTimestamp is a YAML timestamp as written, read by fields.date with
// ParseDate so that a date without a zone is in the site's location.
type yamlTimestamp struct {
	text string
	time time.Time // as the YAML library read it
}

// in returns the timestamp, read in loc when written without a zone.
func (y yamlTimestamp) in(loc *time.Location) time.Time {
	if t, err := ParseDate(y.text, loc); err == nil {
		return t
	}
	// A form only YAML knows, such as "2024-5-3 1:2:3": a zone, if any,
	// comes after the date's 10 characters.
	t := y.time
	if !strings.ContainsAny(y.text[min(len(y.text), 10):], "Zz+-") {
		t = time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), loc)
	}
	return t
}

var (
	yamlErrLine   = regexp.MustCompile(`(?s)^(?:yaml: )?(?:line (\d+): )?(.*)$`)
	yamlDuplicate = regexp.MustCompile(`^mapping key (".*") already defined at line (\d+)$`)
)

// yamlError turns an error of the YAML library into one at a file line.
func (fm frontMatter) yamlError(file string, err error) *diag.Error {
	msg := err.Error()
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 0 {
		msg = te.Errors[0] // lines of type errors are exact
	}
	m := yamlErrLine.FindStringSubmatch(msg)
	e := &diag.Error{Path: file, Line: fm.fenceLine, Msg: "invalid YAML front matter: " + m[2],
		Hint: "check the indentation and the quotes on that line", Err: err}
	if n, _ := strconv.Atoi(m[1]); n > 0 {
		e.Line = fm.fenceLine + n
	}
	if te == nil {
		if n := fm.yamlErrorLine(m[2]); n > 0 {
			e.Line = fm.fenceLine + n
		}
	}
	switch {
	case yamlDuplicate.MatchString(m[2]):
		d := yamlDuplicate.FindStringSubmatch(m[2])
		first, _ := strconv.Atoi(d[2])
		e.Msg = fmt.Sprintf("key %s is set twice in the front matter (first on line %d)", d[1], fm.fenceLine+first)
		e.Hint = "a key may appear once; remove the other one"
	case strings.Contains(m[2], "mapping values are not allowed"):
		e.Hint = `a value containing ": " needs quotes: title: "제목: 부제"`
	case strings.Contains(m[2], "unexpected end of stream"):
		e.Hint = "a quote opened on this line is never closed"
	case strings.Contains(m[2], "tab character"):
		e.Hint = "indent with spaces, not tabs"
	case strings.Contains(m[2], "exceeded max depth"):
		e.Msg = fmt.Sprintf("front matter nests deeper than the limit of %d levels", MaxFrontMatterDepth)
		e.Hint = "flatten the lists and maps here"
	case strings.Contains(m[2], "cannot start any token"):
		e.Hint = "a value starting with @ or ` needs quotes"
	}
	return e
}

// maxYAMLScan bounds yamlErrorLine's work: front matter is a few dozen
// lines, but a file opening with a --- thematic break can have a long
// "front matter" up to the next ---.
const maxYAMLScan = 100

// yamlErrorLine finds the line of a syntax error: the YAML library counts
// lines from 0 or 1 depending on the error, and sometimes gives none. The
// first prefix of the front matter that fails with the same message ends at
// the line with the mistake. This costs a parse per line, only for a
// broken file; past maxYAMLScan lines the library's line stands.
func (fm frontMatter) yamlErrorLine(msg string) int {
	lines := bytes.SplitAfter(fm.text, []byte("\n"))
	var prefix []byte
	for i, l := range lines[:min(len(lines), maxYAMLScan)] {
		prefix = append(prefix, l...)
		var n yaml.Node
		err := yaml.Unmarshal(prefix, &n)
		if err == nil {
			continue
		}
		if m := yamlErrLine.FindStringSubmatch(err.Error()); m[2] == msg {
			return i + 1
		}
	}
	return 0
}
