package markdown

import (
	"bytes"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"

	"github.com/geul-blog/geul/pkg/words"
)

// HeadingIDStyle says how ids are made for headings without an explicit one.
type HeadingIDStyle string

const (
	// HeadingIDsGeul is words.Slug of the heading's plain text: Hangul stays
	// readable ("서버-장애"), emoji, link URLs and markup drop out.
	HeadingIDsGeul HeadingIDStyle = "geul"
	// HeadingIDsHugo is byte for byte what Hugo's default ("github") gives
	// for the same heading, so that deep links into a blog moved from Hugo
	// keep working: the heading's source line, trimmed, with "-" for every
	// space or hyphen, letters, digits and "_" lowercased, the rest dropped
	// ("Chapter 1 - 도메인" → "chapter-1---도메인", "Path.cwd()" → "pathcwd").
	HeadingIDsHugo HeadingIDStyle = "hugo"
)

// headingIDs makes the ids of one page's headings from the heading's text
// in the page's style; "heading" when nothing is left (an all-emoji
// heading); and a "-1", "-2"… suffix for the second and later use of an id
// on the page. Ids given explicitly ("## 제목 {#intro}") are Put first, so
// a generated id never takes one of them; an explicit id used twice gets a
// suffix too, as an id must be unique in a page.
type headingIDs struct {
	style HeadingIDStyle
	used  map[string]bool
	next  map[string]int // the next suffix to try for a base id
}

func newHeadingIDs(style HeadingIDStyle) *headingIDs {
	return &headingIDs{style: style, used: map[string]bool{}, next: map[string]int{}}
}

// Generate returns a new id for a heading whose plain text is text and
// whose last source line is line (what Hugo makes its ids from).
func (s *headingIDs) Generate(text string, line []byte) string {
	var base string
	if s.style == HeadingIDsHugo {
		base = hugoSlug(line)
	} else {
		base = words.Slug(text)
	}
	if base == "" {
		base = "heading"
	}
	return s.unique(base)
}

// unique returns base, or base with the first free "-N" suffix, and marks
// it as taken.
func (s *headingIDs) unique(base string) string {
	id := base
	for i := s.next[base]; s.used[id]; i++ {
		id = base + "-" + strconv.Itoa(i+1)
		s.next[base] = i + 1
	}
	s.used[id] = true
	return id
}

// Put marks id as taken.
func (s *headingIDs) Put(id string) { s.used[id] = true }

// explicitID cleans an id the author gave: HTML forbids whitespace in an
// id, so each run of it becomes one "-" ({id="a b"} → "a-b").
func explicitID(id string) string {
	if strings.IndexFunc(id, unicode.IsSpace) < 0 {
		return id
	}
	return strings.Join(strings.Fields(id), "-")
}

// hugoSlug is Hugo's sanitizeAnchorName for its default "github" id type
// (markup/goldmark/autoid.go), written again here as it is not importable
// without Hugo itself.
func hugoSlug(b []byte) string {
	b = bytes.TrimSpace(b)
	var out strings.Builder
	out.Grow(len(b))
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		switch {
		case r == '-' || r == ' ':
			out.WriteByte('-')
		case r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r):
			out.WriteRune(unicode.ToLower(r))
		}
		b = b[size:]
	}
	return out.String()
}

// headingLine returns the last source line of h, as goldmark keeps it
// (ATX closing hashes and an attribute block taken off).
func headingLine(h *ast.Heading, src []byte) []byte {
	lines := h.Lines()
	if lines.Len() == 0 {
		return nil
	}
	seg := lines.At(lines.Len() - 1)
	return seg.Value(src)
}
