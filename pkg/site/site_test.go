package site_test

import (
	"bytes"
	"context"
	"encoding/xml"
	"flag"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/geul-blog/geul/pkg/corpus"
	"github.com/geul-blog/geul/pkg/diag"
	"github.com/geul-blog/geul/pkg/site"
	"github.com/geul-blog/geul/pkg/sitetest"
	"github.com/geul-blog/geul/themes"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

var blog = sitetest.Blog

func TestBuildBlog(t *testing.T) {
	s := sitetest.Build(t, blog)
	for _, f := range []string{
		"index.html", "page/2/index.html", "404.html", "sitemap.xml", "robots.txt", "atom.xml",
		"posts/retro/index.html", "posts/aws/index.html", "posts/hello/index.html", "posts/trip/index.html",
		"posts/trip/sea.png", "about/index.html", "posts/index.html", "posts/page/2/index.html",
		"categories/index.html", "categories/생각/index.html", "categories/생각/atom.xml",
		"tags/index.html", "tags/aws/index.html", "tags/aws/atom.xml" + "", "archive/index.html", "css/chroma.css",
	} {
		if f == "tags/aws/atom.xml" {
			continue // only categories have feeds of their own
		}
		if !s.Has(f) {
			t.Errorf("missing %s", f)
		}
	}
	for _, f := range []string{"posts/draft/index.html", "posts/future/index.html"} {
		if s.Has(f) {
			t.Errorf("%s should be left out", f)
		}
	}
	if s.Drafts != 1 || s.Future != 1 {
		t.Errorf("drafts, future = %d, %d; want 1, 1", s.Drafts, s.Future)
	}
	s.Contains(t, "posts/retro/index.html",
		`id="서버-장애"`, `id="휴식"`, `href="/posts/aws/#%EC%9D%B4%EC%A0%84-%EA%B3%84%ED%9A%8D"`,
		"2023년 5월 31일", `/categories/%ec%83%9d%ea%b0%81/`)
	s.Contains(t, "posts/hello/index.html", `href="/posts/retro/"`)
	s.Contains(t, "posts/trip/index.html", `src="sea.png"`)
	s.Contains(t, "posts/aws/index.html", `class="chroma"`)
	s.Lacks(t, "index.html", "초안", "미래의 글")
	s.Contains(t, "robots.txt", "Sitemap: https://example.org/sitemap.xml")
}

func TestFeedsAndSitemapParse(t *testing.T) {
	s := sitetest.Build(t, blog)
	var feed struct {
		Title   string `xml:"title"`
		Entries []struct {
			Title string `xml:"title"`
			ID    string `xml:"id"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal([]byte(s.File(t, "atom.xml")), &feed); err != nil {
		t.Fatal(err)
	}
	if feed.Title != "테스트 블로그" || len(feed.Entries) != 4 || feed.Entries[0].Title != "[23년 5월 회고] 힘들었고, 즐거웠고" {
		t.Errorf("feed = %+v", feed)
	}
	var cat struct {
		Entries []struct{ Title string } `xml:"entry"`
	}
	if err := xml.Unmarshal([]byte(s.File(t, "categories/생각/atom.xml")), &cat); err != nil {
		t.Fatal(err)
	}
	if len(cat.Entries) != 1 {
		t.Errorf("category feed has %d entries, want 1", len(cat.Entries))
	}
	var sm struct {
		URLs []struct {
			Loc string `xml:"loc"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal([]byte(s.File(t, "sitemap.xml")), &sm); err != nil {
		t.Fatal(err)
	}
	locs := map[string]bool{}
	for _, u := range sm.URLs {
		locs[u.Loc] = true
	}
	for _, want := range []string{"https://example.org/", "https://example.org/posts/retro/", "https://example.org/categories/%EC%83%9D%EA%B0%81/"} {
		if !locs[want] {
			t.Errorf("sitemap lacks %s; has %v", want, locs)
		}
	}
	if locs["https://example.org/404.html"] {
		t.Error("sitemap lists the 404 page")
	}
}

func TestDraftsAndFutureFlags(t *testing.T) {
	s := sitetest.Build(t, blog, site.WithDrafts(true), site.WithFuture(true))
	if !s.Has("posts/draft/index.html") || !s.Has("posts/future/index.html") {
		t.Error("--drafts --future should publish the draft and the future post")
	}
}

func TestBuildErrors(t *testing.T) {
	tests := []struct {
		name  string
		files string
		want  []string
	}{
		{"same URL", `
-- content/posts/a.md --
+++
title = "a"
slug = "x"
+++
-- content/posts/b.md --
+++
title = "b"
slug = "x"
+++
`, []string{"content/posts/b.md", "/posts/x/", "content/posts/a.md", "another slug"}},
		{"missing link target", `
-- content/posts/a.md --
+++
title = "a"
+++
첫 줄

[없는 글](nope.md)
`, []string{"content/posts/a.md:6:", "nope.md"}},
		{"bad front matter", `
-- content/posts/a.md --
+++
title = "a
+++
`, []string{"content/posts/a.md:2"}},
		{"unclosed fence", `
-- content/posts/a.md --
+++
title = "a"
`, []string{"content/posts/a.md:1", "+++"}},
		{"bad config", `
-- config.toml --
paginate = "many"
`, []string{"config.toml"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := sitetest.BuildErr(tt.files)
			if err == nil {
				t.Fatal("build succeeded")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %q", err, w)
				}
			}
			for _, e := range diag.Errors(err) {
				if e.Path == "" {
					t.Errorf("error without a path: %v", e)
				}
			}
		})
	}
}

func TestPermalinksAndAliases(t *testing.T) {
	s := sitetest.Build(t, `
-- config.toml --
baseURL = "https://example.org/blog/"
[permalinks]
posts = "/:year/:month/:slug/"
-- content/posts/서버 장애.md --
+++
title = "서버 장애"
date = 2023-05-31
aliases = ["/old/outage/"]
+++
본문
`)
	s.Contains(t, "2023/05/서버-장애/index.html", `href="/blog/`)
	s.Contains(t, "old/outage/index.html", `url=https://example.org/blog/2023/05/%EC%84%9C%EB%B2%84-%EC%9E%A5%EC%95%A0/`)
}

// TestIncrementalMatchesCleanBuild edits a site at random, rebuilding after
// each edit with only the changed files named, and compares every output
// with a clean build of the same files.
func TestIncrementalMatchesCleanBuild(t *testing.T) {
	t.Run("default theme", func(t *testing.T) { testIncremental(t, sitetest.MapFS(blog)) })
	t.Run("cached partials that show neighbours", func(t *testing.T) {
		// The default theme caches each post's list entry across rebuilds;
		// one that shows the next post must not be kept when that changes.
		fsys := sitetest.MapFS(blog)
		fsys["layouts/partials/post-item.html"] = &fstest.MapFile{Data: []byte(
			`<p>{{ .Title }} → {{ with .Next }}{{ .Title }}{{ end }} {{ range .Related }}{{ .Title }}{{ end }}</p>`)}
		fsys["layouts/partials/archive-item.html"] = &fstest.MapFile{Data: []byte(
			`<li>{{ .Title }} {{ .ReadingTime }} {{ with .Prev }}{{ .URL }}{{ end }}</li>`)}
		testIncremental(t, fsys)
	})
}

// testIncremental makes 100 random edits to the site in fsys and checks
// that each incremental build gives what a clean build does.
func testIncremental(t *testing.T, fsys fstest.MapFS) {
	clock := site.WithClock(sitetest.Clock)
	b := site.NewBuilder(".", site.WithFS(fsys), clock)
	ctx := context.Background()
	if _, err := b.Build(ctx); err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	paths := []string{"content/posts/retro.md", "content/posts/aws.md", "content/posts/hello.md", "content/posts/new.md", "content/posts/trip/index.md"}
	retitle := regexp.MustCompile(`(?m)^title = .*$`)
	edits := []func(name, old string) string{
		func(_, old string) string { // the title alone: lists and neighbours change, counts do not
			return retitle.ReplaceAllString(old, fmt.Sprintf("title = \"고친 제목 %d 🔥\"", rng.IntN(1000)))
		},
		func(_, old string) string { return old + "\n본문 한 줄 더 😄\n" },                 // body only: the fast path
		func(_, old string) string { return old + "\n## 새 절 🧯\n\n[회고](retro.md)\n" }, // body only, with a link
		func(string, string) string {
			return "+++\ntitle = \"새 제목 🔥\"\ndate = 2024-02-02\ncategories = \"생각\"\n+++\n## 새 제목\n본문\n"
		},
		func(string, string) string {
			return "+++\ntitle = \"태그만\"\ndate = 2021-01-01\ntags = [\"AWS\", \"새 태그\"]\n+++\n[회고](retro.md)\n"
		},
		func(name, _ string) string {
			return "+++\ntitle = \"" + name + "\"\ndate = 2023-05-01\ncategories = \"개발\"\n+++\n짧은 글\n"
		},
		func(string, string) string { // a category path: every page's sidebar tree and counts change
			return fmt.Sprintf("+++\ntitle = \"분류 경로\"\ndate = 2022-03-03\ncategories = [\"개발/%s\"]\n+++\n본문\n", []string{"Go", "인프라", "Go/동시성"}[rng.IntN(3)])
		},
		func(string, string) string { // YAML's "개발 > 인프라", the same category
			return "---\ntitle: YAML 분류\ndate: 2022-04-04\ncategory: 개발 > 인프라\n---\n본문\n"
		},
		func(string, string) string { return "" }, // delete
		func(string, string) string { return "+++\ntitle = \"초안\"\ndraft = true\n+++\n" },
	}
	for step := range 100 {
		name := paths[rng.IntN(len(paths))]
		var old string
		if f, ok := fsys[name]; ok {
			old = string(f.Data)
		}
		text := edits[rng.IntN(len(edits))](name, old)
		if old == "" && text != "" && !strings.HasPrefix(text, "+++") {
			continue // nothing to edit
		}
		if text == "" {
			delete(fsys, name)
		} else {
			fsys[name] = &fstest.MapFile{Data: []byte(text)}
		}
		res, err := b.Rebuild(ctx, site.ClassifyChanges([]string{name}))
		clean, cleanErr := site.NewBuilder(".", site.WithFS(fsys), clock).Build(ctx)
		if (err == nil) != (cleanErr == nil) {
			t.Fatalf("step %d (%s): incremental error %v, clean error %v", step, name, err, cleanErr)
		}
		if err != nil {
			continue // e.g. a link to a deleted post; the next edits fix it
		}
		sameOutput(t, fmt.Sprintf("step %d (%s)", step, name), res.Output, clean.Output)
	}
}

func TestEditRendersOnlyWhatShowsThePost(t *testing.T) {
	s := sitetest.Build(t, blog)
	first := s.Rendered
	s.Replace(t, "content/posts/retro.md", "쉬었다", "푹 쉬었다").Rebuild(t)
	if s.Full || s.Rendered >= first {
		t.Errorf("a body edit rendered %d of %d pages", s.Rendered, first)
	}
	if len(s.Edited) != 1 || s.Edited[0] != "/posts/retro/" {
		t.Errorf("Edited = %v", s.Edited)
	}
	// The edit is after <!--more-->: lists show the summary, so only the
	// post, the feeds (which carry whole posts) and the search index files
	// that hold its words change. The pages that can show its body (the
	// post, its neighbours, the lists it is on) are rendered again.
	s.AssertRendered(t, 7)
	s.AssertChanged(t, "atom.xml", "categories/생각/atom.xml", "posts/retro/index.html", "search/d0.json", "search/index.json", "search/t33niihzj4ux45.json")
}

func TestErrorThenFixRecovers(t *testing.T) {
	const name = "content/posts/aws.md"
	s := sitetest.Build(t, blog)
	good := string(sitetest.MapFS(blog)[name].Data)
	if err := s.Edit(name, "+++\ntitle = \n+++\n").RebuildErr(); err == nil || !strings.Contains(err.Error(), name+":2") {
		t.Fatalf("want an error at %s:2, got %v", name, err)
	}
	s.Edit(name, good).Rebuild(t)
	if !s.Has("posts/aws/index.html") {
		t.Error("fixed post missing")
	}
}

func TestWriteDirReplacesAndRefuses(t *testing.T) {
	dir := sitetest.Dir(t, blog)
	dest := filepath.Join(dir, "public")
	// An earlier build wrote a page the site no longer has. (A file put
	// into public/ by hand is kept: see invalid_test.go.)
	if err := site.NewOutput(map[string][]byte{"stale/index.html": []byte("old")}).WriteDir(context.Background(), dest); err != nil {
		t.Fatal(err)
	}
	res, err := site.NewBuilder(dir, site.WithClock(sitetest.Clock)).Build(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if err := res.Output.WriteDir(context.Background(), dest); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dest, "stale")); !os.IsNotExist(err) {
		t.Error("a stale page survived the build")
	}
	if _, err := os.Stat(filepath.Join(dest, "posts", "retro", "index.html")); err != nil {
		t.Error(err)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), ".geul-") {
			t.Errorf("left behind %s", e.Name())
		}
	}
	for _, bad := range []string{"/", dir, filepath.Dir(dir), filepath.Join(dir, "content"), filepath.Join(dir, "content", "x")} {
		if err := site.CheckDestination(dir, bad); err == nil {
			t.Errorf("CheckDestination(%s) allowed", bad)
		}
	}
	if err := site.CheckDestination(dir, dest); err != nil {
		t.Errorf("CheckDestination(public) = %v", err)
	}
}

// TestGolden compares whole rendered pages with testdata/golden; run with
// -update after an intended change.
func TestGolden(t *testing.T) {
	s := sitetest.Build(t, blog)
	for _, name := range []string{"posts/retro/index.html", "index.html", "categories/생각/index.html", "atom.xml"} {
		golden := filepath.Join("testdata", "golden", strings.ReplaceAll(name, "/", "__"))
		got := s.File(t, name)
		if *update {
			os.MkdirAll(filepath.Dir(golden), 0o755)
			if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run go test -update to create it)", err)
		}
		if got != string(want) {
			t.Errorf("%s differs from %s (run go test ./pkg/site -update if intended):\n%s", name, golden, firstDiff(got, string(want)))
		}
	}
}

func firstDiff(a, b string) string {
	la, lb := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(la) || i < len(lb); i++ {
		var x, y string
		if i < len(la) {
			x = la[i]
		}
		if i < len(lb) {
			y = lb[i]
		}
		if x != y {
			return fmt.Sprintf("line %d:\n got: %s\nwant: %s", i+1, x, y)
		}
	}
	return ""
}

// TestBodyEditsMatchCleanBuild saves body edits to posts of a site large
// enough that each build shares the files of the last one instead of
// copying them (see Output.overlay), and compares every file with a clean
// build after each save.
func TestBodyEditsMatchCleanBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 120-post site a dozen times")
	}
	const posts = 120
	dir := t.TempDir()
	if err := corpus.Generate(dir, posts); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	b := site.NewBuilder(dir)
	if _, err := b.Build(ctx); err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for step := range 12 {
		rel := corpus.PostPath(rng.IntN(posts))
		file := filepath.Join(dir, filepath.FromSlash(rel))
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		edit := fmt.Sprintf("\n고친 문장 %d 🔥 <b>굵게</b>\n", step)
		if step%3 == 0 { // before <!--more-->, so the lists' summaries change too
			edit = ""
			end := strings.Index(string(src[3:]), "+++\n") + 3 + len("+++\n")
			src = append(src[:end:end], append([]byte(fmt.Sprintf("첫 문장을 고쳤다 %d. ✍️\n\n", step)), src[end:]...)...)
		}
		if err := os.WriteFile(file, append(src, edit...), 0o644); err != nil {
			t.Fatal(err)
		}
		res, err := b.Rebuild(ctx, site.ClassifyChanges([]string{rel}))
		if err != nil {
			t.Fatal(err)
		}
		if res.Full || len(res.Changed) == 0 || res.Rendered > 40 {
			t.Fatalf("step %d: Full %v, %d rendered, changed %v", step, res.Full, res.Rendered, res.Changed)
		}
		clean, err := site.NewBuilder(dir).Build(ctx)
		if err != nil {
			t.Fatal(err)
		}
		sameOutput(t, fmt.Sprintf("step %d (%s)", step, rel), res.Output, clean.Output)
	}
}

// TestRelatedAfterTermEdits edits the tags and dates of posts of a site
// whose terms list many posts each, so that a rebuild works out related
// posts again only near the edited ones, and compares every file with a
// clean build after each edit.
func TestRelatedAfterTermEdits(t *testing.T) {
	const posts = 240
	tags := []string{"Go", "러스트", "AWS", "여행 ✈️", "책"}
	titles := map[int]string{}
	post := func(i, day int, tagList ...string) string {
		return fmt.Sprintf("+++\ntitle = \"글 %d%s\"\ndate = 2024-01-%02dT%02d:00:00+09:00\ncategories = [\"%s\"]\ntags = [%s]\n+++\n본문 %d\n",
			i, titles[i], 1+day%28, i%24, []string{"개발", "생각"}[i%2], `"`+strings.Join(tagList, `", "`)+`"`, i)
	}
	days, tagsOf := map[int]int{}, map[int][]string{}
	fsys := fstest.MapFS{"config.toml": {Data: []byte("title = \"관련 글\"\nbaseURL = \"https://example.org/\"\nlanguageCode = \"ko\"\n")}}
	name := func(i int) string { return fmt.Sprintf("content/posts/p%03d.md", i) }
	for i := range posts {
		days[i], tagsOf[i] = i, []string{tags[i%5], tags[(i/5)%5]}
		fsys[name(i)] = &fstest.MapFile{Data: []byte(post(i, i, tagsOf[i]...))}
	}
	clock := site.WithClock(sitetest.Clock)
	b := site.NewBuilder(".", site.WithFS(fsys), clock)
	ctx := context.Background()
	if _, err := b.Build(ctx); err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(5, 6))
	for step := range 15 {
		i := rng.IntN(posts)
		if step%3 == 2 { // the title alone: related-post lists that show it must follow
			titles[i] = fmt.Sprintf(" (고침 %d)", step)
		} else {
			days[i], tagsOf[i] = rng.IntN(28), []string{tags[rng.IntN(5)], tags[rng.IntN(5)]}
		}
		fsys[name(i)] = &fstest.MapFile{Data: []byte(post(i, days[i], tagsOf[i]...))}
		res, err := b.Rebuild(ctx, site.ClassifyChanges([]string{name(i)}))
		if err != nil {
			t.Fatal(err)
		}
		clean, err := site.NewBuilder(".", site.WithFS(fsys), clock).Build(ctx)
		if err != nil {
			t.Fatal(err)
		}
		sameOutput(t, fmt.Sprintf("step %d (%s)", step, name(i)), res.Output, clean.Output)

	}
}

// sameOutput fails unless an incremental build's output has the same files
// with the same bytes as a clean build's.
func sameOutput(t *testing.T, what string, got, want *site.Output) {
	t.Helper()
	if g, w := got.Paths(), want.Paths(); strings.Join(g, "\n") != strings.Join(w, "\n") {
		t.Fatalf("%s: files differ\nincremental: %v\nclean:       %v", what, g, w)
	}
	for _, p := range want.Paths() {
		g, _ := got.Get(p)
		w, _ := want.Get(p)
		if string(g) != string(w) {
			t.Fatalf("%s: %s differs from a clean build\n%s\n----\n%s", what, p, g, w)
		}
	}
}

// TestArchiveErrorWithOthers breaks the archive, which renders ahead of
// the other pages, and the post layout: the build's error names both.
func TestArchiveErrorWithOthers(t *testing.T) {
	fsys := sitetest.MapFS(blog)
	broken := []byte("{{ define \"main\" }}\n{{ index .Site.Params \"x\" 5 }}\n{{ end }}\n")
	fsys["layouts/archive.html"] = &fstest.MapFile{Data: broken}
	fsys["layouts/post.html"] = &fstest.MapFile{Data: broken}
	_, err := site.NewBuilder(".", site.WithFS(fsys), site.WithClock(sitetest.Clock)).Build(context.Background())
	if err == nil {
		t.Fatal("a broken archive and post layout built")
	}
	for _, want := range []string{"layouts/archive.html:2:", "(rendering archive)", "layouts/post.html:2:", "(rendering content/posts/"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error does not name %q:\n%v", want, err)
		}
	}
}

// TestTagEditRendersWhatShowsTheTags gives a post a new tag. The default
// theme's menu shows categories, not tags: pages that show neither the
// post nor the site's tags stay as they were (they used to be rendered
// again, every one, because the tag list was part of what every page
// depends on).
func TestTagEditRendersWhatShowsTheTags(t *testing.T) {
	s := sitetest.Build(t, blog)
	s.Replace(t, "content/posts/retro.md", `tags = ["회고", "AWS"]`, `tags = ["회고", "AWS", "새 태그 🏷️"]`).Rebuild(t)
	if s.Full || s.Rendered >= s.Pages {
		t.Errorf("a tag edit rendered %d of %d pages", s.Rendered, s.Pages)
	}
	if !slices.Contains(s.Changed, "tags/새-태그/index.html") || !slices.Contains(s.Changed, "tags/index.html") {
		t.Errorf("the new tag's page and the tag list are not among the changed files: %v", s.Changed)
	}
}

// TestCachedPartialsAsTemplates: the default theme renders its header,
// footer, assets and list entries through partialCached, keyed by what each
// shows of the page ($here for the header). A site whose layouts call the
// same partials with {{ template }} instead, rendering them on every page,
// must get the same bytes on every page, and so must a rebuild after a
// title edit (which keeps the cached entries of the other posts).
func TestCachedPartialsAsTemplates(t *testing.T) {
	call := regexp.MustCompile(`partialCached ("partials/[a-z-]+\.html") (\.|\$)[^}]*?(-?)}}`)
	uncached := map[string]string{}
	err := fs.WalkDir(themes.Default, "default/layouts", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		src, err := fs.ReadFile(themes.Default, p)
		if err != nil {
			return err
		}
		if call.Match(src) {
			uncached[strings.TrimPrefix(p, "default/")] = call.ReplaceAllString(string(src), `template $1 $2 $3}}`)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(uncached) < 4 {
		t.Fatalf("found partialCached in %d layouts, want baseof, head, post-list and archive", len(uncached))
	}
	siteFS := func(overrides map[string]string) fstest.MapFS {
		fsys := sitetest.MapFS(manyPosts(25))
		for name, src := range overrides {
			fsys[name] = &fstest.MapFile{Data: []byte(src)}
		}
		return fsys
	}
	cachedFS, plainFS := siteFS(nil), siteFS(uncached)
	ctx := context.Background()
	cached := site.NewBuilder(".", site.WithFS(cachedFS), site.WithClock(sitetest.Clock))
	build := func(b *site.Builder, changed []string) *site.Output {
		t.Helper()
		var res *site.Result
		var err error
		if changed == nil {
			res, err = b.Build(ctx)
		} else {
			res, err = b.Rebuild(ctx, site.ClassifyChanges(changed))
		}
		if err != nil {
			t.Fatal(err)
		}
		return res.Output
	}
	plain := func() *site.Output {
		return build(site.NewBuilder(".", site.WithFS(plainFS), site.WithClock(sitetest.Clock)), nil)
	}
	sameOutput(t, "cold build", build(cached, nil), plain())

	const edited = "content/posts/n07.md"
	for _, fsys := range []fstest.MapFS{cachedFS, plainFS} {
		fsys[edited].Data = bytes.Replace(fsys[edited].Data, []byte(`title = "글 7"`), []byte(`title = "고친 글 ✍️"`), 1)
	}
	sameOutput(t, "after a title edit", build(cached, []string{edited}), plain())
}
