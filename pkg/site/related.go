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
func (b *Builder) relate(st *state, categories, tags *content.Taxonomy) {
	posts := st.posts
	// Related posts depend only on each post's date and terms: when none of
	// those changed (a body or title edit), last build's lists stand.
	f := newFingerprint()
	for _, p := range posts {
		f.str(p.Path).num(uint64(p.Date.UnixNano())).str(p.Categories...).str("|").str(p.Tags...).str("|")
	}
	key := f.sum()
	if b.related != nil && key == b.relKey {
		for _, p := range posts {
			if qs := b.related[p.Path]; len(qs) > 0 {
				p.Related = make([]*content.Page, len(qs))
				for i, q := range qs {
					p.Related[i] = st.byPath[q]
				}
			}
		}
		return
	}
	relate(posts, categories, tags)
	b.related, b.relKey = make(map[string][]string, len(posts)), key
	for _, p := range posts {
		paths := make([]string, len(p.Related))
		for i, q := range p.Related {
			paths[i] = q.Path
		}
		b.related[p.Path] = paths
	}
}

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
	scores := map[*content.Page]int{}
	for _, p := range posts {
		clear(scores)
		for _, pos := range positions[p] {
			lo, hi := max(0, pos.index-relatedWindow), min(len(pos.term.Pages), pos.index+relatedWindow+1)
			for _, q := range pos.term.Pages[lo:hi] {
				if q != p {
					scores[q] += pos.weight
				}
			}
		}
		// The best relatedCount by score, then nearness in time, then path:
		// a selection into a short list, not a sort of every candidate.
		var best []candidate
		better := func(a, b candidate) bool {
			if a.score != b.score {
				return a.score > b.score
			}
			if da, db := distance(p.Date, a.page.Date), distance(p.Date, b.page.Date); da != db {
				return da < db
			}
			return a.page.Path < b.page.Path
		}
		for q, s := range scores {
			c := candidate{q, s}
			if len(best) == relatedCount && !better(c, best[len(best)-1]) {
				continue
			}
			i := sort.Search(len(best), func(i int) bool { return better(c, best[i]) })
			if len(best) < relatedCount {
				best = append(best, candidate{})
			}
			copy(best[i+1:], best[i:len(best)-1])
			best[i] = c
		}
		for _, c := range best {
			p.Related = append(p.Related, c.page)
		}
	}
}

func distance(a, b time.Time) time.Duration {
	if d := a.Sub(b); d >= 0 {
		return d
	}
	return b.Sub(a)
}
