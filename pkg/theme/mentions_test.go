package theme

import (
	"html/template"
	"testing"
	"testing/fstest"
)

func TestMentions(t *testing.T) {
	site := fstest.MapFS{
		"layouts/baseof.html":          {Data: []byte(`<main>{{ block "main" . }}{{ end }}</main>{{ template "partials/footer.html" . }}`)},
		"layouts/post.html":            {Data: []byte(`{{ define "main" }}{{ .Page.Title }}{{ end }}`)},
		"layouts/404.html":             {Data: []byte(`{{ define "main" }}{{ $s := .Site }}{{ range first 3 $s.Posts }}{{ .Title }}{{ end }}{{ end }}`)},
		"layouts/home.html":            {Data: []byte(`{{ define "main" }}{{ template "partials/recent.html" . }}{{ end }}`)},
		"layouts/partials/footer.html": {Data: []byte(`{{ with .Site }}{{ .Title }}{{ end }}`)},
		"layouts/partials/recent.html": {Data: []byte(`{{ range (.Site).Posts }}{{ .Title }}{{ end }}`)},
	}
	th, err := Load(site, "default", WithFuncs(template.FuncMap{"first": func(n int, v any) any { return v }}))
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		layout string
		want   bool
	}{{"post", false}, {"404", true}, {"home", true}} {
		if got := th.Mentions(tt.layout, "Posts"); got != tt.want {
			t.Errorf("Mentions(%s, Posts) = %v, want %v", tt.layout, got, tt.want)
		}
	}
	if !th.Mentions("post", "Title") {
		t.Error("post mentions Title through the footer partial")
	}
}

func TestMentionsWithin(t *testing.T) {
	site := fstest.MapFS{
		"layouts/baseof.html":          {Data: []byte(`{{ range .Site.Categories.Terms }}{{ .Name }} {{ .Count }}{{ end }}{{ block "main" . }}{{ end }}`)},
		"layouts/home.html":            {Data: []byte(`{{ define "main" }}{{ with .Paginator }}{{ range .Pages }}{{ .Title }}{{ end }}{{ end }}{{ end }}`)},
		"layouts/term.html":            {Data: []byte(`{{ define "main" }}{{ range .Site.Tags.Terms }}{{ template "partials/latest.html" . }}{{ end }}{{ end }}`)},
		"layouts/archive.html":         {Data: []byte(`{{ define "main" }}{{ (index .Site.Tags.Terms 0).Pages }}{{ end }}`)},
		"layouts/section.html":         {Data: []byte(`{{ define "main" }}{{ template "partials/latest.html" .Site.Categories.Terms }}{{ end }}`)},
		"layouts/partials/latest.html": {Data: []byte(`{{ range .Pages }}{{ .Title }}{{ end }}`)},
		// Through variables: $cats holds the terms, $t one of them.
		"layouts/page.html": {Data: []byte(`{{ define "main" }}{{ $cats := "" }}{{ with .Site.Categories }}{{ $cats = .Terms }}{{ end }}` +
			`{{ range $i, $t := $cats }}{{ range $t.Pages }}{{ .Title }}{{ end }}{{ end }}{{ end }}`)},
		"layouts/404.html": {Data: []byte(`{{ define "main" }}{{ $s := .Site.Tags }}{{ $u := $s }}{{ with $u }}{{ range .Terms }}{{ len .Pages }}{{ end }}{{ end }}{{ end }}`)},
		// A variable that never holds terms does not count.
		"layouts/post.html": {Data: []byte(`{{ define "main" }}{{ $p := .Paginator }}{{ range $p.Pages }}{{ .Title }}{{ end }}{{ end }}`)},
	}
	th, err := Load(site, "default")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		layout string
		want   bool
	}{{"home", false}, {"term", true}, {"archive", true}, {"section", true}, {"page", true}, {"404", true}, {"post", false}} {
		if got := th.MentionsWithin(tt.layout, "Terms", "Pages"); got != tt.want {
			t.Errorf("MentionsWithin(%s, Terms, Pages) = %v, want %v", tt.layout, got, tt.want)
		}
		if !th.Mentions(tt.layout, "Terms") {
			t.Errorf("Mentions(%s, Terms) = false", tt.layout)
		}
	}
}
