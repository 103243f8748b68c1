package server

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/jpeg"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/geul-blog/geul/pkg/site"
	"github.com/geul-blog/geul/pkg/sitetest"
)

// TestPhotoCopiesShownOnceMade: as geul serve runs it, the first build
// shows a photo as it is (its copies are made in the background) and,
// with no file touched, a build once they are made shows them.
func TestPhotoCopiesShownOnceMade(t *testing.T) {
	dir := sitetest.Dir(t, "-- content/posts/봄/index.md --\n+++\ntitle = \"봄 🌸\"\ndate = 2024-05-01\n+++\n![벚꽃](a.jpg)\n")
	img := image.NewRGBA(image.Rect(0, 0, 1200, 900))
	for y := 0; y < 900; y++ {
		for x := 0; x < 1200; x++ {
			img.Set(x, y, color.RGBA{uint8(x / 5), uint8(y / 4), 80, 255})
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "content", "posts", "봄", "a.jpg"), buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	var s *Server
	b := site.NewBuilder(dir, site.WithClock(sitetest.Clock), site.WithImages("", true),
		site.WithImagesReady(func(paths []string) { s.Changed(paths...) }))
	s = New(b, dir, WithDebounce(20*time.Millisecond))
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Run: %v", err)
		}
	})
	<-s.Ready()
	page := func() string {
		out := s.cur.Load().out
		if out == nil {
			t.Fatalf("no build: %v", s.cur.Load().errs)
		}
		html, _ := out.Get("posts/봄/index.html")
		return string(html)
	}
	if first := page(); !strings.Contains(first, `<img src="a.jpg" alt="벚꽃" width="1200" height="900">`) {
		t.Fatalf("the first build does not show the original:\n%s", first)
	}
	waitFor(t, "the page to show the photo's copies", time.Minute, func() bool {
		return strings.Contains(page(), `srcset="a.480w.jpg 480w, a.960w.jpg 960w, a.jpg 1200w"`)
	})
	if small, ok := s.cur.Load().out.Get("posts/봄/a.480w.jpg"); !ok || len(small) == 0 {
		t.Error("a.480w.jpg is not served once the page shows it")
	}
}
