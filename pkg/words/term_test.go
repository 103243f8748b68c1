package words

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/geul-blog/geul/pkg/hugotest"
)

// termSlugs are tags with the folder geul writes for each (TermSlug) and
// the one Debian's hugo 0.111.3 writes, when it differs (see TermSlug's
// comment for why): hugoNone when it writes no page, hugoFails when the
// build fails. (Hugo 0.111 loses the page of "a.b" when "a.b." is a tag
// too, or a tag makes a folder "a", as "a/b" does: the cases avoid both.)
var termSlugs = []struct{ in, want, hugo string }{
	{"C", "c", ""},
	{"C++", "c++", ""},
	{"C#", "c#", ""},
	{"c--", "c--", ""},
	{"Go", "go", ""},
	{" go ", "go", ""},
	{"Go Lang", "go-lang", ""},
	{"  go   lang ", "go-lang", ""},
	{"tab\there", "tab-here", ""},
	{"a b", "a-b", ""},
	{"a - b", "a-b", ""},
	{"a--b", "a--b", ""},
	{"-lead", "-lead", ""},
	{"trail-", "trail-", ""},
	{"--", "--", ""},
	{"a.b", "a.b", ""},
	{"A+B", "a+b", ""},
	{"a@b~c", "a@b~c", ""},
	{"x_y-z", "x_y-z", ""},
	{"foo_bar", "foo_bar", ""},
	{"100%", "100", ""},
	{"what?", "what", ""},
	{"x&y", "xy", ""},
	{"don't", "dont", ""},
	{"C♯", "c", ""},
	{"Ⅻ", "", hugoNone}, // a letter number is not a digit (Nd)
	{"🔥", "", hugoNone},
	{"서버 장애", "서버-장애", ""},
	{"한글", "한글", ""},
	{"日本語", "日本語", ""},
	{"Ünïcode", "ünïcode", ""},
	{"ＡＢＣ", "ａｂｃ", ""},
	{"ß", "ß", ""},
	{"1\ufe0f\u20e3", "1\ufe0f\u20e3", ""}, // a keycap keeps its marks, as in Hugo
	{"휴식⏸\ufe0f", "휴식", "휴식\ufe0f"},        // Hugo keeps the lone variation selector: "휴식\ufe0f"
	{"새 태그 🏷\ufe0f", "새-태그", "새-태그-\ufe0f"},                        // Hugo: "새-태그-\ufe0f"
	{"e\u0301", "é", "e\u0301"},                                    // NFD and NFC are one term (Hugo keeps NFD)
	{"\u1109\u1165\u1107\u1165", "서버", "\u1109\u1165\u1107\u1165"}, // Hangul as macOS writes it
	{"q/b", "q/b", ""},
	{"C/C++", "c/c++", ""},
	{"x/../y", "y", ""},
	{"q/", "q", ""},
	{"/b", "b", ""},
	{"q//c", "q/c", ""},
	{".", "", hugoNone},
	{"..", "", hugoFails},         // Hugo fails the build
	{`k\l`, "k/l", `k\l`},         // Hugo writes a folder "a\b", which browsers ask for as a/b
	{"100%25", "10025", "100%25"}, // Hugo keeps "%25", a link no server finds
}

const (
	hugoNone  = "\x00none"
	hugoFails = "\x00fails"
)

func TestTermSlug(t *testing.T) {
	for _, tt := range termSlugs {
		if got := TermSlug(tt.in); got != tt.want {
			t.Errorf("TermSlug(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestTermSlugDifferential builds a post per tag of termSlugs with the hugo
// binary and checks the folder each tag's page is written to against the
// table. It is skipped when hugo is not installed, unless
// GEUL_REQUIRE_HUGO=1.
func TestTermSlugDifferential(t *testing.T) {
	files := map[string]string{
		"hugo.toml":                    "baseURL = '/'\ndisableKinds = ['RSS', 'sitemap', 'home', 'section']\n",
		"layouts/_default/list.html":   "{{ range .Pages }}{{ .Title }}\n{{ end }}",
		"layouts/_default/single.html": "",
	}
	for i, tt := range termSlugs {
		if tt.hugo == hugoFails {
			continue
		}
		name, _ := json.Marshal(tt.in)
		files[fmt.Sprintf("content/posts/p%d.md", i)] = fmt.Sprintf("---\ntitle: p%d\ntags: [%s]\n---\n", i, name)
	}
	dir := hugotest.Build(t, files)
	got := map[string]string{} // post title → the folder of its tag's page
	root := filepath.Join(dir, "public", "tags")
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.Name() != "index.html" || p == filepath.Join(root, "index.html") {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, filepath.Dir(p))
		for _, title := range strings.Fields(string(data)) {
			got[title] = filepath.ToSlash(rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for i, tt := range termSlugs {
		want := tt.hugo
		switch want {
		case hugoFails:
			continue
		case "":
			want = tt.want
		}
		folder, ok := got[fmt.Sprintf("p%d", i)]
		switch {
		case want == hugoNone && ok:
			t.Errorf("hugo writes tag %q to tags/%s, the table says no page", tt.in, folder)
		case want != hugoNone && folder != want:
			t.Errorf("hugo writes tag %q to tags/%q, the table says %q", tt.in, folder, want)
		}
	}
}

func TestTermKey(t *testing.T) {
	same := [][]string{
		{"Go", "go", " GO ", "go\t"},
		{"Go Lang", "go  lang", " go\tLang "},
		{"서버 장애", "\u1109\u1165\u1107\u1165 \u110c\u1161\u11bc\u110b\u1162"},
		{"Crème", "cre\u0300me", "CRÈME"},
	}
	for _, group := range same {
		for _, n := range group[1:] {
			if TermKey(n) != TermKey(group[0]) {
				t.Errorf("TermKey(%q) = %q, want TermKey(%q) = %q", n, TermKey(n), group[0], TermKey(group[0]))
			}
		}
	}
	different := [][2]string{{"C", "C++"}, {"C", "C#"}, {"C++", "C#"}, {"go lang", "go-lang"}, {"a--b", "a - b"}}
	for _, d := range different {
		if TermKey(d[0]) == TermKey(d[1]) {
			t.Errorf("TermKey(%q) == TermKey(%q)", d[0], d[1])
		}
	}
}
