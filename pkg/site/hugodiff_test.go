package site

import (
	"bytes"
	"context"
	"html"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
	"golang.org/x/tools/txtar"

	"github.com/geul-blog/geul/pkg/content"
)

// hugoListing is the one layout added to Hugo's copy of a fixture: every
// regular page's source and URL, a line each, then every section's and
// every page of a custom taxonomy (series: its list of terms and each
// term's; tags and categories are not compared yet).
const hugoListing = "{{ range .Site.RegularPages }}{{ with .File }}{{ .Path }}{{ end }}\t{{ .RelPermalink }}\t{{ delimit .Fragments.Identifiers \" \" }}\n{{ end }}" +
	"{{ range where .Site.Pages \"Kind\" \"section\" }}section:{{ with .File }}{{ .Path }}{{ else }}{{ .Section }}{{ end }}\t{{ .RelPermalink }}\n{{ end }}" +
	"{{ range .Site.Pages }}{{ if and (or (eq .Kind \"taxonomy\") (eq .Kind \"term\")) (not (in (slice \"tags\" \"categories\") .Data.Plural)) }}{{ .Kind }}:{{ .RelPermalink }}\t{{ .RelPermalink }}\n{{ end }}{{ end }}"

// headingIDsLanded turns on the comparison of heading ids: set it when
// pkg/markdown's "hugo" heading-id style (config headingIDs, which a Hugo
// config sets) is in.
//
// TODO(headingIDs): true once markdown.WithHeadingIDs is wired in loadAll.
const headingIDsLanded = true

// TestHugoURLsDiffer builds each site of testdata/hugodiff with Debian's
// hugo and with geul and compares every page's URL: for the same content
// and config a page moved from Hugo keeps its address. It skips when hugo
// is not installed, unless GEUL_REQUIRE_HUGO=1 (as in CI).
//
// It compares the heading ids of each page too (Hugo's .Fragments) once
// headingIDsLanded.
func TestHugoURLsDiffer(t *testing.T) {
	hugo, err := exec.LookPath("hugo")
	if err != nil {
		if os.Getenv("GEUL_REQUIRE_HUGO") == "1" {
			t.Fatal("hugo is not installed and GEUL_REQUIRE_HUGO=1")
		}
		t.Skip("hugo is not installed (apt-get install hugo)")
	}
	fixtures, _ := filepath.Glob("testdata/hugodiff/*.txtar")
	if len(fixtures) == 0 {
		t.Fatal("no fixtures")
	}
	for _, fx := range fixtures {
		t.Run(strings.TrimSuffix(filepath.Base(fx), ".txtar"), func(t *testing.T) {
			a, err := txtar.ParseFile(fx)
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			for _, f := range a.Files {
				writeTestFile(t, filepath.Join(dir, "site", filepath.FromSlash(f.Name)), f.Data)
			}
			got, lang, out, base := geulURLs(t, filepath.Join(dir, "site"))
			want := hugoURLs(t, hugo, filepath.Join(dir, "site"), filepath.Join(dir, "hugo"), lang)
			for src, u := range want {
				if strings.HasPrefix(src, "section:") || strings.HasPrefix(src, "taxonomy:") || strings.HasPrefix(src, "term:") {
					// A section's list, a taxonomy's or a term's: geul writes
					// one at the same URL.
					name, _, _ := strings.Cut(u, "\t")
					if _, ok := out.Get(outputFile(strings.TrimPrefix(name, base))); !ok {
						t.Errorf("%s: hugo lists it at %q, geul does not", src, name)
					}
					continue
				}
				gotURL, _, _ := strings.Cut(got[src], "\t")
				wantURL, wantIDs, _ := strings.Cut(u, "\t")
				// geul escapes "#", "?" and "%" in a URL so that a link to it
				// works (Hugo writes "/t/#hash/", which a browser reads as a
				// fragment); the folder published is the same.
				if relOfURL(gotURL) != wantURL {
					t.Errorf("%s: geul gives %q, hugo %q", src, gotURL, wantURL)
				}
				if _, gotIDs, _ := strings.Cut(got[src], "\t"); headingIDsLanded && gotIDs != wantIDs {
					t.Errorf("%s: heading ids\ngeul %q\nhugo %q", src, gotIDs, wantIDs)
				}
			}
			for src, u := range got {
				u, _, _ = strings.Cut(u, "\t")
				if _, ok := want[src]; !ok {
					t.Errorf("%s: geul publishes it at %q, hugo does not publish it", src, u)
				}
			}
			if len(want) == 0 {
				t.Error("hugo listed no page")
			}
		})
	}
}

func writeTestFile(t *testing.T, name string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// hugoURLs builds a copy of site with hugo and returns each regular page's
// URL by its path under content/ (NFC, unescaped).
//
// lang is the site's default language: the listing of a site with
// defaultContentLanguageInSubdir is at /<lang>/. Paths are relative to the
// language's contentDir, as Hugo's .File.Path is.
func hugoURLs(t *testing.T, hugo, site, work, lang string) map[string]string {
	t.Helper()
	if err := os.CopyFS(work, os.DirFS(site)); err != nil {
		t.Fatal(err)
	}
	writeTestFile(t, filepath.Join(work, "layouts", "index.html"), []byte(hugoListing))
	out := filepath.Join(work, "public")
	cmd := exec.Command(hugo, "--quiet", "--source", work, "--destination", out)
	cmd.Env = append(os.Environ(), "HUGO_CACHEDIR="+filepath.Join(work, ".cache"))
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("hugo: %v\n%s", err, msg)
	}
	listing, err := os.ReadFile(filepath.Join(out, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(listing, []byte("\t")) && lang != "" {
		// defaultContentLanguageInSubdir: the home page is /ko/, and / a
		// redirect to it.
		if listing, err = os.ReadFile(filepath.Join(out, lang, "index.html")); err != nil {
			t.Fatal(err)
		}
	}
	urls := map[string]string{}
	for _, line := range strings.Split(string(bytes.TrimSpace(listing)), "\n") {
		parts := strings.Split(html.UnescapeString(line), "\t")
		if len(parts) < 2 || parts[0] == "" {
			continue
		}
		src, u, ids := parts[0], parts[1], []string(nil)
		if len(parts) > 2 {
			ids = strings.Fields(parts[2])
		}
		if d, err := url.PathUnescape(u); err == nil {
			u = d
		}
		slices.Sort(ids)
		urls[norm.NFC.String(filepath.ToSlash(src))] = norm.NFC.String(u) + "\t" + strings.Join(ids, " ")
	}
	return urls
}

// geulURLs builds site with geul and returns each published page's URL by
// its path under content/ (NFC; under the language's folder, for a site
// with a contentDir per language), the site's default language, its
// output and its base path.
func geulURLs(t *testing.T, site string) (urls map[string]string, lang string, out *Output, basePath string) {
	t.Helper()
	b := NewBuilder(site)
	res, err := b.Build(context.Background())
	if err != nil {
		t.Fatalf("geul: %v", err)
	}
	urls = map[string]string{}
	for _, p := range b.prev.plan.st.pages {
		var ids []string
		var walk func([]*content.Heading)
		walk = func(hs []*content.Heading) {
			for _, h := range hs {
				ids = append(ids, h.ID)
				walk(h.Children)
			}
		}
		walk(p.TOC())
		slices.Sort(ids)
		urls[norm.NFC.String(b.logical(p.Path))] = p.URL + "\t" + strings.Join(slices.Compact(ids), " ")
	}
	return urls, b.cfg.DefaultLanguage, res.Output, b.prev.plan.st.basePath
}
