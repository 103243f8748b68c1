package corpus_test

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/geul-blog/geul/pkg/content"
	"github.com/geul-blog/geul/pkg/corpus"
	"github.com/geul-blog/geul/pkg/site"
)

var update = flag.Bool("update", false, "rewrite testdata/p00000.md")

// TestGenerateIsDeterministic generates the same corpus twice and a
// smaller one, and compares every byte.
func TestGenerateIsDeterministic(t *testing.T) {
	a, b, small := t.TempDir(), t.TempDir(), t.TempDir()
	for _, g := range []struct {
		dir string
		n   int
	}{{a, 60}, {b, 60}, {small, 25}} {
		if err := corpus.Generate(g.dir, g.n); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(read(t, a, "config.toml"), read(t, b, "config.toml")) {
		t.Error("config.toml differs between two runs")
	}
	for i := range 60 {
		got := read(t, a, corpus.PostPath(i))
		if !bytes.Equal(got, read(t, b, corpus.PostPath(i))) {
			t.Errorf("%s differs between two runs", corpus.PostPath(i))
		}
		if !bytes.Equal(got, corpus.Post(i)) {
			t.Errorf("%s is not Post(%d)", corpus.PostPath(i), i)
		}
		if i < 25 && !bytes.Equal(got, read(t, small, corpus.PostPath(i))) {
			t.Errorf("%s of the 25-post corpus differs from the 60-post one", corpus.PostPath(i))
		}
	}
	posts, err := os.ReadDir(filepath.Join(small, "content", "posts"))
	if err != nil {
		t.Fatal(err)
	}
	if len(posts) != 25 {
		t.Errorf("25-post corpus has %d files", len(posts))
	}
}

// TestPostGolden pins post 0's bytes, so that a change of Go version or of
// the generator that changes the corpus is seen (run with -update to
// accept a deliberate change).
func TestPostGolden(t *testing.T) {
	golden := filepath.Join("testdata", "p00000.md")
	got := corpus.Post(0)
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("Post(0) differs from %s; if the change is deliberate, run go test -update", golden)
	}
}

func TestGenerateRefusesNegative(t *testing.T) {
	if err := corpus.Generate(t.TempDir(), -1); err == nil {
		t.Error("Generate(-1) succeeded")
	}
}

func TestGenerateUnwritable(t *testing.T) {
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := corpus.Generate(file, 3); err == nil {
		t.Error("Generate into a file succeeded")
	}
}

// TestShape checks that the first 1,000 posts have the mix the corpus
// promises, and that geul's own parser reads every front matter.
func TestShape(t *testing.T) {
	const n = 1000
	var withCode, withTable, withMore, zwj, vs16 int
	cats, tags, years, langs := map[string]int{}, map[string]int{}, map[int]bool{}, map[string]bool{}
	first := time.Date(2016, 1, 1, 0, 0, 0, 0, time.UTC)
	last := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	for i := range n {
		src := corpus.Post(i)
		p, err := content.Parse(src, content.ParseOptions{File: corpus.PostPath(i)})
		if err != nil {
			t.Fatalf("post %d: %v", i, err)
		}
		if p.Title == "" || len(p.Categories) != 1 || len(p.Tags) < 2 || len(p.Tags) > 4 {
			t.Errorf("post %d: title %q, categories %q, tags %q", i, p.Title, p.Categories, p.Tags)
		}
		if p.Date.Before(first) || !p.Date.Before(last) {
			t.Errorf("post %d: date %v outside 2016-01-01 … 2025-06-01", i, p.Date)
		}
		cats[p.Categories[0]]++
		for _, tag := range p.Tags {
			tags[tag]++
		}
		years[p.Date.Year()] = true
		body := string(p.Body)
		h2 := 0
		for _, line := range strings.Split(body, "\n") {
			if strings.HasPrefix(line, "## ") {
				h2++
				zwj += strings.Count(line, "\u200d")
				vs16 += strings.Count(line, "\ufe0f")
			}
			if lang, ok := strings.CutPrefix(line, "```"); ok && lang != "" {
				langs[lang] = true
			}
		}
		if h2 < 3 || h2 > 6 {
			t.Errorf("post %d has %d ## headings, want 3–6", i, h2)
		}
		if strings.Contains(body, "\n```") {
			withCode++
		}
		if strings.Contains(body, "\n| --- |") || strings.Contains(body, "\n| :---: |") {
			withTable++
		}
		if strings.Contains(body, "<!--more-->") {
			withMore++
		}
		if !strings.ContainsFunc(body, func(r rune) bool { return r >= '가' && r <= '힣' }) ||
			!strings.ContainsFunc(body, func(r rune) bool { return r >= 'A' && r <= 'z' }) {
			t.Errorf("post %d is not Korean with some English", i)
		}
	}
	between := func(name string, got, lo, hi int) {
		if got < lo || got > hi {
			t.Errorf("%s: %d of %d posts, want %d–%d", name, got, n, lo, hi)
		}
	}
	between("code", withCode, 540, 660)
	between("tables", withTable, 150, 250)
	between("<!--more-->", withMore, 440, 560)
	if len(cats) != 8 {
		t.Errorf("%d categories, want 8: %v", len(cats), cats)
	}
	if len(tags) < 38 || len(tags) > 42 {
		t.Errorf("%d tags, want about 40", len(tags))
	}
	if len(years) < 8 {
		t.Errorf("dates span %d years, want at least 8", len(years))
	}
	for _, lang := range []string{"go", "python", "bash", "yaml", "sql"} {
		if !langs[lang] {
			t.Errorf("no %s code block", lang)
		}
	}
	if zwj == 0 || vs16 == 0 {
		t.Errorf("headings hold %d ZWJ and %d U+FE0F; want both", zwj, vs16)
	}
}

// TestCorpusBuilds builds a 200-post corpus with geul: no error, and a page
// for every post. (The benchmarks build 1,000 and 10,000; under -race in CI
// 200 is what keeps this test quick.)
func TestCorpusBuilds(t *testing.T) {
	if testing.Short() {
		t.Skip("builds 200 posts")
	}
	dir := t.TempDir()
	const n = 200
	if err := corpus.Generate(dir, n); err != nil {
		t.Fatal(err)
	}
	res, err := site.NewBuilder(dir).Build(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if res.Future != 0 || res.Drafts != 0 {
		t.Errorf("%d future posts and %d drafts left out, want none", res.Future, res.Drafts)
	}
	for _, i := range []int{0, n / 2, n - 1} {
		name := strings.TrimSuffix(strings.TrimPrefix(corpus.PostPath(i), "content/"), ".md") + "/index.html"
		page, ok := res.Output.Get(name)
		if !ok {
			t.Fatalf("no %s", name)
		}
		if !bytes.Contains(page, []byte("<h2")) {
			t.Errorf("%s has no <h2>", name)
		}
	}
	posts := 0
	for _, p := range res.Output.Paths() {
		if strings.HasPrefix(p, "posts/p0") && strings.HasSuffix(p, "/index.html") {
			posts++
		}
	}
	if posts != n {
		t.Errorf("%d post pages, want %d", posts, n)
	}
	if _, ok := res.Output.Get("posts/page/20/index.html"); !ok {
		t.Error("no posts/page/20/ with paginate = 10")
	}
}

func TestFloor(t *testing.T) {
	dir := t.TempDir()
	if err := corpus.Generate(dir, 40); err != nil {
		t.Fatal(err)
	}
	yaml := "---\ntitle: \"YAML 글\"\n---\n## [휴식 ⏸️]\n\n본문\n"
	if err := os.WriteFile(filepath.Join(dir, "content", "yaml.md"), []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "content", "posts", "note.txt"), []byte("not Markdown"), 0o644); err != nil {
		t.Fatal(err)
	}
	n, err := corpus.Floor(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	if n != 41 {
		t.Errorf("Floor rendered %d files, want 41", n)
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := corpus.Floor(ctx, dir); !errors.Is(err, context.Canceled) {
		t.Errorf("Floor with a canceled context: %v, want context.Canceled", err)
	}
	if _, err := corpus.Floor(context.Background(), filepath.Join(dir, "missing")); err == nil {
		t.Error("Floor of a missing folder succeeded")
	}
}

func read(t *testing.T, dir, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	return b
}
