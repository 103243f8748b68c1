package markdown

import (
	"net/url"
	"strings"
)

// mdLink splits a link destination that points at a Markdown file relative
// to the current one ("../b.md#part") into the URL-unescaped path
// ("../b.md") and the rest as written ("#part", "?q=1#part"). ok is false
// for absolute URLs, URLs with a scheme, site-absolute paths, fragments and
// any path that does not end in ".md" (in any case).
func mdLink(dest string) (path, suffix string, ok bool) {
	if dest == "" || dest[0] == '/' || dest[0] == '#' || hasScheme(dest) {
		return "", "", false
	}
	path = dest
	if i := strings.IndexAny(dest, "?#"); i >= 0 {
		path, suffix = dest[:i], dest[i:]
	}
	if p, err := url.PathUnescape(path); err == nil {
		path = p
	}
	if len(path) < 3 || !strings.EqualFold(path[len(path)-3:], ".md") {
		return "", "", false
	}
	return path, suffix, true
}

// hasScheme reports whether dest starts with a URL scheme ("https:",
// "mailto:"), as RFC 3986 spells one: a letter, then letters, digits, "+",
// "-" or ".", then ":".
func hasScheme(dest string) bool {
	for i := 0; i < len(dest); i++ {
		c := dest[i]
		switch {
		case 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z':
		case i > 0 && ('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.'):
		case i > 0 && c == ':':
			return true
		default:
			return false
		}
	}
	return false
}

// fileLink splits the destination of a link or image that may point at a
// file of the site ("img/a%20b.png?v=1") into the URL-unescaped path and
// the rest as written. ok is false for URLs with a scheme, "//host"
// URLs, fragments, links to folders ("../a/") and, for a link, a path
// starting with "/" (a page of the site, not a file beside the post).
func fileLink(dest string, image bool) (path, suffix string, ok bool) {
	if dest == "" || dest[0] == '#' || strings.HasPrefix(dest, "//") || hasScheme(dest) ||
		!image && dest[0] == '/' {
		return "", "", false
	}
	path = dest
	if i := strings.IndexAny(dest, "?#"); i >= 0 {
		path, suffix = dest[:i], dest[i:]
	}
	if p, err := url.PathUnescape(path); err == nil {
		path = p
	}
	if path == "" || strings.HasSuffix(path, "/") || path == "." || path == ".." {
		return "", "", false
	}
	return path, suffix, true
}
