package search_test

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/geul-blog/geul/pkg/content"
	"github.com/geul-blog/geul/pkg/corpus"
	"github.com/geul-blog/geul/pkg/markdown"
	"github.com/geul-blog/geul/pkg/search"
)

// The benchmarks index the Korean corpus of pkg/corpus (1,000 and 10,000
// posts, about 1,100 words each), rendered once outside the timer:
//
//	go test -run '^$' -bench . -benchtime 3x ./pkg/search
//
// BenchmarkIndex times New over every post (build time, to check that it
// grows linearly); BenchmarkFirstResult reports what a browser downloads,
// compressed, before it can show the first results of typical queries.

var corpusDocs = struct {
	sync.Mutex
	m map[int][]search.Doc
}{m: map[int][]search.Doc{}}

func docsOf(b testing.TB, n int) []search.Doc {
	corpusDocs.Lock()
	defer corpusDocs.Unlock()
	if d, ok := corpusDocs.m[n]; ok {
		return d
	}
	md := markdown.New()
	docs := make([]search.Doc, n)
	for i := range n {
		p, err := content.Parse(corpus.Post(i), content.ParseOptions{})
		if err != nil {
			b.Fatal(err)
		}
		r, err := md.Render(p.Body, markdown.Context{})
		if err != nil {
			b.Fatal(err)
		}
		d := search.Doc{URL: fmt.Sprintf("/posts/p%05d/", i), Title: p.Title, Date: p.Date.Format("2006-01-02"),
			Tags: p.Tags, Categories: p.Categories, Text: r.Text}
		if len(p.Categories) > 0 {
			d.Category = p.Categories[0]
		}
		var walk func([]*markdown.Heading)
		walk = func(hs []*markdown.Heading) {
			for _, h := range hs {
				d.Headings = append(d.Headings, h.Text)
				walk(h.Children)
			}
		}
		walk(r.TOC)
		docs[i] = d
	}
	corpusDocs.m[n] = docs
	return docs
}

var sizes = []struct {
	name string
	n    int
}{{"1k", 1000}, {"10k", 10000}}

// BenchmarkIndex is the whole index of n posts: Analyze of every post
// (pkg/site keeps it for posts that did not change) and New.
func BenchmarkIndex(b *testing.B) {
	for _, s := range sizes {
		b.Run(s.name, func(b *testing.B) {
			docs := docsOf(b, s.n)
			b.ResetTimer()
			for b.Loop() {
				terms := make([][]search.Term, len(docs))
				for i, d := range docs {
					terms[i] = search.Analyze(d)
				}
				search.New(docs, terms)
			}
		})
	}
}

// BenchmarkReplace is one body edit: a post re-analysed and replaced.
func BenchmarkReplace(b *testing.B) {
	for _, s := range sizes {
		b.Run(s.name, func(b *testing.B) {
			docs := docsOf(b, s.n)
			terms := make([][]search.Term, len(docs))
			for i, d := range docs {
				terms[i] = search.Analyze(d)
			}
			ix := search.New(append([]search.Doc(nil), docs...), terms)
			b.ResetTimer()
			k := 0
			for b.Loop() {
				d := docs[k%len(docs)]
				d.Text += fmt.Sprintf(" 고친 문장 %d", k)
				ix.Replace(k%len(docs), d, search.Analyze(d))
				k++
			}
		})
	}
}

func gzipSize(b []byte) int {
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	w.Write(b)
	w.Close()
	return buf.Len()
}

// BenchmarkFirstResult reports, for typical queries, the compressed bytes
// a browser fetches before it shows the first page of results (index.json,
// the shards the query reads, the chunks of the first 10 results), and
// the size of the whole index. It times a query in Go (the browser's time
// is measured by TestSearchSpeedInBrowser in pkg/site).
func BenchmarkFirstResult(b *testing.B) {
	queries := []string{"서버", "장애", "ㅅ", "ㅅㅂ", "섭", "kafka", "aws 이전", `"장애가 터졌고"`}
	for _, s := range sizes {
		b.Run(s.name, func(b *testing.B) {
			docs := docsOf(b, s.n)
			terms := make([][]search.Term, len(docs))
			for i, d := range docs {
				terms[i] = search.Analyze(d)
			}
			files := search.New(docs, terms).Files()
			total, shards, biggest := 0, 0, 0
			for name, f := range files {
				g := gzipSize(f)
				total += g
				if strings.HasPrefix(name, "t") {
					shards++
					biggest = max(biggest, g)
				}
			}
			worst := 0
			var lines []string
			for _, q := range queries {
				fetched := map[string]bool{}
				r, err := search.Open(func(name string) ([]byte, error) {
					fetched[name] = true
					return files[name], nil
				})
				if err != nil {
					b.Fatal(err)
				}
				hits, err := r.Search(search.ParseQuery(q))
				if err != nil {
					b.Fatal(err)
				}
				for _, h := range hits[:min(10, len(hits))] {
					fetched[search.ChunkFile(h.Doc/4)] = true // as search.js: the chunks of the results it shows
				}
				bytes := 0
				for name := range fetched {
					bytes += gzipSize(files[name])
				}
				worst = max(worst, bytes)
				lines = append(lines, fmt.Sprintf("%s: %d hits, %d files, %.1f KB", q, len(hits), len(fetched), float64(bytes)/1024))
			}
			sort.Strings(lines)
			b.Logf("%s posts, first results:\n%s", s.name, strings.Join(lines, "\n"))
			r, _ := search.Open(func(name string) ([]byte, error) { return files[name], nil })
			for b.Loop() {
				for _, q := range queries {
					r.Search(search.ParseQuery(q))
				}
			}
			// After the loop: b.Loop resets what was reported before it.
			b.ReportMetric(float64(total)/1024, "index-KB.gz")
			b.ReportMetric(float64(shards), "shards")
			b.ReportMetric(float64(biggest)/1024, "max-shard-KB.gz")
			b.ReportMetric(float64(worst)/1024, "worst-first-KB.gz")
		})
	}
}

// BenchmarkAlternatives reports the size of the index geul makes (words)
// against the same index made of syllable bigrams (every two adjacent
// syllables of a Hangul word, and whole Latin words, as n-gram engines
// index CJK), with the same encoding: the measurement behind
// docs/search.md's choice. It times nothing.
func BenchmarkAlternatives(b *testing.B) {
	docs := docsOf(b, 1000)
	words := make([][]search.Term, len(docs))
	bigrams := make([][]search.Term, len(docs))
	for i, d := range docs {
		words[i] = search.Analyze(d)
		count := map[string]int{}
		for _, text := range append([]string{d.Title, d.Text}, append(d.Headings, append(d.Tags, d.Categories...)...)...) {
			for _, t := range search.Tokens(search.Fold(text)) {
				rs := []rune(t.Text)
				if rs[0] < 0xAC00 || len(rs) < 2 {
					count[t.Text]++
					continue
				}
				for k := 0; k+1 < len(rs); k++ {
					count[string(rs[k:k+2])]++
				}
			}
		}
		for w, n := range count {
			bigrams[i] = append(bigrams[i], search.Term{Word: w, Score: uint16(min(n, 8))})
		}
	}
	size := func(terms [][]search.Term) (int, int) {
		raw, gz := 0, 0
		for name, f := range search.New(docs, terms).Files() {
			if strings.HasPrefix(name, "t") {
				raw += len(f)
				gz += gzipSize(f)
			}
		}
		return raw, gz
	}
	wr, wg := size(words)
	br, bg := size(bigrams)
	b.Logf("1k posts: word index %d KB (%d KB gz), bigram index %d KB (%d KB gz)", wr>>10, wg>>10, br>>10, bg>>10)
	for b.Loop() {
	}
	b.ReportMetric(float64(wg)/1024, "words-KB.gz")
	b.ReportMetric(float64(bg)/1024, "bigrams-KB.gz")
}
