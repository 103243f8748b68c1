package config

import (
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/geul-blog/geul/pkg/diag"
)

// CheckBaseURL says what is wrong with u as a baseURL: it must be an
// absolute URL with a scheme and a host ("https://blog.example.kr/sub/"),
// or exactly "/" for a site that only uses relative links. Without the
// scheme, "blog.example.kr" would be read as a path and every deployed
// page would load its CSS from the wrong place.
func CheckBaseURL(u string) error {
	if u == "/" {
		return nil
	}
	p, err := url.Parse(u)
	if err != nil {
		return fmt.Errorf("baseURL %q is not a URL; write it like \"https://blog.example.kr/\"", u)
	}
	if p.Scheme == "" || p.Host == "" {
		return fmt.Errorf("baseURL %q needs a scheme and a host; write it like \"https://%s\" (or \"/\" for relative links only)", u, suggestAbs(u))
	}
	if p.Scheme != "http" && p.Scheme != "https" {
		return fmt.Errorf("baseURL %q should start with https:// or http://", u)
	}
	if p.RawQuery != "" || p.Fragment != "" {
		return fmt.Errorf("baseURL %q has a query or a fragment; give the site's address only", u)
	}
	return nil
}

// IsAbsoluteURL reports whether baseURL u is a full address (not "/"), as
// feeds, the sitemap and Open Graph tags need.
func IsAbsoluteURL(u string) bool {
	p, err := url.Parse(u)
	return err == nil && p.Scheme != "" && p.Host != ""
}

func suggestAbs(u string) string {
	for len(u) > 0 && u[0] == '/' {
		u = u[1:]
	}
	if u == "" {
		return "blog.example.kr/"
	}
	return u
}

// atKeyLine gives a problem with one key's value (baseURL, timeZone,
// slugStyle, paginate) the line where the key is written in src.
func atKeyLine(err error, src []byte) error {
	var e *diag.Error
	if !errors.As(err, &e) || e.Line != 0 {
		return err
	}
	for _, key := range []string{"baseURL", "timeZone", "slugStyle", "paginate"} {
		if !strings.Contains(e.Msg, key) {
			continue
		}
		for i, line := range strings.Split(string(src), "\n") {
			if k, _, ok := strings.Cut(line, "="); ok && strings.TrimSpace(k) == key {
				e.Line = i + 1
				return e
			}
		}
	}
	return err
}
