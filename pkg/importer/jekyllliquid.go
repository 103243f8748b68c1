package importer

import (
	"fmt"
	"path"
	"regexp"
	"strings"
)

// siteVar matches the Liquid expressions that only prefix a path with the
// old site's address: {{ site.baseurl }}, {{ site.url }}, and a quoted path
// through relative_url or absolute_url.
var (
	siteVar  = regexp.MustCompile(`^site\.(baseurl|url|github\.url)(\s*\|\s*\w+.*)?$`)
	pathExpr = regexp.MustCompile(`^["']([^"']*)["']\s*\|\s*(relative_url|absolute_url|prepend:\s*site\.baseurl)\s*$`)
)

// jekyllLiquid returns the body rewriter for a Jekyll site's posts:
// Liquid first (as Jekyll runs it before Markdown), then kramdown.
func jekyllLiquid(b *blog) func(p *post) string {
	return func(p *post) string {
		warn := func(line int, format string, args ...any) {
			b.problems = append(b.problems, Problem{Path: p.source, Line: line, Msg: fmt.Sprintf(format, args...)})
		}
		l := &liquid{
			tag: func(name, args string, line int) (string, bool) {
				a := tagArgs(args)
				switch name {
				case "post_url":
					if len(a) == 0 {
						return "", false
					}
					return refScheme + strings.TrimPrefix(a[0], "/"), true
				case "link":
					if len(a) == 0 {
						return "", false
					}
					return refScheme + strings.TrimPrefix(a[0], "/"), true
				case "include":
					return jekyllInclude(a, line, warn), true
				case "include_relative":
					warn(line, "{%% include_relative %s %%} left out: geul has no includes; copy the file's text into the post", args)
					return "", true
				}
				return "", false
			},
			blocks: map[string]func(args, inner string, line int) string{
				"highlight": func(args, inner string, line int) string {
					lang := ""
					if a := tagArgs(args); len(a) > 0 {
						lang = a[0]
					}
					return fence(lang, inner)
				},
			},
			expr: func(expr string, line int) string {
				// The new site lives under the same base path (config.toml's
				// baseURL keeps it), so {{ site.baseurl }} stays that path;
				// {{ site.url }} goes, as links within a site are relative.
				base := strings.TrimSuffix(b.base, "/")
				switch {
				case siteVar.MatchString(expr):
					if strings.HasPrefix(expr, "site.baseurl") {
						return base
					}
					return ""
				case pathExpr.MatchString(expr):
					u := pathExpr.FindStringSubmatch(expr)[1]
					if strings.HasPrefix(u, "/") {
						u = base + u
					}
					return u
				case expr == "page.title":
					return p.title
				}
				warn(line, "{{ %s }} left out: geul does not run Liquid; write its value into the post", expr)
				return ""
			},
			unknown: func(text string, line int) {
				warn(line, "%s left out: geul does not run Liquid; write what it made into the post", oneLine(text))
			},
		}
		body := l.run(p.body, p.bodyLine)
		return kramdown(body, p.bodyLine, p, warn)
	}
}

// jekyllInclude turns {% include youtube.html id="…" %} and image includes
// into the nearest shortcode; any other include is a warning.
func jekyllInclude(a []string, line int, warn func(int, string, ...any)) string {
	if len(a) == 0 {
		return ""
	}
	name := strings.TrimSuffix(path.Base(a[0]), path.Ext(a[0]))
	kv := keyArgs(a[1:])
	switch {
	case strings.Contains(name, "youtube") || name == "video" && kv["provider"] == "youtube": // Minimal Mistakes: {% include video id="…" provider="youtube" %}
		id := firstNonEmpty(kv["id"], kv["video_id"], kv["youtube_id"], kv["video"])
		if id == "" && len(a) > 1 && !strings.Contains(a[1], "=") {
			id = a[1]
		}
		if id != "" {
			return "{{< youtube " + id + " >}}"
		}
	case name == "figure" || name == "image" || name == "img":
		src := firstNonEmpty(kv["image_path"], kv["src"], kv["url"], kv["path"], kv["image"], kv["file"])
		if src != "" {
			var extra [][2]string
			if w := kv["width"]; w != "" {
				extra = append(extra, [2]string{"width", w})
			}
			return figureShortcode(src, firstNonEmpty(kv["alt"], kv["caption"]), kv["caption"], extra)
		}
	}
	warn(line, "{%% include %s %%} left out: geul has no shortcode like it; put its content into the post by hand", strings.Join(a, " "))
	return ""
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}

func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 80 {
		s = s[:77] + "..."
	}
	return s
}
