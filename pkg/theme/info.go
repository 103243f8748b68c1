package theme

import (
	"errors"
	"io/fs"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/geul-blog/geul/pkg/diag"
)

// Info is what a theme's theme.toml says about it.
type Info struct {
	Name        string `toml:"name"`        // the theme's name, "default"
	Author      string `toml:"author"`      // who made it
	License     string `toml:"license"`     // an SPDX identifier such as "MIT"
	MinVersion  string `toml:"min_version"` // the oldest geul it works with, "0.1.0"
	Description string `toml:"description"` // one line about it
	Homepage    string `toml:"homepage"`    // where it is developed
}

// readInfo reads theme.toml from the theme's folder. A missing file gives
// an Info with just the name.
func readInfo(s source, name, version string) (Info, error) {
	info := Info{Name: name}
	display := s.show("theme.toml")
	src, err := s.read("theme.toml")
	if errors.Is(err, fs.ErrNotExist) {
		return info, nil
	}
	if err != nil {
		return info, readError(display, err)
	}
	if _, err := toml.Decode(string(src), &info); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return info, &diag.Error{Path: display, Line: pe.Position.Line, Col: pe.Position.Col,
				Msg: "invalid TOML: " + pe.Message, Hint: "check the quoting and the = sign on that line", Err: err}
		}
		return info, &diag.Error{Path: display, Msg: err.Error(), Hint: `theme.toml's values are strings, such as min_version = "0.1.0"`, Err: err}
	}
	if info.MinVersion == "" || version == "" {
		return info, nil
	}
	need, ok := parseVersion(info.MinVersion)
	if !ok {
		return info, diag.Errorf(display, keyLine(src, "min_version"), "min_version %q is not a version", info.MinVersion).
			WithHint(`write it as "MAJOR.MINOR.PATCH", such as "0.1.0"`)
	}
	have, ok := parseVersion(version)
	if ok && less(have, need) {
		return info, diag.Errorf(display, keyLine(src, "min_version"), "theme %q needs geul %s or newer; this is geul %s", name, info.MinVersion, version).
			WithHint("update geul, or use a release of the theme made for this version")
	}
	return info, nil
}

// parseVersion reads "1.2.3", "v1.2" or "1.2.3-beta" (the pre-release part
// is ignored). Hand-written: three numbers do not warrant golang.org/x/mod.
func parseVersion(s string) ([3]int, bool) {
	var v [3]int
	s = strings.TrimPrefix(s, "v")
	s, _, _ = strings.Cut(s, "-")
	s, _, _ = strings.Cut(s, "+")
	parts := strings.Split(s, ".")
	if len(parts) > 3 {
		return v, false
	}
	for i, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil || n < 0 {
			return v, false
		}
		v[i] = n
	}
	return v, true
}

func less(a, b [3]int) bool {
	for i := range a {
		if a[i] != b[i] {
			return a[i] < b[i]
		}
	}
	return false
}
