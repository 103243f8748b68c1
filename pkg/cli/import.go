package cli

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/geul-blog/geul/pkg/importer"
)

const importLong = `Move a blog into a geul site: a Tistory backup (its zip or folder), or a
Jekyll or Hexo site's folder. A second run skips what was imported; a file
changed after import is never overwritten.`

const importExample = `  geul import tistory backup.zip --into my-blog
  geul import jekyll ~/old-blog --into my-blog --dry-run
  geul import hexo ~/hexo-blog --into my-blog --old-url https://name.github.io`

func newImportCmd() *cobra.Command {
	var o importer.Options
	cmd := &cobra.Command{
		Use:       "import tistory|jekyll|hexo SOURCE [flags]",
		Short:     "move a Tistory, Jekyll or Hexo blog into a geul site",
		Long:      importLong,
		Example:   importExample,
		ValidArgs: importer.Sources,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) != 2 || !slices.Contains(importer.Sources, args[0]) {
				return usagef(cmd, "want a source kind (%s) and the source's zip or folder, got %q", strings.Join(importer.Sources, ", "), args)
			}
			opts := o
			if code := runImport(cmd.Context(), opts, args, cmd.OutOrStdout(), cmd.ErrOrStderr()); code != 0 {
				return &codeError{code}
			}
			return nil
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&o.Into, "into", ".", "the geul site `folder` to write (made if missing) or add to")
	fl.BoolVar(&o.DryRun, "dry-run", false, "print the report, write nothing")
	fl.BoolVar(&o.Force, "force", false, "import again posts an earlier run imported (files you changed are still kept)")
	fl.StringVar(&o.OldURL, "old-url", "", "the old blog's `address`, e.g. https://name.tistory.com, to make links to its posts relative")
	return cmd
}

// runImport is geul import once its flags are parsed: the report around
// importer.Run.
func runImport(ctx context.Context, o importer.Options, pos []string, stdout, stderr io.Writer) int {
	o.Source, o.From = pos[0], pos[1]
	bar := newProgressOf(stderr, true, 50, "") // a small blog is done before a bar helps
	if bar != nil {
		o.Progress = func(phase string, done, total int) { bar.phase(phase+" "+o.Source, done, total) }
	}
	rep, err := importer.Run(ctx, o)
	bar.finish()
	if err != nil {
		fmt.Fprintf(stderr, "geul import: %v\n", err)
		return 1
	}
	rep.Print(stdout)
	if !o.DryRun && rep.Posts+rep.Pages > 0 {
		fmt.Fprintf(stdout, "next: geul serve --source %s\n", shellQuote(o.Into))
	}
	return 0
}
