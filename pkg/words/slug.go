package words

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Slug turns s into a URL path segment or an HTML anchor id that keeps the
// letters and digits of every script, so Hangul, Kana, Han, Cyrillic and
// Latin all stay readable:
//
//	Slug("[서버 장애 🧯]")                    == "서버-장애"
//	Slug("AWS 계정 이전 및 Terraform 🖥️") == "aws-계정-이전-및-terraform"
//	Slug("Hello, World!")                 == "hello-world"
//	Slug("🏃‍♂️")                            == ""
//
// The rules, in order:
//   - s is NFC-normalized first, so a Hangul file name written by macOS in NFD
//     gives the same slug as the same name typed on Linux or Windows;
//   - letters (lowercased), digits and other numbers are kept, and so are
//     combining marks that follow a kept character (Devanagari or Thai vowel
//     signs belong to their word);
//   - "_" is kept, as Hugo keeps it, so snake_case names survive;
//   - runs of whitespace, "-", other punctuation, math signs and currency
//     signs become a single "-", so "3~5일" gives "3-5일";
//   - apostrophes are dropped without a "-", so "don't" gives "dont";
//   - emoji and other symbols (So, Sk: ©, skin tones), variation selectors,
//     ZWJ and other format or control characters are dropped without a "-";
//     a keycap such as 1️⃣ is an emoji, so its digit is dropped with it;
//   - "-" is trimmed from both ends.
//
// Slug(Slug(s)) == Slug(s) for every valid UTF-8 s. The result is empty when
// s has no letter or digit; callers pick their own fallback ("heading").
func Slug(s string) string {
	s = norm.NFC.String(s)
	b := make([]byte, 0, len(s))
	dash := false               // a separator is pending
	keptPrev := false           // the previous visible rune was kept, so a mark may join it
	base, baseDash := -1, false // where the last kept base rune (with its "-") starts, and whether a "-" was pending before it
	for _, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsNumber(r) || r == '_':
			base, baseDash = len(b), dash
			if dash && len(b) > 0 {
				b = append(b, '-')
			}
			dash = false
			b = utf8.AppendRune(b, unicode.ToLower(r))
			keptPrev = true
		case r == 0x20E3: // combining enclosing keycap: "1️⃣" is an emoji, not a digit
			if keptPrev && base >= 0 {
				b, dash = b[:base], baseDash
				base = -1
			}
			keptPrev = false
		case unicode.Is(unicode.Variation_Selector, r):
			// Invisible: it neither ends a word nor breaks a keycap.
		case unicode.In(r, unicode.Mn, unicode.Mc):
			if keptPrev {
				b = utf8.AppendRune(b, r)
			}
		case r == '\'' || r == '’' || r == 'ʼ':
			keptPrev = false
		case unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.In(r, unicode.Sm, unicode.Sc):
			dash = true
			keptPrev = false
		default: // emoji and other symbols, enclosing marks, format and control characters
			keptPrev = false
		}
	}
	if !norm.NFC.IsNormal(b) {
		// Dropping a character can bring a letter and a mark together.
		b = norm.NFC.Bytes(b)
	}
	return string(b)
}
