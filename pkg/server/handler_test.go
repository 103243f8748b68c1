package server

import (
	"context"
	"flag"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/geul-blog/geul/pkg/diag"
	"github.com/geul-blog/geul/pkg/site"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

const scriptTag = `<script src="/__geul/livereload.js"`

// testSite is a small built site as the handler tests see it.
var testSite = map[string]string{
	"index.html":              `<!doctype html><html><head><link rel="stylesheet" href="/css/style.css"></head><body><h1>홈</h1></body></html>`,
	"posts/hello/index.html":  `<!doctype html><html><body><h1>안녕 🏃‍♂️</h1></body></html>`,
	"posts/한글-제목/index.html":  `<!doctype html><html><body><h1>[서버 장애 🧯]</h1></BODY></html>`,
	"posts/휴식⏸️/index.html":   `<html><body>쉼</body></html>`,
	"css/style.css":           `body { font-family: "Noto Sans KR"; }`,
	"js/app.js":               `console.log("글")`,
	"index.xml":               `<?xml version="1.0"?><rss></rss>`,
	"data.json":               `{"제목":"글"}`,
	"img/a.png":               "\x89PNG\r\n\x1a\n0000",
	"fonts/a.woff2":           "wOF2",
	"robots.txt":              "User-agent: *",
	"404.html":                `<!doctype html><html><body><h1>길을 잃었어요</h1></body></html>`,
	"fragment.html":           `<p>no body tag</p>`,
	"posts/hello/cover.svg":   `<svg xmlns="http://www.w3.org/2000/svg"></svg>`,
	"posts/hello/notes/a.txt": "메모",
}

// newTestServer returns a Server whose current build is files.
func newTestServer(t *testing.T, files map[string]string, opts ...Option) *Server {
	t.Helper()
	out := output(files)
	fb := &fakeBuilder{build: func([]string) (*site.Result, error) {
		return &site.Result{Output: out, Rendered: len(files)}, nil
	}}
	s := New(fb, t.TempDir(), opts...)
	if err := s.buildAll(context.Background()); err != nil {
		t.Fatal(err)
	}
	return s
}

func get(t *testing.T, h http.Handler, method, target, host string) *http.Response {
	t.Helper()
	r := httptest.NewRequest(method, target, nil)
	r.Host = host
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w.Result()
}

func body(t *testing.T, resp *http.Response) string {
	t.Helper()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestServeFiles(t *testing.T) {
	h := newTestServer(t, testSite).Handler()
	tests := []struct {
		name, target string
		status       int
		ctype        string // exact Content-Type
		contains     string
		location     string
		script       bool // the live-reload script is in the body
	}{
		{"root", "/", 200, "text/html; charset=utf-8", "<h1>홈</h1>", "", true},
		{"index file", "/index.html", 200, "text/html; charset=utf-8", "<h1>홈</h1>", "", true},
		{"pretty URL", "/posts/hello/", 200, "text/html; charset=utf-8", "안녕 🏃‍♂️", "", true},
		{"missing slash", "/posts/hello", 301, "", "", "/posts/hello/", false},
		{"missing slash keeps query", "/posts/hello?x=1", 301, "", "", "/posts/hello/?x=1", false},
		{"Hangul, percent-encoded", "/posts/%ED%95%9C%EA%B8%80-%EC%A0%9C%EB%AA%A9/", 200, "text/html; charset=utf-8", "[서버 장애 🧯]", "", true},
		{"Hangul, NFD form", "/posts/%E1%84%92%E1%85%A1%E1%86%AB%E1%84%80%E1%85%B3%E1%86%AF-%EC%A0%9C%EB%AA%A9/", 200, "text/html; charset=utf-8", "[서버 장애 🧯]", "", true},
		{"Hangul redirect is encoded", "/posts/%ED%95%9C%EA%B8%80-%EC%A0%9C%EB%AA%A9", 301, "", "", "/posts/%ED%95%9C%EA%B8%80-%EC%A0%9C%EB%AA%A9/", false},
		{"emoji with variation selector", "/posts/%ED%9C%B4%EC%8B%9D%E2%8F%B8%EF%B8%8F/", 200, "text/html; charset=utf-8", "쉼", "", true},
		{"css", "/css/style.css", 200, "text/css; charset=utf-8", "Noto Sans KR", "", false},
		{"js", "/js/app.js", 200, "text/javascript; charset=utf-8", `console.log("글")`, "", false},
		{"feed", "/index.xml", 200, "application/xml; charset=utf-8", "<rss>", "", false},
		{"json", "/data.json", 200, "application/json; charset=utf-8", `"제목"`, "", false},
		{"png", "/img/a.png", 200, "image/png", "PNG", "", false},
		{"woff2", "/fonts/a.woff2", 200, "font/woff2", "wOF2", "", false},
		{"svg", "/posts/hello/cover.svg", 200, "image/svg+xml; charset=utf-8", "<svg", "", false},
		{"txt", "/robots.txt", 200, "text/plain; charset=utf-8", "User-agent", "", false},
		{"page without body tag", "/fragment.html", 200, "text/html; charset=utf-8", "<p>no body tag</p>" + scriptTag, "", true},
		{"404 page", "/nope/", 404, "text/html; charset=utf-8", "길을 잃었어요", "", true},
		{"404 for a file", "/nope.css", 404, "text/html; charset=utf-8", "길을 잃었어요", "", true},
		{"folder without index", "/posts/hello/notes/", 404, "text/html; charset=utf-8", "길을 잃었어요", "", true},
		{"internal endpoint unknown", "/__geul/nope", 404, "text/plain; charset=utf-8", "404", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := get(t, h, "GET", tt.target, "127.0.0.1:1313")
			b := body(t, resp)
			if resp.StatusCode != tt.status {
				t.Fatalf("status = %d, want %d; body %q", resp.StatusCode, tt.status, b)
			}
			if got := resp.Header.Get("Cache-Control"); got != "no-store" {
				t.Errorf("Cache-Control = %q, want no-store", got)
			}
			if tt.ctype != "" && resp.Header.Get("Content-Type") != tt.ctype {
				t.Errorf("Content-Type = %q, want %q", resp.Header.Get("Content-Type"), tt.ctype)
			}
			if !strings.Contains(b, tt.contains) {
				t.Errorf("body %q does not contain %q", b, tt.contains)
			}
			if got := resp.Header.Get("Location"); got != tt.location {
				t.Errorf("Location = %q, want %q", got, tt.location)
			}
			if got := strings.Count(b, scriptTag); got != map[bool]int{true: 1, false: 0}[tt.script] {
				t.Errorf("script tags in body: %d, want script=%v; body %q", got, tt.script, b)
			}
		})
	}
}

func TestScriptBeforeLastBody(t *testing.T) {
	h := newTestServer(t, testSite).Handler()
	b := body(t, get(t, h, "GET", "/posts/%ED%95%9C%EA%B8%80-%EC%A0%9C%EB%AA%A9/", "localhost"))
	want := `<h1>[서버 장애 🧯]</h1>` + scriptTag
	if !strings.Contains(b, want) || !strings.HasSuffix(b, "></script></BODY></html>") {
		t.Errorf("script not right before </BODY>: %q", b)
	}
}

func TestHeadAndMethods(t *testing.T) {
	h := newTestServer(t, testSite).Handler()
	resp := get(t, h, "HEAD", "/posts/hello/", "localhost")
	if resp.StatusCode != 200 || body(t, resp) != "" {
		t.Errorf("HEAD: status %d, want 200 with no body", resp.StatusCode)
	}
	resp = get(t, h, "POST", "/posts/hello/", "localhost")
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST: status %d, want 405", resp.StatusCode)
	}
}

func TestNo404Page(t *testing.T) {
	h := newTestServer(t, map[string]string{"index.html": "<body>x</body>"}).Handler()
	resp := get(t, h, "GET", "/missing/", "localhost")
	b := body(t, resp)
	if resp.StatusCode != 404 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/plain") || strings.Contains(b, "<script") {
		t.Errorf("got %d %q %q, want a plain 404", resp.StatusCode, resp.Header.Get("Content-Type"), b)
	}
}

// TestPathTraversal checks that no request reaches beyond the in-memory
// build: a secret file sits in the site folder's parent and beside it.
func TestPathTraversal(t *testing.T) {
	parent := t.TempDir()
	siteDir := filepath.Join(parent, "site")
	const secret = "TOP-SECRET-비밀"
	for _, p := range []string{filepath.Join(parent, "secret.txt"), filepath.Join(siteDir, "secret.txt")} {
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(secret), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := output(map[string]string{"index.html": "<body>home</body>", "posts/a/index.html": "<body>a</body>"})
	s := New(&fakeBuilder{build: func([]string) (*site.Result, error) { return &site.Result{Output: out}, nil }}, siteDir)
	if err := s.buildAll(context.Background()); err != nil {
		t.Fatal(err)
	}
	targets := []string{
		"/../etc/passwd", "/%2e%2e/", "/%2e%2e/secret.txt", "/..%2f", "/..%2fsecret.txt", "/posts/../../secret.txt",
		"/posts/a/%2e%2e/%2e%2e/secret.txt", `/\..\secret.txt`, "/%5c..%5csecret.txt", "/secret.txt%00.html",
		"/%00", "/posts/./a/", "/posts//a/", "/%ff%fe/", "/secret.txt", "/..", "/.",
	}
	check := func(t *testing.T, status int, b string) {
		if status == 200 || strings.Contains(b, secret) {
			t.Errorf("status %d, body %q: must not be 200 or show the secret", status, b)
		}
	}
	h := s.Handler()
	for _, target := range targets {
		t.Run("handler"+target, func(t *testing.T) {
			resp := get(t, h, "GET", target, "localhost")
			check(t, resp.StatusCode, body(t, resp))
		})
	}
	// Through a real listener too: the request line is not parsed by
	// httptest.NewRequest then, and the client does not clean anything.
	ts := httptest.NewServer(h)
	defer ts.Close()
	for _, target := range append(targets, `\..\secret.txt`, "..", "secret.txt") {
		t.Run("wire"+target, func(t *testing.T) {
			conn, err := net.Dial("tcp", ts.Listener.Addr().String())
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			conn.SetDeadline(time.Now().Add(5 * time.Second))
			io.WriteString(conn, "GET "+target+" HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
			raw, _ := io.ReadAll(conn)
			status, _, _ := strings.Cut(string(raw), "\r\n")
			if strings.Contains(status, " 200 ") || strings.Contains(string(raw), secret) {
				t.Errorf("response %q must not be 200 or show the secret", raw)
			}
		})
	}
}

func TestHostCheck(t *testing.T) {
	tests := []struct {
		host    string
		allowed []string
		ok      bool
	}{
		{"127.0.0.1:1313", nil, true},
		{"127.0.0.1", nil, true},
		{"127.1.2.3:1313", nil, true},
		{"localhost:1313", nil, true},
		{"LOCALHOST", nil, true},
		{"blog.localhost:1313", nil, true},
		{"[::1]:1313", nil, true},
		{"evil.example:1313", nil, false},
		{"localhost.evil.example", nil, false},
		{"127.0.0.1.nip.io", nil, false},
		{"", nil, false},
		{"192.168.0.10:1313", nil, false},
		{"192.168.0.10:1313", []string{"192.168.0.10"}, true},
		{"192.168.0.11:1313", []string{"192.168.0.10"}, false},
		{"10.0.0.7:1313", []string{"0.0.0.0"}, true},
		{"[fe80::1]:1313", []string{"::"}, true},
		{"evil.example:1313", []string{"0.0.0.0"}, false},
		{"myhost.lan:1313", []string{"myhost.lan"}, true},
	}
	for _, tt := range tests {
		s := newTestServer(t, testSite, WithAllowedHosts(tt.allowed...))
		resp := get(t, s.Handler(), "GET", "/", tt.host)
		if got := resp.StatusCode != http.StatusForbidden; got != tt.ok {
			t.Errorf("Host %q with allowed %q: status %d, want allowed=%v", tt.host, tt.allowed, resp.StatusCode, tt.ok)
		}
	}
}

func TestOriginCheck(t *testing.T) {
	h := newTestServer(t, testSite).Handler()
	tests := []struct {
		name   string
		header map[string]string
		ok     bool
	}{
		{"no origin (same-origin EventSource, curl)", nil, true},
		{"same origin", map[string]string{"Origin": "http://localhost:1313"}, true},
		{"same origin, fetch metadata", map[string]string{"Sec-Fetch-Site": "same-origin"}, true},
		{"other site", map[string]string{"Origin": "http://evil.example"}, false},
		{"other port", map[string]string{"Origin": "http://localhost:9999"}, false},
		{"https origin on http", map[string]string{"Origin": "https://localhost:1313"}, false},
		{"null origin", map[string]string{"Origin": "null"}, false},
		{"cross-site fetch metadata", map[string]string{"Sec-Fetch-Site": "cross-site"}, false},
		{"same-site fetch metadata", map[string]string{"Sec-Fetch-Site": "same-site"}, false},
	}
	for _, tt := range tests {
		for _, ep := range []string{"/__geul/errors", "/__geul/livereload.js"} {
			r := httptest.NewRequest("GET", ep, nil)
			r.Host = "localhost:1313"
			for k, v := range tt.header {
				r.Header.Set(k, v)
			}
			w := httptest.NewRecorder()
			h.ServeHTTP(w, r)
			if got := w.Code == 200; got != tt.ok {
				t.Errorf("%s %s: status %d, want ok=%v", tt.name, ep, w.Code, tt.ok)
			}
		}
	}
}

// TestNoSiteYet covers the pages served before any build succeeded: a
// waiting page, then the first build's errors, escaped.
func TestNoSiteYet(t *testing.T) {
	fb := &fakeBuilder{build: func([]string) (*site.Result, error) {
		return nil, diag.List{
			{Path: "content/posts/<b>.md", Line: 3, Msg: `front matter: unknown key "<script>"`, Hint: "remove it"},
			{Path: "config.toml", Line: 1, Msg: "invalid TOML"},
		}
	}}
	s := New(fb, t.TempDir())
	resp := get(t, s.Handler(), "GET", "/posts/a/", "localhost")
	if b := body(t, resp); resp.StatusCode != 503 || !strings.Contains(b, "Building the site") || !strings.Contains(b, scriptTag) {
		t.Errorf("before the first build: %d %q", resp.StatusCode, b)
	}
	if err := s.buildAll(context.Background()); err == nil {
		t.Fatal("rebuild: want the build's error")
	}
	resp = get(t, s.Handler(), "GET", "/posts/a/", "localhost")
	b := body(t, resp)
	if resp.StatusCode != 500 {
		t.Errorf("status %d, want 500", resp.StatusCode)
	}
	golden(t, "nosite.golden", b)
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	p := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(p, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(p)
	if err != nil {
		t.Fatalf("%v; run go test -update to create it", err)
	}
	if got != string(want) {
		t.Errorf("output differs from %s (go test -update rewrites it):\ngot:\n%s\nwant:\n%s", p, got, want)
	}
}
