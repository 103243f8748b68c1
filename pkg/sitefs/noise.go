package sitefs

import "strings"

// IsNoise reports whether a file name (a base name, not a path) is one
// that editors, OSes and tools make beside a site's real files: swap,
// backup and temporary files, and dotfiles (which covers .DS_Store, emacs's
// .#lock links and .git). A build never reads such a file and geul serve's
// watcher never rebuilds for one: this is the one list both use.
func IsNoise(base string) bool {
	switch {
	case base == "4913", // vim's probe for whether it may write in a folder
		strings.HasPrefix(base, "."),
		strings.HasPrefix(base, "#"), // emacs auto-save (#a.md#) and its partial saves
		strings.HasSuffix(base, "~"),
		strings.HasSuffix(base, ".swp"), strings.HasSuffix(base, ".swx"),
		strings.HasSuffix(base, ".tmp"),
		strings.Contains(base, "___jb_"): // JetBrains' safe write: a.md___jb_tmp___, a.md___jb_old___
		return true
	}
	return false
}
