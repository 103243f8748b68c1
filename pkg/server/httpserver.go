package server

import (
	"net/http"
	"time"
)

// Connection timeouts of the http.Server HTTPServer returns.
const (
	// DefaultReadHeaderTimeout is how long a client may take to send a
	// request's headers: a client that opens connections and trickles
	// bytes (slowloris) cannot hold them for ever.
	DefaultReadHeaderTimeout = 10 * time.Second
	// DefaultIdleTimeout is how long a keep-alive connection may wait for
	// its next request. Browsers reconnect at once, and each idle
	// connection costs a goroutine and a file descriptor; without it a
	// client could open thousands and keep them.
	DefaultIdleTimeout = 60 * time.Second
)

// WithIdleTimeout sets how long a keep-alive connection of HTTPServer may
// stay idle between requests (default DefaultIdleTimeout).
func WithIdleTimeout(d time.Duration) Option {
	return func(o *options) {
		if d > 0 {
			o.idle = d
		}
	}
}

// HTTPServer returns an http.Server for s.Handler with its timeouts set.
// There is no write timeout: the live-reload event stream is one response
// that lasts as long as the page is open.
func (s *Server) HTTPServer() *http.Server {
	idle := s.opts.idle
	if idle == 0 {
		idle = DefaultIdleTimeout
	}
	return &http.Server{
		Handler:           s.Handler(),
		ReadHeaderTimeout: DefaultReadHeaderTimeout,
		IdleTimeout:       idle,
	}
}
