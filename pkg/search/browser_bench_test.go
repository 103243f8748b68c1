package search_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/geul-blog/geul/pkg/chromium"
	"github.com/geul-blog/geul/pkg/search"
)

// BenchmarkQueryInBrowser runs the default theme's search.js in headless
// Chromium over the index of the 1,000- and 10,000-post corpus and
// reports how long a query takes once the shards it needs are loaded (the
// first run of each query loads them; the timed runs use them): matching
// the dictionary, adding up the postings, ranking, and taking the first
// 20 results' documents. It reports the slowest query's median of 9 runs,
// measured in the page with performance.now, and logs each query's median
// and fastest run (on a busy machine the fastest is the query's own cost).
//
//	go test -run '^$' -bench QueryInBrowser -benchtime 1x ./pkg/search
func BenchmarkQueryInBrowser(b *testing.B) {
	js, err := os.ReadFile("../../themes/default/static/js/search.js")
	if err != nil {
		b.Fatal(err)
	}
	queries := []string{"서버", "장애", "ㅅ", "ㅅㅂ", "섭", "kafka", "aws 이전", `"장애가 터졌고"`, "온콜 당번"}
	for _, s := range sizes {
		b.Run(s.name, func(b *testing.B) {
			// A browser per size: the parent's would be closed once its
			// first size is done, before the next one runs.
			ctx := chromium.ForTest(b)
			docs := docsOf(b, s.n)
			terms := make([][]search.Term, len(docs))
			for i, d := range docs {
				terms[i] = search.Analyze(d)
			}
			files := search.New(docs, terms).Files()
			mux := http.NewServeMux()
			mux.HandleFunc("/search/", func(w http.ResponseWriter, r *http.Request) {
				f, ok := files[strings.TrimPrefix(r.URL.Path, "/search/")]
				if !ok {
					http.NotFound(w, r)
					return
				}
				w.Header().Set("Content-Type", "application/json")
				w.Write(f)
			})
			mux.HandleFunc("/search.js", func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "text/javascript")
				w.Write(js)
			})
			mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
				fmt.Fprint(w, `<!DOCTYPE html><html lang="ko"><title>bench</title><script src="/search.js"></script>`)
			})
			srv := httptest.NewServer(mux)
			defer srv.Close()
			tctx, cancel := context.WithTimeout(ctx, 5*time.Minute)
			defer cancel()
			if err := chromedp.Do(tctx, chromedp.Navigate(srv.URL+"/")); err != nil {
				b.Fatal(err)
			}
			q, _ := json.Marshal(queries)
			script := fmt.Sprintf(`(async () => {
				const r = new geulSearch.Reader("/search/");
				const out = {};
				for (const text of %s) {
					const run = async () => {
						const hits = await r.search(geulSearch.parseQuery(text));
						await Promise.all(hits.slice(0, 20).map(h => r.doc(h.doc)));
						return hits.length;
					};
					const n = await run(); // loads what the query needs
					const times = [];
					for (let i = 0; i < 9; i++) {
						const t0 = performance.now();
						await run();
						times.push(performance.now() - t0);
					}
					times.sort((a, b) => a - b);
					out[text] = [n, times[4], times[0]];
				}
				return JSON.stringify(out);
			})()`, q)
			var worst float64
			for b.Loop() {
				res, err := chromedp.Run(tctx, chromedp.Evaluate[string](script, chromedp.EvalAwaitPromise))
				if err != nil {
					b.Fatal(err)
				}
				var m map[string][3]float64
				if err := json.Unmarshal([]byte(res), &m); err != nil {
					b.Fatal(err)
				}
				var lines []string
				worst = 0
				for _, text := range queries {
					lines = append(lines, fmt.Sprintf("%s: %.0f hits, median %.1f ms, fastest %.1f ms", text, m[text][0], m[text][1], m[text][2]))
					worst = max(worst, m[text][1])
				}
				b.Logf("%s posts, in Chromium:\n%s", s.name, strings.Join(lines, "\n"))
			}
			b.ReportMetric(worst, "worst-median-ms/query")
		})
	}
}
