// Package testkit holds what the tests of every geul package share:
// FirstDiff, to say where two texts part; Buffer, to capture a log that
// several goroutines write; Golden, to compare output with a file in
// testdata/ that "go test -update" rewrites; Poll and WaitFor, to wait
// for something that must happen (never a sleep); Seed, the logged seed
// of a randomized test; and WriteFiles, to lay out a folder.
//
// It is imported only by _test.go files (and by other test-helper
// packages such as sitetest) and imports nothing of geul's, so that any
// package's tests can use it. The -update flag is defined here, once: a
// package's tests must not define their own.
package testkit

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"
)

// update is the one -update flag of every test binary that imports testkit.
var update = flag.Bool("update", false, "rewrite the golden files in testdata/ instead of comparing with them")

// Update reports whether the tests run with -update, for a test that
// rewrites golden data of its own shape (a txtar archive, a folder).
func Update() bool { return *update }

// Golden compares got with the file at path, or, with -update, writes got
// there (making its folder). A difference is a test error that shows the
// first line that differs.
func Golden(t testing.TB, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v; run go test -update to create it", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the output (run go test -update and review the diff):\n%s", path, FirstDiff(string(want), string(got)))
	}
}

// diffContext is how many bytes FirstDiff shows on each side of the first
// difference, within its line: enough to recognise the place, short enough
// for a page minified to one line.
const diffContext = 60

// FirstDiff says where got first differs from want: the line, the column
// (in characters) and the code points there (NFC and NFD look alike), and
// that part of the line in each, quoted so that white space shows; "" when
// they are equal.
func FirstDiff(want, got string) string {
	if want == got {
		return ""
	}
	i := 0 // the first byte of the first character that differs
	for i < len(want) && i < len(got) {
		_, n := utf8.DecodeRuneInString(want[i:])
		if i+n > len(got) || want[i:i+n] != got[i:i+n] {
			break
		}
		i += n
	}
	start := strings.LastIndexByte(want[:i], '\n') + 1 // the texts agree up to i
	from := max(start, i-diffContext)
	for from < i && !utf8.RuneStart(want[from]) {
		from++
	}
	excerpt := func(s string) string {
		end := len(s)
		if nl := strings.IndexByte(s[i:], '\n'); nl > 0 {
			end = i + nl
		} else if nl == 0 {
			end = i + 1 // the difference is the line's end: show it
		}
		cut := min(end, i+diffContext)
		for cut > i && cut < len(s) && !utf8.RuneStart(s[cut]) {
			cut--
		}
		ex := fmt.Sprintf("%q", s[from:cut])
		if from > start {
			ex = "…" + ex
		}
		if cut < end {
			ex += "…"
		}
		return ex
	}
	// The characters that differ by code point too: NFC and NFD look alike.
	char := func(s string) string {
		if i == len(s) {
			return "the end"
		}
		r, _ := utf8.DecodeRuneInString(s[i:])
		return fmt.Sprintf("%U", r)
	}
	return fmt.Sprintf("line %d, column %d (want %s, got %s):\n want: %s\n  got: %s",
		strings.Count(want[:start], "\n")+1, utf8.RuneCountInString(want[start:i])+1, char(want), char(got), excerpt(want), excerpt(got))
}

// Buffer is a bytes.Buffer that goroutines may write to while the test
// reads it: a server's or a command's log.
type Buffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

// Write appends p.
func (b *Buffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

// String returns everything written so far.
func (b *Buffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// SeedEnv names the environment variable that gives Seed the seed to use.
const SeedEnv = "GEUL_TEST_SEED"

// Seed returns the seed of a randomized test: $GEUL_TEST_SEED when it is
// set, else a new one from the clock. It logs the seed and the command that
// draws the same numbers again (shown when the test fails, or with -v).
func Seed(t testing.TB) uint64 {
	t.Helper()
	if s := os.Getenv(SeedEnv); s != "" {
		n, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			t.Fatalf("%s=%q is not a seed; give a whole number from 0 to %d", SeedEnv, s, uint64(1<<64-1))
		}
		t.Logf("seed %d, from $%s", n, SeedEnv)
		return n
	}
	n := uint64(time.Now().UnixNano())
	t.Logf("seed %d; %s=%d go test -run '^%s$' draws the same numbers", n, SeedEnv, n, t.Name())
	return n
}

// WriteFiles writes each file of files (slash path → content) under dir,
// making the folders it needs, and fails the test on error.
func WriteFiles[Data string | []byte](t testing.TB, dir string, files map[string]Data) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// pollEvery is how often Poll asks.
const pollEvery = 20 * time.Millisecond

// Poll calls cond until it holds, every 20 ms for at most limit, and
// reports whether it held. Tests wait with it for what must happen, with a
// limit generous enough for a loaded machine under -race; they do not
// sleep and then look.
func Poll(limit time.Duration, cond func() bool) bool {
	deadline := time.Now().Add(limit)
	tick := time.NewTicker(pollEvery)
	defer tick.Stop()
	for !cond() {
		if time.Now().After(deadline) {
			return false
		}
		<-tick.C
	}
	return true
}

// WaitFor is Poll that fails the test, naming what it waited for, when
// cond has not held within limit.
func WaitFor(t testing.TB, what string, limit time.Duration, cond func() bool) {
	t.Helper()
	if !Poll(limit, cond) {
		t.Fatalf("timed out after %v waiting for %s", limit, what)
	}
}
