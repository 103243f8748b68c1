package site

import (
	"cmp"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/geul-blog/geul/pkg/config"
	"github.com/geul-blog/geul/pkg/content"
	"github.com/geul-blog/geul/pkg/diag"
)

// pageRel returns the output of a page relative to the site root: a folder
// ending in "/" ("posts/서버-장애/"), or a file ending in ".html" for a
// pattern, url or uglyURLs that asks for one.
//
// Without a permalink pattern a page is at its file's folder and its slug
// (or file name, or bundle folder): content/post/architectural/x.md is at
// post/architectural/x/, content/about/index.md at about/, as in Hugo. A
// front matter url is the page's URL as written. A site read from a Hugo
// config gets Hugo's URLs exactly: the whole path sanitized and lower-cased
// as Hugo's MakePathSanitized does, :slug falling back to the title, and
// dates in the zone they were written with; a geul site keeps its own
// slugs (words.Slug) of slugs and file names, folders as written.
func (b *Builder) pageRel(p *content.Page) string {
	hugo := b.cfg.FromHugo
	if p.URLPath != "" {
		return urlRel(p.URLPath)
	}
	dir, name := path.Dir(b.logical(p.Path)), fileBase(p.Path)
	if p.Bundle != "" {
		dir, name = path.Dir(b.logical(p.Bundle)), path.Base(p.Bundle)
	}
	if dir == "." {
		dir = ""
	}
	var rel string
	pattern := ""
	if p.Kind != content.KindPage || hugo {
		pattern = b.cfg.Permalinks[p.Section]
	}
	switch {
	case pattern != "":
		rel = b.expandPermalink(pattern, p, name)
	case hugo:
		seg := p.Slug
		if seg == "" {
			seg = name
		}
		rel = path.Join("/", dir, seg) + "/"
	default:
		seg := b.slug(p.Slug)
		if seg == "" {
			seg = b.slug(name)
		}
		if seg == "" {
			seg = name
		}
		rel = path.Join("/", dir, seg) + "/"
	}
	if hugo {
		if pattern != "" {
			// Hugo reads an expanded pattern back as a URL: "+" is a space
			// and %XX an escape ("C++" in a title gives "c-").
			if u, err := url.QueryUnescape(rel); err == nil {
				rel = u
			}
		}
		rel = hugoPath(rel, b.cfg.DisablePathToLower)
	}
	rel = norm.NFC.String(strings.TrimPrefix(rel, "/")) // folders written by macOS are NFD
	if b.cfg.LanguageInSubdir && b.cfg.DefaultLanguage != "" {
		rel = b.cfg.DefaultLanguage + "/" + rel // defaultContentLanguageInSubdir
	}
	if b.cfg.UglyURLs && strings.HasSuffix(rel, "/") && rel != "" {
		rel = strings.TrimSuffix(rel, "/") + ".html"
	}
	return rel
}

// fileBase is a file's name without its extension, and without the
// language of a multilingual Hugo site's page ("post.ko.md" is "post").
func fileBase(rel string) string {
	name := path.Base(rel)
	name = strings.TrimSuffix(name, path.Ext(name))
	if lang := langSuffix.FindString(name); lang != "" && len(lang) < len(name) {
		name = name[:len(name)-len(lang)]
	}
	return name
}

// langSuffix matches the language code a multilingual Hugo site puts
// before a content file's extension: ".ko", ".en", ".pt-br", ".zh-hans".
var langSuffix = regexp.MustCompile(`\.[a-zA-Z]{2,3}(?:-[a-zA-Z]{2,4})?$`)

// fileLang returns the language code of a content file ("en" for
// index.en.md) when it is one of langs, else "".
func fileLang(rel string, langs []string) string {
	name := path.Base(rel)
	name = strings.TrimSuffix(name, path.Ext(name))
	if m := langSuffix.FindString(name); m != "" && slices.Contains(langs, strings.ToLower(m[1:])) {
		return strings.ToLower(m[1:])
	}
	return ""
}

// urlRel turns a front matter url into an output relative to the site
// root: "/old/place" is the folder old/place/, "/a.html" the file a.html.
func urlRel(u string) string {
	rel := strings.TrimPrefix(path.Clean("/"+u), "/")
	if rel == "" {
		return ""
	}
	if strings.HasSuffix(rel, ".html") || strings.HasSuffix(rel, ".htm") {
		return rel
	}
	return rel + "/"
}

// outputFile is the file a page's output relative to the site root is
// written to: index.html in a folder, else the file itself.
func outputFile(rel string) string {
	if rel == "" || strings.HasSuffix(rel, "/") {
		return rel + "index.html"
	}
	return rel
}

// outputDir is the folder of a page's output: where its bundle's files go.
func outputDir(rel string) string {
	if rel == "" || strings.HasSuffix(rel, "/") {
		return rel
	}
	if d := path.Dir(rel); d != "." {
		return d + "/"
	}
	return ""
}

// permalinkToken matches a :token of a permalink pattern.
var permalinkToken = regexp.MustCompile(`:\w+(\[.+?\])?`)

// expandPermalink fills in the :tokens of pattern for p, whose file name
// (or bundle folder) is name. The tokens and their meaning are Hugo's.
func (b *Builder) expandPermalink(pattern string, p *content.Page, name string) string {
	hugo := b.cfg.FromHugo
	d := p.Date
	if hugo && !p.DateWritten.IsZero() {
		d = p.DateWritten
	}
	seg := func(s string) string {
		if hugo {
			return hugoPath(s, b.cfg.DisablePathToLower) // Hugo's urlize
		}
		return b.slug(s)
	}
	slug := func(orTitle bool) string {
		switch {
		case p.Slug != "":
			return seg(p.Slug)
		case orTitle:
			return seg(p.Title)
		}
		return seg(name)
	}
	return permalinkToken.ReplaceAllStringFunc(pattern, func(tok string) string {
		switch tok[1:] {
		case "year":
			return strconv.Itoa(d.Year())
		case "month":
			return twoDigits(int(d.Month()))
		case "monthname":
			return d.Month().String()
		case "day":
			return twoDigits(d.Day())
		case "weekday":
			return strconv.Itoa(int(d.Weekday()))
		case "weekdayname":
			return d.Weekday().String()
		case "yearday":
			return strconv.Itoa(d.YearDay())
		case "section":
			return p.Section
		case "sections":
			return b.sectionsPath(p)
		case "title":
			return seg(p.Title)
		case "slug":
			// Hugo's :slug is the slug, else the title; geul's own sites
			// have always had the slug, else the file name.
			return slug(hugo)
		case "filename", "contentbasename":
			return seg(name)
		case "slugorfilename", "slugorcontentbasename":
			return slug(false)
		}
		if strings.HasPrefix(tok, ":sections[") {
			return b.sectionsPath(p) // a slice of the sections: all of them, as the common case
		}
		if f := d.Format(tok[1:]); f != tok[1:] {
			return f // a Go time layout, as Hugo allows
		}
		return tok
	})
}

func twoDigits(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// sectionsPath is Hugo's :sections: the page's first folder and every
// folder below it that has an _index.md, down to the page's own.
func (b *Builder) sectionsPath(p *content.Page) string {
	dir := path.Dir(b.logical(p.Path))
	if p.Bundle != "" {
		dir = path.Dir(b.logical(p.Bundle))
	}
	if dir == "." {
		return ""
	}
	parts := strings.Split(dir, "/")
	out := parts[:1]
	for i := 1; i < len(parts); i++ {
		if !b.sectionDirs[strings.Join(parts[:i+1], "/")] {
			break
		}
		out = parts[:i+1]
	}
	return strings.Join(out, "/")
}

// hugoPath is Hugo's MakePathSanitized (helpers.PathSpec in Hugo 0.111):
// letters, digits, marks and . / \ _ # + ~ - @ are kept, %XX escapes too,
// whitespace becomes one "-", everything else is dropped; then lower case
// unless disablePathToLower. Hand-written because Hugo's helpers package
// cannot be imported without the whole of Hugo.
func hugoPath(s string, keepCase bool) string {
	s = norm.NFC.String(s)
	src := []rune(s)
	out := make([]rune, 0, len(src))
	prependHyphen, wasHyphen := false, false
	for i, r := range src {
		allowed := r == '.' || r == '/' || r == '\\' || r == '_' || r == '#' || r == '+' || r == '~' || r == '-' || r == '@' ||
			unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) ||
			r == '%' && i+2 < len(src) && isHex(src[i+1]) && isHex(src[i+2])
		switch {
		case allowed:
			wasHyphen = r == '-'
			if prependHyphen {
				if !wasHyphen {
					out = append(out, '-')
				}
				prependHyphen = false
			}
			out = append(out, r)
		case len(out) > 0 && !wasHyphen && unicode.IsSpace(r):
			prependHyphen = true
		}
	}
	if keepCase {
		return string(out)
	}
	return strings.ToLower(string(out))
}

func isHex(r rune) bool {
	return '0' <= r && r <= '9' || 'a' <= r && r <= 'f' || 'A' <= r && r <= 'F'
}

// published reports whether a page that is no draft is out at now: its
// publishDate (else its date) has come, and its expiryDate has not.
func published(p *content.Page, now time.Time) (future, expired bool) {
	pub := p.PublishDate
	if pub.IsZero() {
		pub = p.Date
	}
	future = pub.After(now)
	expired = !p.ExpiryDate.IsZero() && !p.ExpiryDate.After(now)
	return future, expired
}

// customTaxonomies are the plural names of a Hugo config's taxonomies
// other than categories and tags, for content.ParseOptions.
func customTaxonomies(cfg *config.Config) []string {
	var out []string
	for _, plural := range cfg.Taxonomies {
		if plural != "categories" && plural != "tags" {
			out = append(out, plural)
		}
	}
	return out
}

// resolveFile returns the URL a link or image of p to dest (a path as
// written, unescaped, without ?query or #fragment) finds: a file under
// content/ relative to p's file (a bundle's, or beside a Notion or Typora
// export), a file of static/ for "/x" or a path into ../static/. A file
// name in NFD (as macOS writes Hangul) and a link typed in NFC find each
// other. ok is false when there is no such file.
func (b *Builder) resolveFile(st *state, p *content.Page, dest string) (string, bool) {
	return st.resolveFileIn(p, dest, b.hasStatic)
}

// resolveFileIn is resolveFile with hasStatic telling the site's static
// files (those held in memory and the large ones copied from disk); nil
// checks only content files (and keeps the answer of the last build for
// the others, which cannot change without a full build).
func (st *state) resolveFileIn(p *content.Page, dest string, hasStatic func(string) bool) (string, bool) {
	if strings.HasPrefix(dest, "/") {
		rel := strings.TrimPrefix(path.Clean(dest), "/")
		if b := strings.Trim(st.basePath, "/"); b != "" {
			rel = strings.TrimPrefix(rel, b+"/")
		}
		if st.hasFile(rel) {
			return dest, true
		}
		if st.hasFile(norm.NFC.String(rel)) {
			return st.basePath + norm.NFC.String(rel), true
		}
		if hasStatic == nil {
			return dest, true
		}
		if hasStatic(rel) || hasStatic(norm.NFC.String(rel)) {
			return dest, true
		}
		return "", false
	}
	full := path.Join(contentDir, path.Dir(p.Path), dest)
	if rel, ok := strings.CutPrefix(full, contentDir+"/"); ok {
		out, ok := st.fileOut[rel]
		if !ok {
			out, ok = st.fileOut[norm.NFC.String(rel)]
		}
		if ok {
			if here := outputDir(strings.TrimPrefix(p.URL, st.basePath)); out == here+path.Clean(dest) {
				return dest, true // the link finds it as written (a bundle's file)
			}
			return st.basePath + out, true
		}
		// Not beside the post: a file of static/ at that path, as the
		// render hooks of Hugo themes find it.
		if hasStatic != nil && !strings.HasPrefix(path.Clean(dest), "../") {
			for _, r := range []string{path.Clean(dest), norm.NFC.String(path.Clean(dest))} {
				if hasStatic(r) {
					return st.basePath + r, true
				}
			}
		}
		return "", false
	}
	if rel, ok := strings.CutPrefix(full, "static/"); ok {
		if hasStatic == nil {
			return st.basePath + norm.NFC.String(rel), true
		}
		if hasStatic(rel) {
			return st.basePath + rel, true
		}
		if hasStatic(norm.NFC.String(rel)) {
			return st.basePath + norm.NFC.String(rel), true
		}
	}
	return "", false
}

// coverURL resolves a page's cover: a URL stays as it is, a path is a file
// beside the page (a bundle's, or relative to the post's file), else a file
// of static/ as Hugo themes read it. A cover that is nowhere is an error
// at its front matter line.
func (b *Builder) coverURL(st *state, p *content.Page) (string, error) {
	ref := p.Cover
	lower := strings.ToLower(ref)
	switch {
	case strings.HasPrefix(lower, "https://") || strings.HasPrefix(lower, "http://") || strings.HasPrefix(lower, "data:image/"):
		return ref, nil
	case strings.HasPrefix(ref, "//"):
		return "https:" + ref, nil
	case strings.Contains(strings.SplitN(ref, "/", 2)[0], ":"):
		return "", nil // another scheme (javascript:, file:, …) is never emitted
	}
	dest := strings.TrimPrefix(ref, "./")
	if u, err := url.PathUnescape(dest); err == nil {
		dest = u
	}
	if u, ok := b.resolveFile(st, p, dest); ok {
		if !strings.HasPrefix(u, "/") {
			// Found as written, beside the page: templates need it whole.
			u = st.basePath + outputDir(strings.TrimPrefix(p.URL, st.basePath)) + u
		}
		return u, nil
	}
	if !strings.HasPrefix(dest, "/") {
		if u, ok := b.resolveFile(st, p, "/"+dest); ok {
			return strings.TrimSuffix(st.basePath, "/") + "/" + strings.TrimPrefix(u, "/"), nil
		}
	}
	return "", diag.Errorf(contentDir+"/"+p.Path, p.CoverLine(), "cover %q not found", ref).
		WithHint("put the image beside the post (or in its bundle folder) or in static/, or use a URL")
}

// sectionRel is the folder of a section's list relative to the site root:
// the section's folder, as Hugo writes it for a site read from its config.
func (b *Builder) sectionRel(name string) string {
	rel := name + "/"
	if b.cfg.FromHugo {
		rel = hugoPath(rel, b.cfg.DisablePathToLower)
	}
	if b.cfg.LanguageInSubdir && b.cfg.DefaultLanguage != "" {
		rel = b.cfg.DefaultLanguage + "/" + rel
	}
	return rel
}

// nestedSection is a folder below a section with an _index.md: Hugo gives
// it a list of the posts under it, and so does geul.
type nestedSection struct {
	dir         string // under content/ (without a language's folder): "post/architectural"
	rel         string // its list's folder relative to the site root
	title, desc string
	posts       []*content.Page // newest first
}

// nestedSections returns the nested sections of the site, by folder.
func (b *Builder) nestedSections(st *state) []*nestedSection {
	var dirs []string
	for dir := range st.index {
		if strings.Contains(dir, "/") {
			dirs = append(dirs, dir)
		}
	}
	if len(dirs) == 0 {
		return nil
	}
	slices.Sort(dirs)
	byDir := make(map[string]*nestedSection, len(dirs))
	out := make([]*nestedSection, len(dirs))
	for i, dir := range dirs {
		ix := st.index[dir]
		out[i] = &nestedSection{dir: dir, rel: b.sectionRel(dir), title: cmp.Or(ix.Title, path.Base(dir)),
			desc: cmp.Or(ix.Description, st.site.Description)}
		byDir[dir] = out[i]
	}
	for _, p := range st.posts {
		dir := path.Dir(b.logical(p.Path))
		if p.Bundle != "" {
			dir = path.Dir(b.logical(p.Bundle))
		}
		for ; strings.Contains(dir, "/"); dir = path.Dir(dir) {
			if ns := byDir[dir]; ns != nil {
				ns.posts = append(ns.posts, p)
			}
		}
	}
	return out
}

// uglyPagers moves the pagers of a list at url to Hugo's uglyURLs: the
// first page at "/posts.html" (the home page stays "/"), the others at
// "/posts/page/2.html".
func uglyPagers(pagers []*content.Pager, url, basePath string) []*content.Pager {
	ugly := make(map[string]string, len(pagers))
	for _, p := range pagers {
		u := p.URL
		switch {
		case p.Number == 1 && url != basePath:
			u = strings.TrimSuffix(url, "/") + ".html"
		case p.Number > 1:
			u = strings.TrimSuffix(u, "/") + ".html"
		}
		ugly[p.URL] = u
	}
	to := func(u string) string {
		if v, ok := ugly[u]; ok {
			return v
		}
		return u
	}
	for _, p := range pagers {
		p.URL, p.FirstURL, p.LastURL, p.PrevURL, p.NextURL = to(p.URL), to(p.FirstURL), to(p.LastURL), to(p.PrevURL), to(p.NextURL)
		nums := make([]content.Link, len(p.Numbers))
		for i, l := range p.Numbers {
			l.URL = to(l.URL)
			nums[i] = l
		}
		p.Numbers = nums
	}
	return pagers
}

// hasFile reports whether a file of content/ is published at out, held in
// memory or copied from disk.
func (st *state) hasFile(out string) bool {
	if _, ok := st.files[out]; ok {
		return true
	}
	_, ok := st.copied[out]
	return ok
}
