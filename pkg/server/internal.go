package server

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"html/template"
	"net/http"
	"time"
)

//go:embed livereload.js
var liveReloadJS []byte

// heartbeat is how often an idle event stream sends a comment, so that a
// browser that went away without closing is noticed and dropped.
const heartbeat = 20 * time.Second

// serveInternal answers the server's own endpoints under /__geul/.
func (s *Server) serveInternal(w http.ResponseWriter, r *http.Request) {
	if !sameOrigin(r) {
		http.Error(w, "403 forbidden: cross-origin request to geul serve", http.StatusForbidden)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "405 method not allowed", http.StatusMethodNotAllowed)
		return
	}
	switch r.URL.Path {
	case internalPrefix + "livereload.js":
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Write(liveReloadJS)
	case internalPrefix + "events":
		s.serveEvents(w, r)
	case internalPrefix + "errors":
		st := s.cur.Load()
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		json.NewEncoder(w).Encode(errorData(st))
	default:
		http.Error(w, "404 page not found", http.StatusNotFound)
	}
}

// serveEvents streams events to one browser (Server-Sent Events). It first
// sends "hello" naming the build being served, so a page from an older
// build (the server restarted, or the browser missed a reload while
// disconnected) reloads, then the current errors if the last build failed.
func (s *Server) serveEvents(w http.ResponseWriter, r *http.Request) {
	events, leave := s.hub.subscribe() // before reading the state: nothing is missed
	defer leave()
	rc := http.NewResponseController(w)
	h := w.Header()
	h.Set("Content-Type", "text/event-stream; charset=utf-8")
	h.Set("X-Accel-Buffering", "no")
	st := s.cur.Load()
	fmt.Fprintf(w, "retry: 1000\n\n")
	writeEvent(w, dataEvent("hello", eventData{Gen: st.gen}))
	if st.errs != nil {
		writeEvent(w, errorEvent(st))
	}
	if err := rc.Flush(); err != nil {
		return
	}
	tick := time.NewTicker(heartbeat)
	defer tick.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-s.hub.done:
			return
		case e, ok := <-events:
			if !ok {
				return
			}
			writeEvent(w, e)
		case <-tick.C:
			fmt.Fprintf(w, ": ping\n\n")
		}
		if err := rc.Flush(); err != nil {
			return
		}
	}
}

func writeEvent(w http.ResponseWriter, e event) {
	fmt.Fprintf(w, "event: %s\ndata: %s\n\n", e.name, e.data)
}

// noSitePage is served for every page before a build has succeeded: while
// the first build runs, or with its errors when it failed. The script
// shows the same errors as an overlay and reloads once a build succeeds.
var noSitePage = template.Must(template.New("nosite").Parse(`<!doctype html>
<html lang="ko">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{if .Errors}}geul: build failed{{else}}geul: building…{{end}}</title>
</head>
<body>
{{- if .Errors}}
<h1>The site could not be built</h1>
<ul>
{{- range .Errors}}
<li><code>{{.}}</code></li>
{{- end}}
</ul>
<p>Fix the file and save it; this page reloads by itself.</p>
{{- else}}
<h1>Building the site…</h1>
<p>This page reloads by itself when the build is done.</p>
{{- end}}
</body>
</html>
`))

// serveNoSite answers a page request when there is no good build yet.
func (s *Server) serveNoSite(w http.ResponseWriter, r *http.Request, st *state) {
	var data struct{ Errors []string }
	status := http.StatusServiceUnavailable
	if st.errs != nil {
		status = http.StatusInternalServerError
		for _, e := range st.errs {
			data.Errors = append(data.Errors, e.Error())
		}
	}
	var buf bytes.Buffer
	if err := noSitePage.Execute(&buf, data); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	s.serveBytes(w, r, st, "index.html", buf.Bytes(), status)
}
