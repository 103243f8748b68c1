package server

import (
	"bytes"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"net/url"
	"path"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/geul-blog/geul/pkg/site"
)

// internalPrefix is where the server's own endpoints live; a site's files
// under it are hidden while serving.
const internalPrefix = "/__geul/"

// Handler returns the HTTP handler serving the site and the live-reload
// endpoints. It can be used before Run: it then serves a page that waits
// for the first build.
func (s *Server) Handler() http.Handler { return http.HandlerFunc(s.serveHTTP) }

func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	if !s.hostAllowed(r.Host) {
		http.Error(w, "403 forbidden: geul serve answers only to localhost and the address it is bound to", http.StatusForbidden)
		return
	}
	if strings.HasPrefix(r.URL.Path, internalPrefix) {
		s.serveInternal(w, r)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		h.Set("Allow", "GET, HEAD")
		http.Error(w, "405 method not allowed", http.StatusMethodNotAllowed)
		return
	}
	st := s.cur.Load() // one build for the whole response
	name, dir, ok := cleanPath(r.URL.Path)
	if !ok {
		http.Error(w, "400 bad request: invalid path", http.StatusBadRequest)
		return
	}
	if st.out == nil {
		s.serveNoSite(w, r, st)
		return
	}
	if found, ok := lookup(st.out, indexName(name, dir)); ok {
		s.serveFile(w, r, st, found)
		return
	}
	if !dir {
		if _, ok := lookup(st.out, name+"/index.html"); ok {
			// Pretty URLs end in "/"; relative links in the page need it.
			u := url.URL{Path: "/" + name + "/", RawQuery: r.URL.RawQuery}
			h.Set("Location", u.String())
			w.WriteHeader(http.StatusMovedPermanently)
			return
		}
	}
	if body, ok := st.out.Get("404.html"); ok {
		s.serveBytes(w, r, st, "404.html", body, http.StatusNotFound)
		return
	}
	http.Error(w, "404 page not found", http.StatusNotFound)
}

// cleanPath checks a request's decoded URL path and returns it as a path
// into the Output (no leading or trailing slash; "" for the root) and
// whether it ended in a slash. Paths with "." or ".." segments, empty
// segments, backslashes, NUL or invalid UTF-8 are refused rather than
// cleaned: a browser never sends them, and a tool that does is probing.
func cleanPath(p string) (name string, dir bool, ok bool) {
	if !strings.HasPrefix(p, "/") || strings.ContainsAny(p, "\\\x00") || !utf8.ValidString(p) {
		return "", false, false
	}
	name = p[1:]
	if name == "" {
		return "", true, true
	}
	name, dir = strings.CutSuffix(name, "/")
	if !fs.ValidPath(name) || name == "." {
		return "", false, false
	}
	return name, dir, true
}

// indexName is the file a path names: its index.html when it is a folder.
func indexName(name string, dir bool) string {
	switch {
	case name == "":
		return "index.html"
	case dir:
		return name + "/index.html"
	}
	return name
}

// lookup finds a file, trying the NFC form of the name too: files written
// on macOS may name Hangul decomposed (NFD), while browsers send NFC. It
// returns the name the Output has it under, reading nothing.
func lookup(out *site.Output, name string) (string, bool) {
	if out.Has(name) {
		return name, true
	}
	if n := norm.NFC.String(name); n != name && out.Has(n) {
		return n, true
	}
	return "", false
}

// serveFile sends the file at name, which out has: from memory, or
// streamed from disk when the build left it there (a large static file,
// such as a video a reader seeks in), never read whole for one request.
func (s *Server) serveFile(w http.ResponseWriter, r *http.Request, st *state, name string) {
	if body, ok := st.out.InMemory(name); ok {
		s.serveBytes(w, r, st, name, body, http.StatusOK)
		return
	}
	f, err := st.out.Open(name)
	if err != nil {
		http.Error(w, "500 cannot read "+name+": "+err.Error(), http.StatusInternalServerError)
		return
	}
	defer f.Close()
	rs, ok := f.(io.ReadSeeker)
	var head [512]byte
	n, _ := io.ReadFull(f, head[:])
	ctype := contentType(name, head[:n])
	if !ok || strings.HasPrefix(ctype, "text/html") {
		// A page (reused from a build on disk) gets the live-reload
		// script, which needs its bytes.
		if body, ok := st.out.Get(name); ok {
			s.serveBytes(w, r, st, name, body, http.StatusOK)
			return
		}
		http.Error(w, "500 cannot read "+name, http.StatusInternalServerError)
		return
	}
	if _, err := rs.Seek(0, io.SeekStart); err != nil {
		http.Error(w, "500 cannot read "+name+": "+err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", ctype)
	// ServeContent answers Range requests (media seeking) and HEAD.
	http.ServeContent(w, r, name, time.Time{}, rs)
}

// serveBytes sends one file of the Output, with the live-reload script in
// HTML.
func (s *Server) serveBytes(w http.ResponseWriter, r *http.Request, st *state, name string, body []byte, status int) {
	ctype := contentType(name, body)
	w.Header().Set("Content-Type", ctype)
	if strings.HasPrefix(ctype, "text/html") {
		body = injectScript(body, st.gen)
	}
	if status == http.StatusOK {
		// ServeContent answers Range requests (media seeking) and HEAD.
		http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(body))
		return
	}
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}

// contentType is the Content-Type for a file. The common web types are
// fixed here rather than taken from the system's mime.types, which differ
// between machines (and on some map .js to application/x-javascript).
func contentType(name string, body []byte) string {
	ext := strings.ToLower(path.Ext(name))
	var t string
	switch ext {
	case ".html", ".htm":
		t = "text/html"
	case ".css":
		t = "text/css"
	case ".js", ".mjs":
		t = "text/javascript"
	case ".json", ".map":
		t = "application/json"
	case ".webmanifest":
		t = "application/manifest+json"
	case ".xml", ".xsl":
		t = "application/xml"
	case ".rss":
		t = "application/rss+xml"
	case ".atom":
		t = "application/atom+xml"
	case ".txt", ".md":
		t = "text/plain"
	case ".csv":
		t = "text/csv"
	case ".svg":
		t = "image/svg+xml"
	case ".png":
		t = "image/png"
	case ".jpg", ".jpeg":
		t = "image/jpeg"
	case ".gif":
		t = "image/gif"
	case ".webp":
		t = "image/webp"
	case ".avif":
		t = "image/avif"
	case ".ico":
		t = "image/x-icon"
	case ".woff":
		t = "font/woff"
	case ".woff2":
		t = "font/woff2"
	case ".ttf":
		t = "font/ttf"
	case ".otf":
		t = "font/otf"
	case ".pdf":
		t = "application/pdf"
	case ".wasm":
		t = "application/wasm"
	case ".mp4":
		t = "video/mp4"
	case ".webm":
		t = "video/webm"
	case ".mp3":
		t = "audio/mpeg"
	default:
		if t = mime.TypeByExtension(ext); t == "" {
			t = http.DetectContentType(body)
		}
	}
	if (strings.HasPrefix(t, "text/") || t == "application/json" || t == "application/manifest+json" ||
		strings.HasSuffix(t, "xml") || t == "image/svg+xml") && !strings.Contains(t, "charset") {
		t += "; charset=utf-8"
	}
	return t
}
