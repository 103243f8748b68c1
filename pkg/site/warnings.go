package site

import "github.com/geul-blog/geul/pkg/diag"

// warnings returns the problems that did not stop the build: the config
// loader's, then those of the rendered Markdown (a code block shown plain
// because highlighting it ran out of time), sorted by file and line.
func (b *Builder) warnings() []error {
	ws := b.configWarnings()
	var md diag.List
	for _, r := range b.rendered {
		r.mu.Lock()
		if r.res != nil {
			md = append(md, r.res.Warnings...)
		}
		r.mu.Unlock()
	}
	md.Sort()
	for _, w := range md {
		ws = append(ws, w)
	}
	return ws
}
