package site_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/geul-blog/geul/pkg/diag"
	"github.com/geul-blog/geul/pkg/sitetest"
)

// shortcodeSite uses the site's own shortcode templates (HTML and
// Markdown), the built-ins, ref and relref, and render hooks.
const shortcodeSite = `
-- config.toml --
baseURL = "https://example.org/"
title = "짧은 코드 🧩"
languageCode = "ko"
[params]
author = "김글"
[params.social]
Mastodon = "@geul@example.org"
-- layouts/shortcodes/note.html --
<aside class="note" data-name="{{ .Name }}" data-pos="{{ .Position }}" data-ord="{{ .Ordinal }}">{{ .Get "kind" | default "정보" }}: {{ .Inner | .Page.RenderString }} — {{ .Page.Title }} / {{ .Site.Title }} / {{ .Site.Params.author }}{{ with .Parent }} in {{ .Name }}{{ end }}</aside>
-- layouts/shortcodes/md.html --
<span>{{ .Inner | markdownify }}</span>
-- layouts/shortcodes/pos.html --
{{ .Get 0 }}+{{ .Get 1 }} named={{ .IsNamedParams }} n={{ len .Params }}
-- layouts/shortcodes/box.md --
> **{{ .Get "title" }}**
>
> {{ trim .InnerDeindent "\n" }}
-- content/posts/a.md --
+++
title = "가 글"
date = 2024-01-01
+++
{{< note kind="팁" >}}*강조* {{< pos 1 "둘" >}}{{< /note >}}

{{% box title="상자" %}}
    들여 쓴 본문 🧯
{{% /box %}}

[다음 글]({{< relref "b.md" >}}), [절대]({{< ref "/posts/b.md#끝" >}})

{{< youtube dQw4w9WgXcQ >}}

{{< md >}}*기울임*{{< /md >}}

연락: {{< param "social.mastodon" >}}, {{< param "Author" >}}

` + "```" + `
{{< note >}}코드 안은 그대로{{< /note >}}
` + "```" + `
-- content/posts/b.md --
+++
title = "나 글"
date = 2024-01-02
+++
그냥 글 [링크](a.md).

## 끝
`

func TestShortcodesInASite(t *testing.T) {
	s := sitetest.Build(t, shortcodeSite)
	s.Contains(t, "posts/a/index.html",
		`<aside class="note" data-name="note" data-pos="content/posts/a.md:5:1" data-ord="0">팁: <em>강조</em> 1+둘 named=false n=2`+"\n"+` — 가 글 / 짧은 코드 🧩 / 김글</aside>`,
		"<blockquote>\n<p><strong>상자</strong></p>\n<p>들여 쓴 본문 🧯</p>\n</blockquote>",
		`<a href="/posts/b/">다음 글</a>`,
		`<a href="https://example.org/posts/b/#끝">절대</a>`,
		`<iframe src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"`,
		"<span><em>기울임</em></span>",
		"<p>연락: @geul@example.org, 김글</p>",
		"{{&lt; note &gt;}}코드 안은 그대로{{&lt; /note &gt;}}")
}

func TestShortcodeErrorsInASite(t *testing.T) {
	tests := []struct{ name, body, want string }{
		{"unknown", "글\n\n{{< chart >}}", `content/posts/a.md:7: unknown shortcode "chart"; add layouts/shortcodes/chart.html`},
		{"missing ref", "[x]({{< ref \"없는.md\" >}})", `content/posts/a.md:5: ref "없는.md": no such page`},
		{"template needs a closing tag", "{{< note >}}", `content/posts/a.md:5: shortcode "note" is not closed`},
		{"inner text the template would lose", "{{< plain >}}글{{< /plain >}}", `content/posts/a.md:5: shortcode "plain" does not use .Inner`},
		{"template fails", "{{< bad >}}", `content/posts/a.md:5: shortcode "bad": layouts/shortcodes/bad.html:1:`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			archive := "-- layouts/shortcodes/note.html --\n{{ .Inner }}\n-- layouts/shortcodes/bad.html --\n{{ index .Params 5 }}\n" +
				"-- layouts/shortcodes/plain.html --\nx\n" +
				"-- content/posts/a.md --\n+++\ntitle = \"가\"\ndate = 2024-01-01\n+++\n" + tt.body + "\n"
			_, err := sitetest.BuildErr(archive)
			var l diag.List
			if !errors.As(err, &l) || len(l) == 0 || !strings.HasPrefix(l[0].Error(), tt.want) {
				t.Errorf("error %v, want one starting with %q", err, tt.want)
			}
		})
	}
}

func TestRenderHooks(t *testing.T) {
	s := sitetest.Build(t, `
-- layouts/_default/_markup/render-link.html --
<a href="{{ .Destination }}"{{ if strings.HasPrefix .Destination "http" }} rel="external"{{ end }}>{{ .Text }}</a>
-- layouts/_default/_markup/render-heading.html --
<h{{ .Level }} id="{{ .Anchor }}">§ {{ .Text }}</h{{ .Level }}>
-- layouts/_default/_markup/render-image.html --
<img src="{{ .Destination }}" alt="{{ .PlainText }}" loading="lazy">
-- layouts/_default/_markup/render-codeblock-mermaid.html --
<pre class="mermaid">{{ .Inner }}</pre>
-- content/posts/a.md --
+++
title = "가"
date = 2024-01-01
+++
## 서버 *장애* 🧯

[밖](https://example.org) 와 ![고양이 🐱](cat.png)

`+"```mermaid\ngraph TD; A-->B\n```"+`

`+"```go\nx := 1\n```"+`
-- content/posts/cat.png --
png
`)
	s.Contains(t, "posts/a/index.html",
		`<h2 id="서버-장애">§ 서버 <em>장애</em> 🧯</h2>`,
		`<a href="https://example.org" rel="external">밖</a>`,
		`<img src="/posts/cat.png" alt="고양이 🐱" loading="lazy">`, // resolved against the post, as geul publishes it
		`<pre class="mermaid">graph TD; A--&gt;B</pre>`,
		`<pre class="chroma" data-lang="go"`)
}

// TestShortcodeTemplateEditRerenders: a changed shortcode template gives
// the pages that use it their new output, in memory and from the build
// cache of an earlier process, as a clean build does.
func TestShortcodeTemplateEditRerenders(t *testing.T) {
	s := sitetest.Build(t, shortcodeSite)
	s.Edit("layouts/shortcodes/pos.html", `[바뀜 {{ .Get 1 }}]`).Rebuild(t)
	sameOutput(t, "after a shortcode edit", s.Output, s.Clean(t).Output)
	s.Contains(t, "posts/a/index.html", "[바뀜 둘]")

	// Across processes, through the build cache.
	dir := sitetest.Dir(t, shortcodeSite)
	dest := filepath.Join(t.TempDir(), "public")
	buildTo(t, dir, dest, true)
	if err := os.WriteFile(filepath.Join(dir, "layouts", "shortcodes", "pos.html"), []byte(`[또 바뀜]`), 0o644); err != nil {
		t.Fatal(err)
	}
	buildTo(t, dir, dest, true)
	if data, _ := os.ReadFile(filepath.Join(dest, "posts", "a", "index.html")); !strings.Contains(string(data), "[또 바뀜]") {
		t.Errorf("the build cache gave the page rendered with the old shortcode:\n%s", data)
	}
}

// TestSanitizerWarningsSurviveTheCache: a page taken from the build cache
// still warns about the raw HTML it lost.
func TestSanitizerWarningsSurviveTheCache(t *testing.T) {
	dir := sitetest.Dir(t, "-- config.toml --\nbaseURL = \"https://blog.example.kr/\"\n-- content/posts/a.md --\n+++\ntitle = \"가\"\ndate = 2024-01-01\n+++\n글\n\n<script>x()</script>\n")
	dest := filepath.Join(t.TempDir(), "public")
	for i := range 2 {
		res := buildTo(t, dir, dest, true)
		if len(res.Warnings) != 1 || !strings.HasPrefix(res.Warnings[0].Error(), "content/posts/a.md:7: raw HTML removed: <script>") {
			t.Errorf("build %d: warnings %v", i+1, res.Warnings)
		}
	}
}

// resourcesSite is a Hugo blog's figure and gallery shortcodes, which ask
// the page's bundle for its files.
const resourcesSite = `
-- config.toml --
baseURL = "https://example.org/blog/"
-- layouts/shortcodes/figure2.html --
{{ with .Page.Resources.GetMatch (.Get "src") }}<figure><img src="{{ .RelPermalink }}" data-abs="{{ .Permalink }}" data-name="{{ .Name }}" data-title="{{ .Title }}" data-type="{{ .ResourceType }}" data-mt="{{ .MediaType }}" data-main="{{ .MediaType.MainType }}"></figure>{{ else }}<p>없음 {{ .Get "src" }}</p>{{ end }}
-- layouts/shortcodes/gallery.html --
<div class="gallery">{{ range .Page.Resources.ByType "image" }}<img src="{{ (.Resize "300x").RelPermalink }}">{{ end }}</div> n={{ len (.Page.Resources.Match "사진/*") }}
-- content/posts/여행/index.md --
+++
title = "여행 🧳"
date = 2024-01-01
+++
{{< figure2 src="*표지*" >}}

{{< figure2 src="없는.png" >}}

{{< gallery >}}
-- content/posts/여행/사진/바다 1.JPG --
jpg
-- content/posts/여행/사진/산.webp --
webp
-- content/posts/여행/표지.png --
png
-- content/posts/여행/노트.pdf --
pdf
`

func TestShortcodeResources(t *testing.T) {
	s := sitetest.Build(t, resourcesSite)
	s.Contains(t, "posts/여행/index.html",
		`<figure><img src="/blog/posts/%ec%97%ac%ed%96%89/%ed%91%9c%ec%a7%80.png"`,
		`data-abs="https://example.org/blog/posts/%EC%97%AC%ED%96%89/%ED%91%9C%EC%A7%80.png" data-name="표지.png" data-title="표지.png" data-type="image" data-mt="image/png" data-main="image"></figure>`,
		"<p>없음 없는.png</p>",
		`<img src="/blog/posts/%ec%97%ac%ed%96%89/%ec%82%ac%ec%a7%84/%eb%b0%94%eb%8b%a4%201.JPG">`,
		`<img src="/blog/posts/%ec%97%ac%ed%96%89/%ec%82%ac%ec%a7%84/%ec%82%b0.webp">`,
		"</div> n=2")
	var msgs []string
	for _, w := range s.Result.Warnings {
		msgs = append(msgs, w.Error())
	}
	want := `content/posts/여행/index.md:9: shortcode "gallery": .Resize "300x" on 사진/바다 1.JPG: geul does not process images; the original image is used`
	if len(msgs) != 3 || !strings.Contains(strings.Join(msgs, "\n"), want) {
		t.Errorf("warnings:\n%s\nwant first:\n%s", strings.Join(msgs, "\n"), want)
	}
}

// TestShortcodeResourcesIncremental: a file added to a bundle reaches the
// shortcodes of its page in the next build, as in a clean one.
func TestShortcodeResourcesIncremental(t *testing.T) {
	s := sitetest.Build(t, resourcesSite)
	s.Edit("content/posts/여행/사진/강.png", "png").Rebuild(t)
	sameOutput(t, "after adding a bundle file", s.Output, s.Clean(t).Output)
	s.Contains(t, "posts/여행/index.html", "n=3")
}

// TestRenderHookResources: a Hugo render-image hook that looks the image
// up in the bundle and resizes it runs with the original, and warns at
// the image's line.
func TestRenderHookResources(t *testing.T) {
	s := sitetest.Build(t, `
-- config.toml --
baseURL = "https://example.org/"
-- layouts/_default/_markup/render-image.html --
{{ with .Page.Resources.GetMatch .Destination }}<img src="{{ (.Fit "800x600").RelPermalink }}" data-type="{{ .MediaType.SubType }}">{{ else }}<img src="{{ .Destination }}">{{ end }}
-- content/posts/산책/index.md --
+++
title = "산책"
date = 2024-01-01
+++
글

![길](길.PNG)
-- content/posts/산책/길.PNG --
png
`)
	s.Contains(t, "posts/산책/index.html", `<img src="/posts/%ec%82%b0%ec%b1%85/%ea%b8%b8.PNG" data-type="png">`)
	want := `content/posts/산책/index.md:7: render-image: .Fit "800x600" on 길.PNG: geul does not process images; the original image is used`
	if len(s.Warnings) != 1 || !strings.HasPrefix(s.Warnings[0].Error(), want) {
		t.Errorf("warnings %v\nwant %s", s.Warnings, want)
	}
}
