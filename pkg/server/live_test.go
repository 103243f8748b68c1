package server

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/geul-blog/geul/pkg/site"
	"github.com/geul-blog/geul/pkg/sitetest"
)

// These helpers run a Server the way `geul serve` does — a real
// site.Builder, a real file watcher, a loopback listener — for the load,
// watcher-survival and overlay tests.

// liveSite is a running Server on a site folder.
type liveSite struct {
	dir  string
	s    *Server
	ts   *httptest.Server
	rec  *recorder
	log  *lockedBuffer
	done chan error // Run's result
	hc   *http.Client
}

// builderOpts are the site options of every live test, for the served
// builder and the fresh ones it is compared with alike.
func builderOpts() []site.Option { return []site.Option{site.WithClock(sitetest.Clock)} }

// startLive writes archive (txtar) into a new folder and serves it until
// the test ends.
func startLive(t *testing.T, archive string, opts ...Option) *liveSite {
	t.Helper()
	dir := sitetest.Dir(t, archive)
	l := &liveSite{dir: dir, log: &lockedBuffer{}, done: make(chan error, 1)}
	l.rec = &recorder{b: site.NewBuilder(dir, builderOpts()...), byGen: map[string][]*site.Output{}}
	opts = append([]Option{WithDebounce(30 * time.Millisecond), WithLogger(l.log)}, opts...)
	l.s = New(l.rec, dir, opts...)
	l.rec.instance = l.s.instance
	ctx, cancel := context.WithCancel(context.Background())
	go func() { l.done <- l.s.Run(ctx) }()
	l.ts = serveHTTP(t, l.s)
	l.hc = &http.Client{
		Timeout:   10 * time.Second,
		Transport: &http.Transport{MaxIdleConnsPerHost: 16},
	}
	t.Cleanup(func() {
		cancel()
		if err := <-l.done; err != nil {
			t.Errorf("Run: %v", err)
		}
		l.hc.CloseIdleConnections()
		if t.Failed() {
			t.Logf("server log:\n%s", l.log)
		}
	})
	select {
	case <-l.s.Ready():
	case err := <-l.done:
		l.done <- err // for the cleanup
		t.Fatalf("Run returned before the first build: %v", err)
	case <-time.After(20 * time.Second):
		t.Fatal("no first build")
	}
	if st := l.s.cur.Load(); st.out == nil {
		t.Fatalf("the first build failed: %v", st.errs)
	}
	return l
}

// p returns the absolute path of a site-relative one.
func (l *liveSite) p(rel string) string { return filepath.Join(l.dir, filepath.FromSlash(rel)) }

// save writes a file as most editors do: to a temporary name, renamed over.
func (l *liveSite) save(t *testing.T, rel, data string) {
	t.Helper()
	p := l.p(rel)
	must(t, os.MkdirAll(filepath.Dir(p), 0o755))
	tmp := filepath.Join(filepath.Dir(p), "."+filepath.Base(p)+".tmp")
	must(t, os.WriteFile(tmp, []byte(data), 0o644))
	must(t, os.Rename(tmp, p))
}

// alive fails the test if Run has returned.
func (l *liveSite) alive(t *testing.T) {
	t.Helper()
	select {
	case err := <-l.done:
		l.done <- err // for the cleanup
		t.Fatalf("the server stopped: Run returned %v", err)
	default:
	}
}

// get fetches a site-relative URL path and returns the status and body.
func (l *liveSite) get(t *testing.T, path string) (int, string) {
	t.Helper()
	resp, err := l.hc.Get(l.ts.URL + path)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("GET %s: reading the body: %v", path, err)
	}
	return resp.StatusCode, string(b)
}

// problems returns what /__geul/errors reports.
func (l *liveSite) problems(t *testing.T) []problem {
	t.Helper()
	code, body := l.get(t, "/__geul/errors")
	if code != http.StatusOK {
		t.Fatalf("/__geul/errors: %d %s", code, body)
	}
	var d eventData
	if err := json.Unmarshal([]byte(body), &d); err != nil {
		t.Fatalf("/__geul/errors: %v in %q", err, body)
	}
	return d.Errors
}

// events subscribes to the server's event stream.
func (l *liveSite) events(t *testing.T) <-chan sseEvent {
	t.Helper()
	resp, err := l.ts.Client().Get(l.ts.URL + "/__geul/events")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("events: %d", resp.StatusCode)
	}
	return readEvents(resp)
}

// waitEvent returns the first event on ch that match accepts, skipping
// others, and fails the test if none comes within limit.
func waitEvent(t *testing.T, ch <-chan sseEvent, limit time.Duration, what string, match func(sseEvent) bool) sseEvent {
	t.Helper()
	deadline := time.After(limit)
	var seen []string
	for {
		select {
		case ev, ok := <-ch:
			if !ok {
				t.Fatalf("waiting for %s: the event stream ended; saw %q", what, seen)
			}
			if match(ev) {
				return ev
			}
			seen = append(seen, ev.name+" "+ev.data)
		case <-deadline:
			t.Fatalf("no %s within %v; saw %q", what, limit, seen)
		}
	}
}

// liveTag matches the injected live-reload script tag and its build name.
var liveTag = regexp.MustCompile(`<script src="/__geul/livereload\.js" data-gen="([^"]*)"></script>`)

// unwrap checks that an HTML page carries the live-reload tag exactly once,
// just before its last </body>, and returns the page without it and the
// build it names.
func unwrap(page string) (orig, gen string, err error) {
	m := liveTag.FindAllStringSubmatchIndex(page, -1)
	if len(m) != 1 {
		return "", "", fmt.Errorf("%d live-reload tags, want 1", len(m))
	}
	start, end := m[0][0], m[0][1]
	if !strings.HasPrefix(page[end:], "</body>") || strings.Contains(page[end+len("</body>"):], "</body>") {
		return "", "", fmt.Errorf("live-reload tag not just before the last </body>: …%s", page[start:])
	}
	return page[:start] + page[end:], page[m[0][2]:m[0][3]], nil
}

// recorder wraps the site.Builder and keeps every Output it returned by the
// name the Server gives that build, so a test can check a response against
// the build it claims to come from. The Server names its first build and
// every build that changed an output "<instance>-<count>"; a build that
// changed nothing keeps the previous name (its bytes are the same).
type recorder struct {
	b        *site.Builder
	instance string

	mu    sync.Mutex
	seq   int
	calls int
	fails int
	byGen map[string][]*site.Output
	last  *site.Output
}

func (r *recorder) Build(ctx context.Context) (*site.Result, error) {
	return r.note(r.b.Build(ctx))
}

func (r *recorder) Rebuild(ctx context.Context, changes site.Changes) (*site.Result, error) {
	return r.note(r.b.Rebuild(ctx, changes))
}

func (r *recorder) note(res *site.Result, err error) (*site.Result, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.calls++
	if err != nil {
		r.fails++
		return res, err
	}
	if r.last == nil || len(res.Changed) > 0 {
		r.seq++
	}
	gen := fmt.Sprintf("%s-%d", r.instance, r.seq)
	r.byGen[gen] = append(r.byGen[gen], res.Output)
	r.last = res.Output
	return res, nil
}

// outputs returns the Outputs of the build named gen.
func (r *recorder) outputs(gen string) []*site.Output {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.byGen[gen]
}

// anyHas reports whether some build's file name is data: for files that
// do not name their build (feeds, stylesheets).
func (r *recorder) anyHas(name string, data []byte) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, outs := range r.byGen {
		for _, o := range outs {
			if b, ok := o.Get(name); ok && bytes.Equal(b, data) {
				return true
			}
		}
	}
	return false
}

// counts returns how many builds ran and how many of them failed.
func (r *recorder) counts() (calls, fails int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.calls, r.fails
}

// fresh builds the site's folder from scratch, as `geul build` would.
func (l *liveSite) fresh(t *testing.T) *site.Output {
	t.Helper()
	res, err := site.NewBuilder(l.dir, builderOpts()...).Build(context.Background())
	if err != nil {
		t.Fatalf("a fresh build of the folder fails:\n%v", err)
	}
	return res.Output
}

// diffOutputs describes how got differs from want: missing, extra and
// different files, "" when they are the same.
func diffOutputs(got, want *site.Output) string {
	var b strings.Builder
	n := 0
	note := func(format string, args ...any) {
		if n++; n <= 10 {
			fmt.Fprintf(&b, format+"\n", args...)
		}
	}
	for _, p := range want.Paths() {
		w, _ := want.Get(p)
		g, ok := got.Get(p)
		switch {
		case !ok:
			note("missing %s", p)
		case !bytes.Equal(g, w):
			note("differs %s:\n%s", p, firstDiff(string(g), string(w)))
		}
	}
	for _, p := range got.Paths() {
		if _, ok := want.Get(p); !ok {
			note("extra %s", p)
		}
	}
	if n > 10 {
		fmt.Fprintf(&b, "… %d differences in all\n", n)
	}
	return b.String()
}

// firstDiff shows where two texts part.
func firstDiff(got, want string) string {
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	from := max(i-80, 0)
	return fmt.Sprintf("  served: …%q\n  fresh:  …%q", got[from:min(i+80, len(got))], want[from:min(i+80, len(want))])
}

// settlesTo waits until the served build is byte for byte a fresh build of
// the folder, and checks a few pages over HTTP: the same bytes plus the
// live-reload tag naming the build served. The folder must be left alone
// meanwhile.
func (l *liveSite) settlesTo(t *testing.T, pages ...string) {
	t.Helper()
	want := l.fresh(t)
	for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		var diff string
		if st := l.s.cur.Load(); st.errs != nil {
			diff = fmt.Sprintf("the last build failed: %v", st.errs)
		} else {
			diff = diffOutputs(st.out, want)
		}
		if diff == "" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("after 20 s, the served site is not a fresh build of the folder:\n%s", diff)
		}
	}
	if ps := l.problems(t); len(ps) != 0 {
		t.Errorf("/__geul/errors still lists %+v", ps)
	}
	gen := l.s.cur.Load().gen
	for _, p := range pages {
		code, body := l.get(t, p)
		w, ok := want.Get(indexName(strings.Trim(p, "/"), strings.HasSuffix(p, "/")))
		if code != http.StatusOK || !ok {
			t.Errorf("GET %s: %d (in a fresh build: %v)", p, code, ok)
			continue
		}
		orig, g, err := unwrap(body)
		if err != nil {
			t.Errorf("GET %s: %v", p, err)
			continue
		}
		if orig != string(w) || g != gen {
			t.Errorf("GET %s: served (build %s) is not the fresh build's page (build %s):\n%s", p, g, gen, firstDiff(orig, string(w)))
		}
	}
	l.alive(t)
}
