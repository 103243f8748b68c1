package markdown

import (
	"bytes"
	"os"
	"testing"

	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/yuin/goldmark"
	highlighting "github.com/yuin/goldmark-highlighting/v2"
	"github.com/yuin/goldmark/extension"
)

// benchPost is a realistic Korean post: emoji headings, lists, a table, a
// quote, footnotes and code blocks in three languages.
func benchPost(b *testing.B) []byte {
	src, err := os.ReadFile("testdata/render/retro.md")
	if err != nil {
		b.Fatal(err)
	}
	return src
}

// BenchmarkRender measures geul's Render: parse, one walk, render.
func BenchmarkRender(b *testing.B) {
	src := benchPost(b)
	r := New()
	ctx := Context{File: "content/posts/retro.md", LineOffset: 5, ResolveLink: resolveAll}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := r.Render(src, ctx); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBaseline is plain goldmark with GFM, footnotes and
// goldmark-highlighting using classes: what Render is compared with.
func BenchmarkBaseline(b *testing.B) {
	src := benchPost(b)
	md := goldmark.New(goldmark.WithExtensions(
		extension.GFM, extension.Footnote, extension.DefinitionList,
		highlighting.NewHighlighting(highlighting.WithFormatOptions(chromahtml.WithClasses(true))),
	))
	var buf bytes.Buffer
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if err := md.Convert(src, &buf); err != nil {
			b.Fatal(err)
		}
	}
}
