package output_test

// WriteDir never removes or writes through a folder of public/ that the
// writer replaced by a link or mounted something on, carries the writer's
// folders with their modes into a new tree, and refuses to swap a tree
// that holds a mount point.

import (
	"context"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/geul-blog/geul/pkg/output"
	"github.com/geul-blog/geul/pkg/sitetest"
)

var guardBase = map[string]string{
	"index.html":         "홈",
	"posts/a/index.html": "글 A",
	"tags/x/index.html":  "태그 X",
	"tags/x/feed.xml":    "<feed/>",
}

// manyChanges is guardBase with enough new pages that WriteDir swaps trees.
func manyChanges() map[string]string {
	m := maps.Clone(guardBase)
	for i := range 70 {
		m[fmt.Sprintf("posts/n%02d/index.html", i)] = "새 글"
	}
	return m
}

func writeOut(t *testing.T, dest string, files map[string]string) error {
	t.Helper()
	return output.FromFiles(toBytes(files)).WriteDir(context.Background(), dest)
}

// outsideWithFiles makes a folder outside public/ holding the same names
// as public/tags/x, which a build must never remove.
func outsideWithFiles(t *testing.T) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "내 폴더")
	os.MkdirAll(out, 0o755)
	for _, name := range []string{"index.html", "feed.xml"} {
		if err := os.WriteFile(filepath.Join(out, name), []byte("소중한 파일"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return out
}

// linkedOutside replaces public/tags/x in dest by a link to a new
// outsideWithFiles folder and returns that folder. It skips the test where
// links cannot be made.
func linkedOutside(t *testing.T, dest string) string {
	t.Helper()
	out := outsideWithFiles(t)
	os.RemoveAll(filepath.Join(dest, "tags/x"))
	if err := os.Symlink(out, filepath.Join(dest, "tags/x")); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	return out
}

func wantOutsideKept(t *testing.T, out string) {
	t.Helper()
	for _, name := range []string{"index.html", "feed.xml"} {
		if data, err := os.ReadFile(filepath.Join(out, name)); err != nil || string(data) != "소중한 파일" {
			t.Errorf("a build removed or changed %s outside public/: %v", name, err)
		}
	}
}

func TestInPlaceNeverRemovesThroughALink(t *testing.T) {
	for _, swap := range []bool{false, true} {
		t.Run(fmt.Sprintf("swap=%v", swap), func(t *testing.T) {
			dest := filepath.Join(t.TempDir(), "public")
			if err := writeOut(t, dest, guardBase); err != nil {
				t.Fatal(err)
			}
			out := linkedOutside(t, dest)
			next := maps.Clone(guardBase)
			if swap {
				next = manyChanges()
			}
			delete(next, "tags/x/index.html")
			delete(next, "tags/x/feed.xml")
			next["index.html"] = "새 홈"
			if err := writeOut(t, dest, next); err != nil {
				t.Fatal(err)
			}
			wantOutsideKept(t, out)
			if fi, err := os.Lstat(filepath.Join(dest, "tags/x")); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
				t.Errorf("the writer's link is gone: %v", err)
			}
		})
	}
}

func TestRecoveryNeverRemovesThroughALink(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	if err := writeOut(t, dest, guardBase); err != nil {
		t.Fatal(err)
	}
	// A build killed after its commit, which was to remove tags/x/'s files;
	// since then the writer replaced tags/x by a link.
	sitetest.WriteJournal(t, parent, sitetest.DeadPID, "commit", nil, []string{"tags/x/index.html", "tags/x/feed.xml"}, nil)
	out := linkedOutside(t, dest)
	next := maps.Clone(guardBase)
	delete(next, "tags/x/index.html")
	delete(next, "tags/x/feed.xml")
	if err := writeOut(t, dest, next); err != nil {
		t.Fatal(err)
	}
	wantOutsideKept(t, out)
}

func TestSwapCarriesFoldersAndModes(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	if err := writeOut(t, dest, guardBase); err != nil {
		t.Fatal(err)
	}
	// The writer's own folders, empty ones too, with their modes: a
	// repository (git needs refs/tags/ even empty), .well-known/, an
	// upload folder anyone may write to, and public/ itself.
	folders := map[string]fs.FileMode{
		".git":             0o755,
		".git/refs":        0o755,
		".git/refs/tags":   0o755,
		".git/objects/ab":  0o555,
		".well-known":      0o750,
		"uploads":          0o777 | fs.ModeSticky,
		"posts/a/첨부":       0o700,
		"tags/x/only-mine": 0o755,
	}
	for _, rel := range []string{".git/refs/tags", ".git/objects/ab", ".well-known", "uploads", "posts/a/첨부", "tags/x/only-mine"} {
		if err := os.MkdirAll(filepath.Join(dest, rel), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	os.WriteFile(filepath.Join(dest, ".git/HEAD"), []byte("ref: refs/heads/main\n"), 0o644)
	for rel, mode := range folders {
		if err := os.Chmod(filepath.Join(dest, rel), mode); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Chmod(dest, 0o751); err != nil {
		t.Fatal(err)
	}
	before, _ := os.Stat(dest)

	// Many changes, and tags/x/ is stale: a new tree.
	next := manyChanges()
	delete(next, "tags/x/index.html")
	delete(next, "tags/x/feed.xml")
	if err := writeOut(t, dest, next); err != nil {
		t.Fatal(err)
	}
	if now, _ := os.Stat(dest); os.SameFile(before, now) {
		t.Fatal("public/ was updated in place; this test needs a new tree")
	}
	for rel, mode := range folders {
		fi, err := os.Lstat(filepath.Join(dest, rel))
		if err != nil || !fi.IsDir() {
			t.Errorf("%s: the writer's folder was not carried: %v", rel, err)
			continue
		}
		if got := fi.Mode() & (fs.ModePerm | fs.ModeSticky); got != mode {
			t.Errorf("%s: mode %v, want %v", rel, got, mode)
		}
	}
	if data, err := os.ReadFile(filepath.Join(dest, ".git/HEAD")); err != nil || string(data) != "ref: refs/heads/main\n" {
		t.Errorf(".git/HEAD: %q, %v", data, err)
	}
	fi, _ := os.Stat(dest)
	if got := fi.Mode().Perm(); got != 0o751 {
		t.Errorf("public/'s mode is %v, want it kept: -rwxr-x--x", got)
	}
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		if bst := before.Sys().(*syscall.Stat_t); st.Uid != bst.Uid || st.Gid != bst.Gid {
			t.Errorf("public/'s owner changed: %d:%d, was %d:%d", st.Uid, st.Gid, bst.Uid, bst.Gid)
		}
	}
	// geul's own stale folder is not kept empty.
	if _, err := os.Lstat(filepath.Join(dest, "tags/x/index.html")); err == nil {
		t.Error("a stale page was carried")
	}
}

// bindMount mounts src on dst for the test, or skips it where that is not
// possible (not root, no mount namespace).
func bindMount(t *testing.T, src, dst string) {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("bind mounts need root")
	}
	if err := syscall.Mount(src, dst, "", syscall.MS_BIND, ""); err != nil {
		t.Skipf("cannot bind-mount here: %v", err)
	}
	t.Cleanup(func() {
		if err := syscall.Unmount(dst, 0); err == nil {
			return
		}
		// A broken WriteDir moved it: detach it wherever it went.
		data, _ := os.ReadFile("/proc/self/mountinfo")
		parent := filepath.Dir(filepath.Dir(dst))
		for _, line := range strings.Split(string(data), "\n") {
			if f := strings.Fields(line); len(f) > 4 && strings.HasPrefix(f[4], parent+"/") {
				syscall.Unmount(f[4], syscall.MNT_DETACH)
			}
		}
	})
}

func TestMountPointInDestination(t *testing.T) {
	for _, tc := range []struct {
		name     string
		manifest bool   // public/ holds geul's last build, with its manifest
		wantErr  string // "": the build goes through, in place
	}{
		{name: "geul's last build: in place around it", manifest: true},
		{name: "no manifest: refused", wantErr: "public/uploads: cannot replace the site's folder: this folder in it is a mount point"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			parent := t.TempDir()
			dest := filepath.Join(parent, "public")
			if tc.manifest {
				if err := writeOut(t, dest, guardBase); err != nil {
					t.Fatal(err)
				}
			} else {
				os.MkdirAll(filepath.Join(dest, "posts/a"), 0o755)
				os.WriteFile(filepath.Join(dest, "posts/a/index.html"), []byte("옛 글"), 0o644)
			}
			src := outsideWithFiles(t)
			os.Mkdir(filepath.Join(dest, "uploads"), 0o755)
			bindMount(t, src, filepath.Join(dest, "uploads"))

			err := writeOut(t, dest, manyChanges())
			wantOutsideKept(t, src)
			if tc.wantErr == "" {
				if err != nil {
					t.Fatal(err)
				}
				if data, err := os.ReadFile(filepath.Join(dest, "posts/n00/index.html")); err != nil || string(data) != "새 글" {
					t.Errorf("the new build is not in public/: %q %v", data, err)
				}
				return
			}
			if err == nil || !strings.Contains(filepath.ToSlash(err.Error()), tc.wantErr) {
				t.Fatalf("got %v, want …%s…", err, tc.wantErr)
			}
			if data, err := os.ReadFile(filepath.Join(dest, "posts/a/index.html")); err != nil || string(data) != "옛 글" {
				t.Errorf("a refused build changed public/: %q %v", data, err)
			}
		})
	}
}

// A page whose folder the writer replaced by a link is an error naming the
// link, in place or not: nothing is written through it.
func TestNeverWritesThroughALink(t *testing.T) {
	for _, swap := range []bool{false, true} {
		t.Run(fmt.Sprintf("swap=%v", swap), func(t *testing.T) {
			dest := filepath.Join(t.TempDir(), "public")
			if err := writeOut(t, dest, guardBase); err != nil {
				t.Fatal(err)
			}
			out := linkedOutside(t, dest)
			next := maps.Clone(guardBase)
			if swap {
				next = manyChanges()
			}
			next["tags/x/index.html"] = "새 태그 X"
			err := writeOut(t, dest, next)
			if want := filepath.Join(dest, "tags/x") + ": geul did not write this file"; err == nil || !strings.HasPrefix(err.Error(), want) {
				t.Fatalf("got %v, want %s…", err, want)
			}
			wantOutsideKept(t, out)
		})
	}
}

// A new public/ is readable by a web server: 0755, whatever os.MkdirTemp gave.
func TestNewDestinationMode(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	if err := writeOut(t, dest, guardBase); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(dest); err != nil || fi.Mode().Perm() != 0o755 {
		t.Fatalf("public/: %v, %v; want -rwxr-xr-x", fi.Mode(), err)
	}
}

// A public/ that is itself a mount point (a container's volume) cannot be
// renamed away: every build updates it in place, the first one too.
func TestDestinationIsAMountPoint(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	os.Mkdir(dest, 0o755)
	volume := filepath.Join(t.TempDir(), "volume")
	os.Mkdir(volume, 0o755)
	os.WriteFile(filepath.Join(volume, "CNAME"), []byte("blog.example.org\n"), 0o644)
	bindMount(t, volume, dest)
	for i, next := range []map[string]string{guardBase, manyChanges()} {
		if err := writeOut(t, dest, next); err != nil {
			t.Fatalf("build %d: %v", i+1, err)
		}
		want := maps.Clone(next)
		want["CNAME"] = "blog.example.org\n"
		if d := sitetest.DiffTrees(sitetest.ReadTree(t, volume), want); d != "" {
			t.Errorf("build %d: the volume is not the build:\n%s", i+1, d)
		}
	}
}
