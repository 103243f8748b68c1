package site

import (
	"bytes"
	"fmt"
	"net/url"
	"path"
	"strings"

	"golang.org/x/net/html"
)

// summaryURLs returns summary with its relative links and image sources
// resolved against base, the URL of the page it summarises: a summary is
// shown on list pages too, where "pic.png" (an image of the post's bundle)
// or "#fn:1" would point somewhere else. The page's own Content keeps its
// relative URLs as written. Tags with nothing to change are copied as they
// are; one that changes is written again by x/net/html, which escapes its
// attribute values as goldmark does.
func summaryURLs(summary []byte, base string) []byte {
	if !bytes.Contains(summary, []byte("src=")) && !bytes.Contains(summary, []byte("href=")) {
		return summary
	}
	var out bytes.Buffer
	out.Grow(len(summary) + 64)
	z := html.NewTokenizer(bytes.NewReader(summary))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		raw := z.Raw()
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			out.Write(raw)
			continue
		}
		tok := z.Token()
		changed := false
		for i, a := range tok.Attr {
			if a.Namespace == "" && (a.Key == "src" || a.Key == "href") {
				if v, ok := resolveAgainst(a.Val, base); ok {
					tok.Attr[i].Val, changed = v, true
				}
			}
		}
		if !changed {
			out.Write(raw)
			continue
		}
		out.WriteString(tok.String())
	}
	return out.Bytes()
}

// resolveAgainst resolves the relative URL ref against base ("/posts/b/"),
// and reports false when ref is not relative to the page (absolute, with a
// scheme, starting with "/", or empty).
func resolveAgainst(ref, base string) (string, bool) {
	if ref == "" || strings.HasPrefix(ref, "/") {
		return "", false
	}
	if u, err := url.Parse(ref); err != nil || u.Scheme != "" || u.Host != "" {
		return "", false
	}
	if strings.HasPrefix(ref, "#") || strings.HasPrefix(ref, "?") {
		return base + ref, true
	}
	p, rest := ref, ""
	if i := strings.IndexAny(ref, "?#"); i >= 0 {
		p, rest = ref[:i], ref[i:]
	}
	joined := path.Join(base, p)
	if strings.HasSuffix(p, "/") || p == "." || p == ".." {
		joined += "/"
	}
	return joined + rest, true
}

// urlPath returns the site-relative output folder rel ("posts/서버-장애/")
// as the path of a URL: Hangul and other letters stay as they are, as
// geul's URLs keep them readable, but the characters that would end the
// path or change its meaning are percent-encoded: "?" (a post named "?.md"
// would otherwise link to a query), "#", "%", spaces and controls.
func urlPath(rel string) string {
	if !strings.ContainsFunc(rel, needsEscape) {
		return rel
	}
	var b strings.Builder
	for _, r := range rel {
		if needsEscape(r) {
			fmt.Fprintf(&b, "%%%02X", r) // ASCII only
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func needsEscape(r rune) bool {
	return r == '?' || r == '#' || r == '%' || r <= ' ' || r == 0x7f
}

// relOfURL is the inverse of urlPath: the output folder of a URL path.
func relOfURL(u string) string {
	if !strings.Contains(u, "%") {
		return u
	}
	if rel, err := url.PathUnescape(u); err == nil {
		return rel
	}
	return u
}
