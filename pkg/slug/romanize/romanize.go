// Package romanize writes Korean in Latin letters by the Revised
// Romanization of Korean (국어의 로마자 표기법, 2000), for slugs such as
// "23년 6월 회고" → "23nyeon 6wol hoego".
//
// It is hand-written because no maintained Go library does it. Each Hangul
// syllable is split into its initial, vowel and final (Unicode's
// arithmetic), each part is looked up in the tables of the standard, and
// the sound changes the standard writes between syllables of one word are
// applied:
//
//   - liaison: a final before a syllable starting with ㅇ is read as that
//     syllable's initial (한국어 → hangugeo, 읽어 → ilgeo, 좋아 → joa);
//   - nasalization: ㄱ, ㄷ, ㅂ sounds before ㄴ or ㅁ become ng, n, m
//     (국물 → gungmul, 앞마당 → ammadang);
//   - ㄹ after a consonant other than ㄴ or ㄹ is read ㄴ (종로 → jongno,
//     백리 → baengni), and ㄴ next to ㄹ is read ㄹ (신라 → silla, 설날 →
//     seollal);
//   - a final ㅎ makes a following ㄱ, ㄷ, ㅈ aspirated (좋고 → joko).
//
// As the standard says, tensing is not written (압구정 → apgujeong), and a
// ㅎ after ㄱ, ㄷ, ㅂ is kept as in nouns (축하 → chukha). Spelling, not a
// dictionary, decides, so words whose reading differs from their spelling
// in ways the rules above do not cover (e.g. 같이 → gachi) come out as
// spelled (gati). Anything that is not a Hangul syllable is kept as it is.
package romanize

import (
	"strings"

	"golang.org/x/text/unicode/norm"
)

const (
	sBase  = 0xAC00 // 가
	sCount = 11172
	nVowel = 21
	nFinal = 28
)

// Initials (choseong), in Unicode order.
const (
	iG = iota // ㄱ
	iKK
	iN
	iD
	iTT
	iR
	iM
	iB
	iPP
	iS
	iSS
	iNG // ㅇ: silent as an initial
	iJ
	iJJ
	iCh
	iK
	iT
	iP
	iH
)

var initials = [...]string{"g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p", "h"}

var vowels = [...]string{"a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo",
	"u", "wo", "we", "wi", "yu", "eu", "ui", "i"}

// Finals (jongseong), in Unicode order; 0 is none.
const (
	fNone = iota
	fG    // ㄱ
	fKK   // ㄲ
	fGS   // ㄳ
	fN    // ㄴ
	fNJ   // ㄵ
	fNH   // ㄶ
	fD    // ㄷ
	fL    // ㄹ
	fLG   // ㄺ
	fLM   // ㄻ
	fLB   // ㄼ
	fLS   // ㄽ
	fLT   // ㄾ
	fLP   // ㄿ
	fLH   // ㅀ
	fM    // ㅁ
	fB    // ㅂ
	fBS   // ㅄ
	fS    // ㅅ
	fSS   // ㅆ
	fNG   // ㅇ
	fJ    // ㅈ
	fCh   // ㅊ
	fK    // ㅋ
	fT    // ㅌ
	fP    // ㅍ
	fH    // ㅎ
)

// finalSound is how each final is written before a consonant or at the
// end of a word: one of the seven sounds a Korean syllable can end in.
var finalSound = [...]string{"", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l",
	"m", "p", "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t"}

// liaison gives, for each final, what stays at the end of the syllable
// and which initial moves to the next one when that one starts with ㅇ
// (-1: nothing moves; ㅎ is silent there).
var liaison = [...]struct {
	stays int
	moves int
}{
	fNone: {fNone, -1}, fG: {fNone, iG}, fKK: {fNone, iKK}, fGS: {fG, iS}, fN: {fNone, iN},
	fNJ: {fN, iJ}, fNH: {fNone, iN}, fD: {fNone, iD}, fL: {fNone, iR}, fLG: {fL, iG},
	fLM: {fL, iM}, fLB: {fL, iB}, fLS: {fL, iS}, fLT: {fL, iT}, fLP: {fL, iP}, fLH: {fNone, iR},
	fM: {fNone, iM}, fB: {fNone, iB}, fBS: {fB, iS}, fS: {fNone, iS}, fSS: {fNone, iSS},
	fNG: {fNG, -1}, fJ: {fNone, iJ}, fCh: {fNone, iCh}, fK: {fNone, iK}, fT: {fNone, iT},
	fP: {fNone, iP}, fH: {fNone, -1},
}

type syllable struct {
	ini, vow, fin int
	iniText       string // the initial as written, after the sound changes
	finText       string // the final as written, after the sound changes
}

// String romanizes every run of Hangul syllables in s and keeps the rest.
// NFD Hangul (as macOS writes file names) is composed first.
func String(s string) string {
	s = norm.NFC.String(s)
	var b strings.Builder
	var word []syllable
	flush := func() {
		writeWord(&b, word)
		word = word[:0]
	}
	for _, r := range s {
		if r >= sBase && r < sBase+sCount {
			n := int(r - sBase)
			word = append(word, syllable{ini: n / (nVowel * nFinal), vow: n % (nVowel * nFinal) / nFinal, fin: n % nFinal})
			continue
		}
		flush()
		b.WriteRune(r)
	}
	flush()
	return b.String()
}

// writeWord applies the sound changes between the syllables of one word
// and writes it.
func writeWord(b *strings.Builder, w []syllable) {
	for i := range w {
		w[i].iniText = initials[w[i].ini]
		w[i].finText = finalSound[w[i].fin]
	}
	for i := 0; i+1 < len(w); i++ {
		cur, next := &w[i], &w[i+1]
		switch {
		case next.ini == iNG:
			l := liaison[cur.fin]
			cur.finText = finalSound[l.stays]
			if l.moves >= 0 {
				next.iniText = initials[l.moves]
			}
		case isH(cur.fin) && (next.ini == iG || next.ini == iD || next.ini == iJ):
			cur.finText = finalSound[withoutH(cur.fin)]
			next.iniText = map[int]string{iG: "k", iD: "t", iJ: "ch"}[next.ini]
		case next.ini == iR:
			switch finalSound[cur.fin] {
			case "n", "l":
				cur.finText, next.iniText = "l", "l"
			case "":
			default:
				next.iniText = "n"
				cur.finText = nasal(finalSound[cur.fin])
			}
		case next.ini == iN && finalSound[cur.fin] == "l":
			next.iniText = "l"
		case next.ini == iN || next.ini == iM:
			cur.finText = nasal(finalSound[cur.fin])
		}
	}
	for _, s := range w {
		b.WriteString(s.iniText)
		b.WriteString(vowels[s.vow])
		b.WriteString(s.finText)
	}
}

// nasal is a final sound before ㄴ or ㅁ.
func nasal(sound string) string {
	switch sound {
	case "k":
		return "ng"
	case "t":
		return "n"
	case "p":
		return "m"
	}
	return sound
}

func isH(fin int) bool { return fin == fH || fin == fNH || fin == fLH }

// withoutH is a final with its ㅎ gone into the next syllable.
func withoutH(fin int) int {
	switch fin {
	case fNH:
		return fN
	case fLH:
		return fL
	}
	return fNone
}
