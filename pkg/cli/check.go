package cli

import (
	"fmt"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/geul-blog/geul/pkg/check"
	"github.com/geul-blog/geul/pkg/site"
)

const checkLong = `Check the site without writing it: every problem a build would report
(front matter, templates, links between posts, #anchors, root-relative
links, images and covers), each as path:line: what is wrong; how to fix.

With --external, every link to another site is asked too, a few at a time
per host, with a timeout and retries; links found alive are remembered in
.geul/links.json for a day. Exit 1 when there is a problem or a dead link.`

const checkExample = `  geul check
  geul check --external
  geul check -D --external --per-host 1`

type checkFlags struct {
	site     siteFlags
	external bool
	perHost  int
	timeout  time.Duration
	retries  int
}

func newCheckCmd() *cobra.Command {
	var f checkFlags
	cmd := &cobra.Command{
		Use:     "check [flags]",
		Short:   "check links and images without writing the site",
		Long:    checkLong,
		Example: checkExample,
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runCheck(cmd, &f)
		},
	}
	fl := cmd.Flags()
	f.site.register(fl)
	fl.BoolVar(&f.external, "external", false, "also check every link to another site")
	fl.IntVar(&f.perHost, "per-host", 2, "with --external: requests to one host at a time")
	fl.DurationVar(&f.timeout, "timeout", 10*time.Second, "with --external: how long one request may take")
	fl.IntVar(&f.retries, "retries", 2, "with --external: how many times a failed request is tried again")
	return cmd
}

func runCheck(cmd *cobra.Command, f *checkFlags) error {
	stdout, stderr := cmd.OutOrStdout(), cmd.ErrOrStderr()
	source, err := findSite(f.site.source)
	if err != nil {
		fmt.Fprintf(stderr, "geul check: %v\n", err)
		return failed
	}
	warnNoConfig(stderr, source)
	b := site.NewBuilder(source, site.WithDrafts(f.site.drafts), site.WithFuture(f.site.future), site.WithVersion(Version))
	res, err := b.Build(cmd.Context())
	if err != nil {
		printProblems(stderr, err)
		return failed
	}
	printWarnings(stderr, res.Warnings)
	if !f.external {
		fmt.Fprintf(stdout, "checked %d pages: no problems found\n", res.Pages)
		return nil
	}
	refs := b.ExternalLinks()
	urls := make([]string, len(refs))
	for i, r := range refs {
		urls[i] = r.URL
	}
	k := check.New(check.WithPerHost(f.perHost), check.WithTimeout(f.timeout), check.WithRetries(f.retries, 500*time.Millisecond),
		check.WithCache(filepath.Join(source, ".geul", "links.json"), 24*time.Hour))
	results := k.Check(cmd.Context(), urls)
	dead := 0
	for _, r := range refs {
		if res := results[r.URL]; !res.OK {
			dead++
			fmt.Fprintf(stderr, "%s:%d: dead link %s: %s; fix or remove the link\n", r.File, r.Line, r.URL, res.Err)
		}
	}
	if dead > 0 {
		fmt.Fprintf(stderr, "%s of %d\n", plural(dead, "dead link"), len(refs))
		return failed
	}
	fmt.Fprintf(stdout, "checked %d pages and %s: no problems found\n", res.Pages, plural(len(refs), "external link"))
	return nil
}
