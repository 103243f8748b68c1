package theme

import (
	"html/template"
	"slices"
	"text/template/parse"
)

// Mentions reports whether the templates that render layout — its file, the
// base layout and every partial they call — name field anywhere in a field
// chain (".Site.Posts", "$site.Posts" and "(…).Posts" all mention "Posts").
// pkg/site uses it to know what a page depends on, so that a rebuild
// renders again exactly the pages whose output can change.
func (t *Theme) Mentions(layout, field string) bool {
	return t.mentions(layout, "", field)
}

// MentionsWithin reports whether the templates that render layout name
// field inside the body of a range or with over something that names outer
// ({{ range .Site.Categories.Terms }}…{{ .Pages }}…{{ end }}), or in one
// chain after outer ((index .Site.Tags.Terms 0).Pages). pkg/site uses it to
// tell a term's posts shown in a menu from a paginator's own .Pages.
func (t *Theme) MentionsWithin(layout, outer, field string) bool {
	return t.mentions(layout, outer, field)
}

// mentions walks the templates reachable from layout; with outer == "",
// any mention of field counts.
func (t *Theme) mentions(layout, outer, field string) bool {
	l := t.layouts[layout]
	if l == nil {
		return false
	}
	return mentionsIn(l.set, l.entry.Name(), outer, field)
}

// mentionsIn is mentions over the templates of set reachable from entry.
// A function's name counts as a mention too ("asset").
func mentionsIn(set *template.Template, entry, outer, field string) bool {
	type visit struct {
		name   string
		inside bool
	}
	seen := map[visit]bool{}
	// has reports whether idents names field (after outer, when outer is set
	// and we are not already inside a range or with over it).
	has := func(idents []string, inside bool) bool {
		after := outer == "" || inside
		for _, id := range idents {
			if id == outer {
				after = true
			}
			if id == field && after {
				return true
			}
		}
		return false
	}
	tainted := taintedIn(set, outer)
	var walk func(n parse.Node, inside bool) bool
	walkTemplate := func(name string, inside bool) bool {
		if seen[visit{name, inside}] {
			return false
		}
		seen[visit{name, inside}] = true
		tmpl := set.Lookup(name)
		return tmpl != nil && tmpl.Tree != nil && walk(tmpl.Tree.Root, inside)
	}
	pipeNames := func(n parse.Node) bool { return namesIn(n, outer, tainted) }
	block := func(pipe *parse.PipeNode, list, elseList *parse.ListNode, inside bool) bool {
		in := inside || (outer != "" && pipeNames(pipe))
		return walk(pipe, inside) || walk(list, in) || walk(elseList, inside)
	}
	walk = func(n parse.Node, inside bool) bool {
		switch n := n.(type) {
		case nil:
			return false
		case *parse.ListNode:
			if n == nil {
				return false
			}
			for _, c := range n.Nodes {
				if walk(c, inside) {
					return true
				}
			}
		case *parse.ActionNode:
			return walk(n.Pipe, inside)
		case *parse.PipeNode:
			if n == nil {
				return false
			}
			for _, c := range n.Cmds {
				if walk(c, inside) {
					return true
				}
			}
		case *parse.CommandNode:
			for _, a := range n.Args {
				if walk(a, inside) {
					return true
				}
			}
			if name, ctx, ok := partialCall(n); ok {
				if name == "" {
					return true // a partial named at run time could show anything
				}
				// A context piped in ({{ x | partial "p" }}) is not known
				// here: count it as naming outer, which can only add
				// dependencies.
				return walkTemplate(name, inside || (outer != "" && (ctx == nil || pipeNames(ctx))))
			}
		case *parse.IdentifierNode:
			return has([]string{n.Ident}, inside)
		case *parse.FieldNode:
			return has(n.Ident, inside)
		case *parse.VariableNode:
			return has(n.Ident[1:], inside || tainted[n.Ident[0]])
		case *parse.ChainNode:
			return has(n.Field, inside || pipeNames(n.Node)) || walk(n.Node, inside)
		case *parse.IfNode:
			return walk(n.Pipe, inside) || walk(n.List, inside) || walk(n.ElseList, inside)
		case *parse.RangeNode:
			return block(n.Pipe, n.List, n.ElseList, inside)
		case *parse.WithNode:
			return block(n.Pipe, n.List, n.ElseList, inside)
		case *parse.TemplateNode:
			// A template called with something that names outer is inside it.
			return walk(n.Pipe, inside) || walkTemplate(n.Name, inside || (outer != "" && pipeNames(n.Pipe)))
		}
		return false
	}
	return walkTemplate(entry, false)
}

// partialCall reports whether n calls partial or partialCached, and with
// which partial (when its name is written out) and context.
func partialCall(n *parse.CommandNode) (name string, ctx parse.Node, ok bool) {
	if len(n.Args) < 2 {
		return "", nil, false
	}
	if id, isIdent := n.Args[0].(*parse.IdentifierNode); !isIdent || (id.Ident != "partial" && id.Ident != "partialCached") {
		return "", nil, false
	}
	if len(n.Args) > 2 {
		ctx = n.Args[2]
	}
	if s, isString := n.Args[1].(*parse.StringNode); isString {
		return s.Text, ctx, true
	}
	return "", ctx, true
}

// taintedIn returns the variables of set's templates that can hold something
// reached through outer: {{ $cats := .Site.Categories }} holds what
// .Site.Categories does, and {{ $t := $cats.Terms }} then too. Variables
// are told apart by name only, across templates: a name reused for
// something else counts as tainted too, which can only make a layout
// depend on more, never on less.
func taintedIn(set *template.Template, outer string) map[string]bool {
	tainted := map[string]bool{}
	if outer == "" {
		return tainted
	}
	var pipes []*parse.PipeNode
	var collect func(n parse.Node)
	collect = func(n parse.Node) {
		switch n := n.(type) {
		case *parse.ListNode:
			if n != nil {
				for _, c := range n.Nodes {
					collect(c)
				}
			}
		case *parse.ActionNode:
			collect(n.Pipe)
		case *parse.PipeNode:
			if n != nil && len(n.Decl) > 0 {
				pipes = append(pipes, n)
			}
		case *parse.IfNode:
			collect(n.Pipe)
			collect(n.List)
			collect(n.ElseList)
		case *parse.RangeNode:
			collect(n.Pipe)
			collect(n.List)
			collect(n.ElseList)
		case *parse.WithNode:
			collect(n.Pipe)
			collect(n.List)
			collect(n.ElseList)
		}
	}
	for _, tmpl := range set.Templates() {
		if tmpl.Tree != nil {
			collect(tmpl.Tree.Root)
		}
	}
	// A pipeline taints its variables when it names outer or a tainted
	// variable; go round until nothing more is tainted.
	for changed := true; changed; {
		changed = false
		for _, p := range pipes {
			if !namesIn(p, outer, tainted) {
				continue
			}
			for _, v := range p.Decl {
				if !tainted[v.Ident[0]] {
					tainted[v.Ident[0]] = true
					changed = true
				}
			}
		}
	}
	return tainted
}

// namesIn reports whether a pipeline names outer anywhere, directly or
// through a tainted variable.
func namesIn(n parse.Node, outer string, tainted map[string]bool) bool {
	switch n := n.(type) {
	case *parse.PipeNode:
		if n == nil {
			return false
		}
		for _, c := range n.Cmds {
			if namesIn(c, outer, tainted) {
				return true
			}
		}
	case *parse.CommandNode:
		for _, a := range n.Args {
			if namesIn(a, outer, tainted) {
				return true
			}
		}
	case *parse.FieldNode:
		return slices.Contains(n.Ident, outer)
	case *parse.VariableNode:
		return tainted[n.Ident[0]] || slices.Contains(n.Ident[1:], outer)
	case *parse.ChainNode:
		return slices.Contains(n.Field, outer) || namesIn(n.Node, outer, tainted)
	}
	return false
}
