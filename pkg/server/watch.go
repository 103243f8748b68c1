package server

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"syscall"

	"github.com/fsnotify/fsnotify"

	"github.com/geul-blog/geul/pkg/diag"
	"github.com/geul-blog/geul/pkg/sitefs"
)

// watcher turns fsnotify's events into the site files that changed.
//
// fsnotify watches single folders, so watcher keeps the recursion itself:
// it adds every folder under a root, adds folders as they appear and drops
// them when they go. It remembers every file it has seen, so that a folder
// moved away or deleted reports the files that were in it. It is used by
// one goroutine (Run's loop).
type watcher struct {
	fsw   *fsnotify.Watcher
	dir   string          // the site folder, absolute
	roots []string        // what to watch, absolute and clean
	dirs  map[string]bool // folders watched as part of a root
	files map[string]bool // files seen under the roots
	logf  func(format string, args ...any)
}

// newWatcher starts watching roots (relative to dir, or absolute).
func newWatcher(dir string, roots []string, logf func(string, ...any)) (*watcher, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	fsw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, fmt.Errorf("cannot watch files: %w; raise fs.inotify.max_user_instances", err)
	}
	w := &watcher{fsw: fsw, dir: abs, dirs: map[string]bool{}, files: map[string]bool{}, logf: logf}
	for _, r := range roots {
		if !filepath.IsAbs(r) {
			r = filepath.Join(abs, filepath.FromSlash(r))
		}
		w.roots = append(w.roots, filepath.Clean(r))
	}
	for _, r := range w.roots {
		// The parent is watched too (by itself) so that a root created,
		// deleted or replaced by a rename (an atomic save of config.toml)
		// is seen: a watch on a file would stay on the replaced copy.
		if parent := filepath.Dir(r); r != abs && !w.dirs[parent] {
			if err := fsw.Add(parent); err != nil && !errors.Is(err, fs.ErrNotExist) {
				w.logf("cannot watch %s: %v", diag.QuotePath(w.rel(parent)), err)
			}
		}
		if info, err := os.Stat(r); err == nil && info.IsDir() {
			w.addTree(r, false)
		} else if err == nil {
			w.files[r] = true
		}
	}
	return w, nil
}

func (w *watcher) close() error { return w.fsw.Close() }

// rel returns abs as a slash path relative to the site folder.
func (w *watcher) rel(abs string) string {
	if r, err := filepath.Rel(w.dir, abs); err == nil {
		return filepath.ToSlash(r)
	}
	return filepath.ToSlash(abs)
}

// inRoots reports whether abs is a root or inside one.
func (w *watcher) inRoots(abs string) bool {
	for _, r := range w.roots {
		if abs == r || strings.HasPrefix(abs, r+string(filepath.Separator)) {
			return true
		}
	}
	return false
}

// addTree watches top and every folder under it, records the files found,
// and returns them (site-relative) when report is set: files written into
// a new folder before its watch was in place are reported this way.
func (w *watcher) addTree(top string, report bool) []string {
	var found []string
	walkTop := top
	if info, err := os.Lstat(top); err == nil && info.Mode()&fs.ModeSymlink != 0 {
		// A root linked to a folder elsewhere (content/ in a notes vault):
		// the trailing separator makes WalkDir go through the link. Links
		// further down are not followed, as the site builder does not.
		walkTop = top + string(filepath.Separator)
	}
	err := filepath.WalkDir(walkTop, func(p string, d fs.DirEntry, err error) error {
		p = filepath.Clean(p)
		if err != nil {
			if !errors.Is(err, fs.ErrNotExist) {
				w.logf("cannot watch %s: %v", diag.QuotePath(w.rel(p)), err)
			}
			return nil
		}
		if p != top && sitefs.IsNoise(d.Name()) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.IsDir() {
			w.files[p] = true
			if report {
				found = append(found, w.rel(p))
			}
			return nil
		}
		if err := w.fsw.Add(p); err != nil {
			if errors.Is(err, syscall.ENOSPC) {
				w.logf("cannot watch %s: too many folders; raise fs.inotify.max_user_watches", diag.QuotePath(w.rel(p)))
				return filepath.SkipAll
			}
			if !errors.Is(err, fs.ErrNotExist) {
				w.logf("cannot watch %s: %v", diag.QuotePath(w.rel(p)), err)
			}
			return nil
		}
		w.dirs[p] = true
		return nil
	})
	if err != nil {
		w.logf("cannot watch %s: %v", diag.QuotePath(w.rel(top)), err)
	}
	return found
}

// forget drops what was known at and under abs, which is gone, and returns
// the site-relative files that went with it.
func (w *watcher) forget(abs string) []string {
	var gone []string
	prefix := abs + string(filepath.Separator)
	wasDir := w.dirs[abs]
	for d := range w.dirs {
		if d == abs || strings.HasPrefix(d, prefix) {
			delete(w.dirs, d)
			// The kernel drops the watch of a deleted folder, but one moved
			// elsewhere keeps its watches; errors here mean "already gone".
			_ = w.fsw.Remove(d)
		}
	}
	for f := range w.files {
		if f == abs || strings.HasPrefix(f, prefix) {
			delete(w.files, f)
			gone = append(gone, w.rel(f))
		}
	}
	if len(gone) == 0 && !wasDir {
		gone = append(gone, w.rel(abs)) // a file we never saw; the builder checks
	}
	sort.Strings(gone)
	return gone
}

// handle returns the site files (slash paths relative to the site folder)
// that ev says changed, created or went away.
func (w *watcher) handle(ev fsnotify.Event) []string {
	name := filepath.Clean(ev.Name)
	if sitefs.IsNoise(filepath.Base(name)) {
		return nil
	}
	if !w.inRoots(name) {
		return w.handleAbove(name, ev)
	}
	switch {
	case ev.Has(fsnotify.Create):
		info, err := os.Lstat(name)
		if err == nil && info.IsDir() {
			return w.addTree(name, true)
		}
		if err == nil {
			w.files[name] = true
			return []string{w.rel(name)}
		}
		return w.forget(name) // created and gone again already
	case ev.Has(fsnotify.Remove), ev.Has(fsnotify.Rename):
		// A rename reports the old name; the new one comes as a Create.
		return w.forget(name)
	case ev.Has(fsnotify.Write):
		w.files[name] = true
		return []string{w.rel(name)}
	}
	return nil // Chmod alone (touch, editors fixing modes) changes no content
}

// handleAbove handles an event on a folder that holds roots without being
// in one, such as themes/ for the root themes/x: renamed away, its roots
// went with it; back (or made again), they are watched again. Without it a
// theme whose themes/ folder was renamed away and back went unseen.
func (w *watcher) handleAbove(name string, ev fsnotify.Event) []string {
	var out []string
	for _, r := range w.roots {
		if name == w.dir || !strings.HasPrefix(r, name+string(filepath.Separator)) {
			continue
		}
		switch {
		case ev.Has(fsnotify.Create):
			// The watch on the root's parent went with the folder.
			if parent := filepath.Dir(r); parent != w.dir {
				if err := w.fsw.Add(parent); err != nil && !errors.Is(err, fs.ErrNotExist) {
					w.logf("cannot watch %s: %v", diag.QuotePath(w.rel(parent)), err)
				}
			}
			if info, err := os.Stat(r); err == nil && info.IsDir() {
				out = append(out, w.addTree(r, true)...)
			} else if err == nil {
				w.files[r] = true
				out = append(out, w.rel(r))
			}
		case ev.Has(fsnotify.Remove), ev.Has(fsnotify.Rename):
			out = append(out, w.forget(r)...)
		}
	}
	sort.Strings(out)
	return slices.Compact(out)
}

// isSite reports whether ev says the site folder itself was moved or
// deleted: with an absolute --source, builds would then read nothing.
func (w *watcher) isSite(ev fsnotify.Event) bool {
	return filepath.Clean(ev.Name) == w.dir && (ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename))
}

// rescan walks the roots again after the kernel dropped events (its queue
// overflowed): folders that appeared are watched, those gone are dropped.
func (w *watcher) rescan() {
	for d := range w.dirs {
		if info, err := os.Stat(d); err != nil || !info.IsDir() {
			w.forget(d)
		}
	}
	for f := range w.files {
		if _, err := os.Lstat(f); err != nil {
			delete(w.files, f)
		}
	}
	for _, r := range w.roots {
		if info, err := os.Stat(r); err == nil && info.IsDir() {
			w.addTree(r, false)
		} else if err == nil {
			w.files[r] = true
		}
	}
}
