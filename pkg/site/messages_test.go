package site_test

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/geul-blog/geul/pkg/site"
	"github.com/geul-blog/geul/pkg/sitetest"
)

// TestMessagesNameTheSource checks two messages that used to mislead: a
// file name holding an escape sequence or a newline was printed raw (it
// recoloured the terminal, or split the one-problem-a-line output), and a
// slug too long for a folder name failed at the disk, naming no post.
func TestMessagesNameTheSource(t *testing.T) {
	fsys := sitetest.MapFS(`
-- config.toml --
title = "t"
-- content/posts/긴.md --
+++
title = "긴 슬러그"
slug = "` + strings.Repeat("가", 90) + `"
+++
본문
`)
	// txtar cannot name it: a newline ends the name.
	fsys["content/posts/\x1b[31m빨강\n.md"] = &fstest.MapFile{Data: []byte("+++\ntitle = 1\n+++\n")}
	_, err := site.NewBuilder(".", site.WithFS(fsys), site.WithClock(sitetest.Clock)).Build(context.Background(), nil)
	if err == nil {
		t.Fatal("built without an error")
	}
	want := []string{
		`content/posts/긴.md:3: slug is 270 bytes long, more than the 255 a folder name may hold; shorten it (a Hangul syllable takes 3 bytes, so at most 85 of them)`,
		`"content/posts/\x1b[31m빨강\n.md":2: title must be a string; put it in quotes: title = "…"`,
	}
	got := err.Error()
	for _, w := range want {
		if !strings.Contains(got, w) {
			t.Errorf("missing %s\nin %s", w, got)
		}
	}
	if strings.ContainsRune(got, '\x1b') || strings.Count(got, "\n") != 1 {
		t.Errorf("raw escape or extra line in %q", got)
	}
}
