package markdown

import (
	"strconv"

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

func newHeadingIDs() *headingIDs {
	return &headingIDs{used: map[string]bool{}, next: map[string]int{}}
}

// Generate returns a new id for a heading whose plain text is text.
func (s *headingIDs) Generate(text string) string {
	base := words.Slug(text)
	if base == "" {
		base = "heading"
	}
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
