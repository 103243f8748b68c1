package markdown

import (
	"time"

	"github.com/dlclark/regexp2/v2"
)

// chroma gives every lexer rule's regexp a 250 ms match timeout and, when a
// match runs out of time, silently tries the next rule instead: on a busy
// machine (a build on 2 cores beside an editor, a browser and the race
// detector) the same code block can then be highlighted differently from
// one build to the next. geul promises byte-identical output for the same
// input, so the deadline is pushed far out: regexp2 measures it with a
// clock that ticks once per check period, and a deadline is at least one
// period away. A truly runaway pattern still stops, after ten to twenty
// seconds instead of a quarter of one; the block's highlighting budget
// (DefaultHighlightBudget, shorter than one period) gives the block up as
// plain code long before that, so a timed-out match never shapes output.
//
// This sets a variable of regexp2's. It is done in init, before any regexp
// runs, because the clock goroutine reads it without a lock.
func init() {
	regexp2.SetTimeoutCheckPeriod(10 * time.Second)
}
