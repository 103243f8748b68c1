package importer

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/net/html"
	"golang.org/x/tools/txtar"

	"github.com/geul-blog/geul/pkg/testkit"
)

// TestConstructs converts one construct of one source at a time:
// testdata/constructs/<source>-<construct>.txtar holds the source text as
// "in" and the Markdown geul gets as "want", with the problems reported
// as "problems". go test -update rewrites want and problems.
func TestConstructs(t *testing.T) {
	files, _ := filepath.Glob("testdata/constructs/*.txtar")
	if len(files) == 0 {
		t.Fatal("no construct cases")
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".txtar")
		t.Run(name, func(t *testing.T) {
			ar, err := txtar.ParseFile(f)
			if err != nil {
				t.Fatal(err)
			}
			in := section(ar, "in")
			got, probs := convertConstruct(t, strings.SplitN(name, "-", 2)[0], in)
			if testkit.Update() {
				ar.Files = []txtar.File{{Name: "in", Data: []byte(in)}, {Name: "want", Data: []byte(got)}}
				if probs != "" {
					ar.Files = append(ar.Files, txtar.File{Name: "problems", Data: []byte(probs)})
				}
				if err := os.WriteFile(f, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if want := section(ar, "want"); got != want {
				t.Errorf("got:\n%s\nwant:\n%s", got, want)
			}
			if want := section(ar, "problems"); probs != want {
				t.Errorf("problems:\n%s\nwant:\n%s", probs, want)
			}
		})
	}
}

func section(ar *txtar.Archive, name string) string {
	for _, f := range ar.Files {
		if f.Name == name {
			return string(f.Data)
		}
	}
	return ""
}

// convertConstruct turns in, the body of one post of the source kind,
// into Markdown as an import does, and lists the problems it reported.
func convertConstruct(t *testing.T, kind, in string) (string, string) {
	b := &blog{}
	p := &post{source: "post", bodyLine: 1, body: in, title: "제목"}
	switch kind {
	case "tistory":
		doc, err := html.Parse(strings.NewReader("<div class=contents_style>" + in + "</div>"))
		if err != nil {
			t.Fatal(err)
		}
		fsys := fstest.MapFS{"1/img/img.png": {Data: []byte("png")}, "1/img/사진.jpg": {Data: []byte("jpg")}}
		c := &tistoryConverter{fsys: fsys, dir: "1", post: p, problem: func(format string, args ...any) {
			b.problems = append(b.problems, Problem{Path: "post", Msg: sprintf(format, args...)})
		}}
		p.body, err = c.convert(find(doc, byClass("contents_style")))
		if err != nil {
			t.Fatal(err)
		}
	case "jekyll":
		p.body = embedsToShortcodes(jekyllLiquid(b)(p))
	case "hexo":
		p.files = []file{{name: "diagram.png"}}
		b.posts = []*post{p, {title: "다른 글", refs: []string{"other"}}}
		p.body = embedsToShortcodes(hexoTags(b, p))
	default:
		t.Fatalf("unknown source %q", kind)
	}
	var probs bytes.Buffer
	for _, pr := range b.problems {
		probs.WriteString(pr.String() + "\n")
	}
	return strings.TrimSpace(squeezeBlankLines(p.body)) + "\n", probs.String()
}
