package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/geul-blog/geul/pkg/importer"
)

const importUsage = `Usage: geul import tistory|jekyll|hexo SOURCE [flags]

Moves a blog into a geul site: a Tistory backup (its zip or folder), or a
Jekyll or Hexo site's folder. A second run skips what was imported; a file
changed after import is never overwritten.

Flags:
`

// runImport is `geul import`: flags and the report around importer.Run.
func runImport(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("geul import", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, importUsage)
		fs.PrintDefaults()
	}
	var o importer.Options
	fs.StringVar(&o.Into, "into", ".", "the geul site `folder` to write (made if missing) or add to")
	fs.BoolVar(&o.DryRun, "dry-run", false, "print the report, write nothing")
	fs.BoolVar(&o.Force, "force", false, "import again posts an earlier run imported (files you changed are still kept)")
	fs.StringVar(&o.OldURL, "old-url", "", "the old blog's `address`, e.g. https://name.tistory.com, to make links to its posts relative")
	// Flags may come before, between or after the two arguments.
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return 0
			}
			return 2
		}
		if fs.NArg() == 0 {
			break
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
	if len(pos) != 2 || !slices.Contains(importer.Sources, pos[0]) {
		fmt.Fprintf(stderr, "geul import: want a source kind (%s) and the source's zip or folder, got %q\n\n", strings.Join(importer.Sources, ", "), pos)
		fs.Usage()
		return 2
	}
	o.Source, o.From = pos[0], pos[1]
	var (
		bar      *progressbar.ProgressBar
		barPhase string
	)
	if f, ok := stderr.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		o.Progress = func(phase string, done, total int) {
			if total < 50 {
				return // a small blog is done before a bar helps
			}
			if bar == nil || phase != barPhase {
				if bar != nil {
					_ = bar.Finish()
				}
				barPhase = phase
				bar = progressbar.NewOptions(total, progressbar.OptionSetWriter(stderr),
					progressbar.OptionSetDescription(phase+" "+o.Source), progressbar.OptionClearOnFinish(),
					progressbar.OptionShowCount(), progressbar.OptionThrottle(100*time.Millisecond))
			}
			_ = bar.Set(done)
		}
	}
	rep, err := importer.Run(ctx, o)
	if bar != nil {
		_ = bar.Finish()
	}
	if err != nil {
		fmt.Fprintf(stderr, "geul import: %v\n", err)
		return 1
	}
	rep.Print(stdout)
	if !o.DryRun && rep.Posts+rep.Pages > 0 {
		fmt.Fprintf(stdout, "next: geul serve --source %s\n", o.Into)
	}
	return 0
}
