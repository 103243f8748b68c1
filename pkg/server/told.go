package server

import "sync"

// Changed tells the Server that files changed which its watcher does not
// see, as slash paths relative to the site folder: geul serve says so of a
// photo whose copies were made in the background (they are in .geul/,
// which is not watched), so that the page showing it is built again with
// them. Safe to call from any goroutine, before or while Run runs; the
// paths are built with the next batch of changes.
func (s *Server) Changed(paths ...string) {
	s.told.mu.Lock()
	s.told.paths = append(s.told.paths, paths...)
	s.told.mu.Unlock()
	select {
	case s.told.signal <- struct{}{}:
	default: // a signal is already waiting: it carries these paths too
	}
}

// told holds the paths Changed was given until Run's loop takes them.
type told struct {
	mu     sync.Mutex
	paths  []string
	signal chan struct{} // one buffered wake-up for Run's loop
}

func (t *told) take() []string {
	t.mu.Lock()
	defer t.mu.Unlock()
	p := t.paths
	t.paths = nil
	return p
}
