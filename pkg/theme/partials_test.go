package theme

import (
	"bytes"
	"maps"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/geul-blog/geul/pkg/content"
)

// TestPartialCached: partialCached renders a partial once per name and
// variants until ClearPartialCache, whatever the context, as Hugo's does;
// partial renders every time.
func TestPartialCached(t *testing.T) {
	f := newFixture()
	site := fstest.MapFS{
		"layouts/baseof.html": {Data: []byte(`{{ block "main" . }}{{ end }}`)},
		"layouts/list.html": {Data: []byte(`{{ define "main" }}` +
			`[{{ partialCached "partials/title.html" . }}]` +
			`[{{ partialCached "partials/title.html" . .Kind }}]` +
			`[{{ partialCached "partials/title.html" . .Kind 1 }}]` +
			`[{{ partial "partials/title.html" . }}]` +
			`{{ range .Site.Posts }}({{ partialCached "partials/post.html" . . }}){{ end }}|` +
			`{{ range .Site.Posts }}({{ partial "partials/post.html" . }}){{ end }}{{ end }}`)},
		"layouts/partials/title.html": {Data: []byte(`{{ .Kind }} {{ .URL }}`)},
		"layouts/partials/post.html":  {Data: []byte(`<a href="{{ .URL }}">{{ .Title }}</a>`)},
	}
	th := mustLoad(t, site, "default")
	render := func(kind string) string {
		t.Helper()
		var b bytes.Buffer
		if err := th.Execute(&b, kind, f.view(kind)); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	// Each post's entry, cached by the post, is what partial gives.
	check := func(kind, page string) string {
		t.Helper()
		head, posts, _ := strings.Cut(page, "(")
		cached, uncached, _ := strings.Cut("("+posts, "|")
		if cached != uncached || strings.Count(cached, "<a href=") != len(f.posts) {
			t.Errorf("%s: cached entries %s, uncached %s", kind, cached, uncached)
		}
		return head
	}
	if got, want := check("home", render("home")), "[home /blog/][home /blog/][home /blog/][home /blog/]"; got != want {
		t.Errorf("home: %s, want %s", got, want)
	}
	// Same name and no variants: the home page's rendering, not the section's.
	url := f.view("section").URL
	if got, want := check("section", render("section")), "[home /blog/][section "+url+"][section "+url+"][section "+url+"]"; got != want {
		t.Errorf("section: %s, want %s", got, want)
	}
	th.ClearPartialCache()
	if got := render("section"); !strings.HasPrefix(got, "[section "+url+"]") {
		t.Errorf("after ClearPartialCache: %s", got)
	}
}

func TestPartialErrors(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"missing", `{{ partial "partials/nope.html" . }}`, `no such template "partials/nope.html"`},
		{"variant not comparable", `{{ partialCached "partials/p.html" . .Site.Posts }}`, "cannot tell cached partials apart"},
		{"too many variants", `{{ partialCached "partials/p.html" . 1 2 3 4 5 }}`, "at most 4 variants"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			site := fstest.MapFS{
				"layouts/page.html":       {Data: []byte(tt.src)},
				"layouts/partials/p.html": {Data: []byte(`p`)},
			}
			th := mustLoad(t, site, "default")
			err := th.Execute(&bytes.Buffer{}, "page", newFixture().view("page"))
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), "layouts/page.html:1:") {
				t.Errorf("error %v, want layouts/page.html:1: … %s", err, tt.want)
			}
		})
	}
}

// TestMentionsThroughPartials: what a layout shows through partial or
// partialCached counts as shown, and a partial named at run time could
// show anything.
func TestMentionsThroughPartials(t *testing.T) {
	site := fstest.MapFS{
		"layouts/baseof.html":          {Data: []byte(`{{ block "main" . }}{{ end }}`)},
		"layouts/home.html":            {Data: []byte(`{{ define "main" }}{{ range .Paginator.Pages }}{{ partialCached "partials/item.html" . . }}{{ end }}{{ end }}`)},
		"layouts/post.html":            {Data: []byte(`{{ define "main" }}{{ partial "partials/item.html" .Page }}{{ end }}`)},
		"layouts/term.html":            {Data: []byte(`{{ define "main" }}{{ partialCached "partials/terms.html" .Site.Tags.Terms }}{{ end }}`)},
		"layouts/page.html":            {Data: []byte(`{{ define "main" }}{{ partial (printf "partials/%s.html" "item") . }}{{ end }}`)},
		"layouts/archive.html":         {Data: []byte(`{{ define "main" }}{{ .Title }}{{ end }}`)},
		"layouts/partials/item.html":   {Data: []byte(`{{ .Title }}{{ .Summary }}`)},
		"layouts/partials/terms.html":  {Data: []byte(`{{ range . }}{{ len .Pages }}{{ end }}`)},
		"layouts/partials/unused.html": {Data: []byte(`{{ .Site.Posts }}`)},
	}
	th := mustLoad(t, site, "default")
	for _, tt := range []struct {
		layout, outer, field string
		want                 bool
	}{
		{"home", "", "Summary", true},
		{"post", "", "Summary", true},
		{"archive", "", "Summary", false},
		{"page", "", "Summary", true},
		{"page", "", "Posts", true}, // named at run time: anything
		{"archive", "", "Posts", false},
		{"term", "Terms", "Pages", true},
		{"home", "Terms", "Pages", false},
	} {
		var got bool
		if tt.outer == "" {
			got = th.Mentions(tt.layout, tt.field)
		} else {
			got = th.MentionsWithin(tt.layout, tt.outer, tt.field)
		}
		if got != tt.want {
			t.Errorf("%s: mentions %s %s = %v, want %v", tt.layout, tt.outer, tt.field, got, tt.want)
		}
	}
}

// TestKeepPartials: a rebuild keeps only renderings of partials that show
// their page alone, rendered with that page as context and variant, for
// pages it finds unchanged.
func TestKeepPartials(t *testing.T) {
	f := newFixture()
	site := fstest.MapFS{
		"layouts/baseof.html": {Data: []byte(`{{ block "main" . }}{{ end }}`)},
		"layouts/list.html": {Data: []byte(`{{ define "main" }}{{ range .Site.Posts }}` +
			`[{{ partialCached "partials/title.html" . . }}]` + // page-local
			`[{{ partialCached "partials/nested.html" . . }}]` + // page-local, through a partial
			`[{{ partialCached "partials/next.html" . . }}]` + // shows a neighbour
			`[{{ partialCached "partials/asset.html" . . }}]` + // a static file's name
			`[{{ partialCached "partials/title.html" $ . }}]` + // the view as context
			`[{{ partialCached "partials/kind.html" . "x" }}]` + // no page variant
			`{{ end }}{{ end }}`)},
		"layouts/partials/title.html":  {Data: []byte(`{{ .Title }}`)},
		"layouts/partials/nested.html": {Data: []byte(`{{ partial "partials/title.html" . }}`)},
		"layouts/partials/next.html":   {Data: []byte(`{{ with .Next }}{{ .Title }}{{ end }}`)},
		"layouts/partials/asset.html":  {Data: []byte(`{{ asset "css/style.css" }}`)},
		"layouts/partials/kind.html":   {Data: []byte(`{{ .Kind }}`)},
	}
	th := mustLoad(t, site, "default")
	render := func() string {
		t.Helper()
		var b bytes.Buffer
		if err := th.Execute(&b, "home", f.view("home")); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	render()
	kept := func() map[string]int { return cachedPartials(th) }
	changed := f.posts[1]
	th.KeepPartials(func(p *content.Page) bool { return p != changed })
	got, want := kept(), map[string]int{"partials/title.html": 2, "partials/nested.html": 2}
	if !maps.Equal(got, want) {
		t.Errorf("kept %v, want %v", got, want)
	}
	th.KeepPartials(func(*content.Page) bool { return false })
	if got := kept(); len(got) != 0 {
		t.Errorf("nothing unchanged, kept %v", got)
	}
}

// TestKeepPartialsWithout: a body edit also keeps the renderings of
// partials that show none of the body's fields, whatever their context,
// and drops those of partials that show one, even through another partial.
func TestKeepPartialsWithout(t *testing.T) {
	f := newFixture()
	site := fstest.MapFS{
		"layouts/baseof.html": {Data: []byte(`{{ block "main" . }}{{ end }}`)},
		"layouts/list.html": {Data: []byte(`{{ define "main" }}` +
			`[{{ partialCached "partials/tree.html" . "분류" }}]` + // shows no body
			`[{{ partialCached "partials/latest.html" . "최근" }}]` + // every post's summary
			`{{ range .Site.Posts }}` +
			`[{{ partialCached "partials/item.html" . . }}]` + // a post's summary, through a partial
			`[{{ partialCached "partials/title.html" . . }}]` + // page-local
			`{{ end }}{{ end }}`)},
		"layouts/partials/tree.html":    {Data: []byte(`{{ range .Site.Posts }}{{ .Title }}{{ end }}`)},
		"layouts/partials/item.html":    {Data: []byte(`{{ .Title }}: {{ partial "partials/summary.html" . }}`)},
		"layouts/partials/summary.html": {Data: []byte(`{{ .Summary }}`)},
		"layouts/partials/title.html":   {Data: []byte(`{{ .Title }}`)},
		"layouts/partials/latest.html":  {Data: []byte(`{{ range .Site.Posts }}{{ partial "partials/summary.html" . }}{{ end }}`)},
	}
	th := mustLoad(t, site, "default")
	var b bytes.Buffer
	if err := th.Execute(&b, "home", f.view("home")); err != nil {
		t.Fatal(err)
	}
	kept := func() map[string]int { return cachedPartials(th) }
	edited := f.posts[1]
	th.KeepPartialsWithout(func(p *content.Page) bool { return p != edited }, "Summary", "Content")
	posts := len(f.posts)
	// item.html of the posts not edited stays, as with KeepPartials.
	got, want := kept(), map[string]int{"partials/tree.html": 1, "partials/title.html": posts, "partials/item.html": posts - 1}
	if !maps.Equal(got, want) {
		t.Errorf("kept %v, want %v", got, want)
	}
	th.KeepPartialsWithout(func(*content.Page) bool { return false }, "Title")
	if got := kept(); len(got) != 0 {
		t.Errorf("every partial shows a title, kept %v", got)
	}
}

// TestHoldPartials: a rebuild that reshapes the site sets aside the
// renderings made for a page's View, serves none of them until it knows
// which pages are as they were, then serves again those of such a page
// only.
func TestHoldPartials(t *testing.T) {
	f := newFixture()
	site := fstest.MapFS{
		"layouts/baseof.html": {Data: []byte(`{{ block "main" . }}{{ end }}`)},
		"layouts/list.html": {Data: []byte(`{{ define "main" }}` +
			`[{{ partialCached "partials/title.html" . "view" }}]` + // the View as context
			`[{{ partialCached "partials/title.html" .Site "site" }}]` + // not a View
			`{{ range .Site.Posts }}[{{ partialCached "partials/title.html" . . }}]{{ end }}` + // page-local
			`[{{ partialCached "partials/title.html" . "view, again" }}]` + // a second for the same View
			`{{ end }}`)},
		"layouts/partials/title.html": {Data: []byte(`{{ .Title }}`)},
	}
	th := mustLoad(t, site, "default")
	home := f.view("home")
	home.Title = "첫 제목"
	render := func() string {
		t.Helper()
		var b bytes.Buffer
		if err := th.Execute(&b, "home", home); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	serving := func(variant string) bool {
		th.partial.mu.Lock()
		defer th.partial.mu.Unlock()
		_, ok := th.partial.cache[partialKey{name: "partials/title.html", n: 1, variants: [maxVariants]any{variant}}]
		return ok
	}
	render()
	th.HoldPartials(func(*content.Page) bool { return true })
	if serving("view") || serving("site") || len(th.partial.cache) != len(f.posts) {
		t.Errorf("held: serving %d renderings, want only the %d page-local ones", len(th.partial.cache), len(f.posts))
	}
	if got := th.HeldPartialPages(); len(got) != 1 || got[0] != home.URL {
		t.Errorf("HeldPartialPages = %q, want the home page's URL once", got)
	}
	th.RestorePartials(func(url string) bool { return url == home.URL })
	if !serving("view") || serving("site") {
		t.Errorf("restored: view %v, site %v; want the View's rendering back and the other dropped", serving("view"), serving("site"))
	}
	// The page at home.URL is taken to be as it was: its rendering is
	// served as it was made.
	home.Title, f.site.Title = "둘째 제목", "새 블로그"
	if got := render(); !strings.Contains(got, "[첫 제목][새 블로그]") {
		t.Errorf("after restore: %s; want the View's rendering kept, the other made again", got)
	}
	th.HoldPartials(func(*content.Page) bool { return true })
	th.RestorePartials(func(string) bool { return false })
	if got := render(); !strings.Contains(got, "[둘째 제목]") {
		t.Errorf("a page that changed kept its rendering: %s", got)
	}
}

// cachedPartials counts the renderings partialCached holds, by partial.
func cachedPartials(th *Theme) map[string]int {
	names := map[string]int{}
	th.partial.mu.Lock()
	defer th.partial.mu.Unlock()
	for key := range th.partial.cache {
		names[key.name]++
	}
	return names
}
