package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestProgressOnlyOnATerminal: a build whose output goes to a file or a
// pipe draws no progress bar.
func TestProgressOnlyOnATerminal(t *testing.T) {
	f, err := os.Create(filepath.Join(t.TempDir(), "log"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, w := range []any{&bytes.Buffer{}, f} {
		if p := newProgress(w.(interface{ Write([]byte) (int, error) }), true); p != nil {
			t.Errorf("newProgress(%T) = %v, want nil", w, p)
		}
	}
	var p *progress
	p.finish() // a nil progress is a no-op
}
