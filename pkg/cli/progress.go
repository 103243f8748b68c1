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

// progress draws "done of total" on a terminal while a build renders or an
// import runs, with schollz/progressbar; it is nil (and draws nothing) when
// the output is not a terminal.
type progress struct {
	w    io.Writer
	min  int    // totals below this draw no bar
	its  string // what is counted ("pages"), or "" for no unit
	mu   sync.Mutex
	bar  *progressbar.ProgressBar
	desc string // the bar's description, one bar per phase
}

// newProgress returns a build's progress bar drawn on w, or nil when w is
// not a terminal or on is false.
func newProgress(w io.Writer, on bool) *progress {
	return newProgressOf(w, on, progressMin, "pages")
}

// newProgressOf is newProgress for a run whose totals below min draw no
// bar, counting its.
func newProgressOf(w io.Writer, on bool, min int, its string) *progress {
	f, ok := w.(*os.File)
	if !on || !ok || !term.IsTerminal(int(f.Fd())) {
		return nil
	}
	return &progress{w: w, min: min, its: its}
}

// update is site.WithProgress's callback; it is safe for concurrent use.
func (p *progress) update(done, total int) { p.phase("rendering", done, total) }

// phase shows done of total under desc; a new desc starts a new bar. It
// is safe for concurrent use.
func (p *progress) phase(desc string, done, total int) {
	if total < p.min {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.bar == nil || desc != p.desc {
		if p.bar != nil {
			p.bar.Finish()
		}
		opts := []progressbar.Option{
			progressbar.OptionSetWriter(p.w),
			progressbar.OptionSetDescription(desc),
			progressbar.OptionShowCount(),
			progressbar.OptionThrottle(100 * time.Millisecond),
			progressbar.OptionClearOnFinish(),
			progressbar.OptionSetPredictTime(false),
		}
		if p.its != "" {
			opts = append(opts, progressbar.OptionSetItsString(p.its))
		}
		p.desc, p.bar = desc, progressbar.NewOptions(total, opts...)
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
