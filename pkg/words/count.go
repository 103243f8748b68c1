package words

import (
	"math"
	"unicode"
)

// Reading speeds used by ReadingTime.
const (
	HangulPerMinute = 500 // Hangul syllables a minute, a common figure for Korean silent reading
	CJKPerMinute    = 500 // Han, Hiragana and Katakana characters a minute
	WordsPerMinute  = 220 // space-separated words a minute for Latin and other scripts
)

// stats is what one pass over a text finds.
type stats struct {
	words  int // Count's result
	hangul int // Hangul syllables and jamo
	cjk    int // Han, Hiragana and Katakana characters
	other  int // whitespace-separated tokens with a letter or digit of any other script
}

func isCJK(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana)
}

func scan(text string) stats {
	var st stats
	inToken, hasHangul, hasOther := false, false, false
	end := func() {
		if hasHangul || hasOther {
			st.words++
		}
		if hasOther {
			st.other++
		}
		inToken, hasHangul, hasOther = false, false, false
	}
	for _, r := range text {
		switch {
		case r < 0x80: // fast path for ASCII spaces, letters, digits and punctuation
			if r == ' ' || '\t' <= r && r <= '\r' {
				if inToken {
					end()
				}
				continue
			}
			if 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' {
				hasOther = true
			}
		case 0xAC00 <= r && r <= 0xD7A3: // fast path for Hangul syllables, most of a Korean text
			st.hangul++
			hasHangul = true
		case unicode.IsSpace(r):
			if inToken {
				end()
			}
			continue
		case unicode.Is(unicode.Hangul, r):
			st.hangul++
			hasHangul = true
		case isCJK(r):
			st.cjk++
			st.words++
		case unicode.IsLetter(r) || unicode.IsNumber(r):
			hasOther = true
		}
		inToken = true
	}
	if inToken {
		end()
	}
	return st
}

// Count returns the number of words in text, counted the way a Korean reader
// would count them:
//
//   - a whitespace-separated token with Hangul in it counts as one word:
//     Korean puts spaces between eojeol (어절), and the eojeol is what Korean
//     word processors (Hangul, MS Word) report as a word, so "서버를 옮겼다" is 2;
//   - Chinese and Japanese put no spaces between words, so every Han,
//     Hiragana or Katakana character counts as one word, as Hugo does for CJK;
//   - any other token counts as one word when it has a letter or digit, so
//     "Terraform" and "AWS의" are 1 each, and "👍👍👍" or "—" are 0.
func Count(text string) int {
	return scan(text).words
}

// ReadingTime returns the minutes a reader needs for text, at least 1:
// Hangul syllables at HangulPerMinute, Han and Kana at CJKPerMinute, and
// other words at WordsPerMinute, added together for mixed text and rounded
// to the nearest minute. A token such as "AWS의" adds both one syllable and
// one word.
func ReadingTime(text string) int {
	return scan(text).minutes()
}

// CountAndReadingTime returns Count(text) and ReadingTime(text) from one
// pass over text.
func CountAndReadingTime(text string) (words, minutes int) {
	st := scan(text)
	return st.words, st.minutes()
}

func (st stats) minutes() int {
	min := float64(st.hangul)/HangulPerMinute + float64(st.cjk)/CJKPerMinute + float64(st.other)/WordsPerMinute
	return max(1, int(math.Round(min)))
}
