package site

import (
	"slices"

	"github.com/geul-blog/geul/pkg/content"
)

// The config's taxonomies besides categories and tags ([taxonomies]
// series = "series"): each gets Hugo's pages, /series/ listing its terms
// and /series/TERM/ (paginated) listing a term's posts, made by
// b.taxonomy as tags are, so a term's name follows the same rules. A post
// links to its terms through Page.TermLinks. A site without any pays
// nothing for them.

// customTaxonomies groups the posts by each of the config's other
// taxonomies, sorted by name.
func (b *Builder) customTaxonomies(st *state) ([]*content.Taxonomy, []error) {
	names := customTaxonomies(b.cfg)
	if len(names) == 0 {
		return nil, nil
	}
	slices.Sort(names)
	names = slices.Compact(names)
	var out []*content.Taxonomy
	var warnings []error
	for _, name := range names {
		tax, ws := b.taxonomy(st, name, func(p *content.Page) []string { return p.Terms[name] },
			func(p *content.Page, links []content.Link) {
				if len(links) == 0 {
					return
				}
				if p.TermLinks == nil {
					p.TermLinks = map[string][]content.Link{}
				}
				p.TermLinks[name] = links
			})
		out = append(out, tax)
		warnings = append(warnings, ws...)
	}
	return out, warnings
}

// slugsByTaxonomy is termID's caches of the custom taxonomies, by name.
type slugsByTaxonomy map[string]map[string]termID

// customSlugs is termID's cache of a custom taxonomy, kept across builds.
// Custom taxonomies are made one after the other, on one core.
func (b *Builder) customSlugs(taxonomy string) *map[string]termID {
	if b.taxSlugs == nil {
		b.taxSlugs = slugsByTaxonomy{}
	}
	m := b.taxSlugs[taxonomy]
	if m == nil {
		m = map[string]termID{}
		b.taxSlugs[taxonomy] = m
	}
	return &m
}
