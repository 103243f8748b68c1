package site

import (
	"github.com/geul-blog/geul/pkg/output"
)

// WithWriteThrough sends each rendered page straight to a folder beside the
// destination (given with WithDestination) instead of keeping it in memory
// until WriteDir, which then only links it into place. A one-shot build of
// a large blog needs far less memory so; geul serve keeps pages in memory.
func WithWriteThrough(on bool) Option { return func(o *options) { o.writeThrough = on } }

// writesThrough reports whether rendered pages go to a staging folder
// rather than stay in memory: WithWriteThrough with a destination.
func (b *Builder) writesThrough() bool { return b.opts.writeThrough && b.opts.dest != "" }

// stagingDir makes the folder rendered pages go to with WithWriteThrough
// (output.StagingDir); "" when pages stay in memory.
func (b *Builder) stagingDir() (string, error) {
	if !b.writesThrough() {
		return "", nil
	}
	return output.StagingDir(b.opts.dest)
}
