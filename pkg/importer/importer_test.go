package importer

import (
	"archive/zip"
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding/korean"

	"github.com/geul-blog/geul/pkg/testkit"
)

// importInto runs an import of the source folder (or zip) from into a new
// temporary site and returns the site folder and the report.
func importInto(t testing.TB, source, from string, opts ...func(*Options)) (string, *Report) {
	t.Helper()
	into := t.TempDir()
	o := Options{Source: source, From: from, Into: into}
	for _, f := range opts {
		f(&o)
	}
	rep, err := Run(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	return into, rep
}

// tree returns every file under dir, path → bytes.
func tree(t testing.TB, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		data, err := os.ReadFile(p)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// checkGolden compares the text files an import wrote (Markdown, config,
// the record) and the list of all files with testdata/<name>/golden, and
// the printed report with testdata/<name>/report.txt. -update rewrites them.
func checkGolden(t *testing.T, name, into string, rep *Report) {
	t.Helper()
	golden := filepath.Join("testdata", name, "golden")
	got := tree(t, into)
	var list []string
	want := map[string][]byte{}
	for p, data := range got {
		list = append(list, p)
		if utf8.Valid(data) && !bytes.HasPrefix(data, []byte("%PDF")) {
			want[p] = data
		}
	}
	sort.Strings(list)
	want["files.txt"] = []byte(strings.Join(list, "\n") + "\n")
	rep.Into = "SITE"
	want["report.txt"] = []byte(rep.String())
	if testkit.Update() {
		os.RemoveAll(golden)
		for p, data := range want {
			f := filepath.Join(golden, filepath.FromSlash(p))
			if err := os.MkdirAll(filepath.Dir(f), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(f, data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return
	}
	old := tree(t, golden)
	for p, data := range want {
		if !bytes.Equal(old[p], data) {
			t.Errorf("%s differs from %s (go test -update to accept):\n%s", p, golden, testkit.FirstDiff(string(old[p]), string(data)))
		}
	}
	for p := range old {
		if _, ok := want[p]; !ok {
			t.Errorf("%s: in the golden files but not written", p)
		}
	}
}

func modTimes(t testing.TB, dir string) map[string]time.Time {
	t.Helper()
	m := map[string]time.Time{}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if info, err := d.Info(); err == nil {
				m[p] = info.ModTime()
			}
		}
		return nil
	})
	return m
}

// zipOf zips the folder dir with every path under prefix, as a backup
// unzipped into a folder of its own looks.
func zipOf(t testing.TB, dir, prefix string) string {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for p, data := range tree(t, dir) {
		w, err := zw.Create(prefix + p)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(data)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "backup.zip")
	if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestTistoryGolden(t *testing.T) {
	into, rep := importInto(t, "tistory", "testdata/tistory/backup")
	checkGolden(t, "tistory", into, rep)
}

func TestTistoryZipSameAsFolder(t *testing.T) {
	folder, frep := importInto(t, "tistory", "testdata/tistory/backup")
	zipped, zrep := importInto(t, "tistory", zipOf(t, "testdata/tistory/backup", "블로그 백업/"))
	a, b := tree(t, folder), tree(t, zipped)
	if len(a) != len(b) {
		t.Errorf("folder wrote %d files, zip %d", len(a), len(b))
	}
	for p, data := range a {
		if !bytes.Equal(b[p], data) {
			t.Errorf("%s: the zip gave other bytes than the folder", p)
		}
	}
	frep.Into, zrep.Into = "", ""
	// Problems name the file in the zip, one folder down.
	if frep.String() != strings.ReplaceAll(zrep.String(), "블로그 백업/", "") {
		t.Errorf("reports differ:\nfolder:\n%s\nzip:\n%s", frep, zrep)
	}
}

func TestSecondRunChangesNothing(t *testing.T) {
	for _, src := range []struct{ kind, from string }{
		{"tistory", "testdata/tistory/backup"},
		{"jekyll", "testdata/jekyll/site"},
		{"hexo", "testdata/hexo/site"},
	} {
		t.Run(src.kind, func(t *testing.T) {
			into, first := importInto(t, src.kind, src.from)
			before := tree(t, into)
			stamps := modTimes(t, into)
			rep, err := Run(context.Background(), Options{Source: src.kind, From: src.from, Into: into})
			if err != nil {
				t.Fatal(err)
			}
			if rep.Posts+rep.Pages != 0 || rep.Skipped != first.Posts+first.Pages {
				t.Errorf("second run: %d posts, %d pages written, %d skipped; want 0, 0, %d", rep.Posts, rep.Pages, rep.Skipped, first.Posts+first.Pages)
			}
			if !strings.Contains(rep.String(), "already imported") {
				t.Errorf("the report does not say posts were skipped:\n%s", rep)
			}
			rec, err := readRecord(into)
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range rep.Problems {
				for key := range rec.Posts {
					key = strings.TrimPrefix(key, src.kind+":")
					if p.Path == key || strings.HasPrefix(p.Path, key+"/") {
						t.Errorf("second run repeats a problem of a post it skipped: %s", p)
					}
				}
			}
			after := tree(t, into)
			if len(after) != len(before) {
				t.Errorf("second run: %d files, was %d", len(after), len(before))
			}
			for p, data := range before {
				if !bytes.Equal(after[p], data) {
					t.Errorf("second run changed %s", p)
				}
			}
			for p, m := range modTimes(t, into) {
				if !stamps[p].Equal(m) {
					t.Errorf("second run wrote %s again", p)
				}
			}
		})
	}
}

func TestEditedFileIsKept(t *testing.T) {
	into, _ := importInto(t, "tistory", "testdata/tistory/backup")
	edited := filepath.Join(into, "content/posts/김장하는-날/index.md")
	mine := []byte("+++\ntitle = \"내가 고친 글\"\n+++\n")
	if err := os.WriteFile(edited, mine, 0o644); err != nil {
		t.Fatal(err)
	}
	rep, err := Run(context.Background(), Options{Source: "tistory", From: "testdata/tistory/backup", Into: into, Force: true})
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(edited); !bytes.Equal(got, mine) {
		t.Errorf("--force overwrote a file edited after import:\n%s", got)
	}
	if len(rep.Kept) != 1 || rep.Kept[0] != "content/posts/김장하는-날/index.md" || !strings.Contains(rep.String(), "kept content/posts/김장하는-날/index.md") {
		t.Errorf("the report does not name the kept file: %q\n%s", rep.Kept, rep)
	}
}

func TestDryRunWritesNothing(t *testing.T) {
	into, rep := importInto(t, "tistory", "testdata/tistory/backup", func(o *Options) { o.DryRun = true })
	if files := tree(t, into); len(files) != 0 {
		t.Errorf("--dry-run wrote %d files", len(files))
	}
	if rep.Posts != 5 || !strings.Contains(rep.String(), "dry run") {
		t.Errorf("dry-run report: want 5 posts and a word that it was a dry run:\n%s", rep)
	}
}

func TestMalformedPostIsSkipped(t *testing.T) {
	_, rep := importInto(t, "tistory", "testdata/tistory/backup")
	want := map[string]string{
		"20/20-깨진-글.html":    "not a Tistory post: no title (h2.title-article) or no body (div.contents_style); the post was skipped",
		"15/15-사진-없는-글.html": "image ./img/img_4.png missing; left out",
	}
	for _, p := range rep.Problems {
		if want[p.Path] == p.Msg {
			delete(want, p.Path)
		}
	}
	for path, msg := range want {
		t.Errorf("no problem %s: %s in\n%s", path, msg, rep)
	}
	if rep.Posts != 5 {
		t.Errorf("%d posts imported, want the 5 good ones", rep.Posts)
	}
}

func TestJekyllGolden(t *testing.T) {
	into, rep := importInto(t, "jekyll", "testdata/jekyll/site")
	checkGolden(t, "jekyll", into, rep)
}

func TestHexoGolden(t *testing.T) {
	into, rep := importInto(t, "hexo", "testdata/hexo/site")
	checkGolden(t, "hexo", into, rep)
}

// TestZipKoreanCodePage reads a zip whose names are in CP949 without the
// UTF-8 flag, as Windows' own zip writes them: the Hangul image name must
// still match the post's ./img/사진.png.
func TestZipKoreanCodePage(t *testing.T) {
	enc := korean.EUCKR.NewEncoder()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	add := func(name, body string) {
		raw, err := enc.String(name)
		if err != nil {
			t.Fatal(err)
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: raw, NonUTF8: true, Method: zip.Deflate})
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(body))
	}
	add("백업/5/5-사진-한-장.html", `<html><body><h2 class="title-article">사진 한 장</h2><p class="date">2022-02-02 02:02:02</p>
<div class="contents_style"><p><img src="./img/사진.png" alt="바다"></p></div></body></html>`)
	add("백업/5/img/사진.png", "png")
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	zipPath := filepath.Join(t.TempDir(), "backup.zip")
	os.WriteFile(zipPath, buf.Bytes(), 0o644)
	into, rep := importInto(t, "tistory", zipPath)
	if len(rep.Problems) > 0 || rep.Images != 1 {
		t.Fatalf("want 1 image and no problem:\n%s", rep)
	}
	if _, err := os.Stat(filepath.Join(into, "content/posts/사진-한-장/사진.png")); err != nil {
		t.Error(err)
	}
}

// TestInterruptedRunResumes stops an import after its second post: the
// files written so far are in the record, so the next run finishes the
// job without taking them for files someone else wrote.
func TestInterruptedRunResumes(t *testing.T) {
	into := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	_, err := Run(ctx, Options{Source: "tistory", From: "testdata/tistory/backup", Into: into,
		Progress: func(phase string, done, total int) {
			if phase == "writing" && done == 3 {
				cancel()
			}
		}})
	if err == nil {
		t.Fatal("the interrupted run reported no error")
	}
	rep, err := Run(context.Background(), Options{Source: "tistory", From: "testdata/tistory/backup", Into: into})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Kept) > 0 || rep.Skipped != 3 || rep.Posts != 2 {
		t.Errorf("after an interrupted run: kept %q, %d skipped, %d posts; want none kept, 3 skipped, 2 posts\n%s", rep.Kept, rep.Skipped, rep.Posts, rep)
	}
}
