// Package server is geul's development server: it builds a site into
// memory, serves it over HTTP, watches the site's files and rebuilds what
// changed, and tells the browser to reload (or to show the build's errors
// over the page) through a small injected script.
//
// It imports pkg/site and pkg/diag, and never pkg/cli.
package server

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/geul-blog/geul/pkg/diag"
	"github.com/geul-blog/geul/pkg/site"
)

// Builder builds a site; *site.Builder is one. Build builds everything;
// Rebuild what the changed files (slash paths relative to the site folder,
// sorted by site.ClassifyChanges) touch. The Server never calls them
// concurrently.
type Builder interface {
	Build(ctx context.Context) (*site.Result, error)
	Rebuild(ctx context.Context, changes site.Changes) (*site.Result, error)
}

// Server serves the last good build of a site and rebuilds it as files
// change. Create it with New, serve Handler, and call Run once.
type Server struct {
	b    Builder
	dir  string
	opts options

	log      io.Writer             // opts.log, safe for the goroutines that log
	errLog   io.Writer             // opts.errLog (else log), the same
	cur      atomic.Pointer[state] // what requests are served from; never nil
	hub      *hub
	instance string // tells builds of this process from those of a restarted one
	seq      int    // successful builds that changed something; guarded by buildMu
	buildMu  sync.Mutex

	ready     chan struct{}
	readyOnce sync.Once
	told      told // Changed's paths, for Run's loop (told.go)
}

// state is one consistent view of the site: every response is made from a
// single state, so a page never mixes two builds.
type state struct {
	out  *site.Output  // last good build; nil before the first one succeeded
	gen  string        // names out; "" while out is nil
	errs []*diag.Error // the last build's problems; nil when it succeeded
}

// New returns a Server for the site in siteDir, built by b.
func New(b Builder, siteDir string, opts ...Option) *Server {
	s := &Server{
		b:        b,
		dir:      siteDir,
		opts:     options{watch: DefaultWatch(), log: io.Discard, navigate: true, debounce: DefaultDebounce},
		hub:      newHub(),
		instance: strings.ToLower(rand.Text()[:8]),
		ready:    make(chan struct{}),
		told:     told{signal: make(chan struct{}, 1)},
	}
	for _, o := range opts {
		o(&s.opts)
	}
	s.log = LockedWriter(s.opts.log)
	s.errLog = s.log
	if s.opts.errLog != nil {
		s.errLog = LockedWriter(s.opts.errLog)
	}
	s.cur.Store(&state{})
	return s
}

// Ready is closed when Run's first build has finished, successfully or
// not. It stays open when Run fails before building (files cannot be
// watched); select on Run's return too.
func (s *Server) Ready() <-chan struct{} { return s.ready }

// buildAll builds the whole site (Builder.Build) and publishes it as
// rebuild does.
func (s *Server) buildAll(ctx context.Context) error {
	return s.publish(ctx, true, nil)
}

// rebuild rebuilds what the changed files touch (Builder.Rebuild), makes
// its output the one served (when it succeeded), tells the browsers and
// logs a line. It returns the build's error.
func (s *Server) rebuild(ctx context.Context, changed []string) error {
	return s.publish(ctx, false, changed)
}

// publish is buildAll (full) or rebuild.
func (s *Server) publish(ctx context.Context, full bool, changed []string) error {
	s.buildMu.Lock()
	defer s.buildMu.Unlock()
	start := time.Now()
	res, err := s.build(ctx, full, changed)
	if err == nil && (res == nil || res.Output == nil) {
		err = errors.New("the site builder returned no output")
	}
	prev := s.cur.Load()
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err() // shutting down: not the writer's problem
		}
		next := &state{out: prev.out, gen: prev.gen, errs: diag.Errors(err)}
		s.cur.Store(next)
		s.hub.broadcast(errorEvent(next))
		for _, e := range next.errs {
			fmt.Fprintln(s.errLog, e.Error())
		}
		return err
	}
	next := &state{out: res.Output, gen: prev.gen}
	if prev.out == nil || len(res.Changed) > 0 {
		s.seq++
		next.gen = fmt.Sprintf("%s-%d", s.instance, s.seq)
	}
	s.cur.Store(next)
	for _, w := range res.Warnings {
		fmt.Fprintf(s.errLog, "warning: %v\n", w)
	}
	fmt.Fprintln(s.log, summary(full, changed, res, time.Since(start)))
	if ev, ok := s.eventAfter(prev, next, res); ok {
		s.hub.broadcast(ev)
	}
	return nil
}

// errBuilderPanicked marks a build that panicked: the Builder's state may
// be half-updated, so the next build is a full one.
var errBuilderPanicked = errors.New("the site builder crashed")

// build calls the Builder, turning a panic into an error: a bug that one
// odd file triggers must not stop the server the writer is using to fix it.
func (s *Server) build(ctx context.Context, full bool, changed []string) (res *site.Result, err error) {
	defer func() {
		if v := recover(); v != nil {
			s.logf("%s", debug.Stack())
			res, err = nil, fmt.Errorf("%w: %v; this is a bug in geul, please report it with the stack above", errBuilderPanicked, v)
		}
	}()
	if err := s.siteGone(); err != nil {
		return nil, err
	}
	if full {
		return s.b.Build(ctx)
	}
	return s.b.Rebuild(ctx, site.ClassifyChanges(changed))
}

// siteGone returns an error when the site folder is not there any more
// (renamed, moved or deleted while serving): a build would read no files
// and serve an empty site, "0 pages", without a word.
func (s *Server) siteGone() error {
	info, err := os.Stat(s.dir)
	if err == nil && info.IsDir() {
		return nil
	}
	return &diag.Error{Path: s.dir, Msg: "the site folder is gone (renamed, moved or deleted); still serving the last build",
		Hint: "put it back, or stop geul serve and start it again in the folder's new place"}
}

// eventAfter decides what browsers should do after a successful build.
func (s *Server) eventAfter(prev, next *state, res *site.Result) (event, bool) {
	if prev.out == nil || prev.errs != nil {
		return dataEvent("reload", eventData{Gen: next.gen}), true // also clears the overlay
	}
	if len(res.Changed) == 0 {
		return event{}, false
	}
	allCSS := true
	for _, p := range res.Changed {
		if !strings.EqualFold(path.Ext(p), ".css") {
			allCSS = false
			break
		}
	}
	if allCSS {
		return dataEvent("css", eventData{Gen: next.gen, Paths: res.Changed}), true
	}
	// Going to the edited page only makes sense for one page; after a
	// search-and-replace over many posts, staying put is less surprising.
	if s.opts.navigate && len(res.Edited) == 1 && exists(next.out, res.Edited[0]) {
		return dataEvent("navigate", eventData{Gen: next.gen, URL: res.Edited[0]}), true
	}
	return dataEvent("reload", eventData{Gen: next.gen}), true
}

// exists reports whether the page at site-relative URL u is in out.
func exists(out *site.Output, u string) bool {
	if p, err := url.PathUnescape(u); err == nil {
		u = p
	}
	name, dir, ok := cleanPath(u)
	if !ok {
		return false
	}
	_, ok = lookup(out, indexName(name, dir))
	return ok
}

// summary is the log line of a successful build:
// "rebuilt content/posts/a.md +2 more: 7 pages in 12 ms".
func summary(full bool, changed []string, res *site.Result, took time.Duration) string {
	pages := fmt.Sprintf("%d page", res.Rendered)
	if res.Rendered != 1 {
		pages += "s"
	}
	ms := took.Milliseconds()
	var skipped string
	if res.Drafts > 0 || res.Future > 0 {
		var parts []string
		if res.Drafts > 0 {
			parts = append(parts, plural(res.Drafts, "draft"))
		}
		if res.Future > 0 {
			parts = append(parts, plural(res.Future, "future post"))
		}
		skipped = " (skipped " + strings.Join(parts, " and ") + "; --drafts and --future show them)"
	}
	saved, others := savedName(changed)
	switch {
	case full:
		return fmt.Sprintf("built %s in %d ms%s", pages, ms, skipped)
	case len(changed) == 0:
		return fmt.Sprintf("rebuilt: %s in %d ms%s", pages, ms, skipped)
	case others == 0:
		return fmt.Sprintf("rebuilt %s: %s in %d ms%s", diag.QuotePath(saved), pages, ms, skipped)
	default:
		return fmt.Sprintf("rebuilt %s +%d more: %s in %d ms%s", diag.QuotePath(saved), others, pages, ms, skipped)
	}
}

func plural(n int, word string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// savedName picks, among the changed files of one rebuild, the one the
// writer saved rather than an editor's temporary file (vim's 4913 and
// .a.md.swp, emacs's .#a.md and #a.md#, a.md~, JetBrains' ___jb_tmp___,
// atomic-save names such as a.md.tmp.1234), and how many others changed.
// With only temporary names it is the first of them.
func savedName(changed []string) (string, int) {
	if len(changed) == 0 {
		return "", 0
	}
	real := 0
	pick := ""
	for _, c := range changed {
		if !editorTemp(c) {
			if pick == "" {
				pick = c
			}
			real++
		}
	}
	if pick == "" {
		return changed[0], len(changed) - 1
	}
	return pick, real - 1
}

// editorTemp reports whether the base name of path looks like a file an
// editor writes while saving, not one the writer works on.
func editorTemp(path string) bool {
	base := path[strings.LastIndexByte(path, '/')+1:]
	if base == "" || base[0] == '.' || base[0] == '#' || strings.HasSuffix(base, "~") {
		return true
	}
	for _, suf := range []string{".swp", ".swx", ".swo", ".tmp", "___jb_tmp___", "___jb_old___", ".crswap", ".kate-swp"} {
		if strings.HasSuffix(base, suf) {
			return true
		}
	}
	if i := strings.LastIndex(base, ".tmp."); i > 0 {
		return true
	}
	allDigits := true
	for _, r := range base {
		if r < '0' || r > '9' {
			allDigits = false
			break
		}
	}
	return allDigits // vim's write test, "4913"
}

// LockedWriter returns w with its writes serialized, so that several
// goroutines (the build, the watch loop, the CLI's own messages) can share
// it. A writer it returned is returned as it is.
func LockedWriter(w io.Writer) io.Writer {
	if l, ok := w.(*lockedWriter); ok {
		return l
	}
	return &lockedWriter{w: w}
}

type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}
