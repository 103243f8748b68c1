package cli

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/geul-blog/geul/pkg/testkit"
)

// TestCheckExternal runs geul check --external on a site whose links go to
// a local server: the dead one is reported at its line, and the live ones
// are cached in .geul/.
func TestCheckExternal(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/gone" {
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	dir := t.TempDir()
	files := map[string]string{
		"config.toml":        "baseURL = \"https://blog.example.kr/\"\n",
		"content/posts/a.md": "+++\ntitle = \"a\"\ndate = 2024-01-01\n+++\n[살아 있는](" + srv.URL + "/ok)\n\n![사라진](" + srv.URL + "/gone)\n",
	}
	testkit.WriteFiles(t, dir, files)
	var stdout, stderr bytes.Buffer
	code := Run(context.Background(), []string{"check", "--external", "-s", dir}, &stdout, &stderr)
	want := "content/posts/a.md:7: dead link " + srv.URL + "/gone: 404 Not Found"
	if code != 1 || !strings.Contains(stderr.String(), want) || strings.Contains(stderr.String(), "/ok") {
		t.Errorf("exit %d, stderr:\n%s\nwant exit 1 and %q", code, stderr.String(), want)
	}
	if _, err := os.Stat(filepath.Join(dir, "public")); err == nil {
		t.Error("geul check wrote public/")
	}
	cache, err := os.ReadFile(filepath.Join(dir, ".geul", "links.json"))
	if err != nil || !strings.Contains(string(cache), srv.URL+"/ok") {
		t.Errorf("cache %q, %v", cache, err)
	}
}
