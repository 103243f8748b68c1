package site_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"

	"github.com/geul-blog/geul/pkg/corpus"
	"github.com/geul-blog/geul/pkg/site"
)

// The benchmarks build the Korean corpus of pkg/corpus (see
// docs/performance.md). Run them with
//
//	go test -run '^$' -bench . -benchtime 3x ./pkg/site
//
// Each corpus is generated once per process, outside every timed section,
// and removed by TestMain.

var benchSizes = sizes()

type benchSize struct {
	name string
	n    int
}

// sizes are 1k and 10k posts, and 50k with GEUL_BENCH_50K=1 (generating and
// building 50,000 posts takes minutes and several GB).
func sizes() []benchSize {
	s := []benchSize{{"1k", 1000}, {"10k", 10000}}
	if os.Getenv("GEUL_BENCH_50K") != "" {
		s = append(s, benchSize{"50k", 50000})
	}
	return s
}

// benchCorpora is the one piece of package state: generating 10,000 posts
// for every benchmark that needs them would dominate a run. It is only
// touched by benchmarks, so plain go test generates nothing.
var benchCorpora = &corpora{dirs: map[int]string{}}

type corpora struct {
	mu   sync.Mutex
	root string
	dirs map[int]string
}

// dir returns a folder holding the n-post corpus, generating it on first use.
func (c *corpora) dir(b *testing.B, n int) string {
	b.Helper()
	c.mu.Lock()
	defer c.mu.Unlock()
	if d, ok := c.dirs[n]; ok {
		return d
	}
	if c.root == "" {
		root, err := os.MkdirTemp("", "geul-bench-")
		if err != nil {
			b.Fatal(err)
		}
		c.root = root
	}
	d := filepath.Join(c.root, strconv.Itoa(n))
	if err := corpus.Generate(d, n); err != nil {
		b.Fatal(err)
	}
	c.dirs[n] = d
	return d
}

func (c *corpora) remove() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.root != "" {
		os.RemoveAll(c.root)
	}
}

// TestMain removes the benchmark corpora after the run. It is the package's
// only TestMain (site_test and site together may have one): add to it.
func TestMain(m *testing.M) {
	code := m.Run()
	benchCorpora.remove()
	os.Exit(code)
}

// BenchmarkBuild is a clean full build in memory: a new Builder, nothing
// cached, nothing written.
func BenchmarkBuild(b *testing.B) {
	for _, size := range benchSizes {
		b.Run(size.name, func(b *testing.B) {
			dir := benchCorpora.dir(b, size.n)
			ctx := context.Background()
			b.ReportAllocs()
			var pages, builds int
			for b.Loop() {
				res, err := site.NewBuilder(dir).Build(ctx)
				if err != nil {
					b.Fatal(err)
				}
				pages += res.Rendered
				builds++
			}
			secs := b.Elapsed().Seconds()
			b.ReportMetric(float64(pages)/secs, "pages/s")
			b.ReportMetric(float64(size.n*builds)/secs, "posts/s")
		})
	}
}

// BenchmarkBuildWarm is a second geul build with nothing changed: a new
// Builder in a new process would find the build cache of the first build
// and public/ as the first build wrote it. It times what geul build does:
// Build, WriteDir and SaveCache.
func BenchmarkBuildWarm(b *testing.B) {
	for _, size := range benchSizes {
		b.Run(size.name, func(b *testing.B) {
			dir := benchCorpora.dir(b, size.n)
			dest := filepath.Join(b.TempDir(), "public")
			cache := filepath.Join(b.TempDir(), "cache")
			build := func() *site.Result {
				builder := site.NewBuilder(dir, site.WithCache(cache), site.WithDestination(dest),
					site.WithWriteThrough(true), site.WithFingerprint(true))
				res, err := builder.Build(context.Background())
				if err != nil {
					b.Fatal(err)
				}
				if err := res.Output.WriteDir(context.Background(), dest); err != nil {
					b.Fatal(err)
				}
				if err := builder.SaveCache(dest, res.Output); err != nil {
					b.Fatal(err)
				}
				return res
			}
			build() // cold: fills the cache and public/
			b.ReportAllocs()
			rendered := 0
			for b.Loop() {
				rendered += build().Rendered
			}
			b.ReportMetric(float64(rendered)/float64(b.N), "rendered/op")
		})
	}
}

// BenchmarkFloor is goldmark + chroma over the same posts and nothing
// else: the least a full build can cost.
func BenchmarkFloor(b *testing.B) {
	for _, size := range benchSizes {
		b.Run(size.name, func(b *testing.B) {
			dir := benchCorpora.dir(b, size.n)
			ctx := context.Background()
			b.ReportAllocs()
			posts := 0
			for b.Loop() {
				n, err := corpus.Floor(ctx, dir)
				if err != nil {
					b.Fatal(err)
				}
				posts += n
			}
			b.ReportMetric(float64(posts)/b.Elapsed().Seconds(), "posts/s")
		})
	}
}

// BenchmarkRebuildOneEdit is geul serve's case: one post's text changes
// and the site is brought up to date.
func BenchmarkRebuildOneEdit(b *testing.B) {
	for _, size := range benchSizes {
		b.Run(size.name, func(b *testing.B) {
			benchRebuild(b, size.n, func(src []byte, i int) []byte {
				return fmt.Appendf(bytes.Clone(src), "\n고친 문장 %d번째. ✍️\n", i)
			})
		})
	}
}

// BenchmarkRebuildTitleEdit changes a post's title, which every list,
// neighbour and related-posts box that shows the post must follow.
func BenchmarkRebuildTitleEdit(b *testing.B) {
	for _, size := range benchSizes {
		b.Run(size.name, func(b *testing.B) {
			benchRebuild(b, size.n, func(src []byte, i int) []byte {
				return bytes.Replace(src, []byte(`title = "`), fmt.Appendf(nil, `title = "[고침 %d] `, i), 1)
			})
		})
	}
}

// BenchmarkRebuildTagEdit gives a post one more tag: the tag's pages, the
// taxonomy and related posts change.
func BenchmarkRebuildTagEdit(b *testing.B) {
	for _, size := range benchSizes {
		b.Run(size.name, func(b *testing.B) {
			benchRebuild(b, size.n, func(src []byte, i int) []byte {
				return bytes.Replace(src, []byte(`tags = [`), fmt.Appendf(nil, `tags = ["새 태그 %d", `, i%3), 1)
			})
		})
	}
}

// benchRebuild builds the n-post corpus once, then times Build after each
// edit of the middle post (the write itself is not timed). It reports how
// many pages each edit re-rendered and how many output files changed.
func benchRebuild(b *testing.B, n int, edit func(src []byte, i int) []byte) {
	dir := benchCorpora.dir(b, n)
	rel := corpus.PostPath(n / 2)
	file := filepath.Join(dir, filepath.FromSlash(rel))
	orig, err := os.ReadFile(file)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() {
		if err := os.WriteFile(file, orig, 0o644); err != nil {
			b.Error(err)
		}
	})
	ctx := context.Background()
	builder := site.NewBuilder(dir)
	if _, err := builder.Build(ctx); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	var rendered, changed, edits int
	for b.Loop() {
		edits++
		b.StopTimer()
		if err := os.WriteFile(file, edit(orig, edits), 0o644); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		res, err := builder.Rebuild(ctx, site.ClassifyChanges([]string{rel}))
		if err != nil {
			b.Fatal(err)
		}
		if res.Full {
			b.Fatal("editing one post made a full build")
		}
		if len(res.Edited) != 1 {
			b.Fatalf("Edited = %q, want the one post", res.Edited)
		}
		rendered += res.Rendered
		changed += len(res.Changed)
	}
	b.ReportMetric(float64(rendered)/float64(edits), "rendered/op")
	b.ReportMetric(float64(changed)/float64(edits), "changed/op")
}
