package site

import (
	"fmt"
	"hash/fnv"
	"html/template"
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/geul-blog/geul/pkg/config"
	"github.com/geul-blog/geul/pkg/content"
	"github.com/geul-blog/geul/pkg/diag"
	"github.com/geul-blog/geul/pkg/markdown"
	"github.com/geul-blog/geul/pkg/shortcode"
	"github.com/geul-blog/geul/pkg/theme"
)

// What a page's rendered Markdown depends on besides its source and the
// .md links it resolved is kept in renderedPage.links too, under keys no
// link can have (they start with depPrefix), so that the build cache keeps
// it and linksStillResolve checks it:
//
//	"\x00sc"          the markup fingerprint the page's shortcodes ran with
//	"\x00ref TARGET"  the URL a ref or relref to TARGET gave
//	"\x00res"         the bundle's files (.Page.Resources), NUL-separated
//	"\x00warn N"      the page's Nth warning (line, message and hint), kept
//	                  so that a page taken from the cache still warns
//	"\x00uses"        "math", "diagram" or "math diagram": what the page's
//	                  body needs of the theme's vendored scripts
//	"\x00img DEST"    the photo shown at DEST: its images.Key and whether
//	                  the page showed its copies (imageDep)
const (
	depPrefix    = "\x00"
	depShortcode = depPrefix + "sc"
	depRef       = depPrefix + "ref "
	depWarn      = depPrefix + "warn "
	depResources = depPrefix + "res"
	depUses      = depPrefix + "uses"
	depImage     = depPrefix + "img "
)

// markupFingerprint covers what shortcode output can show besides the
// page itself: the site's and the theme's shortcode templates and render
// hooks, and the site's config values templates read.
func markupFingerprint(th *theme.Theme, cfg *config.Config) string {
	h := fnv.New64a()
	fmt.Fprintf(h, "%d\x00%s\x00%s\x00%s\x00%s\x00%v", th.MarkupFingerprint(), cfg.Title, cfg.BaseURL,
		cfg.LanguageCode, cfg.Author, cfg.Params)
	return strconv.FormatUint(h.Sum64(), 16)
}

// hookNames lists the render hooks the theme has, for markdown.New.
func hookNames(th *theme.Theme) []string {
	var names []string
	for _, n := range []string{markdown.HookLink, markdown.HookImage, markdown.HookHeading, markdown.HookCodeBlock} {
		if th.HasHook(n) {
			names = append(names, n)
		}
	}
	return append(names, th.CodeBlockHooks()...)
}

// shortcodeSite is .Site in shortcode templates: what the config says.
func shortcodeSite(cfg *config.Config) *content.Site {
	return &content.Site{Config: cfg, Title: cfg.Title, Description: cfg.Description, Author: cfg.Author,
		Copyright: cfg.Copyright, BaseURL: cfg.BaseURL, LanguageCode: cfg.LanguageCode, Params: cfg.Params,
		Menus: cfg.Menus}
}

// mdContext is how p's Markdown is rendered: links resolve through
// resolve, ref and relref through ref, the site's shortcode templates and
// render hooks run with p as .Page.
func (b *Builder) mdContext(p *content.Page, resolve func(string) (string, bool), ref func(string) (*content.Page, error)) markdown.Context {
	file := contentDir + "/" + p.Path
	ctx := markdown.Context{File: file, LineOffset: p.BodyLine - 1, ResolveLink: resolve,
		Resources: func() []string { return p.Resources }}
	hooks := b.theme.HasHooks()
	if !hooks && !shortcode.Contains(p.Body) {
		return ctx // the common case: nothing more to set up
	}
	th, site := b.theme, b.scSite
	page := &theme.ShortcodePage{Page: p, SiteParams: b.cfg.Params, Markdown: func(src string, block bool) (string, error) {
		if !block {
			return b.md.Markdownify(src)
		}
		res, err := b.md.Render([]byte(src), markdown.Context{File: file})
		if res == nil {
			return "", err
		}
		return string(res.HTML), err
	}}
	ctx.Shortcode = func(c *shortcode.Call) (string, bool, error) {
		ok, inner := th.HasShortcode(c.Name)
		if !ok {
			return "", false, nil
		}
		if inner && !c.Closed && !c.SelfClosed {
			return "", true, &shortcode.Error{Line: c.Line, Msg: fmt.Sprintf("shortcode %q is not closed", c.Name),
				Hint: fmt.Sprintf("its template uses .Inner: end it with {{< /%s >}}, or write {{< %s />}}", c.Name, c.Name)}
		}
		if !inner && c.Closed && strings.TrimSpace(c.Inner) != "" {
			return "", true, &shortcode.Error{Line: c.Line, Msg: fmt.Sprintf("shortcode %q does not use .Inner: the text before {{< /%s >}} would be lost", c.Name, c.Name),
				Hint: fmt.Sprintf("remove the closing tag, or show .Inner in layouts/shortcodes/%s.html", c.Name)}
		}
		var warned markdown.Warnings
		pg := *page // one per call, so that its warnings name the call's line
		pg.Warn = func(msg, hint string) {
			warned = append(warned, markdown.Warning{Line: c.Line, Msg: fmt.Sprintf("shortcode %q: %s", c.Name, msg), Hint: hint})
		}
		out, err := th.RunShortcode(theme.NewShortcodeContext(c, &pg, site, file, ctx.LineOffset))
		if err != nil {
			return "", true, &shortcode.Error{Line: c.Line, Msg: fmt.Sprintf("shortcode %q: %v", c.Name, err),
				Hint: "fix the shortcode's template, or its parameters here"}
		}
		if len(warned) > 0 {
			return out, true, warned
		}
		return out, true, nil
	}
	ctx.Ref = func(target string) (string, string, error) {
		t, err := ref(target)
		if err != nil {
			return "", "", err
		}
		return t.URL, t.Permalink, nil
	}
	ctx.Param = func(key string) (any, bool) {
		for _, params := range []map[string]any{p.Params, b.cfg.Params} {
			if v, ok := theme.LookupParam(params, key); ok {
				return v, true
			}
		}
		return nil, false
	}
	if hooks {
		ctx.Hook = func(name string, d *markdown.HookData) (string, bool, error) {
			if !th.HasHook(name) {
				return "", false, nil
			}
			var warned markdown.Warnings
			pg := *page // one per call, so that its warnings name the node's line
			pg.Warn = func(msg, hint string) {
				warned = append(warned, markdown.Warning{Line: d.Line, Msg: name + ": " + msg, Hint: hint})
			}
			out, err := th.RunHook(name, &theme.HookContext{Destination: d.Destination, Title: d.Title,
				Text: template.HTML(d.Text), PlainText: d.PlainText, IsBlock: d.IsBlock, Level: d.Level, Anchor: d.Anchor,
				Type: d.Type, Inner: d.Inner, Options: d.Options, Attributes: d.Attributes, Ordinal: d.Ordinal,
				Position: fmt.Sprintf("%s:%d", file, d.Line), Page: &pg})
			if err != nil {
				return "", true, &diag.Error{Path: file, Line: d.Line, Msg: fmt.Sprintf("%s: %v", name, err),
					Hint: "fix the render hook in layouts/_default/_markup/"}
			}
			if len(warned) > 0 {
				return out, true, warned
			}
			return out, true, nil
		}
	}
	return ctx
}

// refPage finds the page a ref or relref names, as Hugo does: a path from
// content/ when it starts with "/", else from the page's folder, then from
// content/; with or without ".md", or a bundle's folder; else a file name
// only one page has.
func refPage(st *state, from *content.Page, target string) (*content.Page, error) {
	if target == "" {
		return from, nil
	}
	var bases []string
	if strings.HasPrefix(target, "/") {
		bases = []string{path.Clean(strings.TrimPrefix(target, "/"))}
	} else {
		bases = []string{path.Join(path.Dir(from.Path), target), path.Clean(target)}
	}
	for _, base := range bases {
		for _, cand := range []string{base, base + ".md", base + "/index.md", base + "/_index.md"} {
			if p := st.byPath[cand]; p != nil {
				return p, nil
			}
		}
	}
	if !strings.Contains(target, "/") {
		var found []*content.Page
		name := strings.TrimSuffix(target, ".md")
		for _, p := range st.pages {
			if strings.TrimSuffix(path.Base(p.Path), ".md") == name {
				found = append(found, p)
			}
		}
		if len(found) == 1 {
			return found[0], nil
		}
		if len(found) > 1 {
			paths := make([]string, len(found))
			for i, p := range found {
				paths[i] = p.Path
			}
			sort.Strings(paths)
			return nil, fmt.Errorf("%d pages are called that (%s)", len(found), strings.Join(paths, ", "))
		}
	}
	for _, base := range bases {
		if st.hidden[base] || st.hidden[base+".md"] {
			return nil, fmt.Errorf("the page is a draft or not yet published")
		}
	}
	return nil, fmt.Errorf("no such page")
}

// recordDeps notes in links what p's rendered Markdown res depends on
// beyond its .md links, and its warnings.
func (b *Builder) recordDeps(p *content.Page, links map[string]string, res *markdown.Result) {
	sc := shortcode.Contains(p.Body)
	if b.scFP != "" && sc {
		links[depShortcode] = b.scFP
	}
	if sc || b.theme.HasHooks() { // templates that can list the bundle's files
		links[depResources] = strings.Join(p.Resources, "\x00")
	}
	if res == nil {
		return
	}
	for i, w := range res.Warnings {
		links[depWarn+strconv.Itoa(i)] = strconv.Itoa(w.Line) + "\x00" + w.Msg + "\x00" + w.Hint
	}
	switch {
	case res.HasMath && res.HasDiagram:
		links[depUses] = "math diagram"
	case res.HasMath:
		links[depUses] = "math"
	case res.HasDiagram:
		links[depUses] = "diagram"
	}
}

// depHolds reports whether the dependency key (with value v) of p still
// holds in st.
func (b *Builder) depHolds(st *state, p *content.Page, key, v string) bool {
	switch {
	case key == depShortcode:
		return v == b.scFP
	case key == depResources:
		return v == strings.Join(p.Resources, "\x00")
	case strings.HasPrefix(key, depRef):
		t, err := refPage(st, p, strings.TrimPrefix(key, depRef))
		return err == nil && t.URL+"\x00"+t.Permalink == v
	case strings.HasPrefix(key, depImage):
		return b.imageDepHolds(st, p, strings.TrimPrefix(key, depImage), v)
	}
	return true
}

// markdownWarnings are the warnings of the Markdown of the page at path
// that r is, read from its links once: every build reports every page's
// warnings, and a body edit should not walk every page's links for them.
func (r *renderedPage) markdownWarnings(path string) []error {
	r.warnOnce.Do(func() {
		for k, v := range r.links {
			if !strings.HasPrefix(k, depWarn) {
				continue
			}
			parts := strings.SplitN(v, "\x00", 3)
			if len(parts) != 3 {
				continue
			}
			line, _ := strconv.Atoi(parts[0])
			r.warns = append(r.warns, &diag.Error{Path: contentDir + "/" + path, Line: line, Msg: parts[1], Hint: parts[2]})
		}
	})
	return r.warns
}

// pageWarnings are the warnings of every published page's Markdown.
func (b *Builder) pageWarnings(st *state) []error {
	var ws []error
	for _, p := range st.pages {
		if r := b.rendered[p.Path]; r != nil {
			ws = append(ws, r.markdownWarnings(p.Path)...)
		}
	}
	sort.Slice(ws, func(i, j int) bool {
		a, c := ws[i].(*diag.Error), ws[j].(*diag.Error)
		if a.Path != c.Path {
			return a.Path < c.Path
		}
		return a.Line < c.Line
	})
	return ws
}
