// Package parallel runs one function over n indexes on all cores. It is
// the one worker pool of geul: the site's loader, renderer and writer and
// the corpus generator use it rather than each starting goroutines its own
// way.
//
// It imports nothing from geul, so that any package may use it (pkg/corpus
// must stay free of every other geul package).
package parallel

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
)

// ErrCanceled is what For's error wraps when ctx ended before every index
// was handed out; the error also wraps ctx's own.
var ErrCanceled = errors.New("build canceled")

// For calls fn(0..n-1) on all cores and waits. It stops handing out work
// when ctx is done and returns an error wrapping ErrCanceled and ctx's
// error. fn must be safe to call from several goroutines at once; it writes
// its result to index i of a slice the caller made, so no locking is needed.
func For(ctx context.Context, n int, fn func(i int)) error {
	workers := min(runtime.GOMAXPROCS(0), n)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				fn(i)
			}
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("%w: %w", ErrCanceled, err)
	}
	return nil
}
