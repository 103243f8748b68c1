package main

// Builds that do not finish: killed, interrupted, or out of disk. Each must
// leave public/ holding one whole build, the one before or the new one,
// never a mix, and the next build must clean up after it.

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"maps"
	"math/rand/v2"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/geul-blog/geul/pkg/cli"
	"github.com/geul-blog/geul/pkg/corpus"
)

// interruptPosts is the size of the generated site: a few hundred posts,
// so that a build takes long enough to be cut short in every phase.
const interruptPosts = 150

// interruptibleGeul skips a -short run and returns the geul to kill:
// testscript.Main (TestMain) put this test binary on $PATH as "geul".
func interruptibleGeul(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds a site of a few hundred posts many times")
	}
	geul, err := exec.LookPath("geul")
	if err != nil {
		t.Fatal(err)
	}
	return geul
}

func TestInterruptedBuild(t *testing.T) {
	geul := interruptibleGeul(t)
	root := t.TempDir()
	// Two states of one site: B edits every post of A, adds some and
	// removes some, so that every page changes.
	stateA, stateB := filepath.Join(root, "a"), filepath.Join(root, "b")
	if err := corpus.Generate(stateA, interruptPosts); err != nil {
		t.Fatal(err)
	}
	if err := corpus.Generate(stateB, interruptPosts+20); err != nil {
		t.Fatal(err)
	}
	for i := range interruptPosts + 20 {
		p := filepath.Join(stateB, filepath.FromSlash(corpus.PostPath(i)))
		if i%10 == 3 {
			os.Remove(p)
			continue
		}
		f, err := os.OpenFile(p, os.O_APPEND|os.O_WRONLY, 0)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(f, "\n## [고친 글 %d 🏃‍♂️]\n\n다시 썼다 ⏸️\n", i)
		f.Close()
	}

	// Reference builds, each in its own folder.
	run := func(dir string, args ...string) time.Duration {
		t.Helper()
		start := time.Now()
		cmd := exec.Command(geul, append([]string{"build", "--source", dir}, args...)...)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("geul build --source %s: %v\n%s", dir, err, out)
		}
		return time.Since(start)
	}
	took := run(stateB, "--no-cache")
	ref := map[string]map[string]string{"b": readTree(t, filepath.Join(stateB, "public"))}
	if len(ref["b"]) < interruptPosts {
		t.Fatalf("the reference build has only %d files", len(ref["b"]))
	}

	// The site being interrupted: content/ is A's or B's, swapped by
	// renaming the folders.
	site := filepath.Join(root, "site")
	os.MkdirAll(site, 0o755)
	for _, s := range []struct{ from, to string }{{stateA, "content"}, {stateB, "content-b"}} {
		if err := os.Rename(filepath.Join(s.from, "content"), filepath.Join(site, s.to)); err != nil {
			t.Fatal(err)
		}
	}
	os.Rename(filepath.Join(stateA, "config.toml"), filepath.Join(site, "config.toml"))
	current := "a"
	switchTo := func(state string) {
		if state == current {
			return
		}
		other := map[string]string{"a": "b", "b": "a"}[state]
		if err := os.Rename(filepath.Join(site, "content"), filepath.Join(site, "content-"+other)); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(filepath.Join(site, "content-"+state), filepath.Join(site, "content")); err != nil {
			t.Fatal(err)
		}
		current = state
	}
	run(site, "--no-cache")
	public := filepath.Join(site, "public")
	ref["a"] = readTree(t, public)
	shown := "a" // which state public/ holds

	// check fails unless public/ holds exactly the build of state was or
	// of state now, and returns which.
	check := func(what string, was, now string) string {
		t.Helper()
		got, err := readTreeErr(public)
		if os.IsNotExist(err) {
			// Killed between the two renames of the swap: public/ is the
			// previous build under another name, and the next build puts
			// it back. Nothing is lost, but say so.
			old, _ := filepath.Glob(filepath.Join(site, ".public.geul-old-*"))
			if len(old) != 1 || !maps.Equal(readTree(t, old[0]), ref[was]) {
				t.Fatalf("%s: public/ is gone, and the previous build is not beside it whole (%v)", what, old)
			}
			t.Logf("%s: killed mid-swap; the previous build waits beside public/", what)
			return was
		}
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range []string{was, now} {
			if maps.Equal(got, ref[s]) {
				return s
			}
		}
		t.Fatalf("%s: public/ is neither build %s nor build %s: %s", what, was, now, treeDiff(got, ref[now]))
		return ""
	}

	// SIGKILL at random moments of a build, up to a little past its
	// measured time so that some land while it writes and swaps. The
	// cache is off: a build killed after the swap but before it saves the
	// cache misleads the next one (TestCacheAfterAKilledBuild in
	// pkg/site), which this test would meet at random.
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 42))
	var before, after int
	for i := range 10 {
		target := map[string]string{"a": "b", "b": "a"}[shown]
		switchTo(target)
		delay := time.Duration(rng.Int64N(int64(took * 5 / 4)))
		cmd := exec.Command(geul, "build", "--source", site, "--no-cache")
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(delay)
		cmd.Process.Kill()
		cmd.Wait()
		shown = check(fmt.Sprintf("kill %d after %v", i, delay.Round(time.Millisecond)), shown, target)
		if shown == target {
			after++
		} else {
			before++
		}
	}
	t.Logf("10 kills in %v builds: %d left the previous build, %d the new one", took.Round(time.Millisecond), before, after)

	// The next whole build cleans up what the killed ones left.
	target := map[string]string{"a": "b", "b": "a"}[shown]
	switchTo(target)
	run(site)
	shown = check("after the kills", target, target)
	if left := leftovers(t, site); left != nil {
		t.Errorf("left beside public/ after a whole build: %v", left)
	}

	// SIGINT: geul cancels, removes its new folder, and leaves public/ as
	// it was; or it finished first.
	for i := range 2 {
		target := map[string]string{"a": "b", "b": "a"}[shown]
		switchTo(target)
		delay := took/4 + time.Duration(rng.Int64N(int64(took*3/4)))
		cmd := exec.Command(geul, "build", "--source", site)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(delay)
		cmd.Process.Signal(os.Interrupt)
		err := cmd.Wait()
		what := fmt.Sprintf("interrupt %d after %v", i, delay.Round(time.Millisecond))
		shown = check(what, shown, target)
		if left := leftovers(t, site); left != nil {
			t.Errorf("%s: left %v beside public/", what, left)
		}
		switch {
		case err == nil:
			if shown != target {
				t.Errorf("%s: geul exited 0 but public/ is the previous build", what)
			}
		case cmd.ProcessState.ExitCode() == 1:
			if !strings.Contains(stderr.String(), "canceled") {
				t.Errorf("%s: exit 1 with %q, want a canceled build", what, stderr.String())
			}
		default:
			// The signal came before geul listened for it: nothing was
			// written yet.
			t.Logf("%s: %v", what, err)
		}
	}
}

// TestInterruptedInPlaceBuild kills geul build between two states of a
// site that differ by one post's body, so that the build updates public/
// in place under its journal. Right after a kill, public/ must be the old
// build, the new one, or (its journal says commit) an update that the next
// build finishes; the next build must leave exactly its state's build.
func TestInterruptedInPlaceBuild(t *testing.T) {
	geul := interruptibleGeul(t)
	root := t.TempDir()
	site := filepath.Join(root, "site")
	if err := corpus.Generate(site, interruptPosts); err != nil {
		t.Fatal(err)
	}
	post := filepath.Join(site, filepath.FromSlash(corpus.PostPath(7)))
	body := map[string][]byte{}
	var err error
	body["a"], err = os.ReadFile(post)
	if err != nil {
		t.Fatal(err)
	}
	// A paragraph at the top of the body: it changes the post's summary,
	// so that its list pages and feeds change too.
	front, rest, ok := bytes.Cut(body["a"][3:], []byte("+++\n"))
	if !ok {
		t.Fatalf("%s has no TOML front matter", post)
	}
	body["b"] = slices.Concat(body["a"][:3], front, []byte("+++\n\n새로 쓴 첫 문단 ✍️\n\n"), rest)
	switchTo := func(state string) {
		t.Helper()
		if err := os.WriteFile(post, body[state], 0o644); err != nil {
			t.Fatal(err)
		}
	}
	run := func(args ...string) time.Duration {
		t.Helper()
		start := time.Now()
		out, err := exec.Command(geul, append([]string{"build", "--source", site}, args...)...).CombinedOutput()
		if err != nil {
			t.Fatalf("geul build: %v\n%s", err, out)
		}
		return time.Since(start)
	}
	switchTo("b")
	run("--no-cache", "--destination", filepath.Join(root, "ref-b"))
	ref := map[string]map[string]string{"b": readTree(t, filepath.Join(root, "ref-b"))}
	switchTo("a")
	public := filepath.Join(site, "public")
	run() // with the build cache, as geul build runs by default
	ref["a"] = readTree(t, public)
	var differ int
	for p, data := range ref["a"] {
		if ref["b"][p] != data {
			differ++
		}
	}
	if differ == 0 || differ > 64 {
		t.Fatalf("the two states differ in %d files; the test needs a few", differ)
	}

	// An edit and back, uninterrupted: public/ stays the same folder.
	folder, err := os.Stat(public)
	if err != nil {
		t.Fatal(err)
	}
	switchTo("b")
	run()
	switchTo("a")
	took := run()
	if now, err := os.Stat(public); err != nil || !os.SameFile(folder, now) {
		t.Fatalf("public/ was replaced, not updated in place (%v)", err)
	}
	if got := readTree(t, public); !maps.Equal(got, ref["a"]) {
		t.Fatalf("public/ is not build a after b: %s", treeDiff(got, ref["a"]))
	}

	journal := filepath.Join(site, ".public.geul-journal")
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 43))
	shown := "a"
	outcomes := map[string]int{}
	for i := range 8 {
		target := map[string]string{"a": "b", "b": "a"}[shown]
		switchTo(target)
		delay := time.Duration(rng.Int64N(int64(took * 5 / 4)))
		cmd := exec.Command(geul, "build", "--source", site)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(delay)
		cmd.Process.Kill()
		cmd.Wait()
		what := fmt.Sprintf("kill %d after %v", i, delay.Round(time.Millisecond))

		got := readTree(t, public)
		var j struct{ State string }
		if data, err := os.ReadFile(journal); err == nil {
			if err := json.Unmarshal(data, &j); err != nil {
				t.Fatalf("%s: journal: %v", what, err)
			}
			// New files waiting beside their targets are not public/'s
			// yet: the next build renames or deletes them.
			for p := range got {
				if strings.Contains(path.Base(p), ".geul-new-") {
					delete(got, p)
				}
			}
		}
		outcome := ""
		switch {
		case maps.Equal(got, ref[shown]):
			outcome = "previous build"
		case maps.Equal(got, ref[target]):
			outcome = "new build"
		case j.State == "commit":
			outcome = "a mix"
		default:
			t.Fatalf("%s: public/ is neither build %s nor build %s, and no journal says commit: %s",
				what, shown, target, treeDiff(got, ref[target]))
		}
		if j.State != "" {
			outcome += ", journal " + j.State
		}
		outcomes[outcome]++

		run()
		if got := readTree(t, public); !maps.Equal(got, ref[target]) {
			t.Fatalf("%s: the next build left public/ other than build %s: %s", what, target, treeDiff(got, ref[target]))
		}
		if _, err := os.Stat(journal); !os.IsNotExist(err) {
			t.Errorf("%s: the journal is left after the next build (%v)", what, err)
		}
		if left := leftovers(t, site); left != nil {
			t.Errorf("%s: left beside public/ after the next build: %v", what, left)
		}
		shown = target
	}
	t.Logf("8 kills in %v builds of %d changed files: %v", took.Round(time.Millisecond), differ, outcomes)
}

// TestBuildDiskFull fills a small disk while geul build writes: it exits 1
// with the destination, the cause and a hint, and public/ survives whole.
// (600 KB: room for the 3-post site with a little to spare, not for 150.)
// It needs root to mount a tmpfs, and skips without.
func TestBuildDiskFull(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("mounting a small file system needs root")
	}
	mnt := t.TempDir()
	// The mount command rather than syscall.Mount, so that this file
	// compiles where there is no such call.
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=600k", "tmpfs", mnt).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs here: %v %s", err, out)
	}
	t.Cleanup(func() {
		if out, err := exec.Command("umount", mnt).CombinedOutput(); err != nil {
			t.Errorf("umount %s: %v %s", mnt, err, out)
		}
	})
	site := t.TempDir()
	if err := corpus.Generate(site, 3); err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(mnt, "public")
	var stdout, stderr bytes.Buffer
	if code := cli.Run(context.Background(), []string{"build", "--source", site, "--destination", dest}, &stdout, &stderr); code != 0 {
		t.Fatalf("first build: exit %d\n%s", code, stderr.String())
	}
	before := readTree(t, dest)

	if err := corpus.Generate(site, 150); err != nil {
		t.Fatal(err)
	}
	stderr.Reset()
	code := cli.Run(context.Background(), []string{"build", "--source", site, "--destination", dest}, &stdout, &stderr)
	msg := strings.TrimSpace(stderr.String())
	if code != 1 || !strings.HasPrefix(msg, dest+": cannot write the site: ") || !strings.Contains(msg, "no space left on device") ||
		!strings.HasSuffix(msg, "; check that the folder is writable and the disk has room; the previous build was left as it was") {
		t.Errorf("exit %d, stderr:\n%s", code, msg)
	}
	if got := readTree(t, dest); !maps.Equal(got, before) {
		t.Errorf("public/ changed: %s", treeDiff(got, before))
	}
	if left := leftovers(t, mnt); left != nil {
		t.Errorf("left behind %v", left)
	}
}

// readTree returns every file under root by slash path.
func readTree(t *testing.T, root string) map[string]string {
	t.Helper()
	files, err := readTreeErr(root)
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func readTreeErr(root string) (map[string]string, error) {
	if _, err := os.Stat(root); err != nil {
		return nil, err
	}
	files := map[string]string{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(root, p)
		files[filepath.ToSlash(rel)] = string(data)
		return err
	})
	return files, err
}

// treeDiff describes, briefly, how got differs from want.
func treeDiff(got, want map[string]string) string {
	var diffs []string
	for p, w := range want {
		if g, ok := got[p]; !ok {
			diffs = append(diffs, "missing "+p)
		} else if g != w {
			diffs = append(diffs, "changed "+p)
		}
	}
	for p := range got {
		if _, ok := want[p]; !ok {
			diffs = append(diffs, "extra "+p)
		}
	}
	sort.Strings(diffs)
	if len(diffs) > 5 {
		diffs = append(diffs[:5], fmt.Sprintf("and %d more", len(diffs)-5))
	}
	return strings.Join(diffs, ", ")
}

// leftovers lists the temporary folders of builds beside dest.
func leftovers(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var left []string
	for _, e := range entries {
		if strings.Contains(e.Name(), ".geul-new-") || strings.Contains(e.Name(), ".geul-old-") {
			left = append(left, e.Name())
		}
	}
	return left
}
