// Package search makes the static search index of a site and answers
// queries over it, as the default theme's search.js does in the browser.
//
// Korean attaches particles to words (서버가, 서버를), so a query word
// matches every indexed word it begins (prefix matching over a sorted
// dictionary). The last word of a query may be a syllable still being
// composed: 섭 matches 섭… and 서 followed by a syllable that starts with
// ㅂ (서버), and a lone consonant stands for any syllable it starts (ㅅㅂ
// finds 서버). Text is folded before it is indexed or matched: NFC, Latin
// accents dropped, lower case (Fold).
//
// The index is a set of JSON files (Files): index.json, which names the
// shards, shards of the sorted dictionary with each word's postings
// (t<n>.json), and the documents' titles, dates and text in chunks
// (d<n>.json) that a browser fetches only for the results it shows.
// docs/search.md describes the format and why it is this one.
//
// pkg/search knows nothing of sites or pages: pkg/site gives it Docs.
package search
