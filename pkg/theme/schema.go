package theme

import (
	"html/template"
	"time"

	"github.com/geul-blog/geul/pkg/content"
)

// jsonLD returns the jsonLD template function: the schema.org BlogPosting
// of a post's view as JSON, for <script type="application/ld+json">, or ""
// on a view without a post. A theme could build the same with dict, merge
// and jsonify (the default theme did); this runs on every post page, and
// in Go it costs a tenth of what a dozen reflective template calls do.
func jsonLD(u urls) func(v *content.View) (template.JS, error) {
	return func(v *content.View) (template.JS, error) {
		p := v.Page
		if p == nil || v.Site == nil {
			return "", nil
		}
		lang := v.Site.LanguageCode
		if lang == "" {
			lang = "ko"
		}
		ld := map[string]any{
			"@context":         "https://schema.org",
			"@type":            "BlogPosting",
			"headline":         p.Title,
			"url":              p.Permalink,
			"mainEntityOfPage": map[string]any{"@type": "WebPage", "@id": p.Permalink},
			"inLanguage":       lang,
			"publisher":        map[string]any{"@type": "Organization", "name": v.Site.Title, "url": v.Site.BaseURL},
		}
		if !p.Date.IsZero() {
			modified := p.Date
			if !p.Lastmod.IsZero() {
				modified = p.Lastmod
			}
			ld["datePublished"] = p.Date.Format(time.RFC3339)
			ld["dateModified"] = modified.Format(time.RFC3339)
		}
		if v.Description != "" {
			ld["description"] = v.Description
		}
		if v.Site.Author != "" {
			ld["author"] = map[string]any{"@type": "Person", "name": v.Site.Author}
		}
		if p.CoverURL != "" {
			ld["image"] = u.abs(p.CoverURL)
		}
		if len(p.Tags) > 0 {
			ld["keywords"] = p.Tags
		}
		if len(p.Categories) > 0 {
			ld["articleSection"] = p.Categories[0]
		}
		if n := p.WordCount(); n != 0 {
			ld["wordCount"] = n
		}
		return jsonify(ld)
	}
}
