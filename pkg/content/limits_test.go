package content

import (
	"fmt"
	"strings"
	"testing"
)

// limitErrors are the TestParseErrors cases for front matter past the
// limits: each decoded before the limits were checked, taking seconds,
// gigabytes or the whole process.
func limitErrors() []struct{ name, src, want string } {
	deep := fmt.Sprintf("content/posts/a.md:%%s: front matter nests deeper than the limit of %d levels; flatten the %%s here", MaxFrontMatterDepth)
	bomb := "---\ntitle: 가\na: &a [\"ㅋ\", \"ㅋ\", \"ㅋ\", \"ㅋ\", \"ㅋ\", \"ㅋ\", \"ㅋ\", \"ㅋ\", \"ㅋ\", \"ㅋ\"]\n"
	for i, prev := 'b', 'a'; i <= 'i'; i, prev = i+1, i {
		bomb += fmt.Sprintf("%c: &%c [%s*%c]\n", i, i, strings.Repeat(fmt.Sprintf("*%c, ", prev), 9), prev)
	}
	bomb += "---\n본문\n"
	return []struct{ name, src, want string }{
		{"toml arrays 100k deep", "+++\ntitle = \"가\"\nx = " + strings.Repeat("[", 100000) + strings.Repeat("]", 100000) + "\n+++\n",
			fmt.Sprintf(deep, "3:37", "arrays, tables and dotted keys")},
		{"toml nested inline tables", "+++\n\nx = " + strings.Repeat("{ 가 = ", 2000) + "1" + strings.Repeat(" }", 2000) + "\n+++\n",
			fmt.Sprintf(deep, "3:197", "arrays, tables and dotted keys")},
		{"toml long dotted key", "+++\n" + strings.Repeat("가.", 4000) + "나 = 1\n+++\n",
			fmt.Sprintf(deep, "2:66", "arrays, tables and dotted keys")},
		{"toml deep table header", "+++\n[" + strings.Repeat("a.", 40) + "b]\n+++\n",
			fmt.Sprintf(deep, "2:65", "arrays, tables and dotted keys")},
		{"toml too big", "+++\ntitle = \"가\"\nx = \"" + strings.Repeat("가", MaxFrontMatterBytes/3) + "\"\n+++\n",
			fmt.Sprintf("content/posts/a.md:1: front matter is %d KB, more than the limit of %d KB; keep front matter to short fields; long text belongs in the body",
				MaxFrontMatterBytes>>10+1, MaxFrontMatterBytes>>10)},
		{"yaml too big", "---\ntitle: " + strings.Repeat("ㅋ", MaxFrontMatterBytes/3+1) + "\n---\n",
			fmt.Sprintf("content/posts/a.md:1: front matter is %d KB, more than the limit of %d KB; keep front matter to short fields; long text belongs in the body",
				MaxFrontMatterBytes>>10+1, MaxFrontMatterBytes>>10)},
		{"yaml flow lists 50k deep", "---\ntitle: 가\nx: " + strings.Repeat("[", 50000) + strings.Repeat("]", 50000) + "\n---\n",
			fmt.Sprintf(deep, "3", "lists and maps")},
		{"yaml nested maps", "---\ntitle: 가\n" + nestedYAML(40) + "---\n",
			fmt.Sprintf(deep, "35", "lists and maps")},
		{"yaml alias bomb", bomb,
			fmt.Sprintf("content/posts/a.md:6: front matter holds more than the limit of %d values (an alias *name counts all the values it repeats); keep front matter to short fields, and do not nest aliases in aliases", MaxFrontMatterValues)},
	}
}

// nestedYAML returns block maps nested n deep, one key a line.
func nestedYAML(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "%s키%d:\n", strings.Repeat(" ", i), i)
	}
	fmt.Fprintf(&b, "%s끝: 1\n", strings.Repeat(" ", n))
	return b.String()
}

// TestParseWithinLimits checks that front matter at the limits still
// parses: the limits are far above what a post needs.
func TestParseWithinLimits(t *testing.T) {
	var toml strings.Builder
	toml.WriteString("+++\ntitle = \"가\"\n")
	fmt.Fprintf(&toml, "x = %s1%s\n", strings.Repeat("[", MaxFrontMatterDepth), strings.Repeat("]", MaxFrontMatterDepth))
	fmt.Fprintf(&toml, "%s = 1.5\n", strings.Repeat("a.", MaxFrontMatterDepth-1)+"b")
	fmt.Fprintf(&toml, "s = \"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\" # {{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{\n")
	fmt.Fprintf(&toml, "m = '''\n%s\n'''\n", strings.Repeat("{", 100))
	toml.WriteString("+++\n본문\n")
	yaml := "---\ntitle: 가\n" + nestedYAML(MaxFrontMatterDepth-1) + "a: &a [1, 2]\nb: [*a, *a]\n---\n본문\n"
	for _, src := range []string{toml.String(), yaml} {
		p, err := parseSeoul(t, src)
		if err != nil || p.Title != "가" {
			t.Errorf("%v, %+v", err, p)
		}
	}
}
