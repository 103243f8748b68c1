package theme

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/geul-blog/geul/pkg/diag"
)

// bundled holds the built-in strings, i18n/ko.toml and i18n/en.toml.
//
//go:embed i18n/*.toml
var bundled embed.FS

// translator answers the i18n template function.
type translator struct {
	korean   bool
	strings  map[string]string // the site's language: built-in, then theme, then site files
	fallback map[string]string // the built-in English strings
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
	if tr.fallback, err = readStrings(bundled, "i18n/en.toml", "i18n/en.toml"); err != nil {
		return nil, err
	}
	builtin := tr.fallback
	if tr.korean {
		if builtin, err = readStrings(bundled, "i18n/ko.toml", "i18n/ko.toml"); err != nil {
			return nil, err
		}
	}
	tr.strings = make(map[string]string, len(builtin))
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
		for _, code := range codes {
			name := s.path("i18n/" + code + ".toml")
			m, err := readStrings(s.fsys, name, s.show("i18n/"+code+".toml"))
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

// readStrings reads a flat TOML file of key = "string" lines.
func readStrings(fsys fs.FS, name, display string) (map[string]string, error) {
	src, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, err
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
	m := make(map[string]string, len(raw))
	for k, v := range raw {
		s, ok := v.(string)
		if !ok {
			return nil, diag.Errorf(display, keyLine(src, k), "%s is a %T, not a string", k, v).
				WithHint(`write it as %s = "text"`, k)
		}
		m[k] = s
	}
	return m, nil
}

// translate returns the string for key in the site's language, else in
// English, else key itself so that a missing string shows on the page.
// With args, the string is a fmt format.
func (tr *translator) translate(key string, args ...any) string {
	s, ok := tr.strings[key]
	if !ok {
		if s, ok = tr.fallback[key]; !ok {
			return key
		}
	}
	if len(args) == 0 {
		return s
	}
	return fmt.Sprintf(s, args...)
}
