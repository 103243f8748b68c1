package content

import (
	"io/fs"
	"os"
	"path"
	"regexp"
	"strings"
	"testing"

	"github.com/geul-blog/geul/pkg/config"
)

// TestExampleBlog keeps the repository's own example blog (config.toml and
// content/ at the root) readable: every file parses, every post has what
// lists and the archive need, and relative links point at files that exist.
func TestExampleBlog(t *testing.T) {
	root := os.DirFS("../..")
	cfg, err := config.Load(root, config.FileName)
	if err != nil {
		t.Fatal(err)
	}
	if len(cfg.Warnings) > 0 {
		t.Errorf("config warnings: %v", cfg.Warnings)
	}
	link := regexp.MustCompile(`\]\(([^)\s]+)\)`)
	posts, drafts := 0, 0
	err = fs.WalkDir(root, "content", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || path.Ext(p) != ".md" {
			return err
		}
		src, err := fs.ReadFile(root, p)
		if err != nil {
			return err
		}
		page, err := Parse(src, ParseOptions{File: p, Location: cfg.Location})
		if err != nil {
			t.Error(err)
			return nil
		}
		if page.Title == "" {
			t.Errorf("%s: no title", p)
		}
		if strings.HasPrefix(p, "content/posts/") {
			posts++
			if page.Draft {
				drafts++
			}
			if page.Date.IsZero() || len(page.Categories) == 0 {
				t.Errorf("%s: a post needs a date and a category", p)
			}
		}
		targets := []string{page.Cover}
		for _, m := range link.FindAllStringSubmatch(string(page.Body), -1) {
			targets = append(targets, m[1])
		}
		for _, target := range targets {
			if target == "" || strings.Contains(target, "://") || strings.HasPrefix(target, "/") {
				continue
			}
			if _, err := fs.Stat(root, path.Join(path.Dir(p), target)); err != nil {
				t.Errorf("%s: link to %s: %v", p, target, err)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if published := posts - drafts; published <= cfg.Paginate || drafts == 0 {
		t.Errorf("%d published posts and %d drafts: want more than one page (paginate %d) and a draft",
			published, drafts, cfg.Paginate)
	}
}
