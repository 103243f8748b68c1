package archetype

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

func TestDefaultIsValidTOML(t *testing.T) {
	out, err := Execute("", Default, Data{Title: `따옴표 " 와 \ 역슬래시` + "\x01", Date: "2023-06-30T21:00:00+09:00",
		Categories: []string{"생각"}, Tags: []string{"회고", "AWS"}})
	if err != nil {
		t.Fatal(err)
	}
	fm, _, ok := strings.Cut(strings.TrimPrefix(string(out), "+++\n"), "+++\n")
	if !ok {
		t.Fatalf("no front matter in\n%s", out)
	}
	var got struct {
		Title      string
		Draft      bool
		Categories []string
		Tags       []string
	}
	if _, err := toml.Decode(fm, &got); err != nil {
		t.Fatalf("%v in\n%s", err, fm)
	}
	if got.Title != `따옴표 " 와 \ 역슬래시`+"\x01" || !got.Draft || got.Categories[0] != "생각" || len(got.Tags) != 2 {
		t.Errorf("got %+v from\n%s", got, fm)
	}
}

func TestFindOrder(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(text), 0o644)
	}
	check := func(section, want string) {
		t.Helper()
		_, src, err := Find(dir, "t", section)
		if err != nil || string(src) != want {
			t.Errorf("Find(%q) = %q, %v; want %q", section, src, err, want)
		}
	}
	check("posts", string(Default))
	write("themes/t/archetypes/default.md", "theme default")
	check("posts", "theme default")
	write("themes/t/archetypes/posts.md", "theme posts")
	check("posts", "theme posts")
	write("archetypes/default.md", "site default")
	check("posts", "site default")
	check("", "site default")
	write("archetypes/posts.md", "site posts")
	check("posts", "site posts")
	check("notes", "site default")
}

func TestExecuteErrors(t *testing.T) {
	if _, err := Execute("a.md", []byte("{{ .Nope }}"), Data{}); err == nil || !strings.Contains(err.Error(), ".Title") {
		t.Errorf("unknown field: %v", err)
	}
	if _, err := Execute("a.md", []byte("{{ .Title "), Data{}); err == nil || !strings.Contains(err.Error(), "a.md") {
		t.Errorf("bad template: %v", err)
	}
}
