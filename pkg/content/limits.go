package content

import (
	"fmt"

	"go.yaml.in/yaml/v3"

	"github.com/geul-blog/geul/pkg/diag"
)

// Front matter limits. Real front matter is a few dozen short lines, but
// the TOML library's cost grows with the square of the nesting depth (and
// recurses once per level), so a small hostile file can take minutes and
// gigabytes, or overflow the stack and kill a running `geul serve`
// (docs/performance.md, "Limits on hostile input"). checkLimits runs
// before either decoder sees the text.
const (
	// MaxFrontMatterBytes is the largest front matter geul decodes.
	MaxFrontMatterBytes = 256 << 10
	// MaxFrontMatterDepth is how deeply front matter values may nest: each
	// array, table, inline table and part of a dotted key is one level.
	MaxFrontMatterDepth = 32
	// MaxFrontMatterValues is how many values YAML front matter may hold,
	// counting the values an alias (*name) repeats each time it is used,
	// against "billion laughs" files.
	MaxFrontMatterValues = 10000
)

// checkLimits returns an error at the front matter's line when fm is
// larger or deeper than the limits above.
func (fm frontMatter) checkLimits(file string) error {
	if len(fm.text) > MaxFrontMatterBytes {
		return &diag.Error{Path: file, Line: fm.fenceLine,
			Msg: fmt.Sprintf("front matter is %d KB, more than the limit of %d KB",
				(len(fm.text)+1023)>>10, MaxFrontMatterBytes>>10),
			Hint: "keep front matter to short fields; long text belongs in the body"}
	}
	if fm.format == formatTOML {
		if line, col := tomlTooDeep(fm.text, MaxFrontMatterDepth); line > 0 {
			return &diag.Error{Path: file, Line: fm.fenceLine + line, Col: runeCol(fm.text, line, col),
				Msg:  fmt.Sprintf("front matter nests deeper than the limit of %d levels", MaxFrontMatterDepth),
				Hint: "flatten the arrays, tables and dotted keys here"}
		}
	}
	return nil
}

// tomlTooDeep returns the 1-based line and byte column where the TOML text
// first nests more than limit levels, or 0, 0. A level is an open [ or {,
// or a dot in a key; a float's one dot may count too, which a limit far
// above real nesting absorbs. It knows just enough TOML to skip strings
// and comments, and runs in one pass, so that a hostile file costs no more
// than reading it.
func tomlTooDeep(text []byte, limit int) (line, col int) {
	depth, dots := 0, 0
	line, lineStart := 1, 0
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch c {
		case '\n':
			line, lineStart = line+1, i+1
			dots = 0
		case '#':
			for i+1 < len(text) && text[i+1] != '\n' {
				i++
			}
		case '"', '\'':
			quote := []byte{c, c, c}
			if len(text) >= i+3 && string(text[i:i+3]) == string(quote) {
				// A multi-line string: up to the next three quotes.
				for i += 3; i < len(text) && !(len(text) >= i+3 && string(text[i:i+3]) == string(quote)); i++ {
					if c == '"' && text[i] == '\\' {
						i++
					}
					if i < len(text) && text[i] == '\n' {
						line, lineStart = line+1, i+1
					}
				}
				i += 2
				continue
			}
			for i++; i < len(text) && text[i] != c && text[i] != '\n'; i++ {
				if c == '"' && text[i] == '\\' && i+1 < len(text) && text[i+1] != '\n' {
					i++
				}
			}
			if i < len(text) && text[i] == '\n' {
				i-- // let the newline be counted above
			}
		case '[', '{':
			depth++
		case ']', '}':
			depth = max(depth-1, 0)
			dots = 0
		case '.':
			dots++
		case '=', ',':
			dots = 0
		}
		if depth+dots > limit {
			return line, i - lineStart + 1
		}
	}
	return 0, 0
}

// checkYAMLLimits returns an error at the line of the first node of root
// that nests deeper than MaxFrontMatterDepth, or when root would expand to
// more than MaxFrontMatterValues values through aliases. The YAML library
// has limits of its own, but far higher (10,000 levels) or given as a
// ratio that lets a small file decode into a large one.
func (fm frontMatter) checkYAMLLimits(file string, root *yaml.Node) error {
	sizes := map[*yaml.Node]int{} // expanded size of each anchored node seen
	var (
		deep, over *yaml.Node
		total      int
	)
	// size returns how many values n expands to, stopping early at the limit.
	var size func(n *yaml.Node, depth int) int
	size = func(n *yaml.Node, depth int) int {
		if deep != nil || over != nil {
			return 0
		}
		if depth > MaxFrontMatterDepth {
			deep = n
			return 0
		}
		if n.Kind == yaml.AliasNode && n.Alias != nil {
			s, ok := sizes[n.Alias]
			if !ok {
				// An alias to an anchor not yet sized (the anchor is its
				// own ancestor); the library rejects that itself.
				return 1
			}
			total += s
			if total > MaxFrontMatterValues {
				over = n
			}
			return s
		}
		before := total
		total++
		if total > MaxFrontMatterValues {
			over = n
			return 0
		}
		for _, c := range n.Content {
			size(c, depth+1)
		}
		s := total - before
		if n.Anchor != "" {
			sizes[n] = s
		}
		return s
	}
	size(root, 0)
	switch {
	case deep != nil:
		return &diag.Error{Path: file, Line: fm.fenceLine + max(deep.Line, 1),
			Msg:  fmt.Sprintf("front matter nests deeper than the limit of %d levels", MaxFrontMatterDepth),
			Hint: "flatten the lists and maps here"}
	case over != nil:
		return &diag.Error{Path: file, Line: fm.fenceLine + max(over.Line, 1),
			Msg: fmt.Sprintf("front matter holds more than the limit of %d values (an alias *name counts all the values it repeats)",
				MaxFrontMatterValues),
			Hint: "keep front matter to short fields, and do not nest aliases in aliases"}
	}
	return nil
}
