package scaffold

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/geul-blog/geul/pkg/config"
	"github.com/geul-blog/geul/pkg/content"
)

// TestSite: the new blog's config is valid with no unknown key, its first
// post parses and is published (not a draft), and nothing is overwritten.
func TestSite(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "내 블로그")
	files, err := Site(dir, `따옴표 " 블로그`, time.Date(2024, 6, 1, 9, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 4 {
		t.Errorf("wrote %q", files)
	}
	src, _ := os.ReadFile(filepath.Join(dir, "config.toml"))
	cfg, err := config.Parse("config.toml", src)
	if err != nil || len(cfg.Warnings) > 0 || cfg.Title != `따옴표 " 블로그` || cfg.SlugStyle != "hangul" {
		t.Fatalf("config: %v, %+v", err, cfg)
	}
	post, _ := os.ReadFile(filepath.Join(dir, FirstPost))
	p, err := content.Parse(post, content.ParseOptions{File: FirstPost, Location: cfg.Location})
	if err != nil || p.Draft || p.Title != "첫 글" {
		t.Fatalf("first post: %v, %+v", err, p)
	}
	if _, err := Site(dir, "t", time.Now()); err == nil || !strings.Contains(err.Error(), "not empty") {
		t.Errorf("second Site into the same folder: %v", err)
	}
}
