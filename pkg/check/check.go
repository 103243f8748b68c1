// Package check checks external links, as "geul check --external" does
// (and as zola check does): every URL once, concurrently but at most a few
// requests to one host at a time, with a timeout and retries, and a cache
// of the links found alive so that the next run asks again only after a
// day.
//
// It knows nothing of pages: callers pass URLs and map the results back to
// the places they were written.
package check

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"
)

// Result is what became of one URL.
type Result struct {
	URL    string
	OK     bool
	Status int    // the last HTTP status, 0 when no response came
	Err    string // why it is dead: "404 Not Found", "timeout", …
	Cached bool   // taken from the cache, not asked
}

// Checker checks URLs. Its zero value is not usable; call New.
type Checker struct {
	client   *http.Client
	perHost  int
	workers  int
	retries  int
	backoff  time.Duration
	timeout  time.Duration
	cacheTTL time.Duration
	cache    string // file of the cache; "" for none
	now      func() time.Time
	agent    string
}

// Option sets a Checker's knob.
type Option func(*Checker)

// WithClient sets the HTTP client (tests pass an httptest server's).
func WithClient(c *http.Client) Option { return func(k *Checker) { k.client = c } }

// WithPerHost sets how many requests may go to one host at a time (default 2).
func WithPerHost(n int) Option { return func(k *Checker) { k.perHost = max(1, n) } }

// WithWorkers sets how many requests may be in flight in all (default 16).
func WithWorkers(n int) Option { return func(k *Checker) { k.workers = max(1, n) } }

// WithRetries sets how many times a URL is asked again after a network
// error, a 429 or a 5xx (default 2), waiting backoff, then twice that, ….
func WithRetries(n int, backoff time.Duration) Option {
	return func(k *Checker) { k.retries, k.backoff = max(0, n), backoff }
}

// WithTimeout sets how long one request may take (default 10 s).
func WithTimeout(d time.Duration) Option { return func(k *Checker) { k.timeout = d } }

// WithCache keeps the URLs found alive in file for ttl (default one day);
// dead ones are always asked again.
func WithCache(file string, ttl time.Duration) Option {
	return func(k *Checker) { k.cache, k.cacheTTL = file, ttl }
}

// WithClock sets "now", for the cache's ages.
func WithClock(now func() time.Time) Option { return func(k *Checker) { k.now = now } }

// New returns a Checker.
func New(opts ...Option) *Checker {
	k := &Checker{client: http.DefaultClient, perHost: 2, workers: 16, retries: 2, backoff: 500 * time.Millisecond,
		timeout: 10 * time.Second, cacheTTL: 24 * time.Hour, now: time.Now, agent: "geul-link-check/1"}
	for _, o := range opts {
		o(k)
	}
	return k
}

type cacheEntry struct {
	Checked time.Time `json:"checked"`
	Status  int       `json:"status"`
}

// Check asks every URL once (duplicates and #fragments folded) and returns
// the results by URL as given.
func (k *Checker) Check(ctx context.Context, urls []string) map[string]Result {
	cached := k.loadCache()
	byTarget := map[string][]string{}
	for _, u := range urls {
		t := u
		if i := strings.IndexByte(t, '#'); i >= 0 {
			t = t[:i]
		}
		byTarget[t] = append(byTarget[t], u)
	}
	targets := make([]string, 0, len(byTarget))
	for t := range byTarget {
		targets = append(targets, t)
	}
	sort.Strings(targets)

	results := make(map[string]Result, len(targets))
	var mu sync.Mutex
	hostSem := map[string]chan struct{}{}
	sem := make(chan struct{}, k.workers)
	var wg sync.WaitGroup
	for _, t := range targets {
		if e, ok := cached[t]; ok && k.now().Sub(e.Checked) < k.cacheTTL {
			mu.Lock()
			results[t] = Result{URL: t, OK: true, Status: e.Status, Cached: true}
			mu.Unlock()
			continue
		}
		host := t
		if p, err := url.Parse(t); err == nil {
			host = p.Host
		}
		hs, ok := hostSem[host]
		if !ok {
			hs = make(chan struct{}, k.perHost)
			hostSem[host] = hs
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			hs <- struct{}{}
			sem <- struct{}{}
			r := k.checkOne(ctx, t)
			<-sem
			<-hs
			mu.Lock()
			results[t] = r
			mu.Unlock()
		}()
	}
	wg.Wait()

	out := make(map[string]Result, len(urls))
	for t, us := range byTarget {
		for _, u := range us {
			r := results[t]
			r.URL = u
			out[u] = r
		}
	}
	k.saveCache(cached, results)
	return out
}

// checkOne asks for t with HEAD (GET when the server refuses HEAD),
// retrying network errors, 429 and 5xx.
func (k *Checker) checkOne(ctx context.Context, t string) Result {
	wait := k.backoff
	var r Result
	for try := 0; ; try++ {
		r = k.ask(ctx, t, http.MethodHead)
		if r.Status == http.StatusMethodNotAllowed || r.Status == http.StatusNotImplemented || r.Status == http.StatusForbidden {
			r = k.ask(ctx, t, http.MethodGet)
		}
		retry := !r.OK && (r.Status == 0 || r.Status == http.StatusTooManyRequests || r.Status >= 500)
		if !retry || try >= k.retries || ctx.Err() != nil {
			return r
		}
		select {
		case <-time.After(wait):
		case <-ctx.Done():
			return r
		}
		wait *= 2
	}
}

func (k *Checker) ask(ctx context.Context, t, method string) Result {
	rctx, cancel := context.WithTimeout(ctx, k.timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(rctx, method, t, nil)
	if err != nil {
		return Result{URL: t, Err: "not a URL: " + err.Error()}
	}
	req.Header.Set("User-Agent", k.agent)
	resp, err := k.client.Do(req)
	if err != nil {
		msg := err.Error()
		if errors.Is(err, context.DeadlineExceeded) || errors.Is(rctx.Err(), context.DeadlineExceeded) {
			msg = fmt.Sprintf("no answer within %v", k.timeout)
		}
		return Result{URL: t, Err: msg}
	}
	io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	resp.Body.Close()
	if resp.StatusCode >= 400 {
		return Result{URL: t, Status: resp.StatusCode, Err: resp.Status}
	}
	return Result{URL: t, OK: true, Status: resp.StatusCode}
}

func (k *Checker) loadCache() map[string]cacheEntry {
	m := map[string]cacheEntry{}
	if k.cache == "" {
		return m
	}
	data, err := os.ReadFile(k.cache)
	if err != nil {
		return m
	}
	if json.Unmarshal(data, &m) != nil {
		return map[string]cacheEntry{} // a damaged cache is only a slower run
	}
	return m
}

// saveCache keeps the live results (and the cached ones still fresh); a
// failure to write it costs only time next run, so it is not reported.
func (k *Checker) saveCache(old map[string]cacheEntry, results map[string]Result) {
	if k.cache == "" {
		return
	}
	now := k.now()
	m := map[string]cacheEntry{}
	for u, e := range old {
		if now.Sub(e.Checked) < k.cacheTTL {
			m[u] = e
		}
	}
	for u, r := range results {
		if r.OK && !r.Cached {
			m[u] = cacheEntry{Checked: now, Status: r.Status}
		} else if !r.OK {
			delete(m, u)
		}
	}
	data, err := json.MarshalIndent(m, "", "\t")
	if err != nil {
		return
	}
	if os.MkdirAll(filepath.Dir(k.cache), 0o755) == nil {
		tmp := k.cache + ".tmp"
		if os.WriteFile(tmp, data, 0o644) == nil {
			os.Rename(tmp, k.cache)
		}
	}
}
