package server

import (
	"bytes"
	"html"
)

// injectScript returns page with the live-reload script tag inserted before
// its last </body> (matched in any case), or appended when it has none.
// That tag is the only change made to a page. gen names the build the page
// comes from, so the script can tell whether it missed a reload.
func injectScript(page []byte, gen string) []byte {
	tag := `<script src="` + internalPrefix + `livereload.js" data-gen="` + html.EscapeString(gen) + `"></script>`
	at := lastIndexFold(page, []byte("</body>"))
	if at < 0 {
		at = len(page)
	}
	out := make([]byte, 0, len(page)+len(tag))
	out = append(out, page[:at]...)
	out = append(out, tag...)
	return append(out, page[at:]...)
}

// lastIndexFold is bytes.LastIndex ignoring ASCII case; sep must be lower
// case. Hand-written because the standard library has no case-folding
// LastIndex, and lowering a copy of every page would double its memory.
func lastIndexFold(s, sep []byte) int {
	for i := len(s) - len(sep); i >= 0; i-- {
		if s[i] == '<' && bytes.EqualFold(s[i:i+len(sep)], sep) {
			return i
		}
	}
	return -1
}
