package site_test

// Bad input and unsafe input: what a build does with a hostile title, a
// file it must not read, and a destination it must not damage. The CLI's
// end-to-end messages are in cmd/geul/testdata/script/invalid_*.txtar.

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/geul-blog/geul/pkg/diag"
	"github.com/geul-blog/geul/pkg/site"
	"github.com/geul-blog/geul/pkg/sitetest"
)

// hostile is a post whose every field tries to inject HTML or script.
const hostile = `
-- config.toml --
baseURL = "https://example.org/"
title = "안전한 블로그"
languageCode = "ko"
-- content/posts/x.md --
+++
title = "<script>alert(1)</script> 제목 🏃‍♂️"
description = "<img src=x onerror=alert(2)>"
date = 2024-01-01
categories = "<b>분류</b>"
tags = ["<i>태그</i>", "\"><svg onload=alert(11)>"]
cover = "javascript:alert(3)"
+++
<script>alert(4)</script>

<div onclick="alert(5)">날것의 HTML ⏸️</div>

[클릭](javascript:alert(6)) <a href="javascript:alert(7)">a</a> ![그림](javascript:alert(8))
[대문자](JaVaScRiPt:alert(9)) [공백](<  javascript:alert(10)>) <javascript:alert(12)>
`

const hostileTitle = "<script>alert(1)</script> 제목 🏃‍♂️"

func TestHostileInputShowsAsText(t *testing.T) {
	s := sitetest.Build(t, hostile)
	for _, name := range s.Output.Paths() {
		switch {
		case strings.HasSuffix(name, ".html"):
			for _, problem := range unsafeHTML(s.File(t, name)) {
				t.Errorf("%s: %s", name, problem)
			}
		case strings.HasSuffix(name, ".xml"):
			// Feeds carry HTML as escaped text only.
			if data := s.File(t, name); strings.Contains(data, "<script") || strings.Contains(data, "<img") {
				t.Errorf("%s holds markup outside its text", name)
			}
		}
	}
	escaped := "&lt;script&gt;alert(1)&lt;/script&gt; 제목 🏃‍♂️"
	s.Contains(t, "posts/x/index.html",
		`<h1 class="post-title">`+escaped+`</h1>`,
		"<title>"+escaped,
		"&lt;i&gt;태그&lt;/i&gt;",
		// The sanitiser keeps the text and the harmless markup of raw HTML.
		"<div>날것의 HTML ⏸️</div>")
	s.Lacks(t, "posts/x/index.html", "alert(4)", "onclick")
	// …and says what it removed, at its line.
	var warned []string
	for _, w := range s.Warnings {
		warned = append(warned, w.Error())
	}
	for _, want := range []string{"content/posts/x.md:9: raw HTML removed: <script>", "content/posts/x.md:11: raw HTML removed: onclick=",
		"content/posts/x.md:13: raw HTML removed: <a>, href=javascript:"} {
		if !strings.Contains(strings.Join(warned, "\n"), want) {
			t.Errorf("warnings lack %q:\n%s", want, strings.Join(warned, "\n"))
		}
	}
	for _, list := range []string{"index.html", "posts/index.html", "archive/index.html", "404.html"} {
		s.Contains(t, list, escaped)
	}

	// The feed's entry title, read as XML, is the writer's text exactly.
	var feed struct {
		Entries []struct {
			Title    string `xml:"title"`
			Category []struct {
				Term string `xml:"term,attr"`
			} `xml:"category"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal([]byte(s.File(t, "atom.xml")), &feed); err != nil {
		t.Fatal(err)
	}
	if len(feed.Entries) != 1 || feed.Entries[0].Title != hostileTitle {
		t.Fatalf("feed entries = %+v, want one titled %q", feed.Entries, hostileTitle)
	}
	if c := feed.Entries[0].Category; len(c) != 1 || c[0].Term != "<b>분류</b>" {
		t.Errorf("feed category = %+v, want <b>분류</b>", c)
	}
	var sitemap struct {
		URLs []struct {
			Loc string `xml:"loc"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal([]byte(s.File(t, "sitemap.xml")), &sitemap); err != nil {
		t.Fatal(err)
	}
	for _, u := range sitemap.URLs {
		if !strings.HasPrefix(u.Loc, "https://example.org/") || strings.ContainsAny(u.Loc, `<>"' `) {
			t.Errorf("sitemap URL %q is not a plain URL of the site", u.Loc)
		}
	}
}

// unsafeHTML parses a page as a browser would and lists what in it could
// run script the theme did not put there: an event attribute, a script URL,
// a script that is neither the theme's file nor JSON-LD, or the hostile
// post's markup turned into elements.
func unsafeHTML(page string) []string {
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		return []string{err.Error()}
	}
	var problems []string
	for n := range doc.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		switch n.Data {
		case "svg", "b", "i":
			problems = append(problems, "a <"+n.Data+"> element from the writer's text")
		case "script":
			typ, src := attr(n, "type"), attr(n, "src")
			if src == "" && typ != "application/ld+json" {
				problems = append(problems, "an inline script")
			}
			if typ == "application/ld+json" && n.FirstChild != nil && strings.Contains(n.FirstChild.Data, "</") {
				problems = append(problems, "JSON-LD that can close its script element")
			}
		case "img":
			if attr(n, "src") == "x" {
				problems = append(problems, "the writer's <img>")
			}
		}
		for _, a := range n.Attr {
			v := strings.ToLower(strings.TrimSpace(a.Val))
			switch {
			case strings.HasPrefix(a.Key, "on"):
				problems = append(problems, fmt.Sprintf("an event attribute %s=%q on <%s>", a.Key, a.Val, n.Data))
			case (a.Key == "href" || a.Key == "src" || a.Key == "action" || a.Key == "formaction") && strings.HasPrefix(v, "javascript:"):
				problems = append(problems, fmt.Sprintf("a script URL %s=%q on <%s>", a.Key, a.Val, n.Data))
			}
		}
	}
	return problems
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// TestCoverIsNotAScriptURL: cover = "javascript:…" is taken as a file
// beside the page, so no page links to the script.
func TestCoverIsNotAScriptURL(t *testing.T) {
	s := sitetest.Build(t, hostile)
	page := s.File(t, "posts/x/index.html")
	for _, m := range regexp.MustCompile(`(?:content|href|src)="([^"]*alert\(3\)[^"]*)"|"image":"([^"]*alert\(3\)[^"]*)"`).FindAllStringSubmatch(page, -1) {
		u := m[1] + m[2]
		if !strings.HasPrefix(u, "https://example.org/posts/x/") {
			t.Errorf("cover emitted as %q; want it under the page's own URL", u)
		}
	}
}

func TestUnsafeKeepsRawHTML(t *testing.T) {
	s := sitetest.Build(t, strings.Replace(hostile, `languageCode = "ko"`, "languageCode = \"ko\"\nunsafe = true", 1))
	s.Contains(t, "posts/x/index.html", `<div onclick="alert(5)">날것의 HTML ⏸️</div>`)
	// What the writer asked for is there, and the check above sees it.
	if got := unsafeHTML(s.File(t, "posts/x/index.html")); len(got) == 0 {
		t.Error("unsafeHTML finds nothing in a page with raw script")
	}
	// A Markdown link to script is still dropped; only raw HTML is kept.
	s.Lacks(t, "posts/x/index.html", "javascript:alert(6)", "javascript:alert(8)", "javascript:alert(9)")
	// The title is still text: unsafe is about the Markdown body only.
	s.Lacks(t, "posts/x/index.html", "<h1 class=\"post-title\"><script>")
}

// TestFilesGeulMustNotRead: an oversized file is refused without being
// read, and a link loop, a linked folder, a pipe or a device under
// content/ neither hang the build nor stop it.
func TestFilesGeulMustNotRead(t *testing.T) {
	dir := sitetest.Dir(t, `
-- config.toml --
title = "t"
-- content/posts/a.md --
+++
title = "첫 글"
date = 2024-01-01
+++
본문
-- elsewhere/linked.md --
+++
title = "링크된 글"
date = 2024-01-02
+++
본문
`)
	content := filepath.Join(dir, "content", "posts")
	links := map[string]string{
		"up":        "..",                                         // a folder: skipped
		"self.md":   "self.md",                                    // a loop: skipped
		"linked.md": filepath.Join(dir, "elsewhere", "linked.md"), // a file: read
	}
	if _, err := os.Stat("/dev/zero"); err == nil {
		links["zero.md"] = "/dev/zero" // endless: skipped
	}
	for name, target := range links {
		if err := os.Symlink(target, filepath.Join(content, name)); err != nil {
			t.Skipf("no symbolic links here: %v", err)
		}
	}
	if mkfifo, err := exec.LookPath("mkfifo"); err == nil {
		if err := exec.Command(mkfifo, filepath.Join(content, "pipe.md")).Run(); err != nil {
			t.Fatal(err)
		}
	}
	res, err := buildWithin(t, 20*time.Second, dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"posts/a/index.html", "posts/linked/index.html"} {
		if _, ok := res.Output.Get(want); !ok {
			t.Errorf("missing %s", want)
		}
	}
	for _, p := range res.Output.Paths() {
		if strings.Contains(p, "up/") || strings.Contains(p, "self") || strings.Contains(p, "zero") || strings.Contains(p, "pipe") {
			t.Errorf("built %s from a file geul should not read", p)
		}
	}

	// 50 MB, sparse: refused from its size alone.
	big := filepath.Join(content, "big.md")
	if err := os.WriteFile(big, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(big, 50<<20); err != nil {
		t.Fatal(err)
	}
	_, err = buildWithin(t, 20*time.Second, dir)
	want := "content/posts/big.md:1: file is 50 MB, larger than the 8 MB geul reads; split it into several posts"
	if err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("got %v, want %s…", err, want)
	}
	if err := os.Truncate(big, 8<<20+1); err != nil {
		t.Fatal(err)
	}
	if _, err = buildWithin(t, 20*time.Second, dir); err == nil || !strings.Contains(err.Error(), "big.md:1: file is 8 MB, larger than the 8 MB") {
		t.Errorf("a file one byte over the limit: got %v", err)
	}
}

// buildWithin builds the site in dir, failing the test if that takes
// longer than d (a hang).
func buildWithin(t *testing.T, d time.Duration, dir string) (*site.Result, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	type result struct {
		res *site.Result
		err error
	}
	done := make(chan result, 1)
	go func() {
		res, err := site.NewBuilder(dir, site.WithClock(sitetest.Clock)).Build(ctx)
		done <- result{res, err}
	}()
	select {
	case r := <-done:
		return r.res, r.err
	case <-time.After(d + 5*time.Second):
		t.Fatalf("the build hung")
		return nil, nil
	}
}

func outputTree(out *site.Output) map[string]string {
	files := map[string]string{}
	for _, p := range out.Paths() {
		data, _ := out.Get(p)
		files[p] = string(data)
	}
	return files
}

// writeSite builds the site in dir (without a cache) and writes it to dest.
func writeSite(t *testing.T, dir, dest string) (*site.Output, error) {
	t.Helper()
	res, err := site.NewBuilder(dir, site.WithClock(sitetest.Clock)).Build(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return res.Output, res.Output.WriteDir(context.Background(), dest)
}

// TestWriteDirKeepsWhatItDidNotWrite: a file put into public/ by hand
// survives every build; a page geul wrote and no longer has is removed.
func TestWriteDirKeepsWhatItDidNotWrite(t *testing.T) {
	dir := sitetest.Dir(t, sitetest.Blog)
	dest := filepath.Join(dir, "public")
	if _, err := writeSite(t, dir, dest); err != nil {
		t.Fatal(err)
	}
	mine := map[string]string{
		"CNAME":                       "blog.example.org\n",
		".nojekyll":                   "",
		".well-known/security.txt":    "Contact: mailto:보안@example.org\n",
		"posts/hello/메모.txt":          "손으로 넣은 파일 📕\n",
		"downloads/big/발표 자료.pdf":     "%PDF",
		"downloads/big/link-to-cname": "-> ../../CNAME",
	}
	for name, data := range mine {
		p := filepath.Join(dest, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if target, ok := strings.CutPrefix(data, "-> "); ok {
			if err := os.Symlink(target, p); err != nil {
				t.Skipf("no symbolic links here: %v", err)
			}
			continue
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}

	// The hello post goes: its page is stale; the file beside it is not.
	if err := os.Remove(filepath.Join(dir, "content", "posts", "hello.md")); err != nil {
		t.Fatal(err)
	}
	out, err := writeSite(t, dir, dest)
	if err != nil {
		t.Fatal(err)
	}
	want := outputTree(out)
	for name, data := range mine {
		want[name] = data
	}
	if d := sitetest.DiffTrees(sitetest.ReadTree(t, dest), want); d != "" {
		t.Errorf("public/ is not the new build plus the files put there by hand:\n%s", d)
	}
	if _, ok := want["posts/hello/index.html"]; ok {
		t.Fatal("the removed post is still built")
	}
	if left := sitetest.Leftovers(t, dest); left != nil {
		t.Errorf("left behind %v", left)
	}

	// A file put by hand where the site now has one is an error, and
	// public/ is left as it was.
	before := sitetest.ReadTree(t, dest)
	os.MkdirAll(filepath.Join(dir, "static"), 0o755)
	if err := os.WriteFile(filepath.Join(dir, "static", "CNAME"), []byte("other.example.org\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = writeSite(t, dir, dest)
	want1 := filepath.Join(dest, "CNAME") + ": geul did not write this file, and the site now has a file or folder at the same place; move it into static/"
	if err == nil || !strings.HasPrefix(err.Error(), want1) {
		t.Errorf("got %v, want %s…", err, want1)
	}
	if d := sitetest.DiffTrees(sitetest.ReadTree(t, dest), before); d != "" {
		t.Errorf("a failed build changed public/:\n%s", d)
	}
	if left := sitetest.Leftovers(t, dest); left != nil {
		t.Errorf("left behind %v", left)
	}
}

// TestWriteDirWithoutManifest: a folder geul has no record of (an older
// geul's public/, or someone's folder) keeps every file the build does
// not replace.
func TestWriteDirWithoutManifest(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "www")
	os.MkdirAll(filepath.Join(dest, "old"), 0o755)
	os.WriteFile(filepath.Join(dest, "index.html"), []byte("예전 페이지"), 0o644)
	os.WriteFile(filepath.Join(dest, "old", "index.html"), []byte("모르는 페이지"), 0o644)
	out := site.NewOutput(map[string][]byte{"index.html": []byte("새 페이지"), "a/b.txt": []byte("b")})
	if err := out.WriteDir(context.Background(), dest); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"index.html": "새 페이지", "a/b.txt": "b", "old/index.html": "모르는 페이지"}
	if d := sitetest.DiffTrees(sitetest.ReadTree(t, dest), want); d != "" {
		t.Error(d)
	}
	// Now geul knows what it wrote: a.txt's removal takes it away, the
	// unknown page stays.
	out = site.NewOutput(map[string][]byte{"index.html": []byte("새 페이지")})
	if err := out.WriteDir(context.Background(), dest); err != nil {
		t.Fatal(err)
	}
	delete(want, "a/b.txt")
	if d := sitetest.DiffTrees(sitetest.ReadTree(t, dest), want); d != "" {
		t.Error(d)
	}
}

// TestWriteDirRecoversFromAKilledBuild: the folders a killed build leaves
// beside public/ are removed, and a previous build moved aside is put back
// before anything else happens.
func TestWriteDirRecoversFromAKilledBuild(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	// 999999999 and 4194305 are above Linux's largest process id (2^22):
	// no process has them, however busy the machine (12345 once did).
	dead := []string{".public.geul-new-999999999-123", ".public.geul-new-4194305"}
	for _, d := range dead {
		os.MkdirAll(filepath.Join(parent, d, "posts"), 0o755)
		os.WriteFile(filepath.Join(parent, d, "posts", "half.html"), []byte("반쯤"), 0o644)
	}
	// Killed between the renames: no public/, the previous build aside,
	// with a file put there by hand.
	old := filepath.Join(parent, ".public.geul-old-999999999")
	os.MkdirAll(old, 0o755)
	os.WriteFile(filepath.Join(old, "CNAME"), []byte("blog.example.org"), 0o644)
	os.WriteFile(filepath.Join(old, "index.html"), []byte("이전"), 0o644)
	// A build of this very process is writing: left alone.
	live := filepath.Join(parent, fmt.Sprintf(".public.geul-new-%d-1", os.Getpid()))
	os.MkdirAll(live, 0o755)

	out := site.NewOutput(map[string][]byte{"index.html": []byte("새로")})
	if err := out.WriteDir(context.Background(), dest); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"index.html": "새로", "CNAME": "blog.example.org"}
	if d := sitetest.DiffTrees(sitetest.ReadTree(t, dest), want); d != "" {
		t.Errorf("the previous build was not recovered:\n%s", d)
	}
	left := sitetest.Leftovers(t, dest)
	if len(left) != 1 || left[0] != filepath.Base(live) {
		t.Errorf("left beside public/: %v, want only %s", left, filepath.Base(live))
	}
}

// TestWriteDirCancel: a build canceled while writing leaves public/ and
// its surroundings as they were.
func TestWriteDirCancel(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	first := site.NewOutput(map[string][]byte{"index.html": []byte("처음")})
	if err := first.WriteDir(context.Background(), dest); err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	for i := range 200 {
		files[fmt.Sprintf("posts/%04d/index.html", i)] = []byte("글")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := site.NewOutput(files).WriteDir(ctx, dest)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("got %v, want a canceled build", err)
	}
	if d := sitetest.DiffTrees(sitetest.ReadTree(t, dest), map[string]string{"index.html": "처음"}); d != "" {
		t.Error(d)
	}
	if left := sitetest.Leftovers(t, dest); left != nil {
		t.Errorf("left behind %v", left)
	}
}

// TestWriteDirStaysInside: an output path that climbs out of the
// destination is refused before anything is written.
func TestWriteDirStaysInside(t *testing.T) {
	for _, bad := range []string{"../escape.html", "a/../../escape.html", "/abs.html", "."} {
		parent := t.TempDir()
		dest := filepath.Join(parent, "public")
		err := site.NewOutput(map[string][]byte{"index.html": nil, bad: []byte("x")}).WriteDir(context.Background(), dest)
		if err == nil || !strings.Contains(err.Error(), "outside the destination") {
			t.Errorf("%s: got %v", bad, err)
		}
		if entries, _ := os.ReadDir(parent); len(entries) != 0 {
			t.Errorf("%s: wrote %v", bad, entries)
		}
	}
}

// TestWriteDirUnwritable: a destination that cannot be written fails with
// its path and a hint, and the previous build survives.
func TestWriteDirUnwritable(t *testing.T) {
	out := site.NewOutput(map[string][]byte{"index.html": []byte("새로")})
	t.Run("parent is a file", func(t *testing.T) {
		file := filepath.Join(t.TempDir(), "file")
		os.WriteFile(file, []byte("내 파일"), 0o644)
		err := out.WriteDir(context.Background(), filepath.Join(file, "public"))
		if err == nil || !strings.HasPrefix(err.Error(), filepath.Join(file, "public")+": cannot write the site: ") ||
			!strings.HasSuffix(err.Error(), "; check that the folder is writable and the disk has room; the previous build was left as it was") {
			t.Errorf("got %v", err)
		}
		if data, _ := os.ReadFile(file); string(data) != "내 파일" {
			t.Error("the file in the way was changed")
		}
	})
	t.Run("destination is a file", func(t *testing.T) {
		file := filepath.Join(t.TempDir(), "public")
		os.WriteFile(file, []byte("내 파일"), 0o644)
		err := out.WriteDir(context.Background(), file)
		if err == nil || err.Error() != file+": cannot write the site: it is a file, not a folder; move the file away, or choose another destination" {
			t.Errorf("got %v", err)
		}
		if data, _ := os.ReadFile(file); string(data) != "내 파일" {
			t.Error("the file was replaced")
		}
	})
	t.Run("read-only parent", func(t *testing.T) {
		if os.Geteuid() == 0 {
			t.Skip("root writes through permission bits; the cases above stand in")
		}
		parent := filepath.Join(t.TempDir(), "site")
		dest := filepath.Join(parent, "public")
		if err := site.NewOutput(map[string][]byte{"index.html": []byte("이전")}).WriteDir(context.Background(), dest); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(parent, 0o555); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Chmod(parent, 0o755) })
		err := out.WriteDir(context.Background(), dest)
		var de *diag.Error
		if !errors.As(err, &de) || de.Path != dest || !strings.Contains(de.Msg, "permission denied") {
			t.Errorf("got %v", err)
		}
		if d := sitetest.DiffTrees(sitetest.ReadTree(t, dest), map[string]string{"index.html": "이전"}); d != "" {
			t.Error(d)
		}
	})
}

// TestWriteDirDiskFull fills a 200 KB file system mid-build; public/
// must survive whole and nothing may be left beside it. It needs root to
// mount a tmpfs, and skips without.
func TestWriteDirDiskFull(t *testing.T) {
	mnt := tinyDisk(t, "200k")
	dest := filepath.Join(mnt, "public")
	small := map[string][]byte{"index.html": []byte("<h1>안녕</h1>"), "css/style.css": bytes.Repeat([]byte("a"), 40<<10)}
	if err := site.NewOutput(small).WriteDir(context.Background(), dest); err != nil {
		t.Fatal(err)
	}
	before := sitetest.ReadTree(t, dest)
	big := map[string][]byte{}
	for i := range 30 {
		big[fmt.Sprintf("posts/%02d/index.html", i)] = bytes.Repeat([]byte("글"), 4<<10) // 12 KB each
	}
	err := site.NewOutput(big).WriteDir(context.Background(), dest)
	if err == nil || !strings.Contains(err.Error(), "no space left on device") || !strings.Contains(err.Error(), "the disk has room; the previous build was left as it was") {
		t.Fatalf("got %v, want no space left", err)
	}
	if d := sitetest.DiffTrees(sitetest.ReadTree(t, dest), before); d != "" {
		t.Errorf("public/ changed:\n%s", d)
	}
	if left := sitetest.Leftovers(t, dest); left != nil {
		t.Errorf("left behind %v", left)
	}
}

// tinyDisk mounts a tmpfs of size on a new folder, or skips the test.
func tinyDisk(t *testing.T, size string) string {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("mounting a small file system needs root")
	}
	mnt := t.TempDir()
	// The mount command rather than syscall.Mount, so that this file
	// compiles where there is no such call.
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size="+size, "tmpfs", mnt).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs here: %v %s", err, out)
	}
	t.Cleanup(func() {
		if out, err := exec.Command("umount", mnt).CombinedOutput(); err != nil {
			t.Errorf("umount %s: %v %s", mnt, err, out)
		}
	})
	return mnt
}

func TestCheckDestination(t *testing.T) {
	root := t.TempDir()
	home := filepath.Join(root, "users", "me")
	siteDir := filepath.Join(root, "sites", "blog")
	os.MkdirAll(home, 0o755)
	for _, d := range []string{"content/posts", "public", "static/content", "other/content"} {
		os.MkdirAll(filepath.Join(siteDir, filepath.FromSlash(d)), 0o755)
	}
	t.Setenv("HOME", home)
	t.Setenv("USERPROFILE", home) // os.UserHomeDir on Windows
	links := map[string]string{"to-site": ".", "to-public": "public"}
	for name, target := range links {
		if err := os.Symlink(target, filepath.Join(siteDir, name)); err != nil {
			t.Skipf("no symbolic links here: %v", err)
		}
	}
	// A site whose static/content/ geul wrote into public/content/.
	withStatic := filepath.Join(siteDir, "public2")
	out := site.NewOutput(map[string][]byte{"content/a.png": []byte("PNG")})
	if err := out.WriteDir(context.Background(), withStatic); err != nil {
		t.Fatal(err)
	}

	for _, tc := range []struct {
		dest string
		why  string // "" when allowed
	}{
		{"public", ""},
		{"to-public", ""},
		{"public2", ""},
		{"../blog-public", ""},
		{string(filepath.Separator), "it is the root folder"},
		{home, "it is your home folder"},
		{filepath.Join(root, "users"), "it holds your home folder"},
		{root, "it holds the site folder"},
		{".", "it is the site folder"},
		{"to-site", "it leads to " + siteDir + ", which is the site folder"},
		{"content", "it overlaps content/"},
		{"content/posts/out", "it overlaps content/"},
		{"other", "it holds a content/ folder that geul did not write, so it looks like another site"},
	} {
		dest := tc.dest
		if !filepath.IsAbs(dest) {
			dest = filepath.Join(siteDir, filepath.FromSlash(dest))
		}
		err := site.CheckDestination(siteDir, dest)
		switch {
		case tc.why == "" && err != nil:
			t.Errorf("%s: refused: %v", tc.dest, err)
		case tc.why != "" && err == nil:
			t.Errorf("%s: allowed; want %q", tc.dest, tc.why)
		case tc.why != "" && !strings.HasSuffix(err.Error(), ": "+tc.why+"; choose an output folder of its own, such as public/"):
			t.Errorf("%s: got %v; want %q", tc.dest, err, tc.why)
		}
	}
}

// TestCacheSeesConfigAndLayoutEdits: a second geul build, in a new process
// with the build cache, must show an edit to config.toml or to a layout.
func TestCacheSeesConfigAndLayoutEdits(t *testing.T) {
	dir := sitetest.Dir(t, sitetest.Blog)
	dest := filepath.Join(dir, "public")
	build := func() {
		t.Helper()
		// A new Builder each time, as a new geul process would.
		b := site.NewBuilder(dir, site.WithClock(sitetest.Clock), site.WithVersion("test"),
			site.WithCache(filepath.Join(dir, ".geul", "cache")), site.WithDestination(dest))
		res, err := b.Build(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if err := res.Output.WriteDir(context.Background(), dest); err != nil {
			t.Fatal(err)
		}
		if err := b.SaveCache(dest, res.Output); err != nil {
			t.Fatal(err)
		}
	}
	page := func() string {
		data, _ := os.ReadFile(filepath.Join(dest, "posts", "aws", "index.html"))
		return string(data)
	}
	build()
	cfg := filepath.Join(dir, "config.toml")
	src, _ := os.ReadFile(cfg)
	os.WriteFile(cfg, bytes.Replace(src, []byte("테스트 블로그"), []byte("바뀐 블로그 이름"), 1), 0o644)
	build()
	if !strings.Contains(page(), "바뀐 블로그 이름") {
		t.Error("after editing config.toml's title, a post still shows the old one")
	}
	os.MkdirAll(filepath.Join(dir, "layouts"), 0o755)
	os.WriteFile(filepath.Join(dir, "layouts", "post.html"), []byte(`{{ define "main" }}<p>새 레이아웃 {{ .Title }}</p>{{ end }}`), 0o644)
	build()
	if !strings.Contains(page(), "새 레이아웃") {
		t.Error("after adding layouts/post.html, a post is still rendered with the old layout")
	}
}

// TestCacheAfterAKilledBuild: a build killed after it replaced public/
// but before it saved the cache must not make the next build take pages
// of public/ for what they are not.
func TestCacheAfterAKilledBuild(t *testing.T) {
	dir := sitetest.Dir(t, sitetest.Blog)
	dest := filepath.Join(dir, "public")
	builder := func() *site.Builder {
		return site.NewBuilder(dir, site.WithClock(sitetest.Clock), site.WithVersion("test"),
			site.WithCache(filepath.Join(dir, ".geul", "cache")), site.WithDestination(dest))
	}
	build := func(save bool) *site.Output {
		t.Helper()
		b := builder()
		res, err := b.Build(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if err := res.Output.WriteDir(context.Background(), dest); err != nil {
			t.Fatal(err)
		}
		if save {
			if err := b.SaveCache(dest, res.Output); err != nil {
				t.Fatal(err)
			}
		}
		return res.Output
	}
	post := filepath.Join(dir, "content", "posts", "retro.md")
	a, _ := os.ReadFile(post)
	build(true)
	// The same number of bytes, other words: a page of the same size.
	os.WriteFile(post, bytes.Replace(a, []byte("바빴다"), []byte("바쁘다"), 1), 0o644)
	build(false) // killed before SaveCache
	os.WriteFile(post, a, 0o644)
	out := build(true)
	if d := sitetest.DiffTrees(sitetest.ReadTree(t, dest), outputTree(out)); d != "" {
		t.Fatal(d)
	}
	if page := sitetest.ReadTree(t, dest)["posts/retro/index.html"]; !strings.Contains(page, "바빴다") {
		t.Error("public/posts/retro/index.html is the killed build's page, not the current one")
	}
}
