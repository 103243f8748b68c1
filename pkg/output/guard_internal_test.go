package output

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestParseMountInfo(t *testing.T) {
	in := "22 1 8:1 / / rw,relatime - ext4 /dev/sda1 rw\n" +
		"63 43 254:0 /srv/up /home/me/blog/public/up\\040loads rw - ext4 /dev/vda rw\n" +
		"bad line\n"
	got := parseMountInfo(strings.NewReader(in))
	want := []string{"/", "/home/me/blog/public/up loads"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

// A mount point the system lists stops the tree swap before anything in it
// is carried or removed, where no bind mount can be made for the test.
func TestCarryOverStopsAtAListedMount(t *testing.T) {
	parent := t.TempDir()
	dest, tmp := filepath.Join(parent, "public"), filepath.Join(parent, "new")
	for _, d := range []string{"public/mnt/deep", "new"} {
		os.MkdirAll(filepath.Join(parent, d), 0o755)
	}
	os.WriteFile(filepath.Join(dest, "mnt/deep/file"), []byte("x"), 0o644)
	g := newDestGuard(dest, func() []string { return []string{"/", filepath.Join(dest, "mnt")} })
	if !g.mounts["mnt"] || len(g.mounts) != 1 {
		t.Fatalf("mounts %v, want only mnt", g.mounts)
	}
	err := carryOver(context.Background(), "public", dest, tmp, g, nil, map[string]bool{}, nil, false)
	var me *mountError
	if !errors.As(err, &me) || me.rel != "mnt" {
		t.Fatalf("got %v, want a mount error for mnt", err)
	}
	if _, err := os.Lstat(filepath.Join(tmp, "mnt/deep/file")); err == nil {
		t.Error("a file in a mount point was carried")
	}
	if d, what := g.blocked("mnt/deep/file"); d != "mnt" || what != "a mount point" {
		t.Errorf("blocked: %q %q, want mnt, a mount point", d, what)
	}
}
