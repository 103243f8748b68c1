package site

import (
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/geul-blog/geul/pkg/config"
	"github.com/geul-blog/geul/pkg/diag"
	"github.com/geul-blog/geul/pkg/theme"
)

// hugoTheme returns the theme a site read from a Hugo config is built
// with: its theme when that is a geul theme, else geul's default with a
// warning (Hugo themes live in submodules or modules a copied folder
// lacks, and hold Hugo templates geul does not run).
func hugoTheme(fsys fs.FS, cfg *config.Config) (string, *diag.Error) {
	name := cfg.Theme
	if name == "" || name == theme.DefaultName {
		return theme.DefaultName, nil
	}
	dir := "themes/" + name
	why := ""
	switch {
	case !fs.ValidPath(dir) || !isDirFS(fsys, dir):
		why = fmt.Sprintf("there is no folder %s (a Hugo theme from a submodule or a module is not copied with the site)", dir)
	case !isGeulTheme(fsys, dir):
		why = fmt.Sprintf("%s holds Hugo templates, which geul does not run", dir)
	default:
		return name, nil
	}
	return theme.DefaultName, &diag.Error{Path: configFileOf(fsys),
		Msg:  fmt.Sprintf("theme %q is not used: %s; the site is built with geul's default theme", name, why),
		Hint: `remove theme from the config, or put a geul theme in themes/`}
}

// isGeulTheme reports whether dir holds a geul theme: geul's layouts sit
// at the top of layouts/, Hugo's under layouts/_default/.
func isGeulTheme(fsys fs.FS, dir string) bool {
	if isDirFS(fsys, dir+"/layouts/_default") {
		return false
	}
	for _, name := range []string{"post.html", "list.html", "baseof.html", "page.html"} {
		if _, err := fs.Stat(fsys, dir+"/layouts/"+name); err == nil {
			return true
		}
	}
	return false
}

func isDirFS(fsys fs.FS, name string) bool {
	info, err := fs.Stat(fsys, name)
	return err == nil && info.IsDir()
}

// configFileOf names the config file warnings about the config point at.
func configFileOf(fsys fs.FS) string {
	if files := config.Files(fsys); len(files) > 0 {
		return files[0]
	}
	return config.FileName
}

// hugoLayouts returns one warning listing what a Hugo site's layouts/
// holds besides shortcodes (layouts/shortcodes) and render hooks
// (layouts/_default/_markup), and its i18n/ (a Hugo theme's strings),
// which geul's own theme replaces; nil when there is nothing else.
func hugoLayouts(fsys fs.FS) *diag.Error {
	var unused []string
	if isDirFS(fsys, "i18n") {
		unused = append(unused, "i18n/")
	}
	entries, _ := fs.ReadDir(fsys, "layouts")
	for _, e := range entries {
		name := e.Name()
		switch {
		case name == "shortcodes" || name == "_shortcodes" || name == "_markup" || strings.HasPrefix(name, "."):
			// Shortcodes and render hooks (and Hugo 0.146's new names for them).
		case name == "_default" && e.IsDir():
			sub, _ := fs.ReadDir(fsys, "layouts/_default")
			for _, s := range sub {
				if s.Name() != "_markup" && !strings.HasPrefix(s.Name(), ".") {
					unused = append(unused, path.Join("layouts/_default", s.Name())+dirSlash(s))
				}
			}
		default:
			unused = append(unused, "layouts/"+name+dirSlash(e))
		}
	}
	if len(unused) == 0 {
		return nil
	}
	sort.Strings(unused)
	return &diag.Error{Path: "layouts",
		Msg:  "geul keeps its own theme; these Hugo templates are not used: " + strings.Join(unused, ", "),
		Hint: "layouts/shortcodes and layouts/_default/_markup are kept for shortcodes and render hooks; see the README's \"Moving from Hugo\""}
}

func dirSlash(e fs.DirEntry) string {
	if e.IsDir() {
		return "/"
	}
	return ""
}
