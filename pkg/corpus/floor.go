package corpus

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/yuin/goldmark"
	highlighting "github.com/yuin/goldmark-highlighting/v2"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer/html"
)

// Floor reads every Markdown file under dir/content, drops its front
// matter and renders the body with goldmark (GFM, automatic heading IDs,
// raw HTML kept) and chroma highlighting with CSS classes, on all cores.
// It writes nothing and returns how many files it rendered.
//
// This is the least any generator built on goldmark must do for the same
// posts: no templates, lists, taxonomies, feeds or files written. It is
// the same work as the peer benchmark's floor program (which also writes
// each body to a file).
func Floor(ctx context.Context, dir string) (int, error) {
	var files []string
	root := filepath.Join(dir, "content")
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.EqualFold(filepath.Ext(p), ".md") {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("corpus: floor: %w", err)
	}
	// A goldmark.Markdown is safe for concurrent use (goldmark issue #182;
	// goldmark-highlighting without a CSS writer keeps no state), so the
	// workers share one, as geul shares its renderer.
	md := newFloorMarkdown()
	err = eachIndex(ctx, len(files), func(i int) error {
		src, err := os.ReadFile(files[i])
		if err != nil {
			return err
		}
		if err := md.Convert(body(src), io.Discard); err != nil {
			return fmt.Errorf("%s: %w", files[i], err)
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return len(files), nil
}

func newFloorMarkdown() goldmark.Markdown {
	return goldmark.New(
		goldmark.WithExtensions(
			extension.GFM,
			highlighting.NewHighlighting(
				highlighting.WithStyle("github"),
				highlighting.WithFormatOptions(chromahtml.WithClasses(true)),
			),
		),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
		goldmark.WithRendererOptions(html.WithUnsafe()),
	)
}

// body returns src without its front matter: TOML between "+++" lines or
// YAML between "---" lines at the top. Without a closing fence the whole
// file is the body.
func body(src []byte) []byte {
	for _, fence := range []string{"+++", "---"} {
		rest, ok := bytes.CutPrefix(src, []byte(fence+"\n"))
		if !ok {
			continue
		}
		if bytes.HasPrefix(rest, []byte(fence+"\n")) {
			return rest[len(fence)+1:]
		}
		if _, after, ok := bytes.Cut(rest, []byte("\n"+fence+"\n")); ok {
			return after
		}
	}
	return src
}
