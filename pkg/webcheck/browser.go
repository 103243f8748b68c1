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

// Mouse returns an option of chromium.Start that gives pages a mouse:
// (hover: hover) and (pointer: fine), as on a desktop. Emulation.setEmulatedMedia cannot
// set these features, so it is Blink's settings, for the whole browser; a
// Viewport below 600 px wide still turns the tab into a touch screen.
// The numbers are Blink's ui::HoverType (2, hover) and ui::PointerType (4, fine).
func Mouse() chromedp.ExecAllocatorOption {
	return chromedp.Flag("blink-settings", "primaryHoverType=2,availableHoverTypes=2,primaryPointerType=4,availablePointerTypes=4")
}

// ColorScheme makes the page see prefers-color-scheme as scheme: "light"
// or "dark". It lasts for the tab, across navigations, and replaces what
// MediaFeatures set before.
func ColorScheme(scheme string) chromedp.Action[chromedp.Void] {
	return MediaFeatures("prefers-color-scheme", scheme)
}

// MediaFeatures makes the page see the CSS media features given as name,
// value pairs: MediaFeatures("prefers-color-scheme", "dark",
// "prefers-reduced-motion", "reduce"). It lasts for the tab, across
// navigations, and replaces the features set before. Chromium ignores
// hover and pointer here; see Mouse and Viewport for those.
func MediaFeatures(nameValue ...string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		if len(nameValue)%2 != 0 {
			return fmt.Errorf("MediaFeatures(%q): want name, value pairs", nameValue)
		}
		var fs []*emulation.MediaFeature
		for i := 0; i < len(nameValue); i += 2 {
			fs = append(fs, &emulation.MediaFeature{Name: nameValue[i], Value: nameValue[i+1]})
		}
		_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Features: fs})
		return err
	})
}

// Viewport sizes the tab like a device width px wide and height px high.
// Below 600 px it is a phone: the viewport meta tag applies, scrollbars
// overlay the page, and it has a touch screen, (hover: none) and
// (pointer: coarse).
func Viewport(width, height int) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		if _, err := cdp.Call(ctx, t, emulation.SetTouchEmulationEnabled, emulation.SetTouchEmulationEnabledParams{Enabled: width < 600}); err != nil {
			return err
		}
		return resize(ctx, t, width, height)
	})
}

// resize sets the tab's size and leaves touch emulation as it is: turning
// it off on a loaded page makes Chromium forget Mouse until the next
// navigation.
func resize(ctx context.Context, t *chromedp.Target, width, height int) error {
	_, err := cdp.Call(ctx, t, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{
		Width: int64(width), Height: int64(height), DeviceScaleFactor: 1, Mobile: width < 600,
	})
	return err
}

// PageScreenshot makes the tab (a phone or not, as Viewport left it) width
// px wide and as high as the page, up to maxHeight px, and takes a PNG of
// it from the top. It grows the viewport rather than capturing beyond it:
// Chromium drops the touch screen while it captures beyond the viewport,
// and a phone's page would come out as a desktop's.
func PageScreenshot(width, maxHeight int) chromedp.Action[[]byte] {
	return func(ctx context.Context, t *chromedp.Target) ([]byte, error) {
		height, err := chromedp.Evaluate[float64](`document.documentElement.scrollHeight`)(ctx, t)
		if err != nil {
			return nil, err
		}
		h := int(math.Min(math.Ceil(height), float64(maxHeight)))
		if h <= 0 {
			return nil, fmt.Errorf("the page is %v px high", height)
		}
		if err := resize(ctx, t, width, h); err != nil {
			return nil, err
		}
		r, err := cdp.Call(ctx, t, page.CaptureScreenshot, page.CaptureScreenshotParams{
			Format:      page.CaptureScreenshotFormatPng,
			Clip:        &page.Viewport{Width: float64(width), Height: float64(h), Scale: 1},
			FromSurface: ptr(true),
		})
		if err != nil {
			return nil, err
		}
		return r.Data, nil
	}
}

func ptr[T any](v T) *T { return &v }
