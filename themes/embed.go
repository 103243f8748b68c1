// Package themes holds the themes compiled into geul.
//
// The folder themes/default is both the on-disk theme of the example blog
// and the theme a site gets when it names "default" and has no
// themes/default folder of its own. It imports nothing.
package themes

import "embed"

// Default is the default theme: Default's root holds one folder, "default",
// with theme.toml, layouts/ and static/. An embed.FS never changes, so a
// package variable is safe here.
//
//go:embed default
var Default embed.FS
