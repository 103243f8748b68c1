package site

import (
	"fmt"

	"github.com/geul-blog/geul/pkg/diag"
)

// foldRepeated turns the template errors of the jobs in todo (errs[i] is
// todo[i]'s) into one error per distinct problem, naming the page being
// rendered: a typo in a partial that every page shows is printed once,
// "(rendering content/posts/a.md and 17 other pages)", not once a page.
func foldRepeated(todo []*job, errs []error) diag.List {
	type group struct {
		e     *diag.Error
		first string
		n     int
	}
	var order []*group
	byKey := map[string]*group{}
	for i, err := range errs {
		if err == nil {
			continue
		}
		for _, e := range diag.Errors(err) {
			key := e.Error()
			if g := byKey[key]; g != nil {
				g.n++
				continue
			}
			g := &group{e: e, first: todo[i].source, n: 1}
			byKey[key] = g
			order = append(order, g)
		}
	}
	var list diag.List
	for _, g := range order {
		e := *g.e
		switch g.n {
		case 1:
			e.Msg += " (rendering " + g.first + ")"
		case 2:
			e.Msg += " (rendering " + g.first + " and 1 other page)"
		default:
			e.Msg += fmt.Sprintf(" (rendering %s and %d other pages)", g.first, g.n-1)
		}
		list = append(list, &e)
	}
	return list
}
