package importer

import (
	"fmt"
	"io"
	"sort"
	"strings"
)

// Problem is one thing that did not come over as it was: a post skipped,
// an image missing, template syntax dropped. Path is the source file,
// relative to the source folder; Line is 0 when unknown.
type Problem struct {
	Path string
	Line int
	Msg  string
}

func (p Problem) String() string {
	switch {
	case p.Path == "":
		return p.Msg
	case p.Line > 0:
		return fmt.Sprintf("%s:%d: %s", p.Path, p.Line, p.Msg)
	default:
		return p.Path + ": " + p.Msg
	}
}

// Report is what an import did (or, with DryRun, would do).
type Report struct {
	Source  string // "tistory", "jekyll", "hexo"
	Into    string // the site folder
	DryRun  bool
	Posts   int // posts written
	Pages   int // plain pages written
	Skipped int // posts and pages already imported and not written again
	Images  int // images and other files written beside posts or into static/
	Static  int // of Images, the files written into static/

	Categories     int      // distinct categories of the imported posts
	Tags           int      // distinct tags
	LinksRewritten int      // links to the old blog's posts made relative .md links
	URLs           int      // posts that keep their old address through `url`
	Aliases        int      // old addresses that redirect to a post
	Config         string   // "written", "kept" (there was one), "" with DryRun and none
	Kept           []string // files edited after import (or not ours), not overwritten
	Problems       []Problem
}

func (r *Report) problem(path string, line int, format string, args ...any) {
	r.Problems = append(r.Problems, Problem{Path: path, Line: line, Msg: fmt.Sprintf(format, args...)})
}

// Print writes the report for a person: counts first, then every problem,
// sorted by path.
func (r *Report) Print(w io.Writer) {
	verb := "imported"
	if r.DryRun {
		verb = "would import (dry run, nothing written)"
	}
	fmt.Fprintf(w, "%s %s into %s:\n", verb, r.Source, r.Into)
	fmt.Fprintf(w, "  posts            %d\n", r.Posts)
	fmt.Fprintf(w, "  pages            %d\n", r.Pages)
	if r.Skipped > 0 {
		fmt.Fprintf(w, "  already imported %d (skipped; --force imports them again)\n", r.Skipped)
	}
	fmt.Fprintf(w, "  images and files %d (%d into static/)\n", r.Images, r.Static)
	fmt.Fprintf(w, "  categories       %d\n", r.Categories)
	fmt.Fprintf(w, "  tags             %d\n", r.Tags)
	fmt.Fprintf(w, "  links rewritten  %d\n", r.LinksRewritten)
	fmt.Fprintf(w, "  old URLs kept    %d (url) + %d aliases\n", r.URLs, r.Aliases)
	if r.Config != "" {
		fmt.Fprintf(w, "  config.toml      %s\n", r.Config)
	}
	for _, k := range r.Kept {
		fmt.Fprintf(w, "kept %s: it was changed after the last import; delete it and run with --force to import it again\n", k)
	}
	sort.SliceStable(r.Problems, func(i, j int) bool {
		a, b := r.Problems[i], r.Problems[j]
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		return a.Line < b.Line
	})
	for _, p := range r.Problems {
		fmt.Fprintf(w, "warning: %s\n", p)
	}
	if n := len(r.Problems); n > 0 {
		fmt.Fprintf(w, "%d %s\n", n, plural(n, "problem", "problems"))
	}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// String is the printed report.
func (r *Report) String() string {
	var b strings.Builder
	r.Print(&b)
	return b.String()
}

func sprintf(format string, args ...any) string { return fmt.Sprintf(format, args...) }
