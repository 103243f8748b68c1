package site_test

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/geul-blog/geul/pkg/site"
	"github.com/geul-blog/geul/pkg/sitetest"
)

// TestMessagesNameTheSource checks that a file name holding an escape
// sequence or a newline is quoted: it was printed raw, and recoloured the
// terminal or split the one-problem-a-line output. (A slug too long for a
// folder name is TestOneOwnerPerURL's.)
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
	_, err := site.NewBuilder(".", site.WithFS(fsys), site.WithClock(sitetest.Clock)).Build(context.Background())
	if err == nil {
		t.Fatal("built without an error")
	}
	want := []string{
		`"content/posts/\x1b[31m빨강\n.md":2: title must be a string; put it in quotes: title = "…"`,
	}
	got := err.Error()
	for _, w := range want {
		if !strings.Contains(got, w) {
			t.Errorf("missing %s\nin %s", w, got)
		}
	}
	if strings.ContainsRune(got, '\x1b') || strings.Count(got, "\n") != 0 {
		t.Errorf("raw escape or extra line in %q", got)
	}
}
