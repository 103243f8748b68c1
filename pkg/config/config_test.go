package config

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"testing/fstest"
)

func TestParse(t *testing.T) {
	c, err := Parse("config.toml", []byte(`
baseURL = "https://example.org/blog"
title = "글쓰는 개발자"
languageCode = "ko-KR"
timeZone = "Asia/Seoul"
paginate = 5
[permalinks]
posts = "/:year/:month/:slug/"
[params]
subtitle = "기록 ✍️"
[[menus.main]]
name = "글 목록"
url = "/archive/"
weight = 2
[[menus.main]]
name = "소개"
url = "/about/"
weight = 1
`))
	if err != nil {
		t.Fatal(err)
	}
	if c.BaseURL != "https://example.org/blog/" {
		t.Errorf("BaseURL = %q, want a trailing slash added", c.BaseURL)
	}
	if c.Location.String() != "Asia/Seoul" || !c.IsKorean() || c.Paginate != 5 {
		t.Errorf("got %+v", c)
	}
	if m := c.Menus["main"]; len(m) != 2 || m[0].Name != "소개" {
		t.Errorf("menus not sorted by weight: %+v", m)
	}
	if c.Params["subtitle"] != "기록 ✍️" || len(c.Warnings) != 0 {
		t.Errorf("params %v, warnings %v", c.Params, c.Warnings)
	}
}

func TestDefaultsWhenMissing(t *testing.T) {
	c, err := Load(fstest.MapFS{}, FileName)
	if err != nil {
		t.Fatal(err)
	}
	if c.Theme != "default" || c.Paginate != 10 || c.Location == nil || c.BaseURL != "/" {
		t.Errorf("defaults = %+v", c)
	}
}

func TestErrors(t *testing.T) {
	tests := []struct {
		src  string
		want string
	}{
		{"title = \"a\nx = 1", "config.toml:1"},
		{"paginate = \"many\"", "config.toml: invalid config"},
		{"paginate = 0", "set paginate"},
		{"timeZone = \"Mars/Olympus\"", `unknown timeZone "Mars/Olympus"`},
		{"[permalinks]\nposts = \"/:year/\"", ":slug"},
		{"headingIDs = \"github\"", `headingIDs = "geul"`},
	}
	for _, tt := range tests {
		_, err := Parse("config.toml", []byte(tt.src))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Parse(%q) = %v, want an error containing %q", tt.src, err, tt.want)
		}
	}
}

func TestUnknownKeyWarnsWithSuggestion(t *testing.T) {
	c, err := Parse("config.toml", []byte("titel = \"x\"\npaginat = 3\nzzz = 1\n[params]\nanything = 1\n"))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, w := range c.Warnings {
		got = append(got, w.Error())
	}
	want := []string{
		`config.toml: unknown config key "titel"; did you mean "title"?`,
		`config.toml: unknown config key "paginat"; did you mean "paginate"?`,
		`config.toml: unknown config key "zzz"; put site-specific values under [params]`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// A config.toml that is a named pipe, or a link to a device, is an error
// naming what it is: reading it would block the build, or never end.
func TestLoadNeverReadsAPipeOrDevice(t *testing.T) {
	for name, want := range map[string]string{
		"pipe": "config.toml: is a named pipe (FIFO), not a regular file",
		"zero": "config.toml: is a character device, not a regular file",
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			p := filepath.Join(dir, "config.toml")
			if name == "pipe" {
				if err := syscall.Mkfifo(p, 0o644); err != nil {
					t.Skipf("no named pipes here: %v", err)
				}
			} else if err := os.Symlink("/dev/zero", p); err != nil {
				t.Skipf("no links here: %v", err)
			}
			_, err := Load(os.DirFS(dir), "config.toml")
			if err == nil || !strings.HasPrefix(err.Error(), want) {
				t.Fatalf("got %v, want %s…", err, want)
			}
		})
	}
}

func TestHeadingIDs(t *testing.T) {
	for src, want := range map[string]string{"": "geul", `headingIDs = "hugo"`: "hugo", `headingIDs = "geul"`: "geul"} {
		c, err := Parse("config.toml", []byte(src))
		if err != nil {
			t.Errorf("Parse(%q): %v", src, err)
		} else if c.HeadingIDs != want {
			t.Errorf("Parse(%q): headingIDs %q, want %q", src, c.HeadingIDs, want)
		}
	}
}

func TestCommentsConfig(t *testing.T) {
	for _, tt := range []struct{ src, wantErr string }{
		{"", ""},
		{"[comments]\nprovider = \"giscus\"\nrepo = \"a/b\"\nrepoId = \"R\"\ncategoryId = \"C\"\n", ""},
		{"[comments]\nprovider = \"utterances\"\nrepo = \"a/b\"\n", ""},
		{"[comments]\nprovider = \"giscus\"\nrepo = \"a/b\"\n", "giscus needs repo, repoId and categoryId"},
		{"[comments]\nprovider = \"disqus\"\n", `provider = "disqus"`},
	} {
		_, err := Load(fstest.MapFS{FileName: {Data: []byte(tt.src)}}, FileName)
		if tt.wantErr == "" && err != nil || tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)) {
			t.Errorf("%q: err %v, want %q", tt.src, err, tt.wantErr)
		}
	}
}

// TestCategoriesOrder reads [[categories]]; a key it does not know is a
// warning as any unknown key is, and one without a name an error.
func TestCategoriesOrder(t *testing.T) {
	c, err := Parse("config.toml", []byte("[[categories]]\nname = \"개발/Go\"\nweight = 2\ndescription = \"고\"\ncolour = \"red\"\n[[categories]]\nname = \"생각\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := []CategoryEntry{{Name: "개발/Go", Weight: 2, Description: "고"}, {Name: "생각"}}
	if len(c.Categories) != 2 || c.Categories[0] != want[0] || c.Categories[1] != want[1] {
		t.Errorf("Categories = %+v, want %+v", c.Categories, want)
	}
	if len(c.Warnings) != 1 || c.Warnings[0].Error() != `config.toml: unknown config key "categories.colour"; [[categories]] takes name, weight and description` {
		t.Errorf("warnings = %v", c.Warnings)
	}
	if _, err := Parse("config.toml", []byte("[[categories]]\nweight = 1\n")); err == nil || !strings.Contains(err.Error(), "[[categories]] number 1 has no name") {
		t.Errorf("a [[categories]] without a name: %v", err)
	}
}
