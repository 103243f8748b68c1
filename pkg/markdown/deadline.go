package markdown

import (
	"context"
	"sync"
	"sync/atomic"
	"time"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// DefaultDeadline is how long Render may take for one body before it gives
// up. A long post renders in a few milliseconds; goldmark's parser is
// quadratic on some inputs ("[a](" repeated; docs/performance.md, "Limits
// on hostile input"), and a running `geul serve` would wait for it.
const DefaultDeadline = 10 * time.Second

// WithDeadline sets how long Render may take for one body (default
// DefaultDeadline). Past it, Render stops and returns an error.
func WithDeadline(d time.Duration) Option {
	return func(o *options) {
		if d > 0 {
			o.deadline = d
		}
	}
}

// guard stops one Render when its deadline passes or its context is done.
//
// goldmark has no way to stop a parse, so the check sits in hooks goldmark
// calls all the time: a block parser tried on (nearly) every line and an
// inline parser tried on every punctuation character, both of which never
// parse anything. When the guard has tripped they panic with it, and
// Render recovers it; goldmark keeps no state between parses, so the
// parser stays usable. Checking an atomic flag keeps the hooks cheap.
type guard struct {
	tripped atomic.Bool
	once    sync.Once
	err     error         // why it tripped; written once, before done is closed
	done    chan struct{} // closed when it trips
}

func newGuard() *guard { return &guard{done: make(chan struct{})} }

// trip stops the render with err, once.
func (g *guard) trip(err error) {
	g.once.Do(func() {
		g.err = err
		g.tripped.Store(true)
		close(g.done)
	})
}

// check panics with g when g has tripped; Render recovers it.
func (g *guard) check() {
	if g != nil && g.tripped.Load() {
		panic(g)
	}
}

// cause returns why g tripped; call it after check panicked.
func (g *guard) cause() error {
	<-g.done
	return g.err
}

// watch arms g with the deadline d and ctx; stop disarms it.
func (g *guard) watch(ctx context.Context, d time.Duration) (stop func()) {
	t := time.AfterFunc(d, func() { g.trip(errTooLong) })
	after := context.AfterFunc(ctx, func() { g.trip(ctx.Err()) })
	return func() {
		t.Stop()
		after()
	}
}

// errTooLong is the cause of a guard tripped by its deadline.
var errTooLong = &tooLongError{}

type tooLongError struct{}

func (*tooLongError) Error() string { return "took too long to render" }

var guardKey = parser.NewContextKey()

// guardOf returns the guard of a parse, or nil (Markdownify has none).
func guardOf(pc parser.Context) *guard {
	g, _ := pc.Get(guardKey).(*guard)
	return g
}

// guardBlocks is the block parser that checks the guard.
type guardBlocks struct{}

func (guardBlocks) Trigger() []byte { return nil } // tried on every line no other parser takes first
func (guardBlocks) Open(_ ast.Node, _ text.Reader, pc parser.Context) (ast.Node, parser.State) {
	guardOf(pc).check()
	return nil, parser.NoChildren
}
func (guardBlocks) Continue(ast.Node, text.Reader, parser.Context) parser.State { return parser.Close }
func (guardBlocks) Close(ast.Node, text.Reader, parser.Context)                 {}
func (guardBlocks) CanInterruptParagraph() bool                                 { return true }
func (guardBlocks) CanAcceptIndentedLine() bool                                 { return true }

// guardInlines is the inline parser that checks the guard.
type guardInlines struct{}

// Trigger lists the characters of goldmark's inline parsers: links and
// images, emphasis, code spans, autolinks and raw HTML, strikethrough,
// footnotes, emoji.
func (guardInlines) Trigger() []byte { return []byte("[]!()*_`<~&\\:") }
func (guardInlines) Parse(_ ast.Node, _ text.Reader, pc parser.Context) ast.Node {
	guardOf(pc).check()
	return nil
}

// guardParserOptions install the hooks, before every other parser.
func guardParserOptions() []parser.Option {
	return []parser.Option{
		parser.WithBlockParsers(util.Prioritized(guardBlocks{}, 0)),
		parser.WithInlineParsers(util.Prioritized(guardInlines{}, 0)),
	}
}
