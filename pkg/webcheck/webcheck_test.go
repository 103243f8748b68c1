package webcheck

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// root is the repository root, where the example blog is.
const root = "../.."

// need skips the test when err says a tool is missing, or fails it when
// GEUL_REQUIRE_WEBCHECK=1 (as in CI), where a missing tool is a broken set-up.
func need(t *testing.T, err error) {
	t.Helper()
	if err == nil {
		if testing.Short() && os.Getenv("GEUL_REQUIRE_WEBCHECK") != "1" {
			t.Skip("runs the web's checkers; skipped with -short")
		}
		return
	}
	if os.Getenv("GEUL_REQUIRE_WEBCHECK") == "1" {
		t.Fatalf("%v (GEUL_REQUIRE_WEBCHECK=1 is set, so this fails instead of skipping)", err)
	}
	t.Skipf("%v; skipped (set GEUL_REQUIRE_WEBCHECK=1 to fail instead)", err)
}

// buildExample builds the example blog into a temporary public/ folder and
// returns its path.
func buildExample(t *testing.T) string {
	t.Helper()
	public := filepath.Join(t.TempDir(), "public")
	if err := Build(context.Background(), root, public); err != nil {
		t.Fatalf("building the example blog: %v", err)
	}
	return public
}

// filesWith returns the slash paths under dir of the files whose names end
// in one of exts, sorted.
func filesWith(t *testing.T, dir string, exts ...string) []string {
	t.Helper()
	var out []string
	err := fs.WalkDir(os.DirFS(dir), ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && slices.ContainsFunc(exts, func(e string) bool { return strings.HasSuffix(p, e) }) {
			out = append(out, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(out)
	return out
}
