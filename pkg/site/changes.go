package site

import (
	"slices"
	"strings"

	"github.com/geul-blog/geul/pkg/config"
)

// Changes is what changed in a site since its last successful build,
// sorted by kind once, when it is made (as Zola sorts a watcher's events):
// the rest of the build reads the kinds, never the paths' prefixes again.
//
// Whether a content file's change is to its body alone or to its shape
// (front matter, a file come or gone) is only known once the file is
// read: loadChanged works it out (contentDiff).
type Changes struct {
	// Paths are every changed path, slash-separated and relative to the
	// site folder ("content/posts/a.md"), sorted.
	Paths []string

	Config  bool // config.toml (or Hugo's config files)
	Layouts bool // the site's layouts/
	Theme   bool // themes/
	I18n    bool // i18n/
	Static  bool // static/

	// Content are the changed paths under content/, relative to it
	// ("posts/a.md"); "" is content/ itself.
	Content []string
}

// ClassifyChanges sorts the changed paths (slash paths relative to the
// site folder) into a Changes. Paths outside what a site is built from
// are kept in Paths and change nothing.
func ClassifyChanges(paths []string) Changes {
	c := Changes{Paths: slices.Sorted(slices.Values(paths))}
	under := func(p, dir string) bool { return p == dir || strings.HasPrefix(p, dir+"/") }
	for _, p := range c.Paths {
		switch {
		case config.IsFile(p):
			c.Config = true
		case under(p, "layouts"):
			c.Layouts = true
		case under(p, "themes"):
			c.Theme = true
		case under(p, "i18n"):
			c.I18n = true
		case under(p, "static"):
			c.Static = true
		case under(p, contentDir):
			c.Content = append(c.Content, strings.TrimPrefix(strings.TrimPrefix(p, contentDir), "/"))
		}
	}
	return c
}

// Looks reports whether the changes can change what every page looks like
// (the config, a layout, the theme, a translation): then everything is
// read again, as by Build.
func (c Changes) Looks() bool { return c.Config || c.Layouts || c.Theme || c.I18n }
