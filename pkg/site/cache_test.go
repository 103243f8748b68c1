package site_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/geul-blog/geul/pkg/site"
	"github.com/geul-blog/geul/pkg/sitetest"
)

// buildTo builds the site in dir into dest as geul build does, with or
// without the cache, and returns the result.
func buildTo(t *testing.T, dir, dest string, cache bool, opts ...site.Option) *site.Result {
	t.Helper()
	opts = append([]site.Option{site.WithClock(sitetest.Clock), site.WithVersion("test")}, opts...)
	if cache {
		opts = append(opts, site.WithCache(filepath.Join(dir, ".geul", "cache")), site.WithDestination(dest))
	}
	b := site.NewBuilder(dir, opts...)
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
	return res
}

// sameTree fails unless two folders hold the same files with the same bytes.
func sameTree(t *testing.T, a, b string) {
	t.Helper()
	read := func(root string) map[string][]byte {
		files := map[string][]byte{}
		filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				rel, _ := filepath.Rel(root, p)
				files[rel], _ = os.ReadFile(p)
			}
			return nil
		})
		return files
	}
	fa, fb := read(a), read(b)
	if len(fa) != len(fb) {
		t.Fatalf("%d files with the cache, %d without", len(fa), len(fb))
	}
	for name, data := range fa {
		if !bytes.Equal(data, fb[name]) {
			t.Fatalf("%s differs with and without the cache", name)
		}
	}
}

func TestCacheGivesIdenticalOutput(t *testing.T) {
	dir := sitetest.Dir(t, sitetest.Blog)
	cached, clean := filepath.Join(dir, "public"), filepath.Join(t.TempDir(), "public")

	first := buildTo(t, dir, cached, true)
	if first.Rendered != first.Pages {
		t.Fatalf("cold build rendered %d of %d pages", first.Rendered, first.Pages)
	}
	warm := buildTo(t, dir, cached, true)
	if warm.Rendered != 0 {
		t.Errorf("warm build with nothing changed rendered %d pages", warm.Rendered)
	}
	buildTo(t, dir, clean, false)
	sameTree(t, cached, clean)

	// Edit one post's body and another's title: only what shows them is rendered.
	retro := filepath.Join(dir, "content", "posts", "retro.md")
	src, _ := os.ReadFile(retro)
	os.WriteFile(retro, bytes.Replace(src, []byte("쉬었다"), []byte("푹 쉬었다"), 1), 0o644)
	aws := filepath.Join(dir, "content", "posts", "aws.md")
	src, _ = os.ReadFile(aws)
	os.WriteFile(aws, bytes.Replace(src, []byte("AWS 계정 이전"), []byte("AWS 계정 이전 🔥"), 1), 0o644)
	edited := buildTo(t, dir, cached, true)
	if edited.Rendered == 0 || edited.Rendered >= edited.Pages {
		t.Errorf("after two edits the build rendered %d of %d pages", edited.Rendered, edited.Pages)
	}
	buildTo(t, dir, clean, false)
	sameTree(t, cached, clean)
}

func TestCacheThatCannotBeTrustedIsIgnored(t *testing.T) {
	dir := sitetest.Dir(t, sitetest.Blog)
	cached, clean := filepath.Join(dir, "public"), filepath.Join(t.TempDir(), "public")
	buildTo(t, dir, cached, true)
	buildTo(t, dir, clean, false)
	cacheDir := filepath.Join(dir, ".geul", "cache")

	// Damage every segment of rendered Markdown, keep the index: pages must
	// be rendered again from their sources, not from the damaged files.
	if len(segments(t, dir)) == 0 {
		t.Fatal("the build wrote no segment")
	}
	for name := range segments(t, dir) {
		os.WriteFile(filepath.Join(cacheDir, name), []byte("garbage"), 0o644)
	}
	os.RemoveAll(cached) // nothing to reuse: every page renders, reading the damaged segments
	buildTo(t, dir, cached, true)
	sameTree(t, cached, clean)

	// A damaged index, and one from another geul, are ignored whole.
	os.WriteFile(filepath.Join(cacheDir, "index.gob"), []byte("\x00garbage"), 0o644)
	if res := buildTo(t, dir, cached, true); res.Rendered != res.Pages {
		t.Errorf("with a damaged index %d of %d pages were rendered", res.Rendered, res.Pages)
	}
	res := buildTo(t, dir, cached, true, site.WithVersion("another"))
	if res.Rendered != res.Pages {
		t.Errorf("with another geul's cache %d of %d pages were rendered", res.Rendered, res.Pages)
	}
	sameTree(t, cached, clean)

	// A page changed by hand in public/ (another size) is rendered again.
	page := filepath.Join(cached, "posts", "retro", "index.html")
	os.WriteFile(page, []byte("손으로 고침"), 0o644)
	buildTo(t, dir, cached, true, site.WithVersion("another"))
	if data, _ := os.ReadFile(page); strings.Contains(string(data), "손으로 고침") {
		t.Error("a hand-edited page in public/ was kept")
	}
}

// TestSingleBuildSameOutput builds with what geul build uses (pages
// written through, sources let go once rendered, the cache) and compares
// with a plain build, cold and warm.
func TestSingleBuildSameOutput(t *testing.T) {
	dir := sitetest.Dir(t, blog)
	plain := filepath.Join(t.TempDir(), "plain")
	buildTo(t, dir, plain, false)
	dest := filepath.Join(t.TempDir(), "public")
	for range 2 {
		buildTo(t, dir, dest, true, site.WithWriteThrough(true), site.WithSingleBuild(true))
		sameTree(t, plain, dest)
	}
}

// TestSingleBuildBuildsAgainInFull: a Builder that let its sources go
// cannot rebuild from them, so a second Build reads everything again.
func TestSingleBuildBuildsAgainInFull(t *testing.T) {
	fsys := sitetest.MapFS(blog)
	b := site.NewBuilder(".", site.WithFS(fsys), site.WithClock(sitetest.Clock), site.WithSingleBuild(true))
	ctx := context.Background()
	if _, err := b.Build(ctx); err != nil {
		t.Fatal(err)
	}
	res, err := b.Rebuild(ctx, site.ClassifyChanges([]string{"content/posts/retro.md"}))
	if err != nil {
		t.Fatal(err)
	}
	if !res.Full {
		t.Error("the second build of a single-build Builder was not a full one")
	}
	clean, err := site.NewBuilder(".", site.WithFS(fsys), site.WithClock(sitetest.Clock)).Build(ctx)
	if err != nil {
		t.Fatal(err)
	}
	sameOutput(t, "second build", res.Output, clean.Output)
}

// segment is what a test sees of a segment file of the build cache.
type segment struct {
	size int64
	mod  time.Time
}

// segments returns the segment files of the build cache of the site in
// dir, by name.
func segments(t *testing.T, dir string) map[string]segment {
	t.Helper()
	files, err := os.ReadDir(filepath.Join(dir, ".geul", "cache"))
	if err != nil {
		t.Fatal(err)
	}
	segs := map[string]segment{}
	for _, f := range files {
		if strings.HasSuffix(f.Name(), ".pack") {
			fi, err := f.Info()
			if err != nil {
				t.Fatal(err)
			}
			segs[f.Name()] = segment{fi.Size(), fi.ModTime()}
		}
	}
	return segs
}

// added returns the segments of after that are not in before.
func added(before, after map[string]segment) []string {
	var names []string
	for name := range after {
		if _, ok := before[name]; !ok {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	return names
}

func totalSize(segs map[string]segment) int64 {
	var n int64
	for _, s := range segs {
		n += s.size
	}
	return n
}

// manyPosts is sitetest.Blog with n more posts of a few paragraphs.
func manyPosts(n int) string {
	var b strings.Builder
	b.WriteString(sitetest.Blog)
	for i := range n {
		fmt.Fprintf(&b, "-- content/posts/n%02d.md --\n+++\ntitle = \"글 %d\"\ndate = 2024-01-%02d\ntags = [\"많이\"]\n+++\n## 제목 %d 🧯\n\n%s\n",
			i, i, i%28+1, i, strings.Repeat(fmt.Sprintf("%d번째 글의 문단, 서버와 휴식 이야기. ", i), 30))
	}
	return b.String()
}

// editPost puts text at the end of the body of the post at rel under content/.
func editPost(t *testing.T, dir, rel, text string) {
	t.Helper()
	p := filepath.Join(dir, "content", filepath.FromSlash(rel))
	src, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, append(src, "\n"+text+"\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestCacheWritesOneSegmentABuild: rendered Markdown goes into a few large
// files, not one a post, and a build adds only what it rendered.
func TestCacheWritesOneSegmentABuild(t *testing.T) {
	dir := sitetest.Dir(t, manyPosts(20))
	cacheDir := filepath.Join(dir, ".geul", "cache")
	cached, clean := filepath.Join(dir, "public"), filepath.Join(t.TempDir(), "public")
	// What cache format 3 left: one file a post under md/.
	os.MkdirAll(filepath.Join(cacheDir, "md", "ab"), 0o755)
	os.WriteFile(filepath.Join(cacheDir, "md", "ab", "ab00000000000000.gob"), []byte("format 3"), 0o644)

	buildTo(t, dir, cached, true)
	cold := segments(t, dir)
	if len(cold) == 0 || len(cold) > 2 {
		t.Fatalf("the cold build wrote %d segments, want 1 or 2", len(cold))
	}
	var files []string
	filepath.WalkDir(cacheDir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			files = append(files, strings.TrimPrefix(p, cacheDir))
		}
		return nil
	})
	if len(files) > 3 {
		t.Errorf("the cold build left %d files in the cache, want the index and at most 2 segments: %v", len(files), files)
	}
	if _, err := os.Stat(filepath.Join(cacheDir, "md")); !errors.Is(err, fs.ErrNotExist) {
		t.Error("the md/ folder of cache format 3 is still there")
	}

	if res := buildTo(t, dir, cached, true); res.Rendered != 0 {
		t.Errorf("a warm build with nothing changed rendered %d pages", res.Rendered)
	}
	if warm := segments(t, dir); !maps.Equal(warm, cold) {
		t.Errorf("a warm build with nothing changed changed the segments: %v, then %v", cold, warm)
	}

	editPost(t, dir, "posts/n07.md", "한 줄 더 ✍️")
	buildTo(t, dir, cached, true)
	edited := segments(t, dir)
	switch news := added(cold, edited); {
	case len(news) != 1:
		t.Errorf("after one post was edited the build added %d segments, want 1", len(news))
	case edited[news[0]].size*10 > totalSize(cold):
		t.Errorf("after one post was edited the new segment has %d bytes, the first %d: more than one post's",
			edited[news[0]].size, totalSize(cold))
	}
	buildTo(t, dir, clean, false)
	sameTree(t, cached, clean)
}

// TestCacheDamagedSegments: a segment that is cut short, damaged, from
// another geul or missing is not trusted: what it held is rendered again
// (and saved into a new segment) and the output is as a clean build's.
func TestCacheDamagedSegments(t *testing.T) {
	tests := []struct {
		name   string
		damage func(t *testing.T, seg string)
	}{
		{"cut short", func(t *testing.T, seg string) {
			fi, _ := os.Stat(seg)
			os.Truncate(seg, fi.Size()/2)
		}},
		{"a bit flipped", func(t *testing.T, seg string) {
			// In the HTML of one post, where the record still decodes ("7번째"
			// becomes "6번째"): only the record's sum can see it.
			data, _ := os.ReadFile(seg)
			i := bytes.Index(data, []byte("7번째 글의 문단"))
			if i < 0 {
				t.Fatal("the segment does not hold the post's text as it is")
			}
			data[i] ^= 0x01
			os.WriteFile(seg, data, 0o644)
		}},
		{"another geul's", func(t *testing.T, seg string) {
			// The same site, so the same records in the same places: only
			// the key in the header tells the segments apart.
			other := sitetest.Dir(t, manyPosts(20))
			buildTo(t, other, filepath.Join(other, "public"), true, site.WithVersion("another"))
			for name := range segments(t, other) {
				data, _ := os.ReadFile(filepath.Join(other, ".geul", "cache", name))
				if mine, _ := os.ReadFile(seg); len(data) != len(mine) {
					t.Fatalf("another geul's segment has %d bytes, this one's %d: the case does not test the key", len(data), len(mine))
				}
				os.WriteFile(seg, data, 0o644)
			}
		}},
		{"missing", func(t *testing.T, seg string) { os.Remove(seg) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := sitetest.Dir(t, manyPosts(20))
			cached, clean := filepath.Join(dir, "public"), filepath.Join(t.TempDir(), "public")
			buildTo(t, dir, cached, true)
			buildTo(t, dir, clean, false)
			before := segments(t, dir)
			for name := range before {
				tt.damage(t, filepath.Join(dir, ".geul", "cache", name))
			}
			os.RemoveAll(cached) // every page renders, reading every record
			buildTo(t, dir, cached, true)
			sameTree(t, cached, clean)
			after := segments(t, dir)
			if len(added(before, after)) != 1 {
				t.Fatalf("segments %v, then %v: what could not be read was not rendered again and saved", before, after)
			}

			// The cache is whole again: reading every record adds nothing.
			readsEveryRecord(t, dir, cached, clean, after, "a record saved after the damage could not be read")
		})
	}
}

// readsEveryRecord builds dir into cached from nothing, so that every page
// reads its post's record, and fails unless the output is clean's and the
// segments are still segs (a record that could not be read would be
// rendered and saved in a new one).
func readsEveryRecord(t *testing.T, dir, cached, clean string, segs map[string]segment, problem string) {
	t.Helper()
	os.RemoveAll(cached)
	buildTo(t, dir, cached, true)
	sameTree(t, cached, clean)
	if again := segments(t, dir); !maps.Equal(again, segs) {
		t.Errorf("segments %v, then %v: %s", segs, again, problem)
	}
}

// TestCacheCompaction: once the segments hold more dead records than live
// ones, or there are too many of them, the live records are gathered into
// one and the old ones deleted.
func TestCacheCompaction(t *testing.T) {
	tests := []struct {
		name    string
		edit    func(t *testing.T, dir string, i int)
		maxSize func(cold int64) int64 // of the segments once compacted
	}{
		// Each build adds a segment with one live record: too many segments.
		{"another post edited each time", func(t *testing.T, dir string, i int) {
			editPost(t, dir, fmt.Sprintf("posts/n%02d.md", i), fmt.Sprintf("고침 %d", i))
		}, func(cold int64) int64 { return cold + cold/10 }},
		// Most of the one segment is dead.
		{"most posts deleted", func(t *testing.T, dir string, i int) {
			for n := range 16 {
				os.Remove(filepath.Join(dir, "content", "posts", fmt.Sprintf("n%02d.md", n)))
			}
		}, func(cold int64) int64 { return cold / 2 }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := sitetest.Dir(t, manyPosts(20))
			cached, clean := filepath.Join(dir, "public"), filepath.Join(t.TempDir(), "public")
			buildTo(t, dir, cached, true)
			cold := segments(t, dir)
			var segs map[string]segment
			for i := 0; ; i++ {
				if i == 20 {
					t.Fatalf("after %d edits the cold build's segments %v are still there: %v", i, cold, segs)
				}
				tt.edit(t, dir, i)
				buildTo(t, dir, cached, true)
				if segs = segments(t, dir); len(segs) > 8 {
					t.Fatalf("after %d edits there are %d segments", i+1, len(segs))
				}
				if len(added(segs, cold)) == len(cold) {
					break // compacted
				}
			}
			if len(segs) != 1 {
				t.Errorf("after compaction there are segments %v, want one", segs)
			}
			// Dead records gone: no more than one copy of each live one.
			if totalSize(segs) > tt.maxSize(totalSize(cold)) {
				t.Errorf("segments of %d bytes after compaction, the cold build's %d", totalSize(segs), totalSize(cold))
			}
			buildTo(t, dir, clean, false)
			sameTree(t, cached, clean)

			// Every live record was copied whole.
			readsEveryRecord(t, dir, cached, clean, segs, "a compacted record could not be read")
		})
	}
}

// TestCacheKilledBeforeItsIndex: a build killed after it wrote its segment
// but before index.gob leaves a segment no index names; the next build is
// right all the same, and deletes it.
func TestCacheKilledBeforeItsIndex(t *testing.T) {
	dir := sitetest.Dir(t, manyPosts(20))
	index := filepath.Join(dir, ".geul", "cache", "index.gob")
	cached, clean := filepath.Join(dir, "public"), filepath.Join(t.TempDir(), "public")
	buildTo(t, dir, cached, true)
	first := segments(t, dir)
	oldIndex, err := os.ReadFile(index)
	if err != nil {
		t.Fatal(err)
	}

	// The killed build: its segment is written, its index is not.
	editPost(t, dir, "posts/n05.md", "죽기 전에 쓴 줄")
	buildTo(t, dir, cached, true)
	orphans := added(first, segments(t, dir))
	if len(orphans) != 1 {
		t.Fatalf("the edit added segments %v, want one", orphans)
	}
	os.WriteFile(index, oldIndex, 0o644)
	os.WriteFile(filepath.Join(dir, ".geul", "cache", "md-77.pack.tmp"), []byte("killed while writing"), 0o644)

	buildTo(t, dir, cached, true)
	buildTo(t, dir, clean, false)
	sameTree(t, cached, clean)
	segs := segments(t, dir)
	for _, name := range orphans {
		if _, ok := segs[name]; ok {
			t.Errorf("the killed build's segment %s is still there: %v", name, segs)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, ".geul", "cache", "md-77.pack.tmp")); err == nil {
		t.Error("a segment left half-written is still there")
	}
	if len(segs) != 2 {
		t.Errorf("segments %v, want the first build's and one with the edit", segs)
	}
}

// TestCacheThatCannotBeWritten: when the cache folder cannot be made,
// SaveCache says so with a hint, and the site is built all the same.
func TestCacheThatCannotBeWritten(t *testing.T) {
	dir := sitetest.Dir(t, sitetest.Blog)
	cached, clean := filepath.Join(dir, "public"), filepath.Join(t.TempDir(), "public")
	os.MkdirAll(filepath.Join(dir, ".geul"), 0o755)
	os.WriteFile(filepath.Join(dir, ".geul", "cache"), []byte("a file where the folder should be"), 0o644)
	b := site.NewBuilder(dir, site.WithClock(sitetest.Clock), site.WithVersion("test"),
		site.WithCache(filepath.Join(dir, ".geul", "cache")), site.WithDestination(cached))
	res, err := b.Build(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if err := res.Output.WriteDir(context.Background(), cached); err != nil {
		t.Fatal(err)
	}
	err = b.SaveCache(cached, res.Output)
	if err == nil || !strings.Contains(err.Error(), "deleting") {
		t.Errorf("SaveCache into a file: %v, want an error that says what to do", err)
	}
	buildTo(t, dir, clean, false)
	sameTree(t, cached, clean)
}
