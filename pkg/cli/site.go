package cli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/pflag"

	"github.com/geul-blog/geul/pkg/config"
)

// configNames are the files that make a folder a site's root, in the order
// geul looks for them: geul's own and Hugo's (pkg/config reads them).
var configNames = []string{
	"config.toml", "hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json",
	"config.yaml", "config.yml", "config.json",
	filepath.Join("config", "_default"),
}

// siteFlags are the flags every command that reads a site shares.
type siteFlags struct {
	source string
	drafts bool
	future bool
}

func (f *siteFlags) register(fs *pflag.FlagSet) {
	fs.StringVarP(&f.source, "source", "s", "", "the site `folder` (default: the first folder with a config file, from here up)")
	fs.BoolVarP(&f.drafts, "drafts", "D", false, "include drafts (draft = true)")
	fs.BoolVarP(&f.future, "future", "F", false, "include posts dated in the future")
}

// hasConfig reports whether dir holds one of configNames.
func hasConfig(dir string) bool {
	for _, n := range configNames {
		if _, err := os.Stat(filepath.Join(dir, n)); err == nil {
			return true
		}
	}
	return false
}

func isDir(path string) bool {
	info, err := os.Stat(path)
	return err == nil && info.IsDir()
}

// errNoSite is the start of every "this is not a site" message.
const startHint = `start a new blog with "geul new site my-blog", or pass the site's folder with --source`

// findSite returns the site's folder. With --source it is that folder,
// which must exist. Without it geul looks like git does: from the current
// folder up to the first folder with a config file, or, for a site without
// one, the first folder with a content/ folder. A folder inside another
// site's content/ is refused either way, so that a build started in
// content/posts never writes a second site there.
func findSite(source string) (string, error) {
	if source != "" {
		info, err := os.Stat(source)
		if err != nil || !info.IsDir() {
			if errors.Is(err, fs.ErrNotExist) {
				return "", fmt.Errorf("%s: no such folder; check --source, or %s", source, `start a new blog there with "geul new site `+source+`"`)
			}
			return "", fmt.Errorf("%s is not a folder; pass the site's folder with --source", source)
		}
		if err := notInContent(source); err != nil {
			return "", err
		}
		if !hasConfig(source) && !isDir(filepath.Join(source, "content")) {
			return "", fmt.Errorf("%s is not a site: it has neither config.toml nor content/; %s", source, startHint)
		}
		return source, nil
	}
	wd, err := os.Getwd()
	if err != nil {
		return "", fmt.Errorf("cannot read the current folder: %v; pass the site's folder with --source", err)
	}
	// A folder with a config file, from here up; else, for a site without
	// one, this folder when it has content/, or the folder whose content/
	// this is in (not any folder above that happens to have a content/).
	var contentSite string
	for dir := wd; ; {
		if hasConfig(dir) {
			if err := notInContent(dir); err != nil {
				return "", err
			}
			return relToWD(wd, dir), nil
		}
		if contentSite == "" && isDir(filepath.Join(dir, "content")) && (dir == wd || within(wd, filepath.Join(dir, "content"))) {
			contentSite = dir
		}
		up := filepath.Dir(dir)
		if up == dir {
			break
		}
		dir = up
	}
	if contentSite != "" {
		if err := notInContent(contentSite); err != nil {
			return "", err
		}
		return relToWD(wd, contentSite), nil
	}
	return "", fmt.Errorf("no site here: neither %s nor a folder above it has config.toml, and it has no content/ folder; %s", wd, startHint)
}

// within reports whether path is dir or inside it.
func within(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// notInContent refuses dir when it lies inside the content/ folder of a
// site above it.
func notInContent(dir string) error {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil
	}
	for d := abs; ; {
		up := filepath.Dir(d)
		if up == d {
			return nil
		}
		if d != abs && filepath.Base(d) == "content" && hasConfig(up) {
			return fmt.Errorf("%s is inside the content/ folder of the site at %s; run geul from %s (or pass --source %s)", dir, up, up, up)
		}
		d = up
	}
}

// warnNoConfig warns when the site has no config file, so that a build of
// the wrong folder (a content/ somewhere) does not pass in silence.
func warnNoConfig(w io.Writer, source string) {
	if !hasConfig(source) {
		fmt.Fprintf(w, "warning: %s has no config.toml: building with geul's defaults (title %q); write one, or start from \"geul new site\"\n",
			displayDir(source), config.Defaults().Title)
	}
}

func displayDir(dir string) string {
	if dir == "." || dir == "" {
		return "this folder"
	}
	return dir
}

// relToWD returns dir relative to wd when it is wd or above it, so that
// messages stay short ("../..").
func relToWD(wd, dir string) string {
	if rel, err := filepath.Rel(wd, dir); err == nil {
		return rel
	}
	return dir
}
