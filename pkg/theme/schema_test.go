package theme

import (
	"bytes"
	"testing"
	"testing/fstest"
	"time"

	"github.com/geul-blog/geul/pkg/content"
)

// byTemplate is the JSON-LD the default theme built with dict, merge and
// jsonify before jsonLD: jsonLD must give the same bytes.
const byTemplate = `{{- with .Page }}
{{- $modified := .Date }}{{ if not .Lastmod.IsZero }}{{ $modified = .Lastmod }}{{ end }}
{{- $ld := dict "@context" "https://schema.org" "@type" "BlogPosting" "headline" .Title "url" .Permalink "mainEntityOfPage" (dict "@type" "WebPage" "@id" .Permalink) "inLanguage" (or $.Site.LanguageCode "ko") "publisher" (dict "@type" "Organization" "name" $.Site.Title "url" $.Site.BaseURL) }}
{{- if not .Date.IsZero }}{{ $ld = merge $ld (dict "datePublished" (isoDate .Date) "dateModified" (isoDate $modified)) }}{{ end }}
{{- with $.Description }}{{ $ld = merge $ld (dict "description" .) }}{{ end }}
{{- with $.Site.Author }}{{ $ld = merge $ld (dict "author" (dict "@type" "Person" "name" .)) }}{{ end }}
{{- with .CoverURL }}{{ $ld = merge $ld (dict "image" (absURL .)) }}{{ end }}
{{- with .Tags }}{{ $ld = merge $ld (dict "keywords" .) }}{{ end }}
{{- with .Categories }}{{ $ld = merge $ld (dict "articleSection" (index . 0)) }}{{ end }}
{{- if .WordCount }}{{ $ld = merge $ld (dict "wordCount" .WordCount) }}{{ end }}
<script type="application/ld+json">{{ jsonify $ld }}</script>
{{- end }}`

func TestJSONLDAsTemplate(t *testing.T) {
	f := newFixture()
	site := fstest.MapFS{
		"layouts/page.html": {Data: []byte(byTemplate)},
		"layouts/post.html": {Data: []byte(`{{ with .Page }}` + "\n" + `<script type="application/ld+json">{{ jsonLD $ }}</script>{{ end }}`)},
	}
	th := mustLoad(t, site, "default", WithBaseURL("https://example.org/blog/"))
	bare := &content.Page{Title: `"따옴표" & <태그> ✍️`, Permalink: "https://example.org/blog/posts/bare/"}
	bare.SetRendered(&content.Rendered{})
	undated := *f.posts[0]
	undated.Date = time.Time{}
	anonymous := *f.site
	anonymous.Author, anonymous.LanguageCode = "", ""
	tests := []struct {
		name string
		page *content.Page
		site *content.Site
		desc string
	}{
		{"cover, lastmod, description", f.posts[1], f.site, f.posts[1].Description},
		{"one tag", f.posts[0], f.site, ""},
		{"nothing optional", bare, &anonymous, ""},
		{"no date", &undated, f.site, "설명 </script>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := &content.View{Kind: "post", Site: tt.site, Page: tt.page, Description: tt.desc}
			var want, got bytes.Buffer
			if err := th.Execute(&want, "page", v); err != nil {
				t.Fatal(err)
			}
			if err := th.Execute(&got, "post", v); err != nil {
				t.Fatal(err)
			}
			if got.String() != want.String() {
				t.Errorf("jsonLD:\n%s\ndict, merge and jsonify:\n%s", got.String(), want.String())
			}
			if !bytes.Contains(got.Bytes(), []byte(`"@type":"BlogPosting"`)) {
				t.Errorf("no BlogPosting in %s", got.String())
			}
		})
	}
}
