package testkit

import (
	"fmt"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestFirstDiff(t *testing.T) {
	long := strings.Repeat("가", 100)
	tests := []struct {
		name, want, got, diff string
	}{
		{"equal", "a\nb", "a\nb", ""},
		{"second line", "a\nbc\n", "a\nbd\n", "line 2, column 2 (want U+0063, got U+0064):\n want: \"bc\"\n  got: \"bd\""},
		{"got longer", "a", "a\nb", "line 1, column 2 (want the end, got U+000A):\n want: \"a\"\n  got: \"a\\n\""},
		{"want longer", "a\nb", "a\n", "line 2, column 1 (want U+0062, got the end):\n want: \"b\"\n  got: \"\""},
		{"trailing space shows", "한 줄", "한 줄 ", "line 1, column 4 (want the end, got U+0020):\n want: \"한 줄\"\n  got: \"한 줄 \""},
		// 각 and 갂 share their first two bytes: the column counts characters.
		{"Hangul", "가각", "가갂", "line 1, column 2 (want U+AC01, got U+AC02):\n want: \"가각\"\n  got: \"가갂\""},
		{"NFC against NFD", "한", "\u1112\u1161\u11ab", "line 1, column 1 (want U+D55C, got U+1112):\n want: \"한\"\n  got: \"\u1112\u1161\u11ab\""},
		// 60 bytes of context: 20 characters before, 19 and a third after.
		{"long line cut on characters", long + "A" + long, long + "B" + long,
			"line 1, column 101 (want U+0041, got U+0042):\n want: …\"" + strings.Repeat("가", 20) + "A" + strings.Repeat("가", 19) + "\"…\n  got: …\"" +
				strings.Repeat("가", 20) + "B" + strings.Repeat("가", 19) + "\"…"},
	}
	for _, tt := range tests {
		if got := FirstDiff(tt.want, tt.got); got != tt.diff {
			t.Errorf("%s: FirstDiff(%q, %q) =\n%s\nwant\n%s", tt.name, tt.want, tt.got, got, tt.diff)
		}
	}
}

func TestGolden(t *testing.T) {
	if Update() {
		t.Skip("-update would rewrite this test's own fixture")
	}
	path := filepath.Join(t.TempDir(), "page.html")
	if err := os.WriteFile(path, []byte("<p>안녕</p>\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	Golden(t, path, []byte("<p>안녕</p>\n"))
	var r recorder
	Golden(&r, path, []byte("<p>안녕!</p>\n"))
	if !r.failed || !strings.Contains(r.msg, "page.html differs") || !strings.Contains(r.msg, `got: "<p>안녕!</p>"`) {
		t.Errorf("a difference: failed %v, %q", r.failed, r.msg)
	}
	r = recorder{}
	Golden(&r, path+".missing", nil)
	if !r.failed || !strings.Contains(r.msg, "go test -update") {
		t.Errorf("a missing golden file: failed %v, %q", r.failed, r.msg)
	}
}

// recorder is a testing.TB that keeps the failure instead of failing.
type recorder struct {
	testing.TB
	failed bool
	msg    string
}

func (r *recorder) Helper()             {}
func (r *recorder) Logf(string, ...any) {}
func (r *recorder) Errorf(format string, args ...any) {
	r.failed, r.msg = true, fmt.Sprintf(format, args...)
}
func (r *recorder) Fatalf(format string, args ...any) { r.Errorf(format, args...) }
func (r *recorder) Fatal(args ...any)                 { r.Errorf("%s", fmt.Sprint(args...)) }

func TestBuffer(t *testing.T) {
	var b Buffer
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 100 {
				b.Write([]byte("줄\n"))
				_ = b.String()
			}
		}()
	}
	wg.Wait()
	if got := strings.Count(b.String(), "줄\n"); got != 800 {
		t.Errorf("%d lines, want 800", got)
	}
}

func TestSeed(t *testing.T) {
	t.Setenv(SeedEnv, "")
	var r logRecorder
	a := Seed(&r)
	if !strings.Contains(r.logs, fmt.Sprintf("seed %d; GEUL_TEST_SEED=%d go test", a, a)) {
		t.Errorf("a new seed is logged as %q", r.logs)
	}
	t.Setenv(SeedEnv, "12345")
	r = logRecorder{}
	if got := Seed(&r); got != 12345 || !strings.Contains(r.logs, "seed 12345, from $GEUL_TEST_SEED") {
		t.Errorf("Seed with GEUL_TEST_SEED=12345 = %d, logged %q", got, r.logs)
	}
	t.Setenv(SeedEnv, "열둘")
	var f recorder
	Seed(&f)
	if !f.failed || !strings.Contains(f.msg, "is not a seed") {
		t.Errorf("a seed that is not a number: failed %v, %q", f.failed, f.msg)
	}
}

// logRecorder is a testing.TB that keeps what is logged.
type logRecorder struct {
	testing.TB
	logs string
}

func (r *logRecorder) Helper()      {}
func (r *logRecorder) Name() string { return "TestX" }
func (r *logRecorder) Logf(format string, args ...any) {
	r.logs += fmt.Sprintf(format, args...) + "\n"
}

func TestWriteFiles(t *testing.T) {
	dir := t.TempDir()
	WriteFiles(t, dir, map[string]string{"content/posts/한글 글.md": "본문", "config.toml": "title = \"t\""})
	WriteFiles(t, dir, map[string][]byte{"static/a/b.png": {0x89, 'P'}})
	for name, want := range map[string]string{"content/posts/한글 글.md": "본문", "config.toml": "title = \"t\"", "static/a/b.png": "\x89P"} {
		if got, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name))); err != nil || string(got) != want {
			t.Errorf("%s: %q, %v; want %q", name, got, err, want)
		}
	}
}

func TestPoll(t *testing.T) {
	n := 0
	if !Poll(time.Minute, func() bool { n++; return n == 3 }) || n != 3 {
		t.Errorf("Poll stopped after %d calls, want 3", n)
	}
	if Poll(0, func() bool { return false }) {
		t.Error("Poll of a condition that never holds reported true")
	}
	var r recorder
	WaitFor(&r, "Godot", 0, func() bool { return false })
	if !r.failed || r.msg != "timed out after 0s waiting for Godot" {
		t.Errorf("WaitFor: failed %v, %q", r.failed, r.msg)
	}
}

// TestOnlyTestsImportIt: testkit defines the -update flag, so a program
// that imported it would grow that flag. Only _test.go files and the
// other test-helper packages may import it.
func TestOnlyTestsImportIt(t *testing.T) {
	helpers := map[string]bool{"pkg/sitetest": true, "pkg/hugotest": true}
	root := filepath.Join("..", "..")
	fset := token.NewFileSet()
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "vendor" || d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".") && p != root) {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		rel, _ := filepath.Rel(root, p)
		if helpers[filepath.ToSlash(filepath.Dir(rel))] {
			return nil
		}
		f, err := parser.ParseFile(fset, p, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		for _, imp := range f.Imports {
			if strings.HasSuffix(imp.Path.Value, `/pkg/testkit"`) {
				t.Errorf("%s imports testkit; only tests and test helpers may", filepath.ToSlash(rel))
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
