package site

import (
	"sort"
	"time"

	"github.com/geul-blog/geul/pkg/content"
)

const (
	relatedCount  = 5
	relatedWindow = 12 // how far to look from a post along each of its terms' lists
)

// relate fills in each post's Related: the posts that share the most tags
// (and its category), nearest in time first.
//
// Comparing every pair of posts is quadratic, which is what makes related
// posts slow in other generators. Each term's posts are sorted by date, so
// the candidates for a post are the few posts next to it in each of its
// terms' lists: the cost grows with posts × terms per post.
func relate(posts []*content.Page, categories, tags *content.Taxonomy) {
	type position struct {
		term   *content.Term
		index  int
		weight int
	}
	positions := make(map[*content.Page][]position, len(posts))
	for _, tax := range []*content.Taxonomy{categories, tags} {
		weight := 1
		if tax == tags {
			weight = 2
		}
		for _, t := range tax.Terms {
			for i, p := range t.Pages {
				positions[p] = append(positions[p], position{t, i, weight})
			}
		}
	}
	type candidate struct {
		page  *content.Page
		score int
	}
	for _, p := range posts {
		scores := map[*content.Page]int{}
		for _, pos := range positions[p] {
			lo, hi := max(0, pos.index-relatedWindow), min(len(pos.term.Pages), pos.index+relatedWindow+1)
			for _, q := range pos.term.Pages[lo:hi] {
				if q != p {
					scores[q] += pos.weight
				}
			}
		}
		cands := make([]candidate, 0, len(scores))
		for q, s := range scores {
			cands = append(cands, candidate{q, s})
		}
		sort.Slice(cands, func(i, j int) bool {
			a, b := cands[i], cands[j]
			if a.score != b.score {
				return a.score > b.score
			}
			da, db := distance(p.Date, a.page.Date), distance(p.Date, b.page.Date)
			if da != db {
				return da < db
			}
			return a.page.Path < b.page.Path
		})
		for i := 0; i < len(cands) && i < relatedCount; i++ {
			p.Related = append(p.Related, cands[i].page)
		}
	}
}

func distance(a, b time.Time) time.Duration {
	if d := a.Sub(b); d >= 0 {
		return d
	}
	return b.Sub(a)
}
