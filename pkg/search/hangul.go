package search

import (
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// Hangul syllables are laid out as 0xAC00 + (initial×21 + medial)×28 +
// final, so the syllables that start with one consonant are one range of
// code points, and so are the ones that share an initial and a medial.
// That is what lets a partial syllable be a range query over a sorted
// dictionary.
const (
	syllableBase  = 0xAC00
	syllableLast  = 0xD7A3
	perInitial    = 21 * 28
	finalsPerPair = 28
)

// compatInitial maps the compatibility jamo a keyboard types (ㄱ, ㄲ, ㄴ…)
// to the index of the initial consonant they stand for; -1 for vowels and
// jamo that cannot start a syllable (ㄳ).
var compatInitial = func() [0x3164 - 0x3131]int8 {
	var m [0x3164 - 0x3131]int8
	for i := range m {
		m[i] = -1
	}
	for i, r := range []rune("ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ") {
		m[r-0x3131] = int8(i)
	}
	return m
}()

// finalSplit says, for each final consonant (1–27), what is left of the
// syllable's final when its last consonant moves on to start the next
// syllable, and the initial that consonant becomes: 닭 on the way to 달기
// is 달 + ㄱ. IMEs do exactly this when a vowel follows.
var finalSplit = [28]struct{ rest, next int8 }{
	{0, -1},
	{0, 0}, {0, 1}, {1, 9}, {0, 2}, {4, 12}, {4, 18}, {0, 3}, {0, 5},
	{8, 0}, {8, 6}, {8, 7}, {8, 9}, {8, 16}, {8, 17}, {8, 18},
	{0, 6}, {0, 7}, {17, 9}, {0, 9}, {0, 10}, {0, 11}, {0, 12}, {0, 14}, {0, 15}, {0, 16}, {0, 17}, {0, 18},
}

// class is the set of characters one position of a query word matches:
// the range lo..hi, and also (when not 0) one more character.
type class struct{ lo, hi, also rune }

func (c class) exact() bool     { return c.lo == c.hi && c.also == 0 }
func (c class) has(r rune) bool { return r >= c.lo && r <= c.hi || c.also != 0 && r == c.also }
func exactClass(r rune) class   { return class{lo: r, hi: r} }
func initialClass(l int, jamo rune) class {
	lo := rune(syllableBase + l*perInitial)
	return class{lo: lo, hi: lo + perInitial - 1, also: jamo}
}

// pattern matches the words that begin with one character of each class.
type pattern []class

// patterns returns what a query word matches. A compatibility consonant
// (ㅅ) matches any syllable it starts. When typing is true, the word is
// the one being typed and its last syllable may be unfinished: 서 also
// matches 섭…, and 섭 also matches 서 followed by a syllable that starts
// with ㅂ (서버).
func patterns(word string, typing bool) []pattern {
	var p pattern
	for _, r := range word {
		if r >= 0x3131 && r < 0x3164 && compatInitial[r-0x3131] >= 0 {
			p = append(p, initialClass(int(compatInitial[r-0x3131]), r))
			continue
		}
		p = append(p, exactClass(r))
	}
	if !typing || len(p) == 0 {
		return []pattern{p}
	}
	last := p[len(p)-1]
	if !last.exact() || last.lo < syllableBase || last.lo > syllableLast {
		return []pattern{p}
	}
	s := last.lo
	final := int((s - syllableBase) % finalsPerPair)
	if final == 0 {
		p[len(p)-1] = class{lo: s, hi: s + finalsPerPair - 1}
		return []pattern{p}
	}
	split := finalSplit[final]
	alt := append(pattern{}, p[:len(p)-1]...)
	alt = append(alt, exactClass(s-rune(final)+rune(split.rest)), initialClass(int(split.next), 0))
	return []pattern{p, alt}
}

// matches reports whether word begins with p.
func (p pattern) matches(word string) bool {
	i := 0
	for _, r := range word {
		if i == len(p) {
			return true
		}
		if !p[i].has(r) {
			return false
		}
		i++
	}
	return i == len(p)
}

// scans returns the ranges of the sorted dictionary that can hold words
// matching p: the words from lo up to hi (hi followed by anything).
func (p pattern) scans() [][2]string {
	var prefix strings.Builder
	for _, c := range p {
		if c.exact() {
			prefix.WriteRune(c.lo)
			continue
		}
		base := prefix.String()
		out := [][2]string{{base + string(c.lo), base + string(c.hi) + "\uffff"}}
		if c.also != 0 {
			out = append(out, [2]string{base + string(c.also), base + string(c.also) + "\uffff"})
		}
		return out
	}
	base := prefix.String()
	return [][2]string{{base, base + "\uffff"}}
}

// compare orders strings by UTF-16 code units, as JavaScript's < does, so
// that the browser can binary-search the dictionary the Go side sorted.
func compare(a, b string) int {
	for a != "" && b != "" {
		ra, na := utf8.DecodeRuneInString(a)
		rb, nb := utf8.DecodeRuneInString(b)
		if ra != rb {
			a1, a2 := units(ra)
			b1, b2 := units(rb)
			if a1 != b1 {
				return cmpRune(a1, b1)
			}
			return cmpRune(a2, b2)
		}
		a, b = a[na:], b[nb:]
	}
	return cmpRune(rune(len(a)), rune(len(b)))
}

func units(r rune) (rune, rune) {
	if r < 0x10000 {
		return r, 0
	}
	return utf16.EncodeRune(r)
}

func cmpRune(a, b rune) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
