package webcheck

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/chromedp/chromedp"
)

// Violation is one rule that axe-core found broken on a page, with the
// elements that break it.
type Violation struct {
	ID      string `json:"id"`     // the rule, "color-contrast"
	Impact  string `json:"impact"` // "minor", "moderate", "serious" or "critical"
	Help    string `json:"help"`
	HelpURL string `json:"helpUrl"`
	Nodes   []struct {
		Target         json.RawMessage `json:"target"` // CSS selectors, nested for shadow DOM and frames
		HTML           string          `json:"html"`
		FailureSummary string          `json:"failureSummary"`
	} `json:"nodes"`
}

// String formats v with each element it was found on.
func (v Violation) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s): %s <%s>", v.ID, v.Impact, v.Help, v.HelpURL)
	for _, n := range v.Nodes {
		fmt.Fprintf(&b, "\n\t%s %s\n\t\t%s", n.Target, n.HTML, strings.ReplaceAll(n.FailureSummary, "\n", "\n\t\t"))
	}
	return b.String()
}

// Axe injects axe-core's source (the text of axe.min.js) into the current
// page, runs every rule axe runs by default (WCAG 2.x A and AA, and best
// practices) on the whole document, and returns the violations.
func Axe(source string) chromedp.Action[[]Violation] {
	return func(ctx context.Context, t *chromedp.Target) ([]Violation, error) {
		if _, err := chromedp.Evaluate[chromedp.Void](source)(ctx, t); err != nil {
			return nil, fmt.Errorf("loading axe-core: %w", err)
		}
		const run = `axe.run(document, {resultTypes: ["violations"]}).then(r => r.violations)`
		vs, err := chromedp.Evaluate[[]Violation](run, chromedp.EvalAwaitPromise)(ctx, t)
		if err != nil {
			return nil, fmt.Errorf("running axe-core: %w", err)
		}
		return vs, nil
	}
}
