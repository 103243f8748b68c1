package server

import (
	"bufio"
	"errors"
	"io"
	"net"
	"net/http"
	"testing"
	"time"
)

// TestIdleConnectionClosed checks that the server closes a keep-alive
// connection nobody uses: it used to keep it open for ever.
func TestIdleConnectionClosed(t *testing.T) {
	fb := &fakeBuilder{}
	s := New(fb, t.TempDir(), WithIdleTimeout(50*time.Millisecond))
	runServer(t, s, s.Run)
	hs := s.HTTPServer()
	if hs.ReadHeaderTimeout <= 0 {
		t.Errorf("ReadHeaderTimeout %v", hs.ReadHeaderTimeout)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	must(t, err)
	go hs.Serve(ln)
	t.Cleanup(func() { hs.Close() })

	c, err := net.Dial("tcp", ln.Addr().String())
	must(t, err)
	defer c.Close()
	_, err = io.WriteString(c, "GET /missing HTTP/1.1\r\nHost: localhost\r\n\r\n")
	must(t, err)
	br := bufio.NewReader(c)
	resp, err := http.ReadResponse(br, nil)
	must(t, err)
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.Close {
		t.Fatal("the server did not keep the connection alive; nothing to test")
	}
	// Idle now: the server must hang up well before this deadline.
	must(t, c.SetReadDeadline(time.Now().Add(20*time.Second)))
	if _, err := br.ReadByte(); !errors.Is(err, io.EOF) {
		t.Fatalf("idle connection: got %v, want the server to close it (EOF)", err)
	}
}
