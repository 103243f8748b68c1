package corpus

import "unicode/utf8"

// word is a noun with what its particles need: whether it ends in a final
// consonant (받침) and whether that consonant is ㄹ. For Hangul both are
// read from the syllable; an English word gives them as it is read aloud
// ("Terraform" 테라폼 ends in ㅁ, "AWS" 에이더블유에스 in a vowel).
type word struct {
	text    string
	batchim bool
	rieul   bool
}

// ko returns a Hangul word with its final consonant worked out.
func ko(s string) word {
	r, _ := utf8.DecodeLastRuneInString(s)
	if r < 0xAC00 || r > 0xD7A3 {
		return word{text: s}
	}
	final := (r - 0xAC00) % 28
	return word{text: s, batchim: final != 0, rieul: final == 8}
}

// kos maps ko over a list.
func kos(ss ...string) []word {
	ws := make([]word, len(ss))
	for i, s := range ss {
		ws[i] = ko(s)
	}
	return ws
}

// en returns a Latin-script word read with (or without) a final consonant.
func en(s string, batchim bool) word { return word{text: s, batchim: batchim} }

// with returns w shown as s (with markup around it, say); its particles
// still follow w.
func (w word) with(s string) word { w.text = s; return w }

func (w word) pick(after, afterVowel string) string {
	if w.batchim {
		return w.text + after
	}
	return w.text + afterVowel
}

func (w word) topic() string { return w.pick("은", "는") } // 은/는
func (w word) subj() string  { return w.pick("이", "가") } // 이/가
func (w word) obj() string   { return w.pick("을", "를") } // 을/를
func (w word) and() string   { return w.pick("과", "와") } // 과/와

// toward is 으로/로: ㄹ takes 로 like a vowel does.
func (w word) toward() string {
	if w.batchim && !w.rieul {
		return w.text + "으로"
	}
	return w.text + "로"
}
