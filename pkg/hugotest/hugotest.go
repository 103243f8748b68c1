// Package hugotest runs Debian's hugo on a small site for geul's
// differential tests: the same input built by Hugo and by geul, compared.
//
// It imports nothing of geul's but testkit, so that any package's tests
// can use it.
package hugotest

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/geul-blog/geul/pkg/testkit"
)

// Build writes files (path → content) into a new folder, builds it with
// hugo and returns the folder; Hugo's output is in its public/. The test
// is skipped when hugo is not installed, and fails instead with
// GEUL_REQUIRE_HUGO=1 (as CI sets).
func Build(t testing.TB, files map[string]string) string {
	t.Helper()
	hugo, err := exec.LookPath("hugo")
	if err != nil {
		if os.Getenv("GEUL_REQUIRE_HUGO") == "1" {
			t.Fatal("hugo is not installed and GEUL_REQUIRE_HUGO=1 (apt-get install hugo)")
		}
		t.Skip("hugo is not installed")
	}
	dir := t.TempDir()
	testkit.WriteFiles(t, dir, files)
	cmd := exec.Command(hugo, "--quiet", "--source", dir, "--destination", filepath.Join(dir, "public"))
	cmd.Env = append(os.Environ(), "HUGO_CACHEDIR="+filepath.Join(dir, "cache"))
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("hugo: %v\n%s", err, out)
	}
	return dir
}
