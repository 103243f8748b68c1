package content

import (
	"cmp"
	"slices"
	"strings"
)

// SidebarSize is how many categories Taxonomy.Sidebar shows at most.
const SidebarSize = 50

// TreeMenu is the part of a category tree a sidebar on every page shows.
type TreeMenu struct {
	Roots []*TreeNode // the top level, in the tree's order
	More  bool        // some categories are left out: link to the page of all of them
}

// TreeNode is one category of a TreeMenu. It has the Term's fields
// (.Name, .URL, .Count, …) but only the children the menu shows.
type TreeNode struct {
	*Term
	Children []*TreeNode
}

// Opens reports whether url is the term's page or one under it: a
// sidebar opens the branch of the page shown, and marks it.
func (t *Term) Opens(url string) bool { return url != "" && strings.HasPrefix(url, t.URL) }

// Sidebar returns the category tree as a sidebar on every page shows it:
// the SidebarSize categories with the most posts (ties: the higher, then
// the first in the tree), each with the levels above it, in the tree's
// order. As with Menu, a site's size must not grow with the square of its
// categories. nil without a tree. Terms must not change once it is called.
func (t *Taxonomy) Sidebar() *TreeMenu {
	if t == nil || t.Tree == nil {
		return nil
	}
	if m := t.sidebar.Load(); m != nil {
		return m
	}
	var order []*Term // the tree, depth first
	var walk func([]*Term)
	walk = func(ts []*Term) {
		for _, x := range ts {
			order = append(order, x)
			walk(x.Children)
		}
	}
	walk(t.Tree)
	shown := make(map[*Term]bool, min(len(order), SidebarSize))
	if len(order) <= SidebarSize {
		for _, x := range order {
			shown[x] = true
		}
	} else {
		// A level has at least the posts of the levels under it and comes
		// before them in order: what is shown always has its parents.
		byCount := slices.Clone(order)
		slices.SortStableFunc(byCount, func(a, b *Term) int {
			return cmp.Or(len(b.Pages)-len(a.Pages), a.Depth-b.Depth)
		})
		for _, x := range byCount[:SidebarSize] {
			shown[x] = true
		}
	}
	var build func([]*Term) []*TreeNode
	build = func(ts []*Term) []*TreeNode {
		var out []*TreeNode
		for _, x := range ts {
			if shown[x] {
				out = append(out, &TreeNode{Term: x, Children: build(x.Children)})
			}
		}
		return out
	}
	m := &TreeMenu{Roots: build(t.Tree), More: len(order) > len(shown)}
	t.sidebar.Store(m)
	return m
}
