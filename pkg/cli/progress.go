package cli

import (
	"io"
	"os"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// progressMin is the number of pages to render below which a build is too
// short for a progress bar to be worth drawing.
const progressMin = 300

// progress draws "pages rendered of total" on a terminal while a build
// renders, with schollz/progressbar; it is nil (and draws nothing) when the
// output is not a terminal.
type progress struct {
	w   io.Writer
	mu  sync.Mutex
	bar *progressbar.ProgressBar
}

// newProgress returns a progress bar drawn on w, or nil when w is not a
// terminal or on is false.
func newProgress(w io.Writer, on bool) *progress {
	f, ok := w.(*os.File)
	if !on || !ok || !term.IsTerminal(int(f.Fd())) {
		return nil
	}
	return &progress{w: w}
}

// update is site.WithProgress's callback; it is safe for concurrent use.
func (p *progress) update(done, total int) {
	if total < progressMin {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.bar == nil {
		p.bar = progressbar.NewOptions(total,
			progressbar.OptionSetWriter(p.w),
			progressbar.OptionSetDescription("rendering"),
			progressbar.OptionShowCount(),
			progressbar.OptionSetItsString("pages"),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionClearOnFinish(),
			progressbar.OptionSetPredictTime(false))
	}
	p.bar.Set(done)
}

// finish clears the bar; it does nothing on a nil progress.
func (p *progress) finish() {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.bar != nil {
		p.bar.Finish()
		p.bar.Clear()
	}
}
