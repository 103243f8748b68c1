// Package words holds the small text functions geul needs for Korean-first,
// Unicode-always writing: URL and anchor slugs, word counts, reading times and
// truncation that never splits a Hangul syllable or an emoji sequence.
//
// It is a leaf: it imports only the standard library, golang.org/x/text and
// github.com/rivo/uniseg, and nothing from geul, so any package may use it.
package words
