package server

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Run builds the site, then watches its files and rebuilds on every change
// until ctx is done. It returns nil then, or an error if the files cannot be
// watched at all. A broken file is never an error of Run: its problems are
// logged and shown in the browser, and the last good build stays served.
func (s *Server) Run(ctx context.Context) error {
	// Watch before the first build, so that nothing saved while it runs is missed.
	w, err := newWatcher(s.dir, s.opts.watch, s.logf)
	if err != nil {
		return err
	}
	return s.runWith(ctx, w)
}

// runWith is Run on a watcher already made; tests make their own to feed
// it events that are hard to cause for real, such as a lost-events error.
func (s *Server) runWith(ctx context.Context, w *watcher) error {
	defer w.close()
	defer s.hub.close() // ends the event streams, so an http.Server can shut down

	l := &loop{s: s, w: w, pending: map[string]bool{}, done: make(chan error, 1)}
	l.full = s.buildAll(ctx) != nil
	s.readyOnce.Do(func() { close(s.ready) })
	return l.run(ctx)
}

func (s *Server) logf(format string, args ...any) {
	fmt.Fprintf(s.log, format+"\n", args...)
}

// loop is Run's state: the files changed since the last successful build,
// and whether a build is running.
type loop struct {
	s *Server
	w *watcher

	pending  map[string]bool // changed files not yet given to a successful Build
	full     bool            // the next build must be a full one
	first    time.Time       // when the oldest pending change arrived
	timer    *time.Timer
	building bool
	queued   bool       // changes arrived while building
	batch    []string   // what the running build was given
	batchAll bool       // the running build is a full one
	done     chan error // the running build's result
}

func (l *loop) run(ctx context.Context) error {
	l.timer = time.NewTimer(time.Hour)
	l.timer.Stop()
	defer l.timer.Stop()
	for {
		select {
		case <-ctx.Done():
			if l.building {
				<-l.done // the Builder is not left running behind our back
			}
			return nil
		case ev, ok := <-l.w.fsw.Events:
			if !ok {
				return errors.New("file watcher stopped")
			}
			if l.w.isSite(ev) {
				l.full = true // the build says the site is gone
				l.queued = l.building
				l.arm()
			}
			if paths := l.w.handle(ev); len(paths) > 0 {
				for _, p := range paths {
					l.pending[p] = true
				}
				l.queued = l.building
				l.arm()
			}
		case err, ok := <-l.w.fsw.Errors:
			if !ok {
				return errors.New("file watcher stopped")
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				// Events were lost: look at everything again.
				l.s.logf("too many file changes at once; rebuilding everything")
				l.w.rescan()
				l.full = true
				l.queued = l.building
				l.arm()
			} else {
				l.s.logf("watching files: %v", err)
			}
		case <-l.s.told.signal:
			for _, p := range l.s.told.take() {
				l.pending[p] = true
			}
			l.queued = l.building
			l.arm()
		case <-l.timer.C:
			if !l.building {
				l.start(ctx)
			}
		case err := <-l.done:
			l.building = false
			if err == nil {
				l.full = false
			} else {
				// Builder.Rebuild wants the changes since the last successful
				// build, so a failed batch is given again with the next one.
				for _, p := range l.batch {
					l.pending[p] = true
				}
				if l.batchAll || errors.Is(err, errBuilderPanicked) {
					l.full = true
				}
			}
			l.batch = nil
			if l.queued {
				l.queued = false
				l.arm()
			}
		}
	}
}

// arm (re)starts the debounce timer: a build starts once events have been
// quiet for the debounce time, but no later than ten times that after the
// first of them, so a stream of events cannot hold builds off for ever.
func (l *loop) arm() {
	now := time.Now()
	if l.first.IsZero() {
		l.first = now
	}
	wait := l.s.opts.debounce
	if left := l.first.Add(10 * l.s.opts.debounce).Sub(now); left < wait {
		wait = max(left, 0)
	}
	l.timer.Reset(wait)
}

// start runs a build of the pending changes in the background; events that
// arrive meanwhile wait for the next one, which is armed when it finishes.
func (l *loop) start(ctx context.Context) {
	if len(l.pending) == 0 && !l.full {
		return
	}
	batch, all := slices.Sorted(maps.Keys(l.pending)), l.full
	clear(l.pending)
	l.first = time.Time{}
	l.building, l.batch, l.batchAll = true, batch, all
	go func() {
		if all {
			l.done <- l.s.buildAll(ctx)
		} else {
			l.done <- l.s.rebuild(ctx, batch)
		}
	}()
}
