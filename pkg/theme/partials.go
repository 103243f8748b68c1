package theme

import (
	"bytes"
	"fmt"
	"html/template"
	"reflect"
	"slices"
	"strings"
	"sync"

	"github.com/geul-blog/geul/pkg/content"
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
	cache map[partialKey]cachedPartial
	// held: renderings a rebuild set aside until it knows whether the
	// pages they were rendered for are as they were (hold, restore);
	// never served.
	held  map[partialKey]cachedPartial
	local map[string]bool // partial name → it shows nothing but its page
	// partial name, then fields joined → it mentions none of the fields
	// (keepWithout's question, asked once per name for a theme)
	without map[string]bool
}

// cachedPartial is one rendering of partialCached.
type cachedPartial struct {
	html template.HTML
	// ofPage: the context was a page among the variants, and the partial
	// can show nothing but that page (see pageLocal), so the rendering
	// stays right for as long as the page does.
	ofPage bool
	// from is the URL of the page (a *content.View) it was rendered for,
	// or "" when the context was something else.
	from string
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
type partialError struct{ err error }

func (e *partialError) Error() string { return e.err.Error() }
func (e *partialError) Unwrap() error { return e.err }

// render executes the partial name with ctx as ".".
func (p *partials) render(name string, ctx any) (template.HTML, error) {
	t := p.set.Lookup(name)
	if t == nil {
		// Hugo's templates name partials without the folder: "header.html".
		t = p.set.Lookup("partials/" + name)
	}
	if t == nil {
		return "", fmt.Errorf("no such template %q", name)
	}
	var b bytes.Buffer
	if err := t.Execute(&b, ctx); err != nil {
		return "", &partialError{err: err}
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
	c, ok := p.cache[key]
	p.mu.Unlock()
	if ok {
		return c.html, nil
	}
	// Two pages may render the same key at once; both get the same bytes,
	// and rendering outside the lock keeps the other pages going.
	html, err := p.render(name, ctx)
	if err != nil {
		return "", err
	}
	page, isPage := ctx.(*content.Page)
	p.mu.Lock()
	if p.cache == nil {
		p.cache = map[partialKey]cachedPartial{}
	}
	ofPage := isPage && page != nil && slices.Contains(variants, any(page)) && p.pageLocal(name)
	c = cachedPartial{html: html, ofPage: ofPage}
	if v, ok := ctx.(*content.View); ok && v != nil {
		c.from = v.URL
	}
	p.cache[key] = c
	p.mu.Unlock()
	return html, nil
}

// pageLocal reports whether the partial name shows nothing but the page it
// is given: none of notPageLocal in it or in the partials it calls. Called
// with p.mu held.
func (p *partials) pageLocal(name string) bool {
	local, ok := p.local[name]
	if !ok {
		local = true
		// The site, the page's neighbours, and a static file's hashed
		// name can change while the page does not.
		for _, f := range []string{"Site", "Prev", "Next", "Related", "asset"} {
			if mentionsIn(p.set, name, "", f) {
				local = false
				break
			}
		}
		if p.local == nil {
			p.local = map[string]bool{}
		}
		p.local[name] = local
	}
	return local
}

// keep drops every cached partial except those rendered for pages alone
// whose pages all pass unchanged.
func (p *partials) keep(unchanged func(*content.Page) bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for key, c := range p.cache {
		if !c.ofPage || !pagesUnchanged(key, unchanged) {
			delete(p.cache, key)
		}
	}
}

// hold is keep for a rebuild that will know later which of the pages it
// renders are as they were: the renderings keep would drop whose context
// was a page's View are set aside, not served, until restore.
func (p *partials) hold(unchanged func(*content.Page) bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	clear(p.held) // the map is kept: a rebuild holds about as many as the last
	for key, c := range p.cache {
		if c.ofPage && pagesUnchanged(key, unchanged) {
			continue
		}
		if c.from != "" {
			if p.held == nil {
				p.held = map[partialKey]cachedPartial{}
			}
			p.held[key] = c
		}
		delete(p.cache, key)
	}
}

// restore serves again the renderings hold set aside whose page's URL
// passes same, unless the key was rendered again in the meantime, and
// drops the others.
func (p *partials) restore(same func(url string) bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for key, c := range p.held {
		if _, ok := p.cache[key]; ok || !same(c.from) {
			continue
		}
		if p.cache == nil {
			p.cache = map[partialKey]cachedPartial{}
		}
		p.cache[key] = c
	}
	clear(p.held)
}

// heldPages returns the URLs of the pages hold set aside renderings for,
// each once.
func (p *partials) heldPages() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	var urls []string
	seen := make(map[string]bool, len(p.held))
	for _, c := range p.held {
		if !seen[c.from] { // a map, not a scan of urls: a 10,000-page site holds as many
			seen[c.from] = true
			urls = append(urls, c.from)
		}
	}
	return urls
}

// keepWithout is keep for a rebuild in which only what fields show can
// have changed (a post's body, for a body edit): it also keeps the
// renderings of partials that mention none of fields, in themselves or in
// the partials they call, whatever their context — the sidebar, header and
// footer a body edit cannot change.
func (p *partials) keepWithout(unchanged func(*content.Page) bool, fields []string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	joined := "\x00" + strings.Join(fields, "\x00") // once, not once per rendering
	for key, c := range p.cache {
		if c.ofPage && pagesUnchanged(key, unchanged) || p.mentionsNone(key.name, fields, joined) {
			continue
		}
		delete(p.cache, key)
	}
}

// mentionsNone reports whether the partial name mentions none of fields,
// joined being "\x00" before each of them. Called with p.mu held.
func (p *partials) mentionsNone(name string, fields []string, joined string) bool {
	key := name + joined
	none, ok := p.without[key]
	if !ok {
		none = !slices.ContainsFunc(fields, func(f string) bool { return mentionsIn(p.set, name, "", f) })
		if p.without == nil {
			p.without = map[string]bool{}
		}
		p.without[key] = none
	}
	return none
}

func pagesUnchanged(key partialKey, unchanged func(*content.Page) bool) bool {
	for _, v := range key.variants[:key.n] {
		if page, ok := v.(*content.Page); !ok || page == nil || !unchanged(page) {
			return false
		}
	}
	return true
}

// forget drops every cached partial.
func (p *partials) forget() {
	p.mu.Lock()
	p.cache, p.held = nil, nil
	p.mu.Unlock()
}
