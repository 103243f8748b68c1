package check

import (
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestCheck(t *testing.T) {
	var flaky atomic.Int32
	var mu sync.Mutex
	inFlight, maxInFlight := 0, 0
	block := make(chan struct{})
	asked := map[string]bool{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		asked[r.URL.Path] = true
		inFlight++
		maxInFlight = max(maxInFlight, inFlight)
		mu.Unlock()
		defer func() { mu.Lock(); inFlight--; mu.Unlock() }()
		switch r.URL.Path {
		case "/ok", "/ok2", "/ok3", "/ok4":
		case "/gone":
			http.NotFound(w, r)
		case "/flaky":
			if flaky.Add(1) == 1 {
				w.WriteHeader(http.StatusServiceUnavailable)
			}
		case "/nohead":
			if r.Method == http.MethodHead {
				w.WriteHeader(http.StatusMethodNotAllowed)
			}
		case "/hang":
			select {
			case <-block:
			case <-r.Context().Done():
			}
		}
	}))
	defer srv.Close()
	defer close(block)

	cache := filepath.Join(t.TempDir(), ".geul", "links.json")
	now := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	k := New(WithClient(srv.Client()), WithPerHost(2), WithRetries(2, 0), WithTimeout(200*time.Millisecond),
		WithCache(cache, time.Hour), WithClock(func() time.Time { return now }))
	urls := []string{srv.URL + "/ok", srv.URL + "/ok#part", srv.URL + "/ok2", srv.URL + "/ok3", srv.URL + "/ok4",
		srv.URL + "/gone", srv.URL + "/flaky", srv.URL + "/nohead", srv.URL + "/hang"}
	res := k.Check(context.Background(), urls)
	want := map[string]bool{"/ok": true, "/ok#part": true, "/ok2": true, "/ok3": true, "/ok4": true,
		"/gone": false, "/flaky": true, "/nohead": true, "/hang": false}
	for path, ok := range want {
		if r := res[srv.URL+path]; r.OK != ok {
			t.Errorf("%s: %+v, want OK=%v", path, r, ok)
		}
	}
	if r := res[srv.URL+"/gone"]; r.Status != 404 || r.Err != "404 Not Found" {
		t.Errorf("/gone: %+v", r)
	}
	mu.Lock()
	if maxInFlight > 2 {
		t.Errorf("%d requests to one host at once, want at most 2", maxInFlight)
	}
	clear(asked)
	mu.Unlock()

	// The second run takes the live links from the cache and asks only the
	// dead ones again.
	res = k.Check(context.Background(), []string{srv.URL + "/ok", srv.URL + "/gone"})
	if !res[srv.URL+"/ok"].Cached || res[srv.URL+"/gone"].Cached {
		t.Errorf("second run: %+v", res)
	}
	mu.Lock()
	if asked["/ok"] {
		t.Error("/ok was asked again within the cache's time")
	}
	if !asked["/gone"] {
		t.Error("/gone was not asked again")
	}
	mu.Unlock()
	// After the time to live, it is asked again.
	now = now.Add(2 * time.Hour)
	res = k.Check(context.Background(), []string{srv.URL + "/ok"})
	if res[srv.URL+"/ok"].Cached {
		t.Error("/ok still cached after its time to live")
	}
}
