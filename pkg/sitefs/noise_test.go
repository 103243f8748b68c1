package sitefs_test

import (
	"testing"

	"github.com/geul-blog/geul/pkg/sitefs"
)

func TestIsNoise(t *testing.T) {
	tests := map[string]bool{
		"a.md": false, "글.md": false, "4913.md": false, "a~b.md": false, "style.css": false, "a#b.md": false,
		".a.md.swp": true, ".a.md.swx": true, "a.md~": true, "4913": true, ".#a.md": true, "#a.md#": true,
		"#a.md": true, "a.md___jb_tmp___": true, "a.md___jb_old___": true, ".DS_Store": true, ".git": true, "x.tmp": true,
	}
	for name, want := range tests {
		if got := sitefs.IsNoise(name); got != want {
			t.Errorf("IsNoise(%q) = %v, want %v", name, got, want)
		}
	}
}
