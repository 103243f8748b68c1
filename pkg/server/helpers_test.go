package server

import (
	"bufio"
	"context"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/geul-blog/geul/pkg/site"
)

// fakeBuilder records the changed lists it is given (nil for Build) and
// answers with what its build function returns (by default: an empty
// site, successfully).
type fakeBuilder struct {
	mu    sync.Mutex
	calls [][]string
	build func(changed []string) (*site.Result, error)
}

func (f *fakeBuilder) Build(context.Context) (*site.Result, error) { return f.record(nil) }

func (f *fakeBuilder) Rebuild(_ context.Context, changes site.Changes) (*site.Result, error) {
	return f.record(append([]string{}, changes.Paths...))
}

func (f *fakeBuilder) record(changed []string) (*site.Result, error) {
	f.mu.Lock()
	f.calls = append(f.calls, slices.Clone(changed))
	build := f.build
	f.mu.Unlock()
	if build == nil {
		return &site.Result{Output: site.NewOutput(nil), Rendered: 1}, nil
	}
	return build(changed)
}

// Calls returns a copy of every changed list Build was given.
func (f *fakeBuilder) Calls() [][]string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.calls)
}

// union returns every path of calls (after the first, full build), once.
func union(calls [][]string) map[string]bool {
	u := map[string]bool{}
	for _, c := range calls {
		for _, p := range c {
			u[p] = true
		}
	}
	return u
}

// waitFor polls cond until it holds or the time is up.
func waitFor(t *testing.T, what string, limit time.Duration, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %v waiting for %s", limit, what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// output makes a site.Output from string contents.
func output(files map[string]string) *site.Output {
	m := make(map[string][]byte, len(files))
	for k, v := range files {
		m[k] = []byte(v)
	}
	return site.NewOutput(m)
}

// sseEvent is one event read from the stream.
type sseEvent struct{ name, data string }

// readEvents reads Server-Sent Events from resp into a channel until the
// stream ends.
func readEvents(resp *http.Response) <-chan sseEvent {
	ch := make(chan sseEvent, 64)
	go func() {
		defer close(ch)
		sc := bufio.NewScanner(resp.Body)
		var ev sseEvent
		for sc.Scan() {
			line := sc.Text()
			switch {
			case line == "":
				if ev.name != "" {
					ch <- ev
				}
				ev = sseEvent{}
			case strings.HasPrefix(line, "event: "):
				ev.name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				ev.data = strings.TrimPrefix(line, "data: ")
			}
		}
	}()
	return ch
}

// nextEvent returns the next event, failing the test after a while.
func nextEvent(t *testing.T, ch <-chan sseEvent) sseEvent {
	t.Helper()
	select {
	case ev, ok := <-ch:
		if !ok {
			t.Fatal("event stream ended")
		}
		return ev
	case <-time.After(5 * time.Second):
		t.Fatal("no event within 5 s")
	}
	return sseEvent{}
}

// serveHTTP starts a real listener for s, closed (event streams first) when
// the test ends.
func serveHTTP(t *testing.T, s *Server) *httptest.Server {
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(func() {
		s.hub.close()
		ts.Close()
	})
	return ts
}
