package parallel_test

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"

	"github.com/geul-blog/geul/pkg/parallel"
)

func TestForCallsEveryIndexOnce(t *testing.T) {
	for _, n := range []int{0, 1, 7, 1000} {
		seen := make([]atomic.Int32, n)
		if err := parallel.For(context.Background(), n, func(i int) { seen[i].Add(1) }); err != nil {
			t.Fatalf("n=%d: %v", n, err)
		}
		for i := range seen {
			if got := seen[i].Load(); got != 1 {
				t.Errorf("n=%d: index %d called %d times, want 1", n, i, got)
			}
		}
	}
}

func TestForCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var calls atomic.Int32
	err := parallel.For(ctx, 100, func(int) { calls.Add(1) })
	if !errors.Is(err, parallel.ErrCanceled) || !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want ErrCanceled wrapping context.Canceled", err)
	}
	if calls.Load() != 0 {
		t.Errorf("%d calls after cancel, want 0", calls.Load())
	}
}
