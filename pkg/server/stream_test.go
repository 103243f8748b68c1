package server

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/geul-blog/geul/pkg/site"
	"github.com/geul-blog/geul/pkg/sitetest"
)

// TestLargeStaticFileStreamed: a video in static/, over the size geul
// build copies from disk, is streamed by geul serve too: a Range request
// (a reader seeking) gets 206 and the bytes asked for, and the server does
// not read the whole file into memory to answer it.
func TestLargeStaticFileStreamed(t *testing.T) {
	dir := t.TempDir()
	sitetest.WriteDir(t, dir, "-- config.toml --\ntitle = \"영상\"\n-- content/posts/a.md --\n+++\ntitle = \"가\"\ndate = 2024-05-01\n+++\n본문\n")
	const size = 48 << 20
	video := filepath.Join(dir, "static", "media", "봄 🌸.mp4")
	if err := os.MkdirAll(filepath.Dir(video), 0o755); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(video)
	if err != nil {
		t.Fatal(err)
	}
	// Sparse but for a marked stretch in the middle: cheap on any disk.
	mark := bytes.Repeat([]byte("프레임"), 1000)
	const at = 30 << 20
	if _, err := f.WriteAt(mark, at); err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(size); err != nil {
		t.Fatal(err)
	}
	f.Close()

	b := site.NewBuilder(dir, site.WithClock(sitetest.Clock))
	s := New(b, dir)
	if err := s.buildAll(context.Background()); err != nil {
		t.Fatal(err)
	}
	h := s.Handler()
	ask := func(rng string) (*httptest.ResponseRecorder, uint64) {
		r := httptest.NewRequest(http.MethodGet, "/media/%EB%B4%84%20%F0%9F%8C%B8.mp4", nil)
		r.Host = "localhost"
		if rng != "" {
			r.Header.Set("Range", rng)
		}
		w := httptest.NewRecorder()
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		h.ServeHTTP(w, r)
		runtime.ReadMemStats(&after)
		return w, after.TotalAlloc - before.TotalAlloc
	}

	w, alloc := ask("bytes=31457280-31459279") // at, 2000 bytes
	if w.Code != http.StatusPartialContent {
		t.Fatalf("Range request: status %d, want 206", w.Code)
	}
	if got := w.Body.Bytes(); !bytes.Equal(got, mark[:2000]) {
		t.Errorf("Range request: got %d bytes, not the file's bytes %d–%d", len(got), at, at+2000)
	}
	if cr := w.Header().Get("Content-Range"); cr != "bytes 31457280-31459279/50331648" {
		t.Errorf("Content-Range = %q", cr)
	}
	if ct := w.Header().Get("Content-Type"); ct != "video/mp4" {
		t.Errorf("Content-Type = %q, want video/mp4", ct)
	}
	// Answering 2000 bytes of a 48 MB file allocates far less than the file.
	if alloc > size/4 {
		t.Errorf("a Range request for 2000 bytes allocated %d bytes: the %d-byte file was read whole", alloc, size)
	}

	w, _ = ask("") // the recorder holds the body: only the Range request tells what the server read
	if w.Code != http.StatusOK || w.Body.Len() != size {
		t.Errorf("whole file: status %d, %d bytes, want 200 and %d", w.Code, w.Body.Len(), size)
	}
	if got := w.Body.Bytes()[at : at+len(mark)]; !bytes.Equal(got, mark) {
		t.Error("whole file: the marked stretch differs")
	}
}
