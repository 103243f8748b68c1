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
//
// Most of a Korean blog's text is ASCII, composed syllables and common
// punctuation, which Fold leaves as they are but for ASCII case; only
// the runs of other characters, with the character before each (an
// accent composes with it), go through the two normalizations. That
// gives what normalizing the whole text would: nothing composes with a
// character that comes before it.
func Fold(s string) string {
	var b []byte
	whole := false
	foldPieces(s, func(piece string, plain bool) {
		switch {
		case plain && len(piece) == len(s):
			whole = true
		case b == nil:
			b = make([]byte, 0, len(s))
			fallthrough
		default:
			if plain {
				b = appendASCIILower(b, piece)
			} else {
				b = append(b, piece...)
			}
		}
	})
	if whole || b == nil {
		return asciiLower(s)
	}
	return string(b)
}

// foldPieces calls fn with the pieces of Fold(s), in order: plain pieces
// of s, which fold by ASCII case alone (fn lowers them), and pieces that
// went through both normalizations, folded already. wordReader.read
// walks text the same way, reading words as it goes.
func foldPieces(s string, fn func(piece string, plain bool)) {
	done := 0 // s[:done] went to fn
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if plainRune(r) {
			i += n
			continue
		}
		start := i
		if i > 0 {
			_, pn := utf8.DecodeLastRuneInString(s[:i])
			start = i - pn
		}
		end := unplainEnd(s, i+n)
		if start > done {
			fn(s[done:start], true)
		}
		fn(foldSlow(s[start:end]), false)
		done, i = end, end
	}
	if done < len(s) {
		fn(s[done:], true)
	}
}

func foldSlow(s string) string {
	d := strings.Map(func(r rune) rune {
		if unicode.Is(unicode.Mn, r) {
			return -1
		}
		return r
	}, norm.NFD.String(s))
	return strings.ToLower(norm.NFC.String(d))
}

// plainRune reports whether Fold leaves r as it is apart from ASCII case.
func plainRune(r rune) bool {
	return r < utf8.RuneSelf ||
		r >= 0xAC00 && r <= 0xD7A3 || // Hangul syllables
		r >= 0x3131 && r <= 0x318E || // compatibility jamo
		r >= 0x2000 && r <= 0x206F || // general punctuation
		r >= 0x3000 && r <= 0x303F // CJK punctuation
}

func appendASCIILower(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	return b
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
	eachToken(folded, func(t Token) { out = append(out, t) })
	return out
}

// eachToken calls fn with each of Tokens(folded), without a slice.
func eachToken(folded string, fn func(Token)) {
	start, startHangul := -1, false
	flush := func(end int) {
		if start >= 0 {
			fn(Token{Text: capRunes(folded[start:end]), Start: start, End: end})
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
	switch {
	case r < utf8.RuneSelf:
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	case r >= 0xAC00 && r <= 0xD7A3:
		return true
	}
	return unicode.IsLetter(r) || unicode.IsNumber(r)
}

// isHangul reports whether r is a Hangul syllable or jamo.
func isHangul(r rune) bool {
	return r >= 0xAC00 && r <= 0xD7A3 || r >= 0x3131 && r <= 0x318E || r >= 0x1100 && r <= 0x11FF
}

// wordReader finds the words of Fold(text) as eachToken does, without
// making the folded text: it folds as it reads (read) and keeps only the
// word it is in. fn gets each word, folded and cut to maxTokenRunes, in a
// buffer that is reused for the next one.
type wordReader struct {
	word   []byte
	runes  int  // in word, up to maxTokenRunes
	in     bool // in a word, even one past maxTokenRunes
	hangul bool // the word is Hangul
	fn     func(word []byte)
}

// read reads the words of s as Fold(s) has them. It decodes each
// character once: a plain one (plainRune) is read as it is but for ASCII
// case, one character late, because Fold folds the character before a
// run of others with that run (an accent composes with it).
func (w *wordReader) read(s string) {
	var pr rune // the plain character before i, not read yet,
	pend := 0   // and its length (0: none)
	for i := 0; i < len(s); {
		r, n := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(s[i:])
			if !plainRune(r) {
				end := unplainEnd(s, i+n)
				w.piece(foldSlow(s[i-pend : end]))
				i, pend = end, 0
				continue
			}
		}
		if pend > 0 {
			w.take(pr, s[i-pend:i])
		}
		i, pr, pend = i+n, r, n
	}
	if pend > 0 {
		w.take(pr, s[len(s)-pend:])
	}
	w.flush()
}

// piece reads a piece of folded text.
func (w *wordReader) piece(s string) {
	for i := 0; i < len(s); {
		r, n := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(s[i:])
		}
		w.take(r, s[i:i+n])
		i += n
	}
}

// take reads one character, r, whose bytes in the text are c.
func (w *wordReader) take(r rune, c string) {
	if 'A' <= r && r <= 'Z' {
		r += 'a' - 'A'
	}
	if !isWord(r) {
		w.flush()
		return
	}
	h := isHangul(r)
	if w.in && h != w.hangul {
		w.flush()
	}
	if !w.in {
		w.in, w.hangul = true, h
	}
	if w.runes < maxTokenRunes {
		if r < utf8.RuneSelf {
			w.word = append(w.word, byte(r))
		} else {
			w.word = append(w.word, c...)
		}
		w.runes++
	}
}

// flush ends the word being read, if any.
func (w *wordReader) flush() {
	if w.in {
		w.fn(w.word)
		w.word, w.runes, w.in = w.word[:0], 0, false
	}
}

// unplainEnd returns where the run of runes that are not plainRune, from
// end on in s, ends.
func unplainEnd(s string, end int) int {
	for end < len(s) {
		r, n := utf8.DecodeRuneInString(s[end:])
		if plainRune(r) {
			break
		}
		end += n
	}
	return end
}
