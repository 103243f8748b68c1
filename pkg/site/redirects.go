package site

import "html"

// This file holds the pages that send a reader from an old URL (a page's
// aliases) to its new one.

// aliasHTML is a page that sends the reader from an old URL to the new one.
func aliasHTML(to string) []byte {
	u := html.EscapeString(to)
	return []byte(`<!DOCTYPE html><html><head><title>` + u + `</title><link rel="canonical" href="` + u +
		`"><meta name="robots" content="noindex"><meta charset="utf-8"><meta http-equiv="refresh" content="0; url=` + u +
		`"></head><body><a href="` + u + `">` + u + "</a></body></html>\n")
}
