package webcheck

import (
	"context"
	"fmt"
	"math"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// NewBrowser starts headless Chromium at chromium with a fresh profile in
// userDataDir and returns a context for its first tab. The flags keep the
// browser quiet: no first-run pages, no background or update traffic, no
// sync, no GPU. Cancel the context to stop the browser.
func NewBrowser(ctx context.Context, chromium, userDataDir string) (context.Context, context.CancelFunc) {
	opts := append(chromedp.DefaultExecAllocatorOptions[:], // headless, no-first-run, no background networking, no sync
		chromedp.ExecPath(chromium),
		chromedp.UserDataDir(userDataDir),
		chromedp.NoSandbox,
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.WindowSize(1280, 900),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	bctx, cancelTab := chromedp.NewContext(actx)
	return bctx, func() { cancelTab(); cancelAlloc() }
}

// ColorScheme makes the page see prefers-color-scheme as scheme: "light"
// or "dark". It lasts for the tab, across navigations.
func ColorScheme(scheme string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
		})
		return err
	})
}

// Viewport sizes the tab like a device width px wide and height px high
// (a phone when width is below 600: the viewport meta tag applies and
// scrollbars overlay the page).
func Viewport(width, height int) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{
			Width: int64(width), Height: int64(height), DeviceScaleFactor: 1, Mobile: width < 600,
		})
		return err
	})
}

// PageScreenshot takes a PNG of the whole page from the top, cut off at
// maxHeight px. The viewport's width is kept.
func PageScreenshot(maxHeight int) chromedp.Action[[]byte] {
	return func(ctx context.Context, t *chromedp.Target) ([]byte, error) {
		size, err := chromedp.Evaluate[[2]float64](`[document.documentElement.clientWidth, document.documentElement.scrollHeight]`)(ctx, t)
		if err != nil {
			return nil, err
		}
		h := math.Min(size[1], float64(maxHeight))
		if size[0] <= 0 || h <= 0 {
			return nil, fmt.Errorf("the page is %v×%v px", size[0], size[1])
		}
		r, err := cdp.Call(ctx, t, page.CaptureScreenshot, page.CaptureScreenshotParams{
			Format:                page.CaptureScreenshotFormatPng,
			Clip:                  &page.Viewport{Width: size[0], Height: h, Scale: 1},
			CaptureBeyondViewport: ptr(true),
			FromSurface:           ptr(true),
		})
		if err != nil {
			return nil, err
		}
		return r.Data, nil
	}
}

func ptr[T any](v T) *T { return &v }
