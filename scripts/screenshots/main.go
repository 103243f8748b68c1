// Command screenshots builds a geul site and takes PNG screenshots of one
// of its pages in headless Chromium, at a phone's and a desktop's width, in
// light and in dark mode. scripts/screenshots.sh runs it for the README's
// pictures of the example blog; the files are named page-WIDTH-SCHEME.png.
//
//	go run ./scripts/screenshots -site . -out docs/screenshots -page /posts/2024-04-retrospective/
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/geul-blog/geul/pkg/chromium"
	"github.com/geul-blog/geul/pkg/webcheck"
)

func main() { os.Exit(run(os.Args[1:], os.Stderr)) }

func run(args []string, stderr io.Writer) int {
	fl := flag.NewFlagSet("screenshots", flag.ContinueOnError)
	fl.SetOutput(stderr)
	siteDir := fl.String("site", ".", "the folder of the site's config.toml")
	out := fl.String("out", "docs/screenshots", "where the PNG files go")
	page := fl.String("page", "/posts/2024-04-retrospective/", "the page to take, as a path from the site's root")
	name := fl.String("name", "post", "the first part of the file names")
	maxHeight := fl.Int("height", 1600, "cut each screenshot off at this many CSS pixels")
	if err := fl.Parse(args); err != nil {
		return 2
	}
	if err := shoot(*siteDir, *out, *page, *name, *maxHeight, stderr); err != nil {
		fmt.Fprintf(stderr, "screenshots: %v\n", err)
		return 1
	}
	return 0
}

func shoot(siteDir, out, page, name string, maxHeight int, stderr io.Writer) error {
	browser := chromium.Find()
	if browser == "" {
		return errors.New("no chromium on PATH; install it with `apt-get install -y chromium`")
	}
	tmp, err := os.MkdirTemp("", "geul-screenshots-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	public := filepath.Join(tmp, "public")
	if err := webcheck.Build(context.Background(), siteDir, public); err != nil {
		return err
	}
	srv := httptest.NewServer(http.FileServer(http.Dir(public)))
	defer srv.Close()
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}

	// With a mouse, the desktop pictures show what a reader at a desk sees
	// (heading anchors wait for the pointer); Viewport makes 375 px a phone.
	bctx, cancel := chromium.Start(context.Background(), browser, filepath.Join(tmp, "profile"), webcheck.Mouse())
	defer cancel()
	if err := chromedp.Do(bctx); err != nil { // starts the browser; no deadline on this one
		return fmt.Errorf("starting %s: %w", browser, err)
	}
	for _, width := range []int{375, 1280} {
		for _, scheme := range []string{"light", "dark"} {
			ctx, cancel := context.WithTimeout(bctx, 30*time.Second)
			err := chromedp.Do(ctx,
				webcheck.Viewport(width, 800),
				webcheck.ColorScheme(scheme),
				chromedp.Navigate(srv.URL+page),
				// Wait for the web fonts the page may load and for the scripts'
				// buttons, so the picture is what a reader sees.
				chromedp.Evaluate[chromedp.Void](`document.fonts.ready.then(() => true)`, chromedp.EvalAwaitPromise),
				chromedp.WaitReady(chromedp.CSS(".theme-toggle:not([hidden])")),
			)
			var png []byte
			if err == nil {
				png, err = chromedp.Run(ctx, webcheck.PageScreenshot(width, maxHeight))
			}
			cancel()
			if err != nil {
				return fmt.Errorf("%s at %d px, %s: %w", page, width, scheme, err)
			}
			file := filepath.Join(out, fmt.Sprintf("%s-%d-%s.png", name, width, scheme))
			if err := os.WriteFile(file, png, 0o644); err != nil {
				return err
			}
			fmt.Fprintf(stderr, "wrote %s (%d KiB)\n", file, len(png)/1024)
		}
	}
	return nil
}
