package main

import (
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// A file in public/ that geul did not write and cannot read (another
// user's) stops a build that makes a new tree with its path and the cause,
// not "check that the disk has room".
func TestForeignUnreadableFile(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root, to run geul as another user than the file's owner")
	}
	root, err := os.MkdirTemp("", "geul-foreign-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(root) })
	const nobody = 65534
	// The test binary is geul (TestMain) under that name, where nobody can run it.
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(root, "geul")
	copyTo(t, exe, bin)
	site := filepath.Join(root, "site")
	for name, text := range map[string]string{
		"config.toml":        "title = \"남의 파일\"\n",
		"content/posts/a.md": "+++\ntitle = \"글\"\ndate = 2024-01-01\n+++\n본문\n",
	} {
		p := filepath.Join(site, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(text), 0o644)
	}
	for _, p := range []string{root, site, filepath.Join(site, "content"), filepath.Join(site, "content/posts"),
		filepath.Join(site, "config.toml"), filepath.Join(site, "content/posts/a.md")} {
		os.Chown(p, nobody, nobody)
	}
	build := func() (string, error) {
		cmd := exec.Command(bin, "build")
		cmd.Dir = site
		cmd.Env = append(os.Environ(), "HOME="+root)
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: nobody, Gid: nobody}}
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	if out, err := build(); err != nil {
		t.Skipf("cannot run geul as nobody here: %v\n%s", err, out)
	}
	// root's file, which nobody may read, put into public/ by hand; and no
	// manifest, so that the build makes a new tree and carries it.
	if err := os.WriteFile(filepath.Join(site, "public/secret.txt"), []byte("root만"), 0o600); err != nil {
		t.Fatal(err)
	}
	os.Remove(filepath.Join(site, ".public.geul.manifest"))
	out, err := build()
	want := "public/secret.txt: geul did not write this file and cannot carry it into the new build: open: permission denied; " +
		"make it readable by the user geul runs as, or move it out of public"
	if err == nil || !strings.Contains(out, want) {
		t.Fatalf("got %v:\n%s\nwant a line with %s", err, out, want)
	}
	if data, err := os.ReadFile(filepath.Join(site, "public/secret.txt")); err != nil || string(data) != "root만" {
		t.Errorf("the file was lost: %q %v", data, err)
	}
}

func copyTo(t *testing.T, src, dst string) {
	t.Helper()
	in, err := os.Open(src)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o755)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
}
