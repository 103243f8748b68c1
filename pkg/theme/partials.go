package theme

import (
	"bytes"
	"fmt"
	"html/template"
	"reflect"
	"sync"
)

// partials runs the partial and partialCached template functions, which
// work as Hugo's do: {{ partial "partials/x.html" . }} renders a partial
// and returns it as HTML; {{ partialCached "partials/x.html" . "a" }}
// renders it once per build for each list of variants and returns the same
// HTML every time after that, whatever the context. A partial that shows
// the same thing on many pages — the site's header and footer, a post's
// entry in every list that shows it — then costs one rendering a build
// instead of one a page.
//
// Partials run in the templates shared by every layout (partials/ and
// baseof.html), not in the calling layout's own {{ define }}s.
type partials struct {
	set *template.Template // set after Load has parsed the partials

	mu    sync.Mutex
	cache map[partialKey]template.HTML
}

// maxVariants is how many variants partialCached takes after the context.
const maxVariants = 4

// partialKey is a partial's name and the variants it was called with.
type partialKey struct {
	name     string
	n        int
	variants [maxVariants]any
}

// partialError is a failure inside a partial, kept apart so that the
// error names the partial's file and line, not the caller's.
type partialError struct {
	name string
	err  error
}

func (e *partialError) Error() string { return e.err.Error() }
func (e *partialError) Unwrap() error { return e.err }

// render executes the partial name with ctx as ".".
func (p *partials) render(name string, ctx any) (template.HTML, error) {
	t := p.set.Lookup(name)
	if t == nil {
		return "", fmt.Errorf("no such template %q", name)
	}
	var b bytes.Buffer
	if err := t.Execute(&b, ctx); err != nil {
		return "", &partialError{name: name, err: err}
	}
	return template.HTML(b.String()), nil
}

// cached is partialCached: render, once per build for each name and
// variants.
func (p *partials) cached(name string, ctx any, variants ...any) (template.HTML, error) {
	if len(variants) > maxVariants {
		return "", fmt.Errorf("partialCached takes at most %d variants after the context, got %d", maxVariants, len(variants))
	}
	key := partialKey{name: name, n: len(variants)}
	for i, v := range variants {
		if v != nil && !reflect.TypeOf(v).Comparable() {
			return "", fmt.Errorf("a variant of type %T cannot tell cached partials apart; pass a string, a number or a page", v)
		}
		key.variants[i] = v
	}
	p.mu.Lock()
	html, ok := p.cache[key]
	p.mu.Unlock()
	if ok {
		return html, nil
	}
	// Two pages may render the same key at once; both get the same bytes,
	// and rendering outside the lock keeps the other pages going.
	html, err := p.render(name, ctx)
	if err != nil {
		return "", err
	}
	p.mu.Lock()
	if p.cache == nil {
		p.cache = map[partialKey]template.HTML{}
	}
	p.cache[key] = html
	p.mu.Unlock()
	return html, nil
}

// forget drops every cached partial.
func (p *partials) forget() {
	p.mu.Lock()
	p.cache = nil
	p.mu.Unlock()
}
