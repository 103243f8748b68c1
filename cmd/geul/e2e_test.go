package main

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/geul-blog/geul/pkg/cli"
	"github.com/geul-blog/geul/pkg/sitetest"
)

// TestExampleBlog builds this repository's own example blog with the real
// CLI and checks that every internal link and #anchor in it resolves, and
// that the feeds and sitemap are well-formed XML.
func TestExampleBlog(t *testing.T) {
	for _, minify := range []bool{false, true} {
		t.Run(fmt.Sprintf("minify=%v", minify), func(t *testing.T) {
			dest := filepath.Join(t.TempDir(), "public")
			args := []string{"build", "--source", "../..", "--destination", dest, "--no-cache"}
			if minify {
				args = append(args, "--minify")
			}
			var stdout, stderr bytes.Buffer
			if code := cli.Run(context.Background(), args, &stdout, &stderr); code != 0 {
				t.Fatalf("geul build exited %d:\n%s", code, stderr.String())
			}
			if !strings.HasPrefix(stdout.String(), "built ") {
				t.Errorf("stdout = %q", stdout.String())
			}
			checkSite(t, dest, "/")
			// The theme's CSS and JS are linked by content-hashed names.
			home, _ := os.ReadFile(filepath.Join(dest, "index.html"))
			if !regexp.MustCompile(`href="?/css/style\.[0-9a-f]{8}\.css"?`).Match(home) {
				t.Errorf("home page does not link a fingerprinted style.css")
			}
			if minify && bytes.Contains(home, []byte("\n\n")) {
				t.Errorf("minified home page still has blank lines")
			}
		})
	}
}

// checkSite checks a built site on disk; base is the path of its baseURL.
func checkSite(t *testing.T, dir, base string) {
	t.Helper()
	ids := map[string]map[string]bool{} // file → ids in it
	type ref struct{ from, target string }
	var refs []ref
	htmlFiles := 0
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		switch path.Ext(rel) {
		case ".xml":
			if err := xml.Unmarshal(data, new(struct{})); err != nil {
				t.Errorf("%s is not well-formed XML: %v", rel, err)
			}
		case ".html":
			htmlFiles++
			fileIDs := map[string]bool{}
			ids[rel] = fileIDs
			z := html.NewTokenizer(bytes.NewReader(data))
			for {
				tt := z.Next()
				if tt == html.ErrorToken {
					break
				}
				if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
					continue
				}
				tok := z.Token()
				for _, a := range tok.Attr {
					switch {
					case a.Key == "id":
						if fileIDs[a.Val] {
							t.Errorf("%s: duplicate id %q", rel, a.Val)
						}
						fileIDs[a.Val] = true
					case (a.Key == "href" && tok.Data != "base") || a.Key == "src":
						refs = append(refs, ref{rel, a.Val})
					}
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if htmlFiles < 5 {
		t.Fatalf("only %d HTML files in %s", htmlFiles, dir)
	}
	checked := 0
	for _, r := range refs {
		u, err := url.Parse(r.target)
		if err != nil {
			t.Errorf("%s: bad URL %q", r.from, r.target)
			continue
		}
		if u.Scheme != "" || u.Host != "" {
			continue // external, or an absolute URL to the site (checked via sitemap tests)
		}
		var file string
		switch {
		case u.Path == "":
			file = r.from
		case strings.HasPrefix(u.Path, "/"):
			if !strings.HasPrefix(u.Path, base) {
				t.Errorf("%s: link %q is outside the site's base %s", r.from, r.target, base)
				continue
			}
			file = strings.TrimPrefix(u.Path, base)
		default:
			file = path.Join(path.Dir(r.from), u.Path)
			if strings.HasSuffix(u.Path, "/") {
				file += "/"
			}
		}
		if file == "" || strings.HasSuffix(file, "/") {
			file += "index.html"
		}
		if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(file))); err != nil {
			t.Errorf("%s: link %q: no file %s", r.from, r.target, file)
			continue
		}
		if u.Fragment != "" && path.Ext(file) == ".html" && !ids[file][u.Fragment] {
			t.Errorf("%s: link %q: %s has no id %q", r.from, r.target, file, u.Fragment)
		}
		checked++
	}
	if checked == 0 {
		t.Error("no internal links checked")
	}
}

// TestTempSite builds a temporary site published under a sub-path with the
// real CLI: links must carry the sub-path and all resolve; drafts and
// future posts stay out.
func TestTempSite(t *testing.T) {
	dir := sitetest.Dir(t, strings.Replace(sitetest.Blog, `baseURL = "https://example.org/"`, `baseURL = "https://example.org/blog/"`, 1))
	var stdout, stderr bytes.Buffer
	if code := cli.Run(context.Background(), []string{"build", "--source", dir}, &stdout, &stderr); code != 0 {
		t.Fatalf("geul build exited %d:\n%s", code, stderr.String())
	}
	if want := "(1 draft skipped, 1 future post skipped)"; !strings.Contains(stdout.String(), want) {
		t.Errorf("stdout %q lacks %q", stdout.String(), want)
	}
	dest := filepath.Join(dir, "public")
	checkSite(t, dest, "/blog/")
	for _, gone := range []string{"posts/draft", "posts/future"} {
		if _, err := os.Stat(filepath.Join(dest, gone)); !os.IsNotExist(err) {
			t.Errorf("%s was published", gone)
		}
	}
}
