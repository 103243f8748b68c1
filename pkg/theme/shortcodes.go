package theme

import (
	"bytes"
	"fmt"
	"hash/fnv"
	"html/template"
	"io"
	"io/fs"
	"maps"
	"path"
	"slices"
	"sort"
	"strings"
	texttemplate "text/template"

	"github.com/geul-blog/geul/pkg/content"
	"github.com/geul-blog/geul/pkg/diag"
	"github.com/geul-blog/geul/pkg/shortcode"
	"github.com/geul-blog/geul/pkg/sitefs"
)

// Shortcode templates and render hooks, as in Hugo:
//
//   - layouts/shortcodes/NAME.html is the shortcode NAME, an html/template
//     run with a *ShortcodeContext; NAME.md is one whose output is
//     Markdown, a text/template.
//   - layouts/_default/_markup/render-link.html, render-image.html,
//     render-heading.html, render-codeblock.html and
//     render-codeblock-LANG.html replace how Markdown writes links,
//     images, headings and code blocks.
//
// Each is looked up in the site's layouts/ first, then in the theme's.
// They run with the layouts' template functions and partials.
type markupTemplates struct {
	html  *template.Template     // shortcodes/*.html and _default/_markup/*.html, with the partials
	text  *texttemplate.Template // shortcodes/*.md
	files map[string]markupFile  // "shortcodes/NAME" or "render-link" → its file
	fp    uint64                 // of every file's path and text
	hooks bool                   // some file is a render hook
}

type markupFile struct {
	name  string // template name in its set: "shortcodes/x.html"
	path  string // as the writer knows it
	md    bool   // a .md shortcode: text/template
	inner bool   // it uses .Inner, so it takes a closing tag
}

// loadMarkup parses the shortcode templates and render hooks of srcs.
func loadMarkup(base *template.Template, funcs template.FuncMap, srcs ...source) (*markupTemplates, error) {
	m := &markupTemplates{files: map[string]markupFile{}}
	var found []file
	seen := map[string]bool{}
	for _, s := range srcs {
		for _, dir := range []string{"shortcodes", "_default/_markup"} {
			root := s.path("layouts/" + dir)
			if !isDir(s.fsys, root) {
				continue
			}
			entries, err := fs.ReadDir(s.fsys, root)
			if err != nil {
				return nil, &diag.Error{Path: s.show("layouts/" + dir), Msg: err.Error(), Err: err}
			}
			for _, e := range entries {
				ext := path.Ext(e.Name())
				if e.IsDir() || ext != ".html" && !(ext == ".md" && dir == "shortcodes") {
					continue
				}
				key := dir + "/" + e.Name()
				if seen[key] {
					continue
				}
				// Read as the layouts are: a regular file, no link out of the
				// site or theme, no more than maxFileSize.
				src, err := sitefs.ReadFile(s.fsys, s.linkRoot(), root+"/"+e.Name(), maxFileSize)
				if err != nil {
					return nil, readError(s.show("layouts/"+key), err)
				}
				seen[key] = true
				found = append(found, file{name: key, path: s.show("layouts/" + key), src: string(src)})
			}
		}
	}
	sort.Slice(found, func(i, j int) bool { return found[i].name < found[j].name })
	h := fnv.New64a()
	var err error
	if m.html, err = base.Clone(); err != nil {
		return nil, err
	}
	extra := hugoFuncs()
	for k, v := range funcs {
		extra[k] = v // the layouts' own, and the site's, come first
	}
	m.html.Funcs(extra)
	m.text = texttemplate.New("").Funcs(texttemplate.FuncMap(extra))
	var problems diag.List
	for _, f := range found {
		fmt.Fprintf(h, "%s\x00%s\x00", f.path, f.src)
		mf := markupFile{name: f.name, path: f.path, inner: strings.Contains(f.src, ".Inner")}
		key := strings.TrimSuffix(strings.TrimSuffix(f.name, ".html"), ".md")
		key = strings.TrimPrefix(key, "_default/_markup/")
		if strings.HasSuffix(f.name, ".md") {
			mf.md = true
			if _, err := m.text.New(f.name).Parse(f.src); err != nil {
				problems.Add(parseError(f, err))
				continue
			}
		} else if err := parseInto(m.html, f); err != nil {
			problems.Add(err)
			continue
		}
		if _, dup := m.files[key]; dup {
			continue // NAME.html wins over NAME.md
		}
		m.files[key] = mf
		m.hooks = m.hooks || strings.HasPrefix(key, "render-")
	}
	m.fp = h.Sum64()
	return m, problems.Err()
}

// HasShortcode reports whether the site or its theme has a template for
// the shortcode name, and whether it uses .Inner (so needs a closing tag).
func (t *Theme) HasShortcode(name string) (ok, inner bool) {
	f, ok := t.markup.files["shortcodes/"+name]
	return ok, f.inner
}

// HasHook reports whether there is a render hook called name
// ("render-link", "render-codeblock-go").
func (t *Theme) HasHook(name string) bool {
	_, ok := t.markup.files[name]
	return ok
}

// HasHooks reports whether there is any render hook.
func (t *Theme) HasHooks() bool { return t.markup.hooks }

// MarkupFingerprint changes whenever a shortcode template or a render
// hook of the site or the theme does.
func (t *Theme) MarkupFingerprint() uint64 { return t.markup.fp }

// ExecuteShortcode runs the template of the shortcode c.Name.
func (t *Theme) ExecuteShortcode(w io.Writer, c *ShortcodeContext) error {
	return t.executeMarkup(w, "shortcodes/"+c.Name, c)
}

// ExecuteHook runs the render hook name with data as ".".
func (t *Theme) ExecuteHook(w io.Writer, name string, data any) error {
	return t.executeMarkup(w, name, data)
}

func (t *Theme) executeMarkup(w io.Writer, key string, data any) error {
	f, ok := t.markup.files[key]
	if !ok {
		return fmt.Errorf("no template %q", key)
	}
	var err error
	if f.md {
		err = t.markup.text.ExecuteTemplate(w, f.name, data)
	} else {
		err = t.markup.html.ExecuteTemplate(w, f.name, data)
	}
	if err != nil {
		for pe := (*partialError)(nil); asPartialError(err, &pe); {
			err = pe.err
		}
		e, _ := locate(err)
		e.Path = f.path
		return e
	}
	return nil
}

func asPartialError(err error, pe **partialError) bool {
	p, ok := err.(*partialError)
	if ok {
		*pe = p
	}
	return ok
}

// ShortcodeContext is "." in a shortcode template: Hugo's shortcode
// context, with the same names.
type ShortcodeContext struct {
	Name          string
	Inner         template.HTML // the text between the tags; Markdown stays Markdown
	Params        any           // []any for positional parameters, map[string]any for named ones
	IsNamedParams bool
	Page          *ShortcodePage
	Site          *content.Site
	Parent        *ShortcodeContext // the shortcode this one is inside; nil at the top
	Ordinal       int               // 0-based, among its parent's shortcodes (or the page's)
	Position      string            // "content/posts/a.md:12:3"

	call *shortcode.Call
}

// NewShortcodeContext makes the context of c on page, whose file is file.
func NewShortcodeContext(c *shortcode.Call, page *ShortcodePage, site *content.Site, file string, lineOffset int) *ShortcodeContext {
	sc := &ShortcodeContext{Name: c.Name, Inner: template.HTML(c.Inner), IsNamedParams: c.IsNamedParams(),
		Page: page, Site: site, Ordinal: c.Ordinal, call: c,
		Position: fmt.Sprintf("%s:%d:%d", file, lineOffset+c.Line, c.Col)}
	if sc.IsNamedParams {
		sc.Params = c.Named
	} else {
		sc.Params = c.Positional
	}
	if c.Parent != nil {
		sc.Parent = NewShortcodeContext(c.Parent, page, site, file, lineOffset)
	}
	return sc
}

// Get returns a parameter by position (0, 1…) or by name, nil when there
// is none, as Hugo's .Get.
func (c *ShortcodeContext) Get(key any) any {
	switch k := key.(type) {
	case int:
		return c.call.Get(k)
	case int64:
		return c.call.Get(int(k))
	case string:
		return c.call.Get(k)
	}
	return nil
}

// InnerDeindent is Inner without the indentation its lines share.
func (c *ShortcodeContext) InnerDeindent() template.HTML {
	return template.HTML(shortcode.Deindent(c.call.Inner))
}

// ShortcodePage is .Page in a shortcode template or render hook: the page
// with Hugo's names for what shortcodes commonly ask of it.
type ShortcodePage struct {
	*content.Page
	SiteParams map[string]any
	// Markdown renders Markdown for RenderString.
	Markdown func(src string, block bool) (string, error)
}

// RelPermalink is the page's site-relative URL.
func (p *ShortcodePage) RelPermalink() string { return p.URL }

// Param returns the page's front matter value key, else the site's
// param, found as LookupParam finds it.
func (p *ShortcodePage) Param(key string) any {
	if v, ok := LookupParam(p.Params, key); ok {
		return v
	}
	v, _ := LookupParam(p.SiteParams, key)
	return v
}

// LookupParam finds key in params as Hugo's Param does: in any case, and
// "a.b" as b in the table a.
func LookupParam(params map[string]any, key string) (any, bool) {
	var v any = params
	for _, part := range strings.Split(key, ".") {
		m, ok := v.(map[string]any)
		if !ok {
			return nil, false
		}
		found := false
		if v, found = m[part]; !found {
			for _, k := range slices.Sorted(maps.Keys(m)) { // sorted: the same key every run
				if strings.EqualFold(k, part) {
					v, found = m[k], true
					break
				}
			}
		}
		if !found {
			return nil, false
		}
	}
	return v, true
}

// RenderString renders Markdown, as Hugo's: {{ .Inner | .Page.RenderString }}
// or with options first, (dict "display" "block").
func (p *ShortcodePage) RenderString(args ...any) (template.HTML, error) {
	if len(args) == 0 {
		return "", fmt.Errorf("RenderString needs the Markdown to render")
	}
	block := false
	if len(args) > 1 {
		if opts, ok := args[0].(map[string]any); ok && opts["display"] == "block" {
			block = true
		}
	}
	if p.Markdown == nil {
		return "", fmt.Errorf("RenderString: no Markdown renderer")
	}
	out, err := p.Markdown(str(args[len(args)-1]), block)
	return template.HTML(out), err
}

// runToString runs a template into a string.
func runToString(run func(w io.Writer) error) (string, error) {
	var b bytes.Buffer
	err := run(&b)
	return b.String(), err
}

// RunShortcode runs the template of c and returns its output.
func (t *Theme) RunShortcode(c *ShortcodeContext) (string, error) {
	return runToString(func(w io.Writer) error { return t.ExecuteShortcode(w, c) })
}

// RunHook runs the render hook name with data and returns its output.
func (t *Theme) RunHook(name string, data any) (string, error) {
	return runToString(func(w io.Writer) error { return t.ExecuteHook(w, name, data) })
}

// HookContext is "." in a render hook, with Hugo's names: a link's and an
// image's Destination, Title, Text and PlainText; a heading's Level,
// Anchor, Text and PlainText; a code block's Type, Inner and Options.
type HookContext struct {
	Destination string
	Title       string
	Text        template.HTML
	PlainText   string
	IsBlock     bool
	Level       int
	Anchor      string
	Type        string
	Inner       string
	Options     string
	Attributes  map[string]any
	Ordinal     int
	Position    string
	Page        *ShortcodePage
}

// CodeBlockHooks lists the render-codeblock-LANG hooks there are.
func (t *Theme) CodeBlockHooks() []string {
	var names []string
	for k := range t.markup.files {
		if strings.HasPrefix(k, "render-codeblock-") {
			names = append(names, k)
		}
	}
	sort.Strings(names)
	return names
}
