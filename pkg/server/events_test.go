package server

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/geul-blog/geul/pkg/diag"
	"github.com/geul-blog/geul/pkg/site"
)

// scripted is a fake builder whose next result the test sets.
type scripted struct {
	mu  sync.Mutex
	res *site.Result
	err error
}

func (b *scripted) set(res *site.Result, err error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.res, b.err = res, err
}

func (b *scripted) Rebuild(ctx context.Context, _ site.Changes) (*site.Result, error) {
	return b.Build(ctx)
}

func (b *scripted) Build(context.Context) (*site.Result, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.res, b.err
}

func subscribe(t *testing.T, ts *httptest.Server) <-chan sseEvent {
	t.Helper()
	req, _ := http.NewRequest("GET", ts.URL+"/__geul/events", nil)
	resp, err := ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/event-stream") {
		t.Fatalf("events: %d %q", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	return readEvents(resp)
}

func decode(t *testing.T, ev sseEvent) eventData {
	t.Helper()
	var d eventData
	if err := json.Unmarshal([]byte(ev.data), &d); err != nil {
		t.Fatalf("event %s: bad data %q: %v", ev.name, ev.data, err)
	}
	return d
}

func page(s string) *site.Output {
	return output(map[string]string{
		"index.html":         "<body>" + s + "</body>",
		"posts/a/index.html": "<body>a " + s + "</body>",
		"posts/b/index.html": "<body>b " + s + "</body>",
		"style.css":          "body{}",
	})
}

func TestEvents(t *testing.T) {
	ctx := context.Background()
	b := &scripted{}
	b.set(&site.Result{Output: page("1"), Full: true, Rendered: 3}, nil)
	s := New(b, t.TempDir())
	if err := s.buildAll(ctx); err != nil {
		t.Fatal(err)
	}
	ts := serveHTTP(t, s)
	events := subscribe(t, ts)

	hello := nextEvent(t, events)
	gen := decode(t, hello).Gen
	if hello.name != "hello" || gen == "" {
		t.Fatalf("first event = %+v, want hello with a gen", hello)
	}
	if b := body(t, get(t, s.Handler(), "GET", "/", "localhost")); !strings.Contains(b, `data-gen="`+gen+`"`) {
		t.Errorf("page does not name its build %q: %q", gen, b)
	}

	steps := []struct {
		name   string
		res    *site.Result
		err    error
		want   string // event name
		check  func(t *testing.T, d eventData)
		newGen bool
	}{
		{"page changed", &site.Result{Output: page("2"), Changed: []string{"index.html", "posts/a/index.html"}}, nil, "reload", nil, true},
		{"only CSS changed", &site.Result{Output: page("2"), Changed: []string{"style.css"}}, nil, "css",
			func(t *testing.T, d eventData) {
				if len(d.Paths) != 1 || d.Paths[0] != "style.css" {
					t.Errorf("css paths = %q", d.Paths)
				}
			}, true},
		{"one post edited", &site.Result{Output: page("3"), Changed: []string{"posts/b/index.html"}, Edited: []string{"/posts/b/"}}, nil, "navigate",
			func(t *testing.T, d eventData) {
				if d.URL != "/posts/b/" {
					t.Errorf("navigate url = %q", d.URL)
				}
			}, true},
		{"two posts edited", &site.Result{Output: page("4"), Changed: []string{"posts/a/index.html", "posts/b/index.html"}, Edited: []string{"/posts/a/", "/posts/b/"}}, nil, "reload", nil, true},
		{"edited post not in the site (now a draft)", &site.Result{Output: page("5"), Changed: []string{"index.html"}, Edited: []string{"/posts/c/"}}, nil, "reload", nil, true},
		{"broken file", nil, diag.List{{Path: "content/posts/a.md", Line: 3, Msg: "front matter is not closed", Hint: "add +++ after it"}}, "error",
			func(t *testing.T, d eventData) {
				if len(d.Errors) != 1 || d.Errors[0].Text != "content/posts/a.md:3: front matter is not closed; add +++ after it" {
					t.Errorf("errors = %+v", d.Errors)
				}
			}, false},
		{"fixed, output as before", &site.Result{Output: page("5")}, nil, "reload", nil, false},
	}
	for _, st := range steps {
		b.set(st.res, st.err)
		s.rebuild(ctx, []string{"content/posts/a.md"})
		ev := nextEvent(t, events)
		if ev.name != st.want {
			t.Fatalf("%s: event %q %s, want %q", st.name, ev.name, ev.data, st.want)
		}
		d := decode(t, ev)
		if (d.Gen != gen) != st.newGen {
			t.Errorf("%s: gen %q after %q; want a new one: %v", st.name, d.Gen, gen, st.newGen)
		}
		gen = d.Gen
		if st.check != nil {
			st.check(t, d)
		}
	}

	// Nothing changed: no event at all; the next one is the error below.
	b.set(&site.Result{Output: page("5")}, nil)
	s.rebuild(ctx, []string{"content/posts/a.md"})
	b.set(nil, diag.Errorf("content/posts/b.md", 1, "bad date"))
	s.rebuild(ctx, []string{"content/posts/b.md"})
	if ev := nextEvent(t, events); ev.name != "error" {
		t.Fatalf("after an unchanged build then an error: %q, want error", ev.name)
	}

	// A browser connecting while the site is broken hears it at once, and
	// is still served the last good build.
	late := subscribe(t, ts)
	if ev := nextEvent(t, late); ev.name != "hello" || decode(t, ev).Gen != gen {
		t.Errorf("late client: %+v, want hello with %q", ev, gen)
	}
	if ev := nextEvent(t, late); ev.name != "error" || !strings.Contains(ev.data, "content/posts/b.md:1: bad date") {
		t.Errorf("late client: %+v, want the error", ev)
	}
	if b := body(t, get(t, s.Handler(), "GET", "/posts/a/", "localhost")); !strings.Contains(b, "a 5") {
		t.Errorf("during an error, served %q; want the last good build", b)
	}
	var errs eventData
	json.Unmarshal([]byte(body(t, get(t, s.Handler(), "GET", "/__geul/errors", "localhost"))), &errs)
	if len(errs.Errors) != 1 || errs.Errors[0].Path != "content/posts/b.md" {
		t.Errorf("/__geul/errors = %+v", errs)
	}
}

func TestNavigateOff(t *testing.T) {
	b := &scripted{}
	b.set(&site.Result{Output: page("1")}, nil)
	s := New(b, t.TempDir(), WithNavigate(false))
	s.buildAll(context.Background())
	ts := serveHTTP(t, s)
	events := subscribe(t, ts)
	nextEvent(t, events) // hello
	b.set(&site.Result{Output: page("2"), Changed: []string{"posts/b/index.html"}, Edited: []string{"/posts/b/"}}, nil)
	s.rebuild(context.Background(), []string{"content/posts/b.md"})
	if ev := nextEvent(t, events); ev.name != "reload" {
		t.Errorf("with navigation off: %q, want reload", ev.name)
	}
}

func TestEventsCrossOrigin(t *testing.T) {
	s := New(&fakeBuilder{}, t.TempDir())
	ts := serveHTTP(t, s)
	req, _ := http.NewRequest("GET", ts.URL+"/__geul/events", nil)
	req.Header.Set("Origin", "http://evil.example")
	resp, err := ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("cross-origin event stream: %d, want 403", resp.StatusCode)
	}
}

// TestSlowClientDropped checks that a browser that stops reading cannot
// block builds: it is dropped, and reconnects later.
func TestSlowClientDropped(t *testing.T) {
	h := newHub()
	ch, leave := h.subscribe()
	defer leave()
	for range clientBuffer + 1 {
		h.broadcast(event{name: "reload"})
	}
	n := 0
	for range ch {
		n++
	}
	if n != clientBuffer || h.count() != 0 {
		t.Errorf("got %d events and %d clients; want %d and the client dropped", n, h.count(), clientBuffer)
	}
}
