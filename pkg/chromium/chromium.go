// Package chromium starts headless Chromium for geul's browser tests and
// tools: the one place that knows where the browser is and which flags a
// root, offline machine needs.
package chromium

import (
	"context"
	"os"
	"os/exec"
	"testing"

	"github.com/chromedp/chromedp"
)

// Find returns the path of the first of Chromium, Chrome or chromedp's
// headless-shell on PATH, or "".
func Find() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "headless-shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// Start starts headless Chromium at path with a fresh profile in
// userDataDir and returns a context for its first tab. The flags keep the
// browser quiet: no sandbox (it runs as root here), no first-run pages, no
// background or update traffic, no sync, no GPU; opts add more. Cancel the
// context to stop the browser.
func Start(ctx context.Context, path, userDataDir string, opts ...chromedp.ExecAllocatorOption) (context.Context, context.CancelFunc) {
	all := append(chromedp.DefaultExecAllocatorOptions[:], // headless, no-first-run, no background networking, no sync
		chromedp.ExecPath(path),
		chromedp.UserDataDir(userDataDir),
		chromedp.NoSandbox,
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.WindowSize(1280, 900),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(ctx, append(all, opts...)...)
	bctx, cancelTab := chromedp.NewContext(actx)
	return bctx, func() { cancelTab(); cancelAlloc() }
}

// ForTest starts a browser for t, stopped when t ends. It skips t with
// -short, and when there is no browser, unless GEUL_REQUIRE_BROWSER is set
// (as CI sets it): then a missing browser fails t.
func ForTest(t testing.TB, opts ...chromedp.ExecAllocatorOption) context.Context {
	t.Helper()
	if testing.Short() {
		t.Skip("browser test; skipped with -short")
	}
	path := Find()
	if path == "" {
		const msg = "no Chromium or Chrome on PATH (install Debian's chromium package)"
		if os.Getenv("GEUL_REQUIRE_BROWSER") != "" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	ctx, cancel := Start(context.Background(), path, t.TempDir(), opts...)
	t.Cleanup(cancel)
	return ctx
}
