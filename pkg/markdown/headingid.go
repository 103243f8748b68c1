package markdown

import (
	"strconv"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"

	"github.com/geul-blog/geul/pkg/words"
)

// headingIDs makes the ids of one page's headings: words.Slug of the
// heading's plain text, so Hangul stays readable ("서버-장애") and emoji
// drop out; "heading" when nothing is left (an all-emoji heading); and a
// "-1", "-2"… suffix for the second and later use of an id on the page.
// Ids given explicitly ("## 제목 {#intro}") are Put first, so a generated
// id never takes one of them.
type headingIDs struct {
	used map[string]bool
	next map[string]int // the next suffix to try for a base id
}

var _ parser.IDs = (*headingIDs)(nil)

func newHeadingIDs() *headingIDs {
	return &headingIDs{used: map[string]bool{}, next: map[string]int{}}
}

// Generate returns a new id for an element whose plain text is value.
func (s *headingIDs) Generate(value []byte, kind ast.NodeKind) []byte {
	base := words.Slug(string(value))
	if base == "" {
		base = "id"
		if kind == ast.KindHeading {
			base = "heading"
		}
	}
	id := base
	for i := s.next[base]; s.used[id]; i++ {
		id = base + "-" + strconv.Itoa(i+1)
		s.next[base] = i + 1
	}
	s.used[id] = true
	return []byte(id)
}

// Put marks id as taken.
func (s *headingIDs) Put(id []byte) { s.used[string(id)] = true }
