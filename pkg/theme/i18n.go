package theme

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/geul-blog/geul/pkg/diag"
	"github.com/geul-blog/geul/pkg/sitefs"
)

// bundled holds the built-in strings, i18n/ko.toml and i18n/en.toml.
//
//go:embed i18n/*.toml
var bundled embed.FS

// translator answers the i18n template function.
type translator struct {
	korean   bool
	strings  map[string]message // the site's language: built-in, then theme, then site files
	fallback map[string]message // the built-in English strings
}

// message is one translated string. One, when set, is used instead of
// Other when the first argument is the number 1 ("%d post" / "%d posts").
type message struct {
	Other string `toml:"other"`
	One   string `toml:"one"`
}

// isKorean reports whether a language code ("ko", "ko-KR", "ko_kr") is Korean.
func isKorean(code string) bool {
	primary, _, _ := strings.Cut(strings.ToLower(strings.ReplaceAll(code, "_", "-")), "-")
	return primary == "ko"
}

// loadTranslations builds the strings for lang: the built-in Korean or
// English ones, overridden by the theme's then the site's i18n files.
func loadTranslations(lang string, site, theme source) (*translator, error) {
	tr := &translator{korean: isKorean(lang)}
	var err error
	if tr.fallback, err = readStrings(bundled, ".", "i18n/en.toml", "i18n/en.toml"); err != nil {
		return nil, err
	}
	builtin := tr.fallback
	if tr.korean {
		if builtin, err = readStrings(bundled, ".", "i18n/ko.toml", "i18n/ko.toml"); err != nil {
			return nil, err
		}
	}
	tr.strings = make(map[string]message, len(builtin))
	for k, v := range builtin {
		tr.strings[k] = v
	}
	codes := []string{}
	if lang != "" {
		primary, _, _ := strings.Cut(strings.ReplaceAll(lang, "_", "-"), "-")
		codes = append(codes, primary)
		if lang != primary {
			codes = append(codes, lang) // "ko-KR.toml" refines "ko.toml"
		}
	}
	for _, s := range []source{theme, site} {
		if s.fsys == nil {
			continue // the site's own strings are left out
		}
		for _, code := range codes {
			name := s.path("i18n/" + code + ".toml")
			m, err := readStrings(s.fsys, s.linkRoot(), name, s.show("i18n/"+code+".toml"))
			if errors.Is(err, fs.ErrNotExist) {
				continue
			}
			if err != nil {
				return nil, err
			}
			for k, v := range m {
				tr.strings[k] = v
			}
		}
	}
	return tr, nil
}

// readStrings reads a TOML file of key = "text" lines; a key may instead be
// a table with one = "…" and other = "…" for text that depends on a count.
// Links on the way to name must stay inside root.
func readStrings(fsys fs.FS, root, name, display string) (map[string]message, error) {
	src, err := sitefs.ReadFile(fsys, root, name, maxFileSize)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	if err != nil {
		return nil, readError(display, err)
	}
	var raw map[string]any
	if _, err := toml.Decode(string(src), &raw); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, &diag.Error{Path: display, Line: pe.Position.Line, Col: pe.Position.Col,
				Msg: "invalid TOML: " + pe.Message, Hint: `write one key = "text" a line`, Err: err}
		}
		return nil, &diag.Error{Path: display, Msg: err.Error(), Err: err}
	}
	m := make(map[string]message, len(raw))
	for k, v := range raw {
		switch v := v.(type) {
		case string:
			m[k] = message{Other: v}
		case map[string]any:
			one, okOne := v["one"].(string)
			other, okOther := v["other"].(string)
			if !okOther || (v["one"] != nil && !okOne) || len(v) > 2 || len(v) == 2 && v["one"] == nil {
				return nil, diag.Errorf(display, tableLine(src, k), "[%s] must have other = \"text\" and may have one = \"text\"", k).
					WithHint("write the text for a count of 1 as one and every other count as other")
			}
			m[k] = message{Other: other, One: one}
		default:
			return nil, diag.Errorf(display, keyLine(src, k), "%s is a %T, not a string", k, v).
				WithHint(`write it as %s = "text"`, k)
		}
	}
	return m, nil
}

// translate returns the string for key in the site's language, else in
// English, else key itself so that a missing string shows on the page.
// With args, the string is a fmt format.
func (tr *translator) translate(key string, args ...any) string {
	m, ok := tr.strings[key]
	if !ok {
		if m, ok = tr.fallback[key]; !ok {
			return key
		}
	}
	s := m.Other
	if len(args) == 0 {
		return s
	}
	if n, ok := args[0].(int); ok && n == 1 && m.One != "" {
		s = m.One
	}
	if !strings.Contains(s, "%") {
		return s // "one comment" needs no number
	}
	return fmt.Sprintf(s, args...)
}

// tableLine returns the line of "[key]" in src, or 0.
func tableLine(src []byte, key string) int {
	for i, line := range strings.Split(string(src), "\n") {
		if t := strings.TrimSpace(line); t == "["+key+"]" || t == `["`+key+`"]` {
			return i + 1
		}
	}
	return keyLine(src, key)
}
