package webcheck

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// knownBad is a page with errors that vnu must report: if it reports none,
// vnu did not really check anything and the clean result means nothing.
const knownBad = `<!DOCTYPE html><html lang="ko"><head><title>틀림</title></head>
<body><p><div>블록</div></p><img src="a.png"></body></html>`

// TestNuHTMLChecker runs the Nu Html Checker over every HTML page, the CSS
// and the SVG of the example blog, in one JVM, and wants no errors.
func TestNuHTMLChecker(t *testing.T) {
	tools := FindTools(root)
	need(t, tools.NeedVNU())
	t.Parallel()
	public := buildExample(t)

	pages := filesWith(t, public, ".html")
	for _, want := range []string{"index.html", "404.html", "archive/index.html", "posts/2024-04-retrospective/index.html", "search/index.html"} {
		if !slices.Contains(pages, want) {
			t.Fatalf("the build has no %s; pages: %q", want, pages)
		}
	}
	var files []string
	for _, p := range append(pages, filesWith(t, public, ".css", ".svg")...) {
		files = append(files, filepath.Join(public, filepath.FromSlash(p)))
	}
	bad := filepath.Join(t.TempDir(), "known-bad.html")
	if err := os.WriteFile(bad, []byte(knownBad), 0o644); err != nil {
		t.Fatal(err)
	}

	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	start := time.Now()
	msgs, err := CheckHTML(ctx, tools.Java, tools.VNUJar, append(files, bad))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("vnu checked %d files in %v", len(files)+1, time.Since(start).Round(time.Millisecond))

	badSeen := false
	for _, m := range msgs {
		if m.File() == bad {
			badSeen = true
			continue
		}
		t.Errorf("%s", strings.ReplaceAll(m.String(), public+string(filepath.Separator), "public/"))
	}
	if !badSeen {
		t.Errorf("vnu reported nothing for the known-bad page %s: is it checking at all? messages: %v", bad, msgs)
	}
}
