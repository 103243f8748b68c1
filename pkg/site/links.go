package site

import (
	"bytes"
	"fmt"
	"net/url"
	"path"
	"strings"

	"github.com/agnivade/levenshtein"

	"github.com/geul-blog/geul/pkg/content"
	"github.com/geul-blog/geul/pkg/diag"
	"github.com/geul-blog/geul/pkg/markdown"
)

// pageRefs is what checkRefs needs of a rendered page, kept in the build
// cache with it so that a page taken from there is checked too.
type pageRefs struct {
	Refs []markdown.Ref // its links and images
	IDs  []string       // its headings' anchor ids
}

// refsOf gathers a rendered page's links and heading ids.
func refsOf(r *markdown.Result) *pageRefs {
	pr := &pageRefs{Refs: r.Refs}
	var walk func([]*markdown.Heading)
	walk = func(hs []*markdown.Heading) {
		for _, h := range hs {
			pr.IDs = append(pr.IDs, h.ID)
			walk(h.Children)
		}
	}
	walk(r.TOC)
	return pr
}

// leftOut says why the page a relative .md link from p points at is not in
// this build: "draft", "future post", or "" when there is no such page.
func (b *Builder) leftOut(st *state, from *content.Page, dest string) string {
	target := path.Clean(path.Join(path.Dir(from.Path), dest))
	if !st.hidden[target] {
		return ""
	}
	if sf := b.sources[target]; sf != nil && sf.page != nil && sf.page.Draft {
		return "draft"
	}
	return "future post"
}

// checkRefs checks, once every output is known, that each page's links
// and images lead somewhere: a "#anchor" (on the page or after a .md link)
// to a heading of that page, a root-relative or relative link to a page or
// file the site writes, an image or cover to a file. Each problem is an
// error at the link's line with the nearest anchor or page as a hint.
// Links with a scheme (https:, mailto:) are left to geul check --external.
// A full build checks every page; geul serve's fast path for edited text
// checks the edited pages.
func (b *Builder) checkRefs(st *state, out *Output, pages []*content.Page) error {
	have := out.Has // in memory, reused from the last build, or a large file copied from disk
	c := refChecker{b: b, st: st, have: have, out: out}
	for _, p := range pages {
		r := b.rendered[p.Path]
		if r == nil || r.refs == nil {
			continue
		}
		for _, ref := range r.refs.Refs {
			c.check(p, r.refs, ref)
		}
		if p.CoverURL != "" && strings.HasPrefix(p.CoverURL, st.basePath) {
			if rel, ok := c.outputOf(p.CoverURL); ok && !have(rel) {
				c.add(diag.Errorf(contentDir+"/"+p.Path, p.CoverLine(), "cover %q is missing", p.Cover).
					WithHint("%s", c.nearestFile(rel, false, "")))
			}
		}
	}
	return c.errs.Err()
}

// refProblems runs checkRefs; with WithRefWarnings its problems come back
// as warnings instead of an error.
func (b *Builder) refProblems(st *state, out *Output, pages []*content.Page) ([]error, error) {
	err := b.checkRefs(st, out, pages)
	if err == nil || !b.opts.refWarnings {
		return nil, err
	}
	var ws []error
	for _, e := range diag.Errors(err) {
		ws = append(ws, e)
	}
	return ws, nil
}

type refChecker struct {
	b     *Builder
	st    *state
	out   *Output
	have  func(name string) bool
	errs  diag.List
	names []string // every output, sorted, made on the first problem (for hints)
}

func (c *refChecker) add(e *diag.Error) { c.errs = append(c.errs, e) }

func (c *refChecker) check(p *content.Page, own *pageRefs, ref markdown.Ref) {
	dest := strings.TrimSpace(ref.Dest)
	if dest == "" || strings.HasPrefix(dest, "//") || markdown.HasScheme(dest) {
		return
	}
	if mdPath, suffix, ok := markdown.SplitMDLink(dest); ok {
		// The page itself was checked as the link was rewritten; only its
		// anchor is left.
		frag, has := fragment(suffix)
		target := c.st.byPath[path.Clean(path.Join(path.Dir(p.Path), mdPath))]
		if !has || target == nil || c.b.cfg.Unsafe {
			return
		}
		if tr := c.b.rendered[target.Path]; tr != nil && tr.refs != nil && !contains(tr.refs.IDs, frag) {
			c.add(c.anchorError(p, ref, fmt.Sprintf("link to %s#%s: %s has no heading with the anchor %q", mdPath, frag, mdPath, frag), tr.refs.IDs, frag))
		}
		return
	}
	if strings.HasPrefix(dest, "#") {
		frag, _ := fragment(dest)
		if frag != "" && !c.b.cfg.Unsafe && !contains(own.IDs, frag) && !strings.HasPrefix(frag, "fn:") && !strings.HasPrefix(frag, "fnref:") {
			c.add(c.anchorError(p, ref, fmt.Sprintf("link to #%s: this page has no heading with that anchor", frag), own.IDs, frag))
		}
		return
	}
	u := dest
	if i := strings.IndexAny(u, "?#"); i >= 0 {
		u = u[:i]
	}
	if u == "" {
		return
	}
	if s, err := url.PathUnescape(u); err == nil {
		u = s
	}
	if !strings.HasPrefix(u, "/") {
		u = path.Join(p.URL, u)
		if strings.HasSuffix(dest, "/") || strings.HasSuffix(u, "/.") {
			u += "/"
		}
	}
	rel, ok := c.outputOf(u)
	if !ok || c.exists(rel) {
		return
	}
	file := contentDir + "/" + p.Path
	line := c.b.bodyLine(p, ref)
	if ref.Image {
		c.add(diag.Errorf(file, line, "image %q is missing", dest).WithHint("%s", c.nearestFile(rel, false, "")))
		return
	}
	c.add(diag.Errorf(file, line, "link to %q, which is no page or file of this site", dest).WithHint("%s", c.nearestFile(rel, true, strings.Trim(strings.TrimPrefix(p.URL, c.st.basePath), "/"))))
}

// outputOf turns a URL path into the output it names ("posts/a/" →
// "posts/a/"); ok is false for a path outside the site's base path.
func (c *refChecker) outputOf(u string) (string, bool) {
	if !strings.HasPrefix(u, c.st.basePath) {
		return "", false
	}
	return strings.TrimPrefix(u, c.st.basePath), true
}

// exists reports whether the output rel is written: "posts/a/" and
// "posts/a" are the page posts/a/index.html.
func (c *refChecker) exists(rel string) bool {
	if rel == "" || strings.HasSuffix(rel, "/") {
		return c.have(rel + "index.html")
	}
	return c.have(rel) || c.have(rel+"/index.html")
}

// nearestFile is the hint for a missing output: the closest page (for a
// link) or file (for an image) the site does write.
func (c *refChecker) nearestFile(rel string, page bool, self string) string {
	if c.names == nil {
		c.names = c.out.Paths()
	}
	want := rel
	if page {
		want = strings.TrimSuffix(rel, "/")
	}
	best, bestD := "", -1
	for _, name := range c.names {
		isPage := strings.HasSuffix(name, "index.html")
		if page != isPage {
			continue
		}
		cand := name
		if page {
			cand = strings.TrimSuffix(strings.TrimSuffix(name, "index.html"), "/")
		}
		if cand == self {
			continue
		}
		if d := levenshtein.ComputeDistance(want, cand); bestD < 0 || d < bestD {
			best, bestD = cand, d
		}
	}
	if best == "" || bestD > max(2, len([]rune(want))/4) {
		if page {
			return "check the address, or link to the page's Markdown file (../posts/a.md) so geul can check it"
		}
		return "put the file next to the page (a page bundle: a folder with index.md) or under static/"
	}
	if page {
		return fmt.Sprintf("did you mean %q?", c.st.basePath+strings.TrimPrefix(best+"/", "/"))
	}
	return fmt.Sprintf("did you mean %q?", c.st.basePath+best)
}

// anchorError is a missing anchor with the nearest one as a hint.
func (c *refChecker) anchorError(p *content.Page, ref markdown.Ref, msg string, ids []string, frag string) *diag.Error {
	e := diag.Errorf(contentDir+"/"+p.Path, c.b.bodyLine(p, ref), "%s", msg)
	best, bestD := "", -1
	for _, id := range ids {
		if d := levenshtein.ComputeDistance(frag, id); bestD < 0 || d < bestD {
			best, bestD = id, d
		}
	}
	switch {
	case best != "":
		e.WithHint("did you mean #%s? (anchors are the heading's words joined by -, as the page's table of contents shows)", best)
	default:
		e.WithHint("that page has no headings; link to the page without #%s", frag)
	}
	return e
}

// fragment returns the URL-unescaped fragment of a "#…" or "?…#…" suffix.
func fragment(suffix string) (string, bool) {
	i := strings.IndexByte(suffix, '#')
	if i < 0 {
		return "", false
	}
	f := suffix[i+1:]
	if s, err := url.PathUnescape(f); err == nil {
		f = s
	}
	return f, true
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// bodyLine is the line of ref in p's file, read again (only for a
// problem: counting lines for every link would slow every build).
func (b *Builder) bodyLine(p *content.Page, ref markdown.Ref) int {
	data, err := readContentFile(b, p.Path)
	if err != nil {
		return 0
	}
	// The body was read with LF line ends and no BOM: count in the same text.
	data = bytes.TrimPrefix(bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n")), []byte("\ufeff"))
	off := 0
	for line := 1; line < p.BodyLine && off < len(data); line++ {
		i := strings.IndexByte(string(data[off:]), '\n')
		if i < 0 {
			return 0
		}
		off += i + 1
	}
	return p.BodyLine - 1 + ref.Line(data[off:])
}

// ExternalRef is a link or image to another site, where it is written.
type ExternalRef struct {
	URL  string
	File string // "content/posts/a.md"
	Line int
}

// ExternalLinks lists the http and https links and images of the pages of
// the last build, in page order, for geul check --external.
func (b *Builder) ExternalLinks() []ExternalRef {
	if b.prev.plan == nil {
		return nil
	}
	var out []ExternalRef
	for _, p := range b.prev.plan.st.pages {
		r := b.rendered[p.Path]
		if r == nil || r.refs == nil {
			continue
		}
		for _, ref := range r.refs.Refs {
			dest := strings.TrimSpace(ref.Dest)
			lower := strings.ToLower(dest)
			if !strings.HasPrefix(lower, "http://") && !strings.HasPrefix(lower, "https://") {
				continue
			}
			out = append(out, ExternalRef{URL: dest, File: contentDir + "/" + p.Path, Line: b.bodyLine(p, ref)})
		}
	}
	return out
}
