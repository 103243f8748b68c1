package site

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/geul-blog/geul/pkg/config"
	"github.com/geul-blog/geul/pkg/content"
	"github.com/geul-blog/geul/pkg/diag"
	"github.com/geul-blog/geul/pkg/words"
)

// Category trees. A category may be a path, categories = ["개발/Go"] (or,
// as YAML blogs write it, category: 개발 > Go): the post is filed under 개발
// and under 개발/Go, so /categories/개발/ lists the posts of 개발 and of
// every category under it, /categories/개발/go/ those of its branch, and
// each level has its feed. Each level is a Term of the categories
// taxonomy, so term pages, feeds and URL claims work as for a flat
// category; categoryTree adds the levels above a path and links them into
// Taxonomy.Tree, ordered by the config's [[categories]]. A level's slug is
// its parent's, "/", and the level's own words.TermSlug, which is what
// TermSlug makes of the whole path but for names with nothing kept ("🔥").
//
// A Hugo site's categories stay flat, as Hugo has them: "a/b" is one term
// at /categories/a/b/, and no /categories/a/ is made, so its URLs do not
// change.

// maxCategoryDepth is how many levels a category path may have.
const maxCategoryDepth = 10

// splitCategory returns the levels of a category path, trimmed of spaces,
// and whether it had an empty level ("개발//Go", "/개발"). The levels are
// split at "/", the one syntax the README documents, and at a ">" with a
// space on each side, as YAML blogs write it (category: 개발 > Go); a ">"
// without spaces is part of a name ("<b>", "C->D").
func splitCategory(name string) (levels []string, empty bool) {
	return appendCategoryLevels(nil, name)
}

// appendCategoryLevels is splitCategory appending to levels, so that a
// loop over every post can reuse one slice.
func appendCategoryLevels(levels []string, name string) (_ []string, empty bool) {
	start := 0
	for i := 0; i <= len(name); i++ {
		next := i + 1
		switch {
		case i == len(name), name[i] == '/':
		case name[i] == '>' && i > 0 && i+1 < len(name) && isBlank(name[i-1]) && isBlank(name[i+1]):
		default:
			continue
		}
		level := strings.TrimSpace(name[start:i])
		if level == "" {
			empty = true
		} else {
			levels = append(levels, level)
		}
		start = next
	}
	return levels, empty
}

func isBlank(c byte) bool { return c == ' ' || c == '\t' }

// categoryKey is what makes two category paths one: their levels' TermKeys.
func categoryKey(levels []string) string {
	keys := make([]string, len(levels))
	for i, l := range levels {
		keys[i] = words.TermKey(l)
	}
	return strings.Join(keys, "/")
}

// categoryTree groups the posts by category path: each level of a path is
// a term with the posts of its branch. It links each post to its
// categories (CategoryLinks, the last level of each path) and to each
// level of them (CategoryTrails).
func (b *Builder) categoryTree(st *state) (*content.Taxonomy, []error) {
	const name = "categories"
	tax := &content.Taxonomy{Name: name, URL: st.basePath + name + "/"}
	type node struct {
		term *content.Term
		key  string // of the path it was first written with
	}
	bySlug := map[string]*node{}
	var warned map[string]bool // keys warned about
	var warnings []error
	warn := func(p *content.Page, format string, args ...any) *diag.Error {
		w := diag.Errorf(contentDir+"/"+p.Path, keyLine(p, name), format, args...)
		warnings = append(warnings, w)
		return w
	}
	var seen, leaves, levels []string // slugs of one post's levels and paths; a path's levels
	// The posts' links and trails are cut from a few large arrays, not
	// made one by one: this runs for every post of every build that
	// assembles the model again (a title edit). Each slice is cut to its
	// capacity, so an append to one never writes into the next.
	var linkArena []content.Link
	var trailArena [][]content.Link
	cut := func(n int) []content.Link {
		if len(linkArena) < n {
			linkArena = make([]content.Link, max(n, 512))
		}
		l := linkArena[:0:n]
		linkArena = linkArena[n:]
		return l
	}
	for _, p := range st.posts {
		if len(p.Categories) == 0 {
			p.CategoryLinks, p.CategoryTrails = nil, nil
			continue
		}
		seen, leaves = seen[:0], leaves[:0]
		if len(trailArena) < len(p.Categories) {
			trailArena = make([][]content.Link, max(len(p.Categories), 256))
		}
		links, trails := cut(len(p.Categories)), trailArena[:0:len(p.Categories)]
		for _, written := range p.Categories {
			var empty bool
			levels, empty = appendCategoryLevels(levels[:0], written)
			if empty {
				warn(p, "category %q has an empty level", written).
					WithHint(`write each level once between the "/": "개발/Go"; a level's name cannot hold a "/" (write "／", U+FF0F, which looks like one)`)
			}
			if len(levels) == 0 {
				continue
			}
			if len(levels) > maxCategoryDepth {
				warn(p, "category %q has %d levels; geul files the post under the first %d", written, len(levels), maxCategoryDepth).
					WithHint("a category tree of a few levels is easier to browse")
				levels = levels[:maxCategoryDepth]
			}
			var parent *content.Term
			slug, key := "", ""
			trail := cut(len(levels))
			for depth, level := range levels {
				id := b.termID(name, level)
				if depth > 0 {
					slug, key = slug+"/", key+"/"
				}
				slug, key = slug+id.slug, key+id.key
				n := bySlug[slug]
				if n == nil {
					t := &content.Term{Name: level, Slug: slug, URL: tax.URL + termURLPath(slug) + "/", Depth: depth, Parent: parent, Path: level}
					if parent != nil {
						t.Path = parent.Path + "/" + level
						parent.Children = append(parent.Children, t)
					} else {
						tax.Tree = append(tax.Tree, t)
					}
					n = &node{t, key}
					bySlug[slug] = n
					tax.Terms = append(tax.Terms, t)
				} else if n.key != key && !warned[key] {
					if warned == nil {
						warned = map[string]bool{}
					}
					warned[key] = true
					warn(p, "category %q and %q (%s) are written differently but make the same URL %s; they are listed as one",
						strings.Join(levels[:depth+1], "/"), n.term.Path, contentDir+"/"+n.term.Pages[0].Path, n.term.URL).WithHint("write them the same way")
				}
				t := n.term
				if !slices.Contains(seen, slug) {
					seen = append(seen, slug)
					t.Pages = append(t.Pages, p)
				}
				trail = append(trail, content.Link{Name: t.Name, URL: t.URL})
				parent = t
			}
			if !slices.Contains(leaves, slug) {
				leaves = append(leaves, slug)
				links = append(links, content.Link{Name: parent.Path, URL: parent.URL})
				trails = append(trails, trail)
			}
		}
		trailArena = trailArena[len(trails):]
		if len(links) == 0 {
			links, trails = nil, nil
		} else {
			tax.PostCount++
		}
		p.CategoryLinks, p.CategoryTrails = links, trails
	}
	slices.SortFunc(tax.Terms, func(a, b *content.Term) int { return strings.Compare(a.Slug, b.Slug) })
	warnings = append(warnings, orderTree(tax, b.cfg.Categories, func(t *content.Term) string { return bySlug[t.Slug].key })...)
	return tax, warnings
}

// orderTree puts each level of tax.Tree in the order of the config's
// [[categories]] (lower weights first, then as listed), the categories it
// does not list after them by name, and gives the listed ones their
// description. A [[categories]] no post is in is a warning.
func orderTree(tax *content.Taxonomy, entries []config.CategoryEntry, keyOf func(*content.Term) string) []error {
	type place struct {
		i     int
		entry config.CategoryEntry
		used  bool
	}
	listed := make(map[string]*place, len(entries))
	var warnings []error
	for i, e := range entries {
		levels, _ := splitCategory(e.Name)
		k := categoryKey(levels)
		if first := listed[k]; first != nil {
			warnings = append(warnings, &diag.Error{Path: config.FileName,
				Msg:  fmt.Sprintf("[[categories]] name = %q is the category of [[categories]] name = %q above; geul uses the first", e.Name, first.entry.Name),
				Hint: "keep one [[categories]] for each category"})
			continue
		}
		listed[k] = &place{i: i, entry: e}
	}
	var sort func([]*content.Term)
	sort = func(ts []*content.Term) {
		for _, t := range ts {
			if pl := listed[keyOf(t)]; pl != nil {
				pl.used = true
				t.Weight, t.Description = pl.entry.Weight, pl.entry.Description
			}
			sort(t.Children)
		}
		slices.SortStableFunc(ts, func(a, b *content.Term) int {
			pa, pb := listed[keyOf(a)], listed[keyOf(b)]
			switch {
			case pa != nil && pb != nil:
				return cmp.Or(cmp.Compare(pa.entry.Weight, pb.entry.Weight), cmp.Compare(pa.i, pb.i))
			case pa != nil:
				return -1
			case pb != nil:
				return 1
			}
			return cmp.Or(strings.Compare(words.TermKey(a.Name), words.TermKey(b.Name)), strings.Compare(a.Slug, b.Slug))
		})
	}
	sort(tax.Tree)
	for _, pl := range listed {
		if !pl.used {
			warnings = append(warnings, &diag.Error{Path: config.FileName,
				Msg:  fmt.Sprintf("[[categories]] name = %q: no post is in this category", pl.entry.Name),
				Hint: "check its spelling against the posts' categories, or remove it"})
		}
	}
	slices.SortFunc(warnings, func(a, b error) int { return strings.Compare(a.Error(), b.Error()) })
	return warnings
}

// categorySlugs returns the slugs of the terms a category as written
// files a post under: each level of a path ("개발", "개발/go"), or, on a
// Hugo site, the one flat term.
func (b *Builder) categorySlugs(name string) []string {
	if b.cfg.FromHugo {
		return []string{b.termSlug("categories", name)}
	}
	levels, _ := splitCategory(name)
	levels = levels[:min(len(levels), maxCategoryDepth)]
	slugs := make([]string, len(levels))
	for i, level := range levels {
		slugs[i] = b.termSlug("categories", level)
		if i > 0 {
			slugs[i] = slugs[i-1] + "/" + slugs[i]
		}
	}
	return slugs
}

// categoryLevels is what the search index holds of a post's category
// paths: every level's name once ("개발", "Go"), so that either finds the
// post, and the first path as a reader sees it, "개발 › Go".
func categoryLevels(trails [][]content.Link) (names []string, first string) {
	for i, trail := range trails {
		for j, l := range trail {
			if !slices.Contains(names, l.Name) {
				names = append(names, l.Name)
			}
			if i == 0 {
				if j > 0 {
					first += " › "
				}
				first += l.Name
			}
		}
	}
	return names, first
}
