package server

import (
	"net"
	"net/http"
	"net/url"
	"strings"
)

// hostAllowed checks a request's Host header. A web page on another site
// can point its own domain name at 127.0.0.1 (DNS rebinding) and read the
// dev server as same-origin; such requests carry that domain in Host, so
// only loopback names, IP addresses the server is meant to be reached at,
// and the names given with WithAllowedHosts are answered.
func (s *Server) hostAllowed(hostport string) bool {
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	}
	host = strings.ToLower(strings.TrimSuffix(strings.Trim(host, "[]"), "."))
	if host == "" {
		return false
	}
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return true // RFC 6761: always loopback
	}
	ip := net.ParseIP(host)
	if ip != nil && ip.IsLoopback() {
		return true
	}
	for _, a := range s.opts.hosts {
		a = strings.ToLower(strings.Trim(a, "[]"))
		if a == host {
			return true
		}
		if aip := net.ParseIP(a); aip != nil && aip.IsUnspecified() && ip != nil {
			return true // bound to every address: any IP may be used to reach it
		}
	}
	return false
}

// sameOrigin reports whether a request to the live-reload endpoints comes
// from a page of this server (or from a tool that is not a browser). Pages
// of other sites may not subscribe to the writer's build errors.
func sameOrigin(r *http.Request) bool {
	switch r.Header.Get("Sec-Fetch-Site") {
	case "", "same-origin", "none":
	default:
		return false
	}
	o := r.Header.Get("Origin")
	if o == "" {
		return true // browsers send Origin on every cross-origin request
	}
	u, err := url.Parse(o)
	if err != nil || u.Host == "" {
		return false // includes "null": sandboxed frames, file: pages
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return u.Scheme == scheme && strings.EqualFold(u.Host, r.Host)
}
