package content

import (
	"bytes"
	"errors"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/geul-blog/geul/pkg/diag"
)

// FuzzParse checks that Parse never panics, that every error it returns is
// a *diag.Error at a line of the file, and that a parsed body is clean LF
// UTF-8 text. Seeds are in testdata/fuzz/FuzzParse.
func FuzzParse(f *testing.F) {
	f.Add([]byte("+++\ntitle = \"가\"\ndate = 2024-05-31\n+++\n## [휴식 ⏸️]\n"))
	f.Add([]byte("---\ntitle: 가\ntags: [a, b]\n---\n🏃‍♂️\n"))
	loc := time.FixedZone("KST", 9*60*60)
	f.Fuzz(func(t *testing.T, src []byte) {
		p, err := Parse(src, ParseOptions{File: "content/f.md", Location: loc})
		if err != nil {
			var d *diag.Error
			if !errors.As(err, &d) {
				t.Fatalf("%T is not a *diag.Error: %v", err, err)
			}
			if d.Path != "content/f.md" || d.Line < 1 || d.Line > bytes.Count(src, []byte("\n"))+bytes.Count(src, []byte("\r"))+1 {
				t.Fatalf("error at a line not in the file: %v", err)
			}
			return
		}
		if !utf8.Valid(p.Body) || bytes.ContainsRune(p.Body, '\r') || bytes.HasPrefix(p.Body, []byte(bom)) {
			t.Fatalf("body not clean: %q", p.Body)
		}
		if p.BodyLine < 1 || p.Params == nil {
			t.Fatalf("BodyLine %d, Params %v", p.BodyLine, p.Params)
		}
	})
}

func BenchmarkParse(b *testing.B) {
	body := bytes.Repeat([]byte("## [서버 장애 🧯]\n\nAWS의 EKS에서 CoreDNS 파드가 스팟 인스턴스와 함께 사라졌다. 👍\n\n"), 40)
	srcs := map[string][]byte{
		"toml": append([]byte("+++\ntitle = \"[5월 회고] 달렸다 🏃‍♂️\"\ndate = 2024-05-31T21:30:00+09:00\n"+
			"categories = [\"생각\"]\ntags = [\"회고\", \"AWS\"]\n+++\n"), body...),
		"yaml": append([]byte("---\ntitle: \"[5월 회고] 달렸다 🏃‍♂️\"\ndate: 2024-05-31 21:30\n"+
			"categories: [생각]\ntags: [회고, AWS]\n---\n"), body...),
	}
	for name, src := range srcs {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			for b.Loop() {
				if _, err := Parse(src, ParseOptions{File: "a.md", Location: time.UTC}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
