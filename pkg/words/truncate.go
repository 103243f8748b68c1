package words

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/rivo/uniseg"
)

// Ellipsis is what Truncate appends to a text it cut.
const Ellipsis = "…"

// Truncate cuts plain text s to at most n runes and appends Ellipsis; it
// returns s unchanged when s has n runes or fewer. The result has at most
// n+1 runes, Ellipsis included.
//
// It cuts only between grapheme clusters (UAX #29, via github.com/rivo/uniseg),
// so a Hangul syllable written as jamo, an emoji ZWJ sequence such as 🏃‍♂️, a
// flag or a skin-tone emoji is kept whole or left out whole. It prefers to cut
// at the last whitespace, as long as that keeps at least half of n, so Latin
// words and Korean eojeol stay whole; for long runs without spaces (Chinese,
// Japanese, URLs) it cuts after the last cluster that fits. Whitespace before
// the cut is trimmed.
func Truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	n = max(n, 0)
	runes := 0         // runes in s[:cut]
	cut := 0           // the longest prefix of whole clusters within n runes
	space := -1        // the start of the last whitespace cluster in s[:cut]
	spaceRunes := 0    // runes before space
	atWordEnd := false // the first cluster left out is whitespace
	rest, state := s, -1
	for len(rest) > 0 {
		var cluster string
		cluster, rest, _, state = uniseg.FirstGraphemeClusterInString(rest, state)
		r, _ := utf8.DecodeRuneInString(cluster)
		isSpace := unicode.IsSpace(r)
		c := utf8.RuneCountInString(cluster)
		if runes+c > n {
			atWordEnd = isSpace
			break
		}
		if isSpace {
			space, spaceRunes = cut, runes
		}
		cut += len(cluster)
		runes += c
	}
	if !atWordEnd && space > 0 && 2*spaceRunes >= n {
		cut = space
	}
	return strings.TrimRightFunc(s[:cut], unicode.IsSpace) + Ellipsis
}
