package words

import (
	"path"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// TermKey is what makes two names of a category or tag one term: names that
// differ only in case, in spacing (leading, trailing, or how many spaces or
// tabs between words) or in Unicode normalisation (NFC and NFD, as macOS
// writes Hangul) have the same key.
//
//	TermKey(" Go  Lang ") == TermKey("go lang") == "go lang"
//	TermKey("C++") != TermKey("C")
func TermKey(name string) string {
	return strings.ToLower(strings.Join(strings.Fields(norm.NFC.String(name)), " "))
}

// TermSlug is a term's URL path under its taxonomy ("c++" in /tags/c++/),
// made as Hugo 0.111's urlize makes it, so that a blog moved from Hugo
// keeps its tag and category URLs:
//
//	TermSlug("C++")       == "c++"
//	TermSlug("C#")        == "c#"
//	TermSlug("서버 장애")  == "서버-장애"
//	TermSlug("what?")     == "what"
//	TermSlug("a/b")       == "a/b"
//
// The rules: the name is read as TermKey reads it (NFC, lowercase, one
// space between words); letters, digits (Nd), marks and . _ # + ~ - @ /
// are kept; a space becomes "-" unless one is already there; everything
// else (other punctuation, symbols, emoji) is dropped. A "/" splits the
// slug into folders as in Hugo, with empty, "." and ".." parts cleaned
// away as a path is. Where geul parts from Hugo: Hugo keeps "%" before two
// hex digits and "\" (which browsers read as "/"), both of which make a
// link that finds no page; geul drops "%" and reads "\" as "/". Hugo keeps
// a mark that follows a dropped character (the variation selector of
// "여행 ✈️"), ending the URL in an invisible character; geul keeps marks
// only after what it keeps ("1️⃣" stays whole). The result
// is empty when nothing is kept ("🔥"); the caller picks a fallback.
func TermSlug(name string) string {
	key := TermKey(name)
	b := make([]rune, 0, len(key))
	hyphen, wasHyphen, keptPrev := false, false, false
	for _, r := range key {
		if r == '\\' {
			r = '/'
		}
		kept := r == '.' || r == '/' || r == '_' || r == '#' || r == '+' || r == '~' || r == '-' || r == '@' ||
			unicode.IsLetter(r) || unicode.IsDigit(r) || (unicode.IsMark(r) && keptPrev)
		keptPrev = kept
		switch {
		case kept:
			wasHyphen = r == '-'
			if hyphen && !wasHyphen {
				b = append(b, '-')
			}
			hyphen = false
			b = append(b, r)
		case len(b) > 0 && !wasHyphen && unicode.IsSpace(r):
			hyphen = true
		}
	}
	s := string(b)
	if strings.ContainsRune(s, '/') || s == "." || s == ".." {
		s = strings.Trim(path.Clean("/"+s), "/")
	}
	return s
}
