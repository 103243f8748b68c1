package server

import (
	"io"
	"time"
)

// Option configures a Server.
type Option func(*options)

type options struct {
	watch    []string
	log      io.Writer
	errLog   io.Writer // WithErrorLog; nil: log
	navigate bool
	debounce time.Duration
	hosts    []string
	idle     time.Duration // keep-alive idle timeout of HTTPServer; 0 for the default
}

// DefaultWatch returns what a Server watches when WithWatch is not given,
// relative to the site folder. The CLI narrows themes/ to the active theme.
func DefaultWatch() []string {
	return []string{"config.toml", "content", "layouts", "static", "i18n", "themes"}
}

// DefaultDebounce is how long a Server waits after the last file event
// before it rebuilds: long enough to gather one save (an editor's write,
// rename and delete) or a git checkout, short enough not to be felt.
const DefaultDebounce = 80 * time.Millisecond

// WithWatch sets the files and folders to watch, relative to the site
// folder (or absolute). Folders are watched with everything in them; a
// listed path that does not exist yet is picked up when it is created.
func WithWatch(paths ...string) Option {
	return func(o *options) { o.watch = append([]string(nil), paths...) }
}

// WithLogger sets where the Server writes one line per rebuild and the
// problems of a failed build. The default is io.Discard.
func WithLogger(w io.Writer) Option {
	return func(o *options) {
		if w == nil {
			w = io.Discard
		}
		o.log = w
	}
}

// WithErrorLog sets where the problems of a failed build and the
// warnings go (geul serve: stderr); the default is WithLogger's writer.
func WithErrorLog(w io.Writer) Option { return func(o *options) { o.errLog = w } }

// WithNavigate sets whether browsers showing another page go to a post when
// the writer edits it (on by default).
func WithNavigate(on bool) Option { return func(o *options) { o.navigate = on } }

// WithDebounce sets how long the Server waits for file events to stop
// before it rebuilds. It never waits more than ten times this in a
// continuous stream of events.
func WithDebounce(d time.Duration) Option {
	return func(o *options) {
		if d > 0 {
			o.debounce = d
		}
	}
}

// WithAllowedHosts adds host names (without port) that requests may carry
// in their Host header besides loopback addresses and "localhost": normally
// the address the server is bound to. An unspecified address ("0.0.0.0",
// "::") allows every IP address, as the server is then meant to be reached
// from other machines; names are still checked, which is what stops DNS
// rebinding.
func WithAllowedHosts(hosts ...string) Option {
	return func(o *options) { o.hosts = append(o.hosts, hosts...) }
}
