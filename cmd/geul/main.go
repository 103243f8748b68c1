// Command geul builds a blog from Markdown and serves it with live reload.
// See the README, or run "geul help".
package main

import (
	"os"
	_ "time/tzdata" // timeZone works on machines without zone files (Windows, scratch containers)

	"github.com/geul-blog/geul/pkg/cli"
)

func main() { os.Exit(cli.Main(os.Args[1:], os.Stdout, os.Stderr)) }
