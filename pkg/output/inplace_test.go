package output_test

// A build that changes few files of the last one updates public/ in place,
// under a journal beside it; see inplace.go.

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/geul-blog/geul/pkg/output"
	"github.com/geul-blog/geul/pkg/sitetest"

	"github.com/geul-blog/geul/pkg/testkit"
)

func toBytes(files map[string]string) map[string][]byte {
	out := make(map[string][]byte, len(files))
	for p, data := range files {
		out[p] = []byte(data)
	}
	return out
}

func TestWriteDirInPlace(t *testing.T) {
	base := map[string]string{
		"index.html":          "홈",
		"posts/a/index.html":  "글 A",
		"posts/b/index.html":  "글 B",
		"tags/x/index.html":   "태그 X",
		"tags/y/index.html":   "태그 Y",
		"css/style.css":       "body{}",
		"feed.xml":            "<feed/>",
		"posts/a/picture.png": "PNG",
	}
	with := func(edit func(m map[string]string)) map[string]string {
		m := maps.Clone(base)
		edit(m)
		return m
	}
	for _, tc := range []struct {
		name    string
		hand    map[string]string // put into public/ by hand after the first build
		next    map[string]string // the second build
		inPlace bool              // public/ is the same folder afterwards
		noop    bool              // nothing in or beside public/ may be touched
		changed []string          // the files and folders replaced or gone; nil: none
		wantErr string            // a prefix, after public/'s path
	}{{
		name: "nothing changed", next: base, inPlace: true, noop: true,
	}, {
		name: "one page changed", next: with(func(m map[string]string) { m["posts/a/index.html"] = "글 A, 고침" }),
		inPlace: true, changed: []string{"posts/a/index.html"},
	}, {
		name: "same size, other bytes", next: with(func(m map[string]string) { m["css/style.css"] = "body{;" }),
		inPlace: true, changed: []string{"css/style.css"},
	}, {
		name: "stale page removed with its folders", next: with(func(m map[string]string) { delete(m, "tags/x/index.html"); delete(m, "tags/y/index.html") }),
		inPlace: true, changed: []string{"tags", "tags/x", "tags/x/index.html", "tags/y", "tags/y/index.html"},
	}, {
		name: "new page in new folders", next: with(func(m map[string]string) { m["posts/c/2/index.html"] = "글 C" }),
		inPlace: true,
	}, {
		name:    "hand-put files kept",
		hand:    map[string]string{"CNAME": "blog.example.org\n", "posts/b/메모.txt": "손으로 ✍️", ".well-known/security.txt": "Contact: x"},
		next:    with(func(m map[string]string) { delete(m, "posts/b/index.html"); m["index.html"] = "새 홈" }),
		inPlace: true, changed: []string{"index.html", "posts/b/index.html"},
	}, {
		name:    "clash with a hand-put file",
		hand:    map[string]string{"about/index.html": "내 소개"},
		next:    with(func(m map[string]string) { m["about/index.html"] = "소개"; m["index.html"] = "새 홈" }),
		wantErr: "about/index.html: geul did not write this file, and the site now has a file or folder at the same place; move it into static/",
	}, {
		name:    "clash with a hand-put file where the site needs a folder",
		hand:    map[string]string{"feeds": "내 파일"},
		next:    with(func(m map[string]string) { m["feeds/all.xml"] = "<feed/>" }),
		wantErr: "feeds: geul did not write this file",
	}, {
		name: "many changes: swap", next: with(func(m map[string]string) {
			for i := range 70 {
				m[fmt.Sprintf("posts/n%02d/index.html", i)] = "새 글"
			}
		}),
		inPlace: false,
	}, {
		name: "a folder where the last build wrote a file: swap", next: with(func(m map[string]string) {
			delete(m, "feed.xml")
			m["feed.xml/index.xml"] = "<feed/>"
		}),
		inPlace: false,
	}} {
		t.Run(tc.name, func(t *testing.T) {
			parent := t.TempDir()
			dest := filepath.Join(parent, "public")
			if err := output.FromFiles(toBytes(base)).WriteDir(context.Background(), dest); err != nil {
				t.Fatal(err)
			}
			testkit.WriteFiles(t, dest, tc.hand)
			before := sitetest.Snapshot(t, dest)
			tree := sitetest.ReadTree(t, dest)
			manifest, _ := os.Lstat(filepath.Join(parent, ".public.geul.manifest"))
			dir, _ := os.Lstat(dest)

			err := output.FromFiles(toBytes(tc.next)).WriteDir(context.Background(), dest)
			if tc.wantErr != "" {
				if err == nil || !strings.HasPrefix(err.Error(), filepath.Join(dest, filepath.FromSlash(tc.wantErr))) {
					t.Fatalf("got %v, want %s…", err, tc.wantErr)
				}
				if d := sitetest.DiffTrees(sitetest.ReadTree(t, dest), tree); d != "" {
					t.Errorf("a failed build changed public/:\n%s", d)
				}
				if r := sitetest.Replaced(t, dest, before); r != nil {
					t.Errorf("a failed build replaced %v", r)
				}
			} else {
				if err != nil {
					t.Fatal(err)
				}
				want := maps.Clone(tc.next)
				maps.Copy(want, tc.hand)
				if d := sitetest.DiffTrees(sitetest.ReadTree(t, dest), want); d != "" {
					t.Errorf("public/ is not the new build:\n%s", d)
				}
				now, _ := os.Lstat(dest)
				if got := os.SameFile(dir, now); got != tc.inPlace {
					t.Errorf("public/ updated in place: %v, want %v", got, tc.inPlace)
				}
				if tc.inPlace {
					if r, want := sitetest.Replaced(t, dest, before), sitetest.Sorted(tc.changed); strings.Join(r, " ") != strings.Join(want, " ") {
						t.Errorf("replaced %v, want %v", r, want)
					}
				}
			}
			if tc.noop {
				// Nothing changed: not a file, folder or time in public/,
				// nor the manifest beside it.
				if d := sitetest.Touched(t, dest, before); d != nil {
					t.Errorf("a build that changed nothing touched %v", d)
				}
				if m, _ := os.Lstat(filepath.Join(parent, ".public.geul.manifest")); !os.SameFile(m, manifest) || !m.ModTime().Equal(manifest.ModTime()) {
					t.Error("a build that changed nothing rewrote the manifest")
				}
			}
			if entries, _ := os.ReadDir(parent); len(entries) != 2 {
				t.Errorf("beside public/: %v, want only it and its manifest", entries)
			}
			if got, _ := readManifestFiles(parent); err == nil && strings.Join(got, " ") != strings.Join(slices.Sorted(maps.Keys(tc.next)), " ") {
				t.Errorf("manifest %v, want the new build's files", got)
			}
		})
	}
}

func readManifestFiles(parent string) ([]string, error) {
	data, err := os.ReadFile(filepath.Join(parent, ".public.geul.manifest"))
	if err != nil {
		return nil, err
	}
	var m struct{ Files []string }
	err = json.Unmarshal(data, &m)
	return m.Files, err
}

// writeManifestFile writes the manifest of public/ in parent, naming files.
func writeManifestFile(t *testing.T, parent string, files map[string]string) {
	t.Helper()
	data, _ := json.Marshal(map[string]any{"geul-manifest": 1, "files": slices.Sorted(maps.Keys(files))})
	if err := os.WriteFile(filepath.Join(parent, ".public.geul.manifest"), data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestWriteDirRecoversInPlace: the next WriteDir undoes an in-place update
// killed before it committed, and finishes one killed after.
func TestWriteDirRecoversInPlace(t *testing.T) {
	a := map[string]string{"index.html": "홈", "posts/a/index.html": "글 A", "tags/x/index.html": "태그 X"}
	// b is the killed build: a with a page changed, one added, one removed.
	b := map[string]string{"index.html": "홈", "posts/a/index.html": "글 A, 고침", "new/index.html": "새 글"}
	union := maps.Clone(a)
	maps.Copy(union, b)
	write := func(t *testing.T, dest string, files map[string]string) {
		t.Helper()
		if err := output.FromFiles(toBytes(files)).WriteDir(context.Background(), dest); err != nil {
			t.Fatal(err)
		}
	}
	put := func(t *testing.T, dest, rel, data string) {
		t.Helper()
		p := filepath.Join(dest, filepath.FromSlash(rel))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		name  string
		state string
		next  map[string]string // the build after the kill
	}{
		{"prepare, then the same build", "prepare", b},
		{"prepare, then the old build", "prepare", a},
		{"commit, then the same build", "commit", b},
		{"commit, then the old build", "commit", a},
	} {
		t.Run(tc.name, func(t *testing.T) {
			parent := t.TempDir()
			dest := filepath.Join(parent, "public")
			write(t, dest, a)
			// Killed after writing every new file (and, when committed,
			// after renaming the first into place).
			puts := []string{"new/index.html", "posts/a/index.html"}
			put(t, dest, sitetest.TempOf("new/index.html", sitetest.DeadPID), b["new/index.html"])
			if tc.state == "commit" {
				writeManifestFile(t, parent, union)
				put(t, dest, "posts/a/index.html", b["posts/a/index.html"])
			} else {
				put(t, dest, sitetest.TempOf("posts/a/index.html", sitetest.DeadPID), b["posts/a/index.html"])
			}
			sitetest.WriteJournal(t, parent, sitetest.DeadPID, tc.state, puts, []string{"tags/x/index.html"}, []string{"new"})
			if tc.state == "commit" {
				// Right after the kill: what the next build finishes.
				got := sitetest.ReadTree(t, dest)
				delete(got, sitetest.TempOf("new/index.html", sitetest.DeadPID))
				if d := sitetest.DiffTrees(got, a); d == "" {
					t.Fatal("the crafted kill is the old build whole")
				}
			}

			write(t, dest, tc.next)
			if d := sitetest.DiffTrees(sitetest.ReadTree(t, dest), tc.next); d != "" {
				t.Errorf("public/ is not the new build:\n%s", d)
			}
			if _, err := os.Stat(sitetest.JournalFile(parent)); !os.IsNotExist(err) {
				t.Errorf("the journal is still there: %v", err)
			}
			if tc.next["new/index.html"] == "" {
				if _, err := os.Stat(filepath.Join(dest, "new")); !os.IsNotExist(err) {
					t.Error("the folder the killed build made is still there")
				}
			}
			if left := sitetest.Leftovers(t, dest); left != nil {
				t.Errorf("left beside public/: %v", left)
			}
			if got, _ := readManifestFiles(parent); strings.Join(got, " ") != strings.Join(slices.Sorted(maps.Keys(tc.next)), " ") {
				t.Errorf("manifest %v, want the new build's files", got)
			}
		})
	}

	t.Run("another live geul's journal", func(t *testing.T) {
		parent := t.TempDir()
		dest := filepath.Join(parent, "public")
		write(t, dest, a)
		put(t, dest, sitetest.TempOf("posts/a/index.html", os.Getppid()), "반쯤")
		sitetest.WriteJournal(t, parent, os.Getppid(), "commit", []string{"posts/a/index.html"}, nil, nil)
		before := sitetest.ReadTree(t, dest)
		err := output.FromFiles(toBytes(b)).WriteDir(context.Background(), dest)
		want := fmt.Sprintf("%s: another geul build (process %d) is writing this folder; wait for it to finish", dest, os.Getppid())
		if err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("got %v, want %s…", err, want)
		}
		if d := sitetest.DiffTrees(sitetest.ReadTree(t, dest), before); d != "" {
			t.Errorf("public/ changed:\n%s", d)
		}
		if _, err := os.Stat(sitetest.JournalFile(parent)); err != nil {
			t.Errorf("the other build's journal: %v", err)
		}
	})

	t.Run("a journal that leads outside public/", func(t *testing.T) {
		parent := t.TempDir()
		dest := filepath.Join(parent, "public")
		write(t, dest, a)
		os.WriteFile(filepath.Join(parent, "mine.txt"), []byte("내 것"), 0o644)
		sitetest.WriteJournal(t, parent, sitetest.DeadPID, "commit", nil, []string{"../mine.txt"}, nil)
		if err := output.FromFiles(toBytes(a)).WriteDir(context.Background(), dest); err == nil || !strings.Contains(err.Error(), "cannot read the journal") {
			t.Errorf("got %v", err)
		}
		if _, err := os.Stat(filepath.Join(parent, "mine.txt")); err != nil {
			t.Error(err)
		}
	})
}
