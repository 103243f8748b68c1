package words

import "testing"

// TestTermSlug's wants are the folders Debian's hugo 0.111.3 writes for
// the same tags (public/tags/<want>/index.html), but where a comment says
// geul differs.
func TestTermSlug(t *testing.T) {
	tests := []struct{ in, want string }{
		{"C", "c"},
		{"C++", "c++"},
		{"C#", "c#"},
		{"c--", "c--"},
		{"Go", "go"},
		{" go ", "go"},
		{"Go Lang", "go-lang"},
		{"  go   lang ", "go-lang"},
		{"tab\there", "tab-here"},
		{"a b", "a-b"},
		{"a - b", "a-b"},
		{"a--b", "a--b"},
		{"-lead", "-lead"},
		{"trail-", "trail-"},
		{"--", "--"},
		{"a.b", "a.b"},
		{"a.b.", "a.b."},
		{"A+B", "a+b"},
		{"a@b~c", "a@b~c"},
		{"x_y-z", "x_y-z"},
		{"foo_bar", "foo_bar"},
		{"100%", "100"},
		{"what?", "what"},
		{"x&y", "xy"},
		{"don't", "dont"},
		{"C♯", "c"},
		{"Ⅻ", ""}, // a letter number is not a digit (Nd)
		{"🔥", ""},
		{"서버 장애", "서버-장애"},
		{"한글", "한글"},
		{"日本語", "日本語"},
		{"Ünïcode", "ünïcode"},
		{"ＡＢＣ", "ａｂｃ"},
		{"ß", "ß"},
		{"1\ufe0f\u20e3", "1\ufe0f\u20e3"}, // a keycap keeps its marks, as in Hugo
		{"휴식⏸\ufe0f", "휴식"},                // Hugo keeps the lone variation selector: "휴식\ufe0f"
		{"새 태그 🏷\ufe0f", "새-태그"},           // Hugo: "새-태그-\ufe0f"
		{"e\u0301", "é"},                   // NFD and NFC are one term (Hugo keeps NFD)
		{"\u1109\u1165\u1107\u1165", "서버"}, // Hangul as macOS writes it
		{"a/b", "a/b"},
		{"C/C++", "c/c++"},
		{"x/../y", "y"},
		{"a/", "a"},
		{"/b", "b"},
		{"a//c", "a/c"},
		{".", ""},
		{"..", ""},          // Hugo fails the build
		{`a\b`, "a/b"},      // Hugo writes a folder "a\b", which browsers ask for as a/b
		{"100%25", "10025"}, // Hugo keeps "%25", a link no server finds
	}
	for _, tt := range tests {
		if got := TermSlug(tt.in); got != tt.want {
			t.Errorf("TermSlug(%q) = %q, want %q", tt.in, got, tt.want)
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
