package sitetest

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// ReadTree returns every file under root by slash path: its bytes, or
// "-> target" for a symbolic link.
func ReadTree(t *testing.T, root string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		if d.Type()&fs.ModeSymlink != 0 {
			target, err := os.Readlink(p)
			files[filepath.ToSlash(rel)] = "-> " + target
			return err
		}
		data, err := os.ReadFile(p)
		files[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// DiffTrees says which files of want are missing from got or differ,
// and which files got has that want does not, a line each, sorted, at
// most diffTreesMax of them; "" when the trees agree.
func DiffTrees(got, want map[string]string) string {
	var lines []string
	for p, w := range want {
		if g, ok := got[p]; !ok {
			lines = append(lines, "missing "+p)
		} else if g != w {
			lines = append(lines, p+" differs")
		}
	}
	for p := range got {
		if _, ok := want[p]; !ok {
			lines = append(lines, "extra "+p)
		}
	}
	if len(lines) == 0 {
		return ""
	}
	slices.Sort(lines)
	if n := len(lines); n > diffTreesMax {
		lines = append(lines[:diffTreesMax], fmt.Sprintf("… and %d more", n-diffTreesMax))
	}
	return strings.Join(lines, "\n") + "\n"
}

// diffTreesMax is how many differences DiffTrees lists: a build cut short
// can differ in hundreds of files, and the first few say what happened.
const diffTreesMax = 20

// Leftovers lists what a build left beside dest besides dest and its manifest.
func Leftovers(t *testing.T, dest string) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Dir(dest))
	if err != nil {
		t.Fatal(err)
	}
	var left []string
	for _, e := range entries {
		if strings.Contains(e.Name(), ".geul-new-") || strings.Contains(e.Name(), ".geul-old-") {
			left = append(left, e.Name())
		}
	}
	return left
}

// Snapshot records every file and folder under root, to tell later which
// were replaced (another inode) or touched (another time).
func Snapshot(t *testing.T, root string) map[string]fs.FileInfo {
	t.Helper()
	infos := map[string]fs.FileInfo{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		infos[filepath.ToSlash(rel)], err = os.Lstat(p)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return infos
}

// Replaced lists the entries of before that are now another file, or gone.
func Replaced(t *testing.T, root string, before map[string]fs.FileInfo) []string {
	t.Helper()
	var out []string
	for rel, fi := range before {
		now, err := os.Lstat(filepath.Join(root, filepath.FromSlash(rel)))
		if err != nil || !os.SameFile(fi, now) {
			out = append(out, rel)
		}
	}
	return Sorted(out)
}

// Touched lists the files and folders of before whose time changed.
func Touched(t *testing.T, root string, before map[string]fs.FileInfo) []string {
	t.Helper()
	var out []string
	for rel, fi := range before {
		now, err := os.Lstat(filepath.Join(root, filepath.FromSlash(rel)))
		if err != nil || !now.ModTime().Equal(fi.ModTime()) {
			out = append(out, rel)
		}
	}
	return Sorted(out)
}

// Sorted returns a sorted copy of s, nil when s is empty.
func Sorted(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	return slices.Sorted(slices.Values(s))
}
