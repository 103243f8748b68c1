package site

import (
	"slices"
	"sort"
	"strings"
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
//
// A rebuild works out again only the posts near one whose date or terms
// changed (see relatedInput); the others keep the last build's lists.
func (b *Builder) relate(st *state, categories, tags *content.Taxonomy) {
	posts := st.posts
	var changed []relatedInput // the new and the old input of every post that changed
	// A post read again (a title edit) is a new object even when its date
	// and terms stayed: it keeps the related posts its old object had, and
	// the lists that point to the old object follow it (moved: old → new).
	var moved map[*content.Page]*content.Page
	known := 0
	for _, p := range posts {
		in := inputOf(p)
		old, ok := b.relInputs[p.Path]
		if ok {
			known++
		}
		switch {
		case ok && old.same(in) && old.page != p:
			if moved == nil {
				moved = map[*content.Page]*content.Page{}
			}
			moved[old.page] = p
		case !ok || !old.same(in):
			changed = append(changed, in)
			if ok {
				changed = append(changed, old)
			}
		}
	}
	var gone []string
	if known < len(b.relInputs) {
		for path, old := range b.relInputs {
			if p := st.byPath[path]; p == nil || !p.IsPost() {
				changed = append(changed, old) // removed, or now a draft
				gone = append(gone, path)
			}
		}
	}
	if b.relInputs == nil || len(changed)+len(moved) > maxRelatedChanges {
		relate(posts, posts, categories, tags)
		b.relInputs = make(map[string]relatedInput, len(posts))
		for _, p := range posts {
			b.remember(p)
		}
		return
	}
	// Only posts whose window along some term's list covers where a
	// changed post is, or was, can get other related posts; every other
	// post keeps the Related the last build gave it (link leaves it be).
	near := map[*content.Page]bool{}
	for _, in := range changed {
		if p := st.byPath[in.path]; p != nil && p.IsPost() {
			near[p] = true
		}
		for _, n := range in.categories {
			for _, slug := range b.categorySlugs(n) {
				addNear(near, termPages(categories, slug), in)
			}
		}
		for _, n := range in.tags {
			addNear(near, termPages(tags, b.termSlug("tags", n)), in)
		}
	}
	var redo []*content.Page
	for _, p := range posts {
		if near[p] {
			redo = append(redo, p)
			continue
		}
		if len(moved) == 0 {
			continue
		}
		if old := b.relInputs[p.Path].page; old != p && moved[old] == p {
			p.Related = old.Related
		}
		if slices.ContainsFunc(p.Related, func(q *content.Page) bool { return moved[q] != nil }) {
			related := slices.Clone(p.Related)
			for i, q := range related {
				if n := moved[q]; n != nil {
					related[i] = n
				}
			}
			p.Related = related
		}
	}
	relate(posts, redo, categories, tags)
	for _, p := range moved {
		b.remember(p)
	}
	for _, path := range gone {
		delete(b.relInputs, path)
	}
	for _, p := range redo {
		b.remember(p)
	}
}

// remember keeps what p's related posts were worked out from, for the next
// rebuild.
func (b *Builder) remember(p *content.Page) { b.relInputs[p.Path] = inputOf(p) }

// maxRelatedChanges is how many posts may change date or terms before
// relate works every post out again rather than the ones near them.
const maxRelatedChanges = 64

// relatedInput is what a post's place in the related-posts lists comes
// from.
type relatedInput struct {
	path             string
	date             time.Time
	categories, tags []string
	page             *content.Page // the object that had them
}

func inputOf(p *content.Page) relatedInput {
	return relatedInput{path: p.Path, date: p.Date, categories: p.Categories, tags: p.Tags, page: p}
}

func (a relatedInput) same(b relatedInput) bool {
	return a.date.Equal(b.date) && slices.Equal(a.categories, b.categories) && slices.Equal(a.tags, b.tags)
}

// termPages returns the posts of the term with slug, or nil.
func termPages(tax *content.Taxonomy, slug string) []*content.Page {
	i, ok := slices.BinarySearchFunc(tax.Terms, slug, func(t *content.Term, s string) int { return strings.Compare(t.Slug, s) })
	if !ok {
		return nil
	}
	return tax.Terms[i].Pages
}

// addNear marks the posts of list (newest first) within reach of where in's
// post sorts: their windows may have gained or lost it.
func addNear(near map[*content.Page]bool, list []*content.Page, in relatedInput) {
	i := sort.Search(len(list), func(i int) bool { return newestFirst(list[i].Date, list[i].Path, in.date, in.path) >= 0 })
	for _, q := range list[max(0, i-relatedWindow-1):min(len(list), i+relatedWindow+2)] {
		near[q] = true
	}
}

// relate works out the Related of each post of redo, among posts.
func relate(posts, redo []*content.Page, categories, tags *content.Taxonomy) {
	type position struct {
		term   *content.Term
		index  int
		weight int
	}
	positions := make(map[*content.Page][]position, len(redo))
	for _, tax := range []*content.Taxonomy{categories, tags} {
		weight := 1
		if tax == tags {
			weight = 2
		}
		for _, t := range tax.Terms {
			if len(redo) < len(posts)/8 {
				// A few posts: find each in the lists (newest first) it
				// is in, rather than walk every list.
				for _, p := range redo {
					i := sort.Search(len(t.Pages), func(i int) bool { return newestFirst(t.Pages[i].Date, t.Pages[i].Path, p.Date, p.Path) >= 0 })
					if i < len(t.Pages) && t.Pages[i] == p {
						positions[p] = append(positions[p], position{t, i, weight})
					}
				}
				continue
			}
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
	for _, p := range redo {
		p.Related = nil
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
