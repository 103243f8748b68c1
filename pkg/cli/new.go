package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/geul-blog/geul/pkg/archetype"
	"github.com/geul-blog/geul/pkg/config"
	"github.com/geul-blog/geul/pkg/scaffold"
	"github.com/geul-blog/geul/pkg/slug"
)

const newLong = `Create a new blog, post or page.

"geul new site DIR" writes a working blog; "geul new post", "geul new page"
and "geul new PATH.md" (a path under content/, as in Hugo) write a new
Markdown file from an archetype: archetypes/<section>.md, then
archetypes/default.md, in the site, then in its theme, then geul's own. The
date is now in the site's timeZone, and the new file starts as a draft
(draft = true): it shows with "geul serve -D" until you remove that line.
geul new never overwrites a file; it prints the path it wrote.`

const newExample = `  geul new site my-blog
  geul new post "23년 6월 회고" --category 생각 --tags 회고,AWS
  geul new post "제주 여행" --bundle      # content/posts/제주-여행/index.md, images beside it
  geul new page "소개"                     # content/소개.md, at /소개/
  geul new notes/til.md --edit            # opens $EDITOR`

type newFlags struct {
	source   string
	edit     bool
	bundle   bool
	category string
	tags     []string
	section  string
	title    string
}

func newNewCmd() *cobra.Command {
	var f newFlags
	cmd := &cobra.Command{
		Use:     "new [site DIR | post TITLE | page TITLE | PATH.md]",
		Short:   "create a new blog, post or page",
		Long:    newLong,
		Example: newExample,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 || !strings.HasSuffix(strings.ToLower(args[0]), ".md") {
				if len(args) > 0 {
					if s := cmd.SuggestionsFor(args[0]); len(s) > 0 {
						return usagef(cmd, "unknown kind %q; did you mean %q?", args[0], s[0])
					}
				}
				return usagef(cmd, `say what to create: "geul new site DIR", "geul new post TITLE", "geul new page TITLE" or "geul new PATH.md"`)
			}
			return newContent(cmd, &f, "", args[0], true)
		},
	}
	cmd.SuggestionsMinimumDistance = 2
	cmd.PersistentFlags().StringVarP(&f.source, "source", "s", "", "the site `folder` (default: the first folder with a config file, from here up)")
	cmd.Flags().BoolVar(&f.edit, "edit", false, "open the new file in $VISUAL or $EDITOR")

	site := &cobra.Command{
		Use:     "site DIR",
		Short:   "create a new blog in DIR",
		Example: "  geul new site my-blog\n  geul new site my-blog --title \"나의 블로그\"",
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usagef(cmd, "give the new blog's folder: geul new site DIR")
			}
			return newSite(cmd, args[0], f.title)
		},
	}
	site.Flags().StringVar(&f.title, "title", "", "the blog's title (default: the folder's name)")

	post := &cobra.Command{
		Use:   "post TITLE",
		Short: "create a new post in content/posts/ (or --section)",
		Long: `Create a new post, a draft named after its title: slugStyle in the config
says how ("hangul", the default, keeps the title's letters; "romanized"
writes Korean in Latin letters; "date" uses the date).`,
		Example: "  geul new post \"23년 6월 회고\" --category 생각 --tags 회고,AWS\n  geul new post \"제주 여행\" --bundle --edit",
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usagef(cmd, `give the title in quotes: geul new post "23년 6월 회고"`)
			}
			return newContent(cmd, &f, f.section, args[0], false)
		},
	}
	page := &cobra.Command{
		Use:     "page TITLE",
		Short:   "create a new plain page in content/ (not dated, not listed)",
		Example: "  geul new page \"소개\"",
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usagef(cmd, `give the title in quotes: geul new page "소개"`)
			}
			return newContent(cmd, &f, "", args[0], false)
		},
	}
	contentCmd := &cobra.Command{
		Use:     "content PATH.md",
		Short:   "create content/PATH.md (Hugo's spelling of geul new PATH.md)",
		Example: "  geul new content posts/hello.md",
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 || !strings.HasSuffix(strings.ToLower(args[0]), ".md") {
				return usagef(cmd, "give a path under content/ ending in .md: geul new content posts/hello.md")
			}
			return newContent(cmd, &f, "", args[0], true)
		},
	}
	contentCmd.Flags().BoolVar(&f.edit, "edit", false, "open the new file in $VISUAL or $EDITOR")
	for _, c := range []*cobra.Command{post, page} {
		c.Flags().BoolVar(&f.edit, "edit", false, "open the new file in $VISUAL or $EDITOR")
		c.Flags().BoolVar(&f.bundle, "bundle", false, "make a page bundle (a folder with index.md) so images can sit beside it")
		c.Flags().StringVar(&f.category, "category", "", "the post's `category`")
		c.Flags().StringSliceVar(&f.tags, "tags", nil, "the post's tags, separated by commas")
	}
	post.Flags().StringVar(&f.section, "section", "posts", "the `folder` under content/ to write the post in")
	cmd.AddCommand(site, post, page, contentCmd)
	return cmd
}

// newSite runs "geul new site DIR".
func newSite(cmd *cobra.Command, dir, title string) error {
	stdout, stderr := cmd.OutOrStdout(), cmd.ErrOrStderr()
	if err := notInContent(dir); err != nil {
		fmt.Fprintf(stderr, "geul new site: %v\n", err)
		return failed
	}
	if title == "" {
		abs, _ := filepath.Abs(dir)
		title = filepath.Base(abs)
	}
	if _, err := scaffold.Site(dir, title, time.Now().Truncate(time.Second)); err != nil {
		fmt.Fprintf(stderr, "geul new site: %v\n", err)
		return failed
	}
	fmt.Fprintf(stdout, "Created a new blog in %s, with a first post in %s.\n\nNext:\n  cd %s\n  geul serve      # then open http://localhost:1313/\n\nWrite the next post with: geul new post \"제목\"\n",
		dir, scaffold.FirstPost, shellQuote(dir))
	return nil
}

// newContent writes a new post or page. With isPath, name is a path under
// content/ ending in .md; otherwise it is a title, and the file goes in
// content/<section>/ (content/ itself for a page).
func newContent(cmd *cobra.Command, f *newFlags, section, name string, isPath bool) error {
	stdout, stderr := cmd.OutOrStdout(), cmd.ErrOrStderr()
	fail := func(format string, args ...any) error {
		fmt.Fprintf(stderr, "geul new: "+format+"\n", args...)
		return failed
	}
	source, err := findSite(f.source)
	if err != nil {
		return fail("%v", err)
	}
	cfg, err := config.Load(os.DirFS(source), config.FileName)
	if err != nil {
		printError(stderr, err)
		return failed
	}
	now := time.Now().In(cfg.Location).Truncate(time.Second)
	d := archetype.Data{Title: name, Date: now.Format(time.RFC3339), Kind: "post", Section: section,
		Tags: f.tags}
	if f.category != "" {
		d.Categories = []string{f.category}
	}
	var rel string // the new file, relative to content/
	if isPath {
		rel = filepath.Clean(filepath.FromSlash(strings.TrimPrefix(filepath.ToSlash(name), "content/")))
		if filepath.IsAbs(rel) || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return fail("%s is outside content/; give a path under it, such as posts/hello.md", name)
		}
		base := strings.TrimSuffix(filepath.Base(rel), filepath.Ext(rel))
		if base == "index" || base == "_index" {
			base = filepath.Base(filepath.Dir(rel))
		}
		d.Slug = base
		d.Title = strings.TrimSpace(strings.NewReplacer("-", " ", "_", " ").Replace(base))
		if dir := filepath.Dir(rel); dir != "." {
			d.Section = strings.Split(filepath.ToSlash(dir), "/")[0]
		}
	} else {
		if strings.TrimSpace(name) == "" {
			return usagef(cmd, "the title is empty")
		}
		d.Slug = slug.Make(name, cfg.SlugStyle, now)
		if d.Slug == "" {
			return fail("%q has no letter or digit to name the file after; give a path instead: geul new %s/name.md", name, section)
		}
		if f.bundle {
			rel = filepath.Join(section, d.Slug, "index.md")
		} else {
			rel = filepath.Join(section, d.Slug+".md")
		}
	}
	if d.Section == "" {
		d.Kind = "page"
	}
	d.Name = d.Slug
	path := filepath.Join(source, "content", rel)
	if _, err := os.Lstat(path); err == nil {
		return fail("%s already exists; geul new never overwrites a file: edit it, or choose another title", path)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return fail("%v", err)
	}
	from, src, err := archetype.Find(source, cfg.Theme, d.Section)
	if err != nil {
		return fail("%v", err)
	}
	text, err := archetype.Execute(from, src, d)
	if err != nil {
		return fail("%v", err)
	}
	if err := writeNew(path, text); err != nil {
		return fail("%v", err)
	}
	fmt.Fprintln(stdout, path)
	if f.edit {
		return edit(cmd, path)
	}
	return nil
}

// writeNew writes a new file, creating its folder, and fails if the file
// exists.
func writeNew(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	fh, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, err = fh.Write(data)
	if cerr := fh.Close(); err == nil {
		err = cerr
	}
	return err
}

// edit opens path in $VISUAL or $EDITOR ("code -w" and other commands with
// arguments work).
func edit(cmd *cobra.Command, path string) error {
	editor := os.Getenv("VISUAL")
	if editor == "" {
		editor = os.Getenv("EDITOR")
	}
	words := strings.Fields(editor)
	if len(words) == 0 {
		fmt.Fprintf(cmd.ErrOrStderr(), "geul new: --edit needs $EDITOR (or $VISUAL) to say which editor to open; %s was written\n", path)
		return failed
	}
	c := exec.Command(words[0], append(words[1:], path)...)
	c.Stdin, c.Stdout, c.Stderr = os.Stdin, cmd.OutOrStdout(), cmd.ErrOrStderr()
	if err := c.Run(); err != nil {
		fmt.Fprintf(cmd.ErrOrStderr(), "geul new: %s %s: %v\n", editor, path, err)
		return failed
	}
	return nil
}

// shellQuote quotes dir for the "cd" line when it has spaces or quotes.
func shellQuote(dir string) string {
	if !strings.ContainsAny(dir, " \t'\"$`\\") {
		return dir
	}
	return "'" + strings.ReplaceAll(dir, "'", `'\''`) + "'"
}
