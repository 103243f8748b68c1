package diag

import "testing"

func TestQuotePath(t *testing.T) {
	for in, want := range map[string]string{
		"content/posts/가.md":     "content/posts/가.md",
		"static/사진 🐈.png":        "static/사진 🐈.png",
		"static/\x1b[31mred.png": `"static/\x1b[31mred.png"`,
		"static/two\nlines.png":  `"static/two\nlines.png"`,
		"static/bad\xffbyte.png": `"static/bad\xffbyte.png"`,
		" static/leading.png":    `" static/leading.png"`,
		`"already".png`:          `"\"already\".png"`,
		"":                       `""`,
	} {
		if got := QuotePath(in); got != want {
			t.Errorf("QuotePath(%q) = %s, want %s", in, got, want)
		}
	}
}
