package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/geul-blog/geul/pkg/config"
	"github.com/geul-blog/geul/pkg/site"
)

const buildLong = `Build the site into public/ (or --destination).

geul finds the site like git finds a repository: from the current folder up
to the first folder with a config file (config.toml, or Hugo's hugo.toml,
config.yaml…). On a problem it prints every problem, one per line, as
path:line: what is wrong; how to fix, writes nothing, and exits 1.`

const buildExample = `  geul build
  geul build -D                       # with drafts
  geul build -s ~/blog -d /srv/www --minify
  geul build -b https://blog.example.kr/`

type buildFlags struct {
	site     siteFlags
	dest     string
	baseURL  string
	noCache  bool
	minify   bool
	progress bool
}

func newBuildCmd() *cobra.Command {
	var f buildFlags
	cmd := &cobra.Command{
		Use:     "build [flags]",
		Short:   "build the site into public/",
		Long:    buildLong,
		Example: buildExample,
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runBuild(cmd, &f)
		},
	}
	fl := cmd.Flags()
	f.site.register(fl)
	fl.StringVarP(&f.dest, "destination", "d", "", "the output `folder` (default: public/ in the site folder)")
	fl.StringVarP(&f.baseURL, "baseURL", "b", "", "the `URL` the site is published at, overriding the config's baseURL")
	fl.BoolVar(&f.noCache, "no-cache", false, "neither read nor write the build cache in .geul/cache/")
	fl.BoolVar(&f.minify, "minify", false, "minify HTML, CSS, JS, SVG, XML and JSON")
	fl.BoolVar(&f.progress, "progress", true, "show pages rendered of total while building, when the output is a terminal")
	return cmd
}

func runBuild(cmd *cobra.Command, f *buildFlags) error {
	ctx := cmd.Context()
	stdout, stderr := cmd.OutOrStdout(), cmd.ErrOrStderr()
	source, err := findSite(f.site.source)
	if err != nil {
		fmt.Fprintf(stderr, "geul build: %v\n", err)
		return failed
	}
	if f.baseURL != "" {
		if err := checkBaseURLFlag(f.baseURL); err != nil {
			return usagef(cmd, "%v", err)
		}
	}
	warnNoConfig(stderr, source)
	dest := f.dest
	if dest == "" {
		dest = filepath.Join(source, "public")
	}
	if err := site.CheckDestination(source, dest); err != nil {
		printError(stderr, err)
		return failed
	}
	if os.Getenv("GOGC") == "" {
		// A one-shot build holds every post's rendered Markdown until the
		// build cache is saved; collecting garbage at half the usual
		// growth keeps its peak memory down, and costs less time than the
		// 35 % it had while it held every page's search words too
		// (docs/performance.md, "Memory at 10,000 posts").
		debug.SetGCPercent(50)
	}
	start := time.Now()
	opts := []site.Option{site.WithDrafts(f.site.drafts), site.WithFuture(f.site.future), site.WithVersion(Version),
		site.WithMinify(f.minify), site.WithFingerprint(true),
		site.WithDestination(dest), site.WithWriteThrough(true), site.WithSingleBuild(true)}
	if !f.noCache {
		opts = append(opts, site.WithCache(filepath.Join(source, ".geul", "cache")),
			site.WithImages(filepath.Join(source, ".geul", "images"), false))
	}
	if f.baseURL != "" {
		opts = append(opts, site.WithBaseURL(f.baseURL))
	}
	bar := newProgress(stderr, f.progress)
	if bar != nil {
		opts = append(opts, site.WithProgress(bar.update))
	}
	builder := site.NewBuilder(source, opts...)
	res, err := builder.Build(ctx)
	bar.finish()
	if err != nil {
		printError(stderr, err)
		return failed
	}
	printWarnings(stderr, res.Warnings)
	if err := res.Output.WriteDir(ctx, dest); err != nil {
		printError(stderr, err)
		return failed
	}
	if err := builder.SaveCache(dest, res.Output); err != nil {
		fmt.Fprintf(stderr, "warning: could not save the build cache (the site was built): %v\n", err)
	}
	fmt.Fprintf(stdout, "built %d pages in %d ms%s\n", res.Pages, time.Since(start).Milliseconds(), skipped(res))
	return nil
}

// printWarnings prints each warning on its own line.
func printWarnings(w io.Writer, warnings []error) {
	for _, x := range warnings {
		fmt.Fprintf(w, "warning: %v\n", x)
	}
}

func skipped(res *site.Result) string {
	var parts []string
	if n := res.Pages - res.Rendered; n > 0 {
		parts = append(parts, fmt.Sprintf("%d unchanged", n))
	}
	if res.Drafts > 0 {
		parts = append(parts, plural(res.Drafts, "draft")+" skipped")
	}
	if res.Future > 0 {
		parts = append(parts, plural(res.Future, "future post")+" skipped")
	}
	if len(parts) == 0 {
		return ""
	}
	return " (" + strings.Join(parts, ", ") + ")"
}

// checkBaseURLFlag checks --baseURL as config.toml's baseURL is checked.
func checkBaseURLFlag(u string) error {
	if err := config.CheckBaseURL(u); err != nil {
		return fmt.Errorf("--%v", err)
	}
	return nil
}
