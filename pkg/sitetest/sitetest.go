// Package sitetest builds whole sites written as one txtar literal, for
// tests (after Hugo's integration test builder):
//
//	out := sitetest.Build(t, `
//	-- config.toml --
//	title = "t"
//	-- content/posts/a.md --
//	+++
//	title = "가"
//	date = 2024-01-02
//	+++
//	## [서버 장애 🧯]
//	`)
//	out.Contains(t, "posts/a/index.html", `id="서버-장애"`)
//
// It also holds the helpers for tests of a written destination folder
// (tree.go): ReadTree, DiffTrees, Leftovers, and Snapshot with Replaced
// and Touched to tell which files a write replaced or touched; pkg/site's
// and pkg/output's tests share them.
package sitetest

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"golang.org/x/tools/txtar"

	"github.com/geul-blog/geul/pkg/site"
)

// Clock is the "now" of every sitetest build, so tests do not depend on
// today's date: 2025-06-01 in UTC.
var Clock = func() time.Time { return time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC) }

// MapFS returns the files of a txtar archive as an in-memory file system.
func MapFS(archive string) fstest.MapFS {
	a := txtar.Parse([]byte(strings.TrimLeft(archive, "\n")))
	fsys := fstest.MapFS{}
	for _, f := range a.Files {
		fsys[f.Name] = &fstest.MapFile{Data: f.Data, Mode: 0o644}
	}
	return fsys
}

// WriteDir writes the files of a txtar archive under dir.
func WriteDir(t testing.TB, dir, archive string) {
	t.Helper()
	for name, f := range MapFS(archive) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// Dir writes the archive into a new temporary folder and returns it.
func Dir(t testing.TB, archive string) string {
	t.Helper()
	dir := t.TempDir()
	WriteDir(t, dir, archive)
	return dir
}

// Site is a built site.
type Site struct {
	*site.Result
}

// Build builds the site of archive in memory and fails the test on error.
func Build(t testing.TB, archive string, opts ...site.Option) *Site {
	t.Helper()
	res, err := BuildErr(archive, opts...)
	if err != nil {
		t.Fatalf("build failed:\n%v", err)
	}
	return &Site{res}
}

// BuildErr builds the site of archive in memory and returns the error.
func BuildErr(archive string, opts ...site.Option) (*site.Result, error) {
	opts = append([]site.Option{site.WithFS(MapFS(archive)), site.WithClock(Clock)}, opts...)
	return site.NewBuilder(".", opts...).Build(context.Background())
}

// File returns the contents of an output file, failing the test if it is missing.
func (s *Site) File(t testing.TB, name string) string {
	t.Helper()
	b, ok := s.Output.Get(name)
	if !ok {
		t.Fatalf("no output file %s; have:\n%s", name, strings.Join(s.Output.Paths(), "\n"))
	}
	return string(b)
}

// Contains fails the test unless the output file holds every one of wants.
func (s *Site) Contains(t testing.TB, name string, wants ...string) {
	t.Helper()
	got := s.File(t, name)
	for _, w := range wants {
		if !strings.Contains(got, w) {
			t.Errorf("%s does not contain %q:\n%s", name, w, got)
		}
	}
}

// Lacks fails the test if the output file holds any of unwanted.
func (s *Site) Lacks(t testing.TB, name string, unwanted ...string) {
	t.Helper()
	got := s.File(t, name)
	for _, w := range unwanted {
		if strings.Contains(got, w) {
			t.Errorf("%s contains %q, but should not", name, w)
		}
	}
}

// Has reports whether the output has a file.
func (s *Site) Has(name string) bool {
	_, ok := s.Output.Get(name)
	return ok
}
