package diag

import (
	"strconv"
	"strings"
	"unicode"
)

// QuotePath returns a file name as it may be printed in a message: as it is
// when every character of it prints plainly (Hangul and emoji do), quoted
// with Go escapes when it holds a control character (an ESC that would
// recolour the terminal, a newline that would split one problem over two
// lines), an invalid byte, or a quote or a space at either end.
func QuotePath(p string) string {
	plain := p != "" && strings.TrimSpace(p) == p && !strings.HasPrefix(p, `"`)
	for _, r := range p {
		if !plain {
			break
		}
		plain = r != unicode.ReplacementChar && (unicode.IsPrint(r) || r == ' ')
	}
	if plain {
		return p
	}
	return strconv.Quote(p)
}
