package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Fold returns s as the index and queries see it: Hangul composed (NFC),
// so that text typed on macOS (NFD) is the same text; Latin accents
// dropped (é → e); lower case. search.js's fold does the same with
// String.prototype.normalize.
func Fold(s string) string {
	if plain(s) {
		return asciiLower(s)
	}
	d := norm.NFD.String(s)
	d = strings.Map(func(r rune) rune {
		if unicode.Is(unicode.Mn, r) {
			return -1
		}
		return r
	}, d)
	return strings.ToLower(norm.NFC.String(d))
}

// plain reports whether s holds only characters that Fold would leave as
// they are apart from ASCII case: ASCII, composed Hangul syllables and
// common punctuation. Most of a Korean blog's text is, and skipping the
// two normalizations for it keeps indexing cheap.
func plain(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		switch {
		case r >= 0xAC00 && r <= 0xD7A3: // Hangul syllables
		case r >= 0x3131 && r <= 0x318E: // compatibility jamo
		case r >= 0x2000 && r <= 0x206F: // general punctuation
		case r >= 0x3000 && r <= 0x303F: // CJK punctuation
		default:
			return false
		}
	}
	return true
}

func asciiLower(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if c := b[j]; c >= 'A' && c <= 'Z' {
					b[j] = c + 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}

// maxTokenRunes caps a word's length: a long URL or hash is not worth
// indexing whole, and its beginning still matches a prefix query.
const maxTokenRunes = 24

// Token is one word of folded text: its folded text and where it is.
type Token struct {
	Text       string
	Start, End int // byte offsets in the folded text
}

// Tokens splits folded text into words: runs of letters and digits, split
// where Hangul meets another script ("aws로" is "aws" and "로": Korean
// writes particles onto English words too). search.js's tokens does the
// same.
func Tokens(folded string) []Token {
	var out []Token
	start, startHangul := -1, false
	flush := func(end int) {
		if start >= 0 {
			out = append(out, Token{Text: capRunes(folded[start:end]), Start: start, End: end})
			start = -1
		}
	}
	for i, r := range folded {
		if !isWord(r) {
			flush(i)
			continue
		}
		h := isHangul(r)
		if start >= 0 && h != startHangul {
			flush(i)
		}
		if start < 0 {
			start, startHangul = i, h
		}
	}
	flush(len(folded))
	return out
}

func capRunes(s string) string {
	n := 0
	for i := range s {
		if n == maxTokenRunes {
			return s[:i]
		}
		n++
	}
	return s
}

// isWord reports whether r is part of a word: a letter or a number
// (\p{L} and \p{N} in search.js).
func isWord(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsNumber(r)
}

// isHangul reports whether r is a Hangul syllable or jamo.
func isHangul(r rune) bool {
	return r >= 0xAC00 && r <= 0xD7A3 || r >= 0x3131 && r <= 0x318E || r >= 0x1100 && r <= 0x11FF
}
