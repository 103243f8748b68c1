// Package archetype makes the first text of a new post or page from an
// archetype, as Hugo does: a Markdown file whose front matter is a Go
// text/template over Data (.Title, .Date, .Slug, .Section, .Categories,
// .Tags, .Name).
//
// The archetype for a file in section s is the first of
//
//	archetypes/s.md, archetypes/default.md                       (the site)
//	themes/<theme>/archetypes/s.md, themes/<theme>/archetypes/default.md
//	geul's built-in default (Default)
//
// The template has one function of its own, toml, which writes a string or
// a list of strings as a TOML value ({{ toml .Title }} → "23년 6월 회고").
package archetype

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"text/template"
	"unicode/utf8"
)

// Default is geul's built-in archetype; geul new site writes it into
// archetypes/default.md so that it can be edited.
//
//go:embed default.md
var Default []byte

// Data is what an archetype template sees.
type Data struct {
	Title      string   // as given on the command line
	Date       string   // now in the site's time zone, RFC 3339 (a TOML and YAML date as it is)
	Slug       string   // the file (or bundle folder) name without .md
	Name       string   // the same, as Hugo's .Name
	Section    string   // the first folder under content/; "" for a plain page
	Kind       string   // "post" or "page"
	Categories []string // --category
	Tags       []string // --tags
}

// Find returns the archetype for section in the site at siteDir with
// theme, and the path it was read from ("" for the built-in one).
func Find(siteDir, theme, section string) (path string, src []byte, err error) {
	var names []string
	for _, dir := range []string{"archetypes", filepath.Join("themes", theme, "archetypes")} {
		if section != "" {
			names = append(names, filepath.Join(dir, section+".md"))
		}
		names = append(names, filepath.Join(dir, "default.md"))
	}
	for _, n := range names {
		p := filepath.Join(siteDir, n)
		src, err := os.ReadFile(p)
		if err == nil {
			return p, src, nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return "", nil, err
		}
	}
	return "", Default, nil
}

// Execute runs the archetype src (read from path, for errors) with d.
func Execute(path string, src []byte, d Data) ([]byte, error) {
	if path == "" {
		path = "geul's built-in archetype"
	}
	t, err := template.New(path).Option("missingkey=error").Funcs(template.FuncMap{"toml": tomlValue}).Parse(string(src))
	if err != nil {
		return nil, fmt.Errorf("%v; fix the template in %s", err, path)
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, d); err != nil {
		return nil, fmt.Errorf("%v; an archetype can use .Title, .Date, .Slug, .Name, .Section, .Kind, .Categories and .Tags", err)
	}
	return buf.Bytes(), nil
}

// tomlValue writes a string or a list of strings as a TOML value.
func tomlValue(v any) (string, error) {
	switch v := v.(type) {
	case string:
		return tomlString(v), nil
	case []string:
		quoted := make([]string, len(v))
		for i, s := range v {
			quoted[i] = tomlString(s)
		}
		return "[" + strings.Join(quoted, ", ") + "]", nil
	}
	return "", fmt.Errorf("toml: cannot write a %T", v)
}

// Quote quotes s as a TOML basic string, as {{ toml }} does.
func Quote(s string) string { return tomlString(s) }

// tomlString quotes s as a TOML basic string. strconv.Quote is close but
// writes \x escapes, which TOML does not have.
func tomlString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\u%04X`, r)
		case r == utf8.RuneError:
			b.WriteString(`\uFFFD`)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
