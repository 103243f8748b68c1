package cli

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/geul-blog/geul/pkg/testkit"
)

func TestServeUsage(t *testing.T) {
	tests := []struct {
		args []string
		code int
		err  string
	}{
		{[]string{"--nope"}, 2, "unknown flag: --nope"},
		{[]string{"--no-navgate"}, 2, "Did you mean --no-navigate?"},
		{[]string{"extra"}, 2, `unexpected argument "extra"`},
		{[]string{"--port", "70000"}, 2, "is not a port"},
		{[]string{"-p", "x"}, 2, `invalid argument "x" for "-p, --port"`},
		{[]string{"-h"}, 0, "--no-navigate"},
		{[]string{"--source", filepath.Join(t.TempDir(), "없는 폴더")}, 1, "no such folder"},
	}
	for _, tt := range tests {
		var stdout, stderr bytes.Buffer
		code := Run(context.Background(), append([]string{"serve"}, tt.args...), &stdout, &stderr)
		if code != tt.code || !strings.Contains(stdout.String()+stderr.String(), tt.err) {
			t.Errorf("serve %q: exit %d, stderr %q; want %d and %q", tt.args, code, stderr.String(), tt.code, tt.err)
		}
	}
}

// startServe runs geul serve on a small site until the test ends and
// returns the URL it printed.
func startServe(t *testing.T, args ...string) (url string, stdout *testkit.Buffer) {
	t.Helper()
	url, stdout, _ = startServeSite(t, map[string]string{
		"config.toml":        "title = \"글 블로그\"\nbaseURL = \"https://example.org/\"\n",
		"content/posts/a.md": "+++\ntitle = \"[휴식 ⏸️]\"\ndate = 2023-06-01\n+++\n쉬었다 🏃‍♂️\n",
		"content/posts/b.md": "+++\ntitle = \"둘째\"\ndate = 2023-06-02\n+++\n본문\n",
		"content/about.md":   "+++\ntitle = \"소개\"\n+++\n나\n",
		"static/robots.txt":  "User-agent: *\n",
	}, args...)
	return url, stdout
}

// startServeSite is startServe on the site files.
func startServeSite(t *testing.T, files map[string]string, args ...string) (url string, stdout, stderr *testkit.Buffer) {
	t.Helper()
	dir := t.TempDir()
	testkit.WriteFiles(t, dir, files)
	ctx, cancel := context.WithCancel(context.Background())
	stdout = &testkit.Buffer{}
	stderr = &testkit.Buffer{}
	done := make(chan int, 1)
	go func() { done <- Run(ctx, append([]string{"serve", "--source", dir}, args...), stdout, stderr) }()
	t.Cleanup(func() {
		cancel()
		select {
		case code := <-done:
			if code != 0 {
				t.Errorf("serve exited %d after cancel; stderr %q", code, stderr.String())
			}
		case <-time.After(10 * time.Second):
			t.Error("serve did not stop within 10 s of cancel")
		}
	})
	re := regexp.MustCompile(`(?m)^\d\d:\d\d:\d\d serving (http://\S+/)$`)
	exited := -1
	if !testkit.Poll(20*time.Second, func() bool {
		select {
		case exited = <-done:
			done <- exited // for the cleanup
			return true
		default:
			return re.MatchString(stdout.String())
		}
	}) {
		t.Fatalf("no serving line; stdout %q stderr %q", stdout.String(), stderr.String())
	}
	m := re.FindStringSubmatch(stdout.String())
	if m == nil {
		t.Fatalf("serve exited %d before serving; stdout %q stderr %q", exited, stdout.String(), stderr.String())
	}
	return m[1], stdout, stderr
}

func TestServeServesAndStops(t *testing.T) {
	url, _ := startServe(t, "--port", "0")
	if !strings.HasPrefix(url, "http://127.0.0.1:") || strings.HasSuffix(url, ":0/") {
		t.Errorf("url %q: want the real address", url)
	}
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	// Whether or not the build succeeded, the page carries the live-reload
	// script (a failed first build serves its errors).
	if !strings.Contains(string(b), `<script src="/__geul/livereload.js"`) {
		t.Errorf("GET %s: %d %q; want a page with the live-reload script", url, resp.StatusCode, b)
	}
	if resp.Header.Get("Cache-Control") != "no-store" {
		t.Errorf("Cache-Control = %q", resp.Header.Get("Cache-Control"))
	}
	// A page asked for by another name than the server's is refused.
	req, _ := http.NewRequest("GET", url, nil)
	req.Host = "rebind.example"
	if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != http.StatusForbidden {
		t.Errorf("foreign Host: %v %v, want 403", resp, err)
	}
}

func TestServeNextPort(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	taken := ln.Addr().(*net.TCPAddr).Port
	if taken > 65535-portTries {
		t.Skip("port too high to try the next ones")
	}
	url, stdout := startServe(t, "--port", fmt.Sprint(taken))
	var got int
	if _, err := fmt.Sscanf(url, "http://127.0.0.1:%d/", &got); err != nil || got <= taken || got > taken+portTries {
		t.Fatalf("serving %q; want a port after %d", url, taken)
	}
	if want := fmt.Sprintf("port %d is in use; using %d\n", taken, got); !strings.Contains(stdout.String(), want) {
		t.Errorf("stdout %q lacks %q", stdout.String(), want)
	}
}

func TestWatchList(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "themes", "종이"), 0o755)
	os.MkdirAll(filepath.Join(dir, "themes", "other"), 0o755)
	os.WriteFile(filepath.Join(dir, "config.toml"), []byte("theme = \"종이\"\n"), 0o644)
	got := strings.Join(watchList(dir), " ")
	if want := "config.toml content layouts static i18n themes/종이"; got != want {
		t.Errorf("watchList = %q, want %q", got, want)
	}
	os.WriteFile(filepath.Join(dir, "config.toml"), []byte("theme = \n"), 0o644) // broken: watch every theme
	if got := strings.Join(watchList(dir), " "); !strings.HasSuffix(got, " themes") {
		t.Errorf("with a broken config: %q, want all of themes/", got)
	}
}

// TestServeLog: each line has the time; the first lines say how to stop and
// what was skipped; a build's problems go to stderr.
func TestServeLog(t *testing.T) {
	_, stdout, stderr := startServeSite(t, map[string]string{
		"content/posts/a.md": "+++\ntitle = \"a\"\ndate = 2023-06-01\n+++\n[없는](missing.md)\n",
		"content/posts/d.md": "+++\ntitle = \"d\"\ndate = 2023-06-01\ndraft = true\n+++\n",
	}, "--port", "0")
	out := stdout.String()
	for _, re := range []string{`(?m)^\d\d:\d\d:\d\d serving http://`, `(?m)^\d\d:\d\d:\d\d Press Ctrl\+C to stop$`} {
		if !regexp.MustCompile(re).MatchString(out) {
			t.Errorf("stdout %q does not match %s", out, re)
		}
	}
	want := regexp.MustCompile(`(?m)^\d\d:\d\d:\d\d content/posts/a\.md:5: link to missing page "missing\.md"`)
	if !want.MatchString(stderr.String()) || strings.Contains(out, "missing.md") {
		t.Errorf("stderr %q, stdout %q: want the problem on stderr only", stderr.String(), out)
	}
}

// TestServeLogSkipped: the build line says what it left out.
func TestServeLogSkipped(t *testing.T) {
	_, stdout, _ := startServeSite(t, map[string]string{
		"content/posts/a.md": "+++\ntitle = \"a\"\ndate = 2023-06-01\n+++\n",
		"content/posts/d.md": "+++\ntitle = \"d\"\ndate = 2023-06-01\ndraft = true\n+++\n",
		"content/posts/f.md": "+++\ntitle = \"f\"\ndate = 2999-06-01\n+++\n",
	}, "--port", "0")
	if !testkit.Poll(20*time.Second, func() bool { return strings.Contains(stdout.String(), "(skipped 1 draft and 1 future post;") }) {
		t.Fatalf("stdout %q: no line saying what was skipped", stdout.String())
	}
}

// A Hugo site's config files are watched too.
func TestWatchListHugo(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "config", "_default"), 0o755)
	os.WriteFile(filepath.Join(dir, "hugo.yaml"), []byte("title: t\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "config", "_default", "params.toml"), []byte("a = 1\n"), 0o644)
	if got, want := strings.Join(watchList(dir), " "), "config.toml content layouts static i18n hugo.yaml config"; got != want {
		t.Errorf("watchList = %q, want %q", got, want)
	}
}
