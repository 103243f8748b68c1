// Command geul-bench makes and measures geul's benchmark corpus:
//
//	geul-bench gen -n 10000 -out DIR   # write DIR/config.toml and DIR/content/posts/…
//	geul-bench floor -in DIR           # render DIR's posts with goldmark + chroma only
//
// The floor is the least a goldmark-based generator must do for the posts;
// docs/performance.md compares geul's full build with it.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"time"

	"github.com/geul-blog/geul/pkg/corpus"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

const usage = `usage:
  geul-bench gen -n N -out DIR   write a corpus of N Korean posts into DIR
  geul-bench floor -in DIR       render DIR/content's Markdown without writing it, and time it
`

// run is the whole command; it returns the exit code: 0, 1 when the work
// failed, 2 for a usage error.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	fs := flag.NewFlagSet("geul-bench "+args[0], flag.ContinueOnError)
	fs.SetOutput(stderr)
	var err error
	switch args[0] {
	case "gen":
		n := fs.Int("n", 1000, "how many posts")
		out := fs.String("out", "", "the folder to write the site into")
		if fs.Parse(args[1:]) != nil {
			return 2
		}
		if *out == "" || fs.NArg() > 0 {
			fmt.Fprintln(stderr, "geul-bench gen: give the output folder with -out DIR (and nothing else)")
			return 2
		}
		start := time.Now()
		if err = corpus.Generate(*out, *n); err == nil {
			fmt.Fprintf(stdout, "gen: %d posts in %s written to %s\n", *n, time.Since(start).Round(time.Millisecond), *out)
		}
	case "floor":
		in := fs.String("in", "", "the site folder whose content/ is rendered")
		if fs.Parse(args[1:]) != nil {
			return 2
		}
		if *in == "" || fs.NArg() > 0 {
			fmt.Fprintln(stderr, "geul-bench floor: give the site folder with -in DIR (and nothing else)")
			return 2
		}
		start := time.Now()
		var n int
		if n, err = corpus.Floor(ctx, *in); err == nil {
			fmt.Fprintf(stdout, "floor: %d posts in %s with %d cores\n", n, time.Since(start).Round(time.Millisecond), runtime.GOMAXPROCS(0))
		}
	case "-h", "-help", "--help", "help":
		fmt.Fprint(stdout, usage)
		return 0
	default:
		fmt.Fprintf(stderr, "geul-bench: unknown command %q\n%s", args[0], usage)
		return 2
	}
	if err != nil {
		fmt.Fprintln(stderr, "geul-bench:", err)
		if errors.Is(err, context.Canceled) {
			return 130
		}
		return 1
	}
	return 0
}
