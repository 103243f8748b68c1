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
// A built Site can be changed (Edit, Replace, Remove) and built again
// (Rebuild) as geul serve does, and tell what that rendered:
//
//	out.Replace(t, "content/posts/a.md", "서버 장애", "서버 점검").Rebuild(t)
//	out.AssertRendered(t, 1)
//	out.AssertChanged(t, "posts/a/index.html", "atom.xml")
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
	"slices"
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

// Site is a built site: the Result of its last build, and what it was
// built from, so that a test can change files and build again the way
// geul serve does (Edit, Remove, Rebuild).
type Site struct {
	*site.Result

	b       *site.Builder
	fsys    fstest.MapFS
	opts    []site.Option
	changed []string // edited or removed since the last build
}

// Build builds the site of archive in memory and fails the test on error.
func Build(t testing.TB, archive string, opts ...site.Option) *Site {
	t.Helper()
	s := newSite(archive, opts)
	res, err := s.b.Build(context.Background())
	if err != nil {
		t.Fatalf("build failed:\n%v", err)
	}
	s.Result = res
	return s
}

// BuildErr builds the site of archive in memory and returns the error.
func BuildErr(archive string, opts ...site.Option) (*site.Result, error) {
	return newSite(archive, opts).b.Build(context.Background())
}

func newSite(archive string, opts []site.Option) *Site {
	fsys := MapFS(archive)
	opts = append([]site.Option{site.WithFS(fsys), site.WithClock(Clock)}, opts...)
	return &Site{b: site.NewBuilder(".", opts...), fsys: fsys, opts: opts}
}

// Clean builds the site's files as they are now with a new Builder, as
// geul build would: what a Rebuild must give, byte for byte.
func (s *Site) Clean(t testing.TB) *site.Result {
	t.Helper()
	res, err := site.NewBuilder(".", s.opts...).Build(context.Background())
	if err != nil {
		t.Fatalf("clean build failed:\n%v", err)
	}
	return res
}

// Edit writes content to the file at name (a slash path in the site,
// "content/posts/a.md"), creating it if need be, for the next Rebuild.
func (s *Site) Edit(name, content string) *Site {
	s.fsys[name] = &fstest.MapFile{Data: []byte(content), Mode: 0o644}
	s.changed = append(s.changed, name)
	return s
}

// Replace replaces every old in the file at name with new, for the next
// Rebuild; it fails the test when the file does not hold old.
func (s *Site) Replace(t testing.TB, name, old, new string) *Site {
	t.Helper()
	f, ok := s.fsys[name]
	if !ok || !strings.Contains(string(f.Data), old) {
		t.Fatalf("%s does not contain %q", name, old)
	}
	return s.Edit(name, strings.ReplaceAll(string(f.Data), old, new))
}

// Remove removes the file at name, for the next Rebuild.
func (s *Site) Remove(name string) *Site {
	delete(s.fsys, name)
	s.changed = append(s.changed, name)
	return s
}

// Rebuild builds the site again with the files changed since the last
// build (Builder.Rebuild) and fails the test on error.
func (s *Site) Rebuild(t testing.TB) *Site {
	t.Helper()
	if err := s.RebuildErr(); err != nil {
		t.Fatalf("rebuild after %v failed:\n%v", s.changed, err)
	}
	return s
}

// RebuildErr is Rebuild returning the error. After an error the changes
// are given again to the next Rebuild, as geul serve does; the Result is
// the last good build's.
func (s *Site) RebuildErr() error {
	res, err := s.b.Rebuild(context.Background(), site.ClassifyChanges(s.changed))
	if err != nil {
		return err
	}
	s.Result, s.changed = res, nil
	return nil
}

// AssertRendered fails the test unless the last build rendered n pages.
func (s *Site) AssertRendered(t testing.TB, n int) {
	t.Helper()
	if s.Rendered != n {
		t.Errorf("rendered %d pages, want %d (changed: %v)", s.Rendered, n, s.Changed)
	}
}

// AssertChanged fails the test unless the output paths whose bytes the
// last build changed are exactly paths, in any order.
func (s *Site) AssertChanged(t testing.TB, paths ...string) {
	t.Helper()
	got, want := slices.Clone(s.Changed), slices.Clone(paths)
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("changed %q, want %q", got, want)
	}
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
