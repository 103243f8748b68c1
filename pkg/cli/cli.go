// Package cli is geul's command line: it parses arguments with cobra and
// pflag (as Hugo does), finds the site, runs the build, the dev server or
// the scaffolding, and prints what happened. cmd/geul only calls Main.
//
// Each command lives in a file of its own (build.go, serve.go, new.go,
// check.go, version.go); this file holds the root command and the rules
// shared by all: exit codes, errors and suggestions.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"runtime/debug"
	"sort"
	"strings"
	"syscall"

	"github.com/agnivade/levenshtein"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/geul-blog/geul/pkg/diag"
)

// Version is geul's release; a build from a git checkout adds the commit.
const Version = "0.1.0"

// Exit codes, as the README documents them.
const (
	exitOK      = 0 // success
	exitProblem = 1 // the site (or the machine) has a problem
	exitUsage   = 2 // the command line is wrong
)

// Main runs geul with args (without the program name) and returns the
// process exit code: 0 on success, 1 when the site has problems, 2 for a
// usage error.
func Main(args []string, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return Run(ctx, args, stdout, stderr)
}

// Run is Main with a context, for tests.
func Run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		root := newRoot(ctx, stdout, stderr)
		root.SetOut(stderr)
		root.Usage()
		return exitUsage
	}
	root := newRoot(ctx, stdout, stderr)
	root.SetArgs(args)
	cmd, err := root.ExecuteC()
	if err == nil {
		return exitOK
	}
	var ce *codeError
	if errors.As(err, &ce) {
		return ce.code
	}
	// Anything cobra itself returns (an unknown command, a wrong number of
	// arguments, a bad flag value) is a usage error.
	if cmd == nil {
		cmd = root
	}
	fmt.Fprintf(stderr, "geul: %v\n", strings.TrimRight(err.Error(), "\n"))
	fmt.Fprintf(stderr, "Run '%s --help' for usage.\n", cmd.CommandPath())
	return exitUsage
}

// codeError ends a command with an exit code once its messages have been
// printed.
type codeError struct{ code int }

func (e *codeError) Error() string { return fmt.Sprintf("exit %d", e.code) }

// failed is what a command returns after printing the problems with the site.
var failed error = &codeError{exitProblem}

// usagef prints a usage error for cmd and returns the error that makes geul
// exit 2.
func usagef(cmd *cobra.Command, format string, args ...any) error {
	fmt.Fprintf(cmd.ErrOrStderr(), "%s: %s\n", cmd.CommandPath(), fmt.Sprintf(format, args...))
	fmt.Fprintf(cmd.ErrOrStderr(), "Run '%s --help' for usage.\n", cmd.CommandPath())
	return &codeError{exitUsage}
}

const rootLong = `geul (글) builds a blog from Markdown files, Korean first.

Start a new blog with "geul new site", write with "geul new post" and
"geul serve", publish with "geul build".

Exit codes: 0 when all went well, 1 when the site has problems (each one is
printed as path:line: what is wrong; how to fix), 2 for a usage error.`

const rootExample = `  geul new site my-blog
  cd my-blog && geul serve
  geul new post "23년 6월 회고" --tags 회고
  geul build --minify`

func newRoot(ctx context.Context, stdout, stderr io.Writer) *cobra.Command {
	root := &cobra.Command{
		Use:           "geul",
		Short:         "a static blog generator for Markdown, Korean first",
		Long:          rootLong,
		Example:       rootExample,
		Version:       versionString(),
		SilenceErrors: true,
		SilenceUsage:  true,
		// Without a command, print the help to stderr and exit 2 (Run
		// handles the empty command line before cobra sees it).
	}
	root.SetContext(ctx)
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.SetVersionTemplate("{{.Version}}\n")
	root.SetFlagErrorFunc(flagError)
	root.SuggestionsMinimumDistance = 2
	root.AddGroup(&cobra.Group{ID: "site", Title: "Commands:"})
	for _, c := range []*cobra.Command{
		newBuildCmd(), newServeCmd(), newNewCmd(), newCheckCmd(), newImportCmd(), newVersionCmd(),
	} {
		c.GroupID = "site"
		root.AddCommand(c)
	}
	// cobra's help command prints the root's help for a topic it does not
	// know, and exits 0: suggest the command meant and exit 2 instead.
	root.SetHelpCommand(&cobra.Command{
		Use:   "help [command]",
		Short: "print the help of geul or of a command",
		RunE: func(cmd *cobra.Command, args []string) error {
			target, rest, err := root.Find(args)
			if err != nil || target == nil || len(rest) > 0 {
				name := strings.Join(args, " ")
				if s := root.SuggestionsFor(args[len(args)-1]); len(s) > 0 {
					return usagef(cmd, "no help for %q: there is no such command; did you mean %q?", name, s[0])
				}
				return usagef(cmd, "no help for %q: there is no such command", name)
			}
			return target.Help()
		},
	})
	// cobra's completion command prints its help for a shell it does not
	// know, and exits 0: make that a usage error.
	root.InitDefaultCompletionCmd()
	for _, c := range root.Commands() {
		if c.Name() == "completion" {
			c.SuggestionsMinimumDistance = 2
			c.RunE = func(cmd *cobra.Command, args []string) error {
				if len(args) == 0 {
					return usagef(cmd, "name the shell: bash, zsh, fish or powershell")
				}
				return usagef(cmd, "invalid argument %q: geul writes completions for bash, zsh, fish and powershell", args[0])
			}
		}
	}
	return root
}

// flagError turns pflag's parse errors into a usage error with a "did you
// mean" when an unknown flag is close to a known one (cobra only suggests
// commands).
func flagError(cmd *cobra.Command, err error) error {
	msg := err.Error()
	var hint string
	var name string
	if n, ok := strings.CutPrefix(msg, "unknown flag: --"); ok {
		name = n
	} else if n, ok := strings.CutPrefix(msg, "unknown shorthand flag: "); ok {
		// "unknown shorthand flag: 'x' in -xyz"
		if i := strings.Index(n, " in -"); i >= 0 {
			name = n[i+len(" in -"):]
		}
	}
	if name != "" {
		if s := suggestFlag(cmd, name); s != "" {
			hint = fmt.Sprintf("\nDid you mean --%s?", s)
		}
	}
	return usagef(cmd, "%s%s", msg, hint)
}

// suggestFlag returns the name of cmd's flag closest to name, or "".
func suggestFlag(cmd *cobra.Command, name string) string {
	name, _, _ = strings.Cut(name, "=")
	lower := strings.ToLower(name)
	best, bestD := "", 3
	var names []string
	cmd.Flags().VisitAll(func(f *pflag.Flag) { names = append(names, f.Name) })
	cmd.InheritedFlags().VisitAll(func(f *pflag.Flag) { names = append(names, f.Name) })
	sort.Strings(names)
	for _, n := range names {
		d := levenshtein.ComputeDistance(lower, strings.ToLower(n))
		if strings.HasPrefix(strings.ToLower(n), lower) && len(lower) >= 2 {
			d = 1
		}
		if d < bestD {
			best, bestD = n, d
		}
	}
	return best
}

// noArgs is cobra.NoArgs with geul's usage message.
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return usagef(cmd, "unexpected argument %q", args[0])
	}
	return nil
}

func versionString() string {
	v := "geul v" + Version
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, s := range info.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 12 {
				v += " (" + s.Value[:12] + ")"
			}
		}
	}
	return v + " " + runtime.Version()
}

func newVersionCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "print geul's version",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			fmt.Fprintln(cmd.OutOrStdout(), versionString())
			return nil
		},
	}
}

// printError prints each problem on its own line, as path:line: message.
func printError(w io.Writer, err error) {
	es := diag.Errors(err)
	for _, e := range es {
		fmt.Fprintln(w, e.Error())
	}
	if len(es) > 1 {
		fmt.Fprintf(w, "%d problems; nothing was written\n", len(es))
	}
}

// printProblems is printError for geul check, which writes nothing anyway.
func printProblems(w io.Writer, err error) {
	es := diag.Errors(err)
	for _, e := range es {
		fmt.Fprintln(w, e.Error())
	}
	if len(es) > 1 {
		fmt.Fprintf(w, "%d problems\n", len(es))
	}
}

func plural(n int, word string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}
