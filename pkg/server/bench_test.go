package server

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/geul-blog/geul/pkg/corpus"
	"github.com/geul-blog/geul/pkg/site"
	"github.com/geul-blog/geul/pkg/testkit"
)

// BenchmarkEditToReload measures what a writer waits for in geul serve:
// from saving a post to the reload message leaving the server, through the
// real watcher (with its debounce), the incremental build and the event
// stream, on a generated Korean blog of 1,000 and 10,000 posts. It reports
// the median wait, the build alone, and how many pages each edit rendered.
// "body" adds a sentence to a post; "title" changes its title and gives it
// another tag, which lists, the tag's pages and related posts must follow.
//
//	go test -run '^$' -bench EditToReload ./pkg/server
func BenchmarkEditToReload(b *testing.B) {
	edits := []struct {
		name string
		edit func(orig []byte, i int) []byte
	}{
		{"body", func(orig []byte, i int) []byte { return fmt.Appendf(nil, "%s\n\n고친 문장 %d 🔥\n", orig, i) }},
		{"title", func(orig []byte, i int) []byte {
			return bytes.Replace(bytes.Replace(orig, []byte(`title = "`), fmt.Appendf(nil, `title = "[고침 %d] `, i), 1),
				[]byte(`tags = [`), fmt.Appendf(nil, `tags = ["새 태그 %d", `, i%3), 1)
		}},
	}
	for _, n := range []int{1000, 10000} {
		for _, e := range edits {
			b.Run(fmt.Sprintf("%dk/%s", n/1000, e.name), func(b *testing.B) { benchEditToReload(b, n, e.edit) })
		}
	}
}

var rebuiltLine = regexp.MustCompile(`(?m)^rebuilt .*: (\d+) pages? in (\d+) ms$`)

func benchEditToReload(b *testing.B, n int, edit func(orig []byte, i int) []byte) {
	dir := b.TempDir()
	if err := corpus.Generate(dir, n); err != nil {
		b.Fatal(err)
	}
	log := &testkit.Buffer{}
	const debounce = 20 * time.Millisecond
	s := New(site.NewBuilder(dir), dir, WithDebounce(debounce), WithLogger(log))
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx) }()
	ts := httptest.NewServer(s.Handler())
	defer func() {
		cancel()
		<-done
		s.hub.close()
		ts.Close()
	}()
	select {
	case <-s.Ready():
	case <-time.After(10 * time.Minute):
		b.Fatal("no first build")
	}
	resp, err := http.Get(ts.URL + "/__geul/events")
	if err != nil {
		b.Fatal(err)
	}
	defer resp.Body.Close()
	events := readEvents(resp)
	<-events // the hello naming the current build

	post := filepath.Join(dir, filepath.FromSlash(corpus.PostPath(n/2)))
	orig, err := os.ReadFile(post)
	if err != nil {
		b.Fatal(err)
	}
	var waits []time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		text := edit(orig, i)
		start := time.Now()
		if err := os.WriteFile(post, text, 0o644); err != nil {
			b.Fatal(err)
		}
		for ev := range events {
			if ev.name == "reload" || ev.name == "navigate" {
				break
			}
			if ev.name == "error" {
				b.Fatalf("build error: %s", ev.data)
			}
		}
		waits = append(waits, time.Since(start))
	}
	b.StopTimer()
	var pages, ms []int
	for _, m := range rebuiltLine.FindAllStringSubmatch(log.String(), -1) {
		p, _ := strconv.Atoi(m[1])
		t, _ := strconv.Atoi(m[2])
		pages, ms = append(pages, p), append(ms, t)
	}
	b.ReportMetric(float64(median(waits).Microseconds())/1000, "ms-to-reload")
	b.ReportMetric(float64(median(ms)), "ms-build")
	b.ReportMetric(float64(median(pages)), "pages/edit")
	b.ReportMetric(float64(debounce.Milliseconds()), "ms-debounce")
}

func median[T cmp.Ordered](xs []T) T {
	if len(xs) == 0 {
		var zero T
		return zero
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[len(s)/2]
}
