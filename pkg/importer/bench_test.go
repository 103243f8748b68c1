package importer

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeBackup writes a Tistory backup of n posts, each with two images,
// a code block, a fold and a link to the post before it.
func writeBackup(b testing.TB, dir string, n int) {
	b.Helper()
	png := []byte("\x89PNG\r\n\x1a\n" + strings.Repeat("x", 20_000))
	for i := 1; i <= n; i++ {
		d := filepath.Join(dir, fmt.Sprint(i))
		if err := os.MkdirAll(filepath.Join(d, "img"), 0o755); err != nil {
			b.Fatal(err)
		}
		body := fmt.Sprintf(`<p data-ke-size="size16">%d번째 글의 첫 문단이다. <a href="https://bench.tistory.com/%d">앞 글</a>을 보라.</p>
<h2 data-ke-size="size26">소제목 %d</h2>
<p><figure class="imageblock"><span><img src="./img/img.png"></span><figcaption>그림 %d</figcaption></figure></p>
<p><figure class="imageblock"><span><img src="./img/img_1.png"></span></figure></p>
<pre data-ke-language="go" data-ke-type="codeblock"><code>func main() { println(%d) }</code></pre>
<div data-ke-type="moreLess" data-text-more="더보기"><a class="btn-toggle-moreless">더보기</a><div class="moreless-content"><p>접힌 글 %d</p></div></div>
<p data-ke-size="size16">%s</p>`, i, i-1, i, i, i, i, strings.Repeat("긴 본문을 채우는 문장이다. ", 40))
		page := fmt.Sprintf(`<html><body><div class="article-header"><p class="category">분류/하위</p><h2 class="title-article">벤치마크 글 %d</h2><p class="date">2024-01-02 03:04:05</p></div><div class="article-view"><div class="contents_style">%s</div><div class="tags">#태그%d #공통</div></div></body></html>`, i, body, i%50)
		if err := os.WriteFile(filepath.Join(d, fmt.Sprintf("%d-벤치마크-글-%d.html", i, i)), []byte(page), 0o644); err != nil {
			b.Fatal(err)
		}
		for _, img := range []string{"img.png", "img_1.png"} {
			if err := os.WriteFile(filepath.Join(d, "img", img), png, 0o644); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkTistory1000 imports 1,000 posts with two images each into a new
// site: the whole run, reading, converting and writing.
func BenchmarkTistory1000(b *testing.B) {
	src := b.TempDir()
	writeBackup(b, src, 1000)
	b.ResetTimer()
	for range b.N {
		into := filepath.Join(b.TempDir(), "site")
		rep, err := Run(context.Background(), Options{Source: "tistory", From: src, Into: into})
		if err != nil {
			b.Fatal(err)
		}
		if rep.Posts != 1000 || rep.Images != 2000 || rep.LinksRewritten != 999 {
			b.Fatalf("imported %d posts, %d images, %d links; want 1000, 2000, 999", rep.Posts, rep.Images, rep.LinksRewritten)
		}
	}
}
