package server

import (
	"bytes"
	"io/fs"
	"strings"
	"testing"
)

func TestInjectScript(t *testing.T) {
	const tag = `<script src="/__geul/livereload.js" data-gen="g-1"></script>`
	tests := []struct{ in, want string }{
		{"<html><body><p>글</p></body></html>", "<html><body><p>글</p>" + tag + "</body></html>"},
		{"<BODY>x</BODY>", "<BODY>x" + tag + "</BODY>"},
		{"<body>a</Body>\n", "<body>a" + tag + "</Body>\n"},
		// The last </body> wins: an earlier one inside a code sample is text.
		{"<body><pre>&lt;/body&gt; </body>?</pre></body>", "<body><pre>&lt;/body&gt; </body>?</pre>" + tag + "</body>"},
		{"<p>조각 🏃‍♂️</p>", "<p>조각 🏃‍♂️</p>" + tag},
		{"", tag},
		{"</bod", "</bod" + tag},
	}
	for _, tt := range tests {
		if got := string(injectScript([]byte(tt.in), "g-1")); got != tt.want {
			t.Errorf("injectScript(%q)\n got %q\nwant %q", tt.in, got, tt.want)
		}
	}
}

func TestInjectEscapesGen(t *testing.T) {
	got := string(injectScript([]byte("<body></body>"), `"><script>`))
	if strings.Contains(got, `"><script>`) {
		t.Errorf("gen not escaped: %q", got)
	}
}

// FuzzInjectScript checks that injection only ever adds the tag.
func FuzzInjectScript(f *testing.F) {
	for _, s := range []string{"<body></body>", "</BODY></body>", "글</body>", "", "</body"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, page []byte) {
		tag := `<script src="/__geul/livereload.js" data-gen="x"></script>`
		out := injectScript(page, "x")
		i := bytes.LastIndex(out, []byte(tag))
		if i < 0 || len(out) != len(page)+len(tag) {
			t.Fatalf("tag missing or extra bytes: %q", out)
		}
		if rest := append(bytes.Clone(out[:i]), out[i+len(tag):]...); !bytes.Equal(rest, page) {
			t.Fatalf("page changed besides the tag: %q → %q", page, out)
		}
	})
}

func TestCleanPath(t *testing.T) {
	tests := []struct {
		in   string
		name string
		dir  bool
		ok   bool
	}{
		{"/", "", true, true},
		{"/posts/a/", "posts/a", true, true},
		{"/posts/a", "posts/a", false, true},
		{"/posts/한글/", "posts/한글", true, true},
		{"/a.css", "a.css", false, true},
		{"/..", "", false, false},
		{"/../x", "", false, false},
		{"/a/../x", "", false, false},
		{"/./x", "", false, false},
		{"//x", "", false, false},
		{"/a//", "", false, false},
		{`/a\..\x`, "", false, false},
		{"/a\x00", "", false, false},
		{"/\xff", "", false, false},
		{"x", "", false, false},
		{"", "", false, false},
	}
	for _, tt := range tests {
		name, dir, ok := cleanPath(tt.in)
		if name != tt.name || dir != tt.dir || ok != tt.ok {
			t.Errorf("cleanPath(%q) = %q, %v, %v; want %q, %v, %v", tt.in, name, dir, ok, tt.name, tt.dir, tt.ok)
		}
	}
}

// FuzzCleanPath checks that an accepted path can never leave the Output's
// root: it is a valid fs path with no "." or ".." elements.
func FuzzCleanPath(f *testing.F) {
	for _, s := range []string{"/", "/posts/a/", "/../x", `/\..\`, "/a/./b", "/한글"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, p string) {
		name, dir, ok := cleanPath(p)
		if !ok {
			return
		}
		full := indexName(name, dir)
		if !fs.ValidPath(full) || full == "." || strings.ContainsAny(full, "\\\x00") {
			t.Fatalf("cleanPath(%q) accepted %q", p, full)
		}
		for _, el := range strings.Split(full, "/") {
			if el == ".." || el == "." || el == "" {
				t.Fatalf("cleanPath(%q) gave %q with element %q", p, full, el)
			}
		}
	})
}
