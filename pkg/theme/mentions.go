package theme

import (
	"text/template/parse"
)

// Mentions reports whether the templates that render layout — its file, the
// base layout and every partial they call — name field anywhere in a field
// chain (".Site.Posts", "$site.Posts" and "(…).Posts" all mention "Posts").
// pkg/site uses it to know what a page depends on, so that a rebuild
// renders again exactly the pages whose output can change.
func (t *Theme) Mentions(layout, field string) bool {
	l := t.layouts[layout]
	if l == nil {
		return false
	}
	seen := map[string]bool{}
	var visit func(n parse.Node) bool
	walkTemplate := func(name string) bool {
		if seen[name] {
			return false
		}
		seen[name] = true
		tmpl := l.set.Lookup(name)
		return tmpl != nil && tmpl.Tree != nil && visit(tmpl.Tree.Root)
	}
	has := func(idents []string) bool {
		for _, id := range idents {
			if id == field {
				return true
			}
		}
		return false
	}
	visit = func(n parse.Node) bool {
		switch n := n.(type) {
		case nil:
			return false
		case *parse.ListNode:
			if n == nil {
				return false
			}
			for _, c := range n.Nodes {
				if visit(c) {
					return true
				}
			}
		case *parse.ActionNode:
			return visit(n.Pipe)
		case *parse.PipeNode:
			if n == nil {
				return false
			}
			for _, c := range n.Cmds {
				if visit(c) {
					return true
				}
			}
		case *parse.CommandNode:
			for _, a := range n.Args {
				if visit(a) {
					return true
				}
			}
		case *parse.FieldNode:
			return has(n.Ident)
		case *parse.VariableNode:
			return has(n.Ident[1:])
		case *parse.ChainNode:
			return has(n.Field) || visit(n.Node)
		case *parse.IfNode:
			return visit(n.Pipe) || visit(n.List) || visit(n.ElseList)
		case *parse.RangeNode:
			return visit(n.Pipe) || visit(n.List) || visit(n.ElseList)
		case *parse.WithNode:
			return visit(n.Pipe) || visit(n.List) || visit(n.ElseList)
		case *parse.TemplateNode:
			return visit(n.Pipe) || walkTemplate(n.Name)
		}
		return false
	}
	return walkTemplate(l.entry.Name())
}
