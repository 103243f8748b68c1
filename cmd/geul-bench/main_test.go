package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRun(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	ctx := context.Background()
	for _, c := range []struct {
		name   string
		args   []string
		code   int
		stdout string
		stderr string
	}{
		{"no command", nil, 2, "", "usage:"},
		{"unknown", []string{"build"}, 2, "", `unknown command "build"`},
		{"gen without out", []string{"gen", "-n", "3"}, 2, "", "-out DIR"},
		{"gen bad flag", []string{"gen", "-x"}, 2, "", "flag provided but not defined"},
		{"gen", []string{"gen", "-n", "12", "-out", dir}, 0, "gen: 12 posts in ", ""},
		{"gen negative", []string{"gen", "-n", "-1", "-out", dir}, 1, "", "0 or more"},
		{"floor without in", []string{"floor"}, 2, "", "-in DIR"},
		{"floor", []string{"floor", "-in", dir}, 0, "floor: 12 posts in ", ""},
		{"floor missing", []string{"floor", "-in", filepath.Join(dir, "nope")}, 1, "", "no such file"},
		{"help", []string{"help"}, 0, "geul-bench gen", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if code := run(ctx, c.args, &stdout, &stderr); code != c.code {
				t.Errorf("exit %d, want %d; stderr: %s", code, c.code, stderr.String())
			}
			if !strings.Contains(stdout.String(), c.stdout) {
				t.Errorf("stdout %q lacks %q", stdout.String(), c.stdout)
			}
			if !strings.Contains(stderr.String(), c.stderr) {
				t.Errorf("stderr %q lacks %q", stderr.String(), c.stderr)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(dir, "content", "posts", "p00011.md")); err != nil {
		t.Error(err)
	}
}

func TestFloorCanceled(t *testing.T) {
	dir := t.TempDir()
	var out, errOut bytes.Buffer
	if code := run(context.Background(), []string{"gen", "-n", "5", "-out", dir}, &out, &errOut); code != 0 {
		t.Fatal(errOut.String())
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if code := run(ctx, []string{"floor", "-in", dir}, &out, &errOut); code != 130 {
		t.Errorf("exit %d after interrupt, want 130", code)
	}
}
