package importer

import (
	"fmt"
	"net/url"
	"path"
	"regexp"
	"strings"

	"golang.org/x/text/unicode/norm"
)

// refScheme marks a link to another post that a source's template tag
// named (Jekyll's post_url, Hexo's post_link): "geul-import:2018-05-02-x".
// The readers write it; linkPosts turns it into a relative .md link once
// every post has its slug.
const refScheme = "geul-import:"

// permalinkURL is the site-relative URL geul gives a post: the pattern
// with :year :month :day :section :slug :filename, as pkg/site does.
func permalinkURL(pattern string, p *post) string {
	if p.page {
		return "/" + p.slug + "/"
	}
	if pattern == "" {
		pattern = "/:section/:slug/"
	}
	d := p.date
	r := strings.NewReplacer(
		":year", fmt.Sprintf("%04d", d.Year()),
		":month", fmt.Sprintf("%02d", int(d.Month())),
		":day", fmt.Sprintf("%02d", d.Day()),
		":section", "posts",
		":slug", p.slug,
		":filename", p.slug,
	)
	return "/" + strings.Trim(path.Clean("/"+r.Replace(pattern)), "/") + "/"
}

// cleanURL is a site-relative address in one spelling for comparing:
// unescaped, NFC, leading "/", no trailing "/" (a static host answers
// /123 and /123/ alike), no query or fragment.
func cleanURL(u string) string {
	if i := strings.IndexAny(u, "?#"); i >= 0 {
		u = u[:i]
	}
	if s, err := url.PathUnescape(u); err == nil {
		u = s
	}
	u = norm.NFC.String(u)
	u = "/" + strings.Trim(path.Clean("/"+u), "/")
	return u
}

// keepAddresses sets p.url and p.aliases so that every address the old
// blog answered at still reaches the post: nothing when geul's own URL is
// the old one, `url` when the old one is a folder-style address geul can
// serve as it is, an alias for the rest (Jekyll's .html, Tistory's /123).
func keepAddresses(p *post, newURL string) {
	seen := map[string]bool{cleanURL(newURL): true}
	if p.oldURL != "" && !seen[cleanURL(p.oldURL)] {
		seen[cleanURL(p.oldURL)] = true
		if strings.HasSuffix(p.oldURL, "/") {
			p.url = p.oldURL
		} else {
			p.aliases = append(p.aliases, p.oldURL)
		}
	}
	for _, a := range p.oldAliases {
		if c := cleanURL(a); !seen[c] {
			seen[c] = true
			p.aliases = append(p.aliases, a)
		}
	}
}

// linkIndex finds a post by any of its old addresses or template names.
type linkIndex struct {
	byURL map[string]*post
	byRef map[string]*post
	hosts map[string]bool // hosts of the old blog: links there are its own
	base  string          // the old blog's base path, "/" or "/blog/"
}

func newLinkIndex(posts []*post, hosts []string, base string) *linkIndex {
	ix := &linkIndex{byURL: map[string]*post{}, byRef: map[string]*post{}, hosts: map[string]bool{}, base: base}
	for _, h := range hosts {
		if h = strings.ToLower(strings.TrimPrefix(strings.ToLower(h), "www.")); h != "" {
			ix.hosts[h] = true
			ix.hosts["www."+h] = true
		}
	}
	for _, p := range posts {
		for _, u := range append([]string{p.oldURL}, p.oldAliases...) {
			if u != "" {
				ix.byURL[cleanURL(u)] = p
			}
		}
		for _, r := range p.refs {
			ix.byRef[norm.NFC.String(r)] = p
		}
	}
	return ix
}

// lookup returns the post an href points at, and the fragment to keep.
func (ix *linkIndex) lookup(href string) (*post, string) {
	if ref, ok := strings.CutPrefix(href, refScheme); ok {
		ref, frag, _ := strings.Cut(ref, "#")
		if p := ix.byRef[norm.NFC.String(ref)]; p != nil {
			return p, frag
		}
		return nil, ""
	}
	u, err := url.Parse(href)
	if err != nil {
		return nil, ""
	}
	switch {
	case u.Scheme == "" && u.Host == "" && strings.HasPrefix(u.Path, "/"):
	case (u.Scheme == "http" || u.Scheme == "https" || u.Scheme == "") && ix.hosts[strings.ToLower(u.Host)]:
	default:
		return nil, ""
	}
	p := u.Path
	if ix.base != "/" && ix.base != "" {
		b := strings.TrimSuffix(ix.base, "/")
		if p == b || strings.HasPrefix(p, b+"/") {
			p = strings.TrimPrefix(p, b)
		}
	}
	if t := ix.byURL[cleanURL(p)]; t != nil {
		return t, u.Fragment
	}
	return nil, ""
}

// mdLink matches the destination of a Markdown link or image, and an HTML
// href or src: the part that may point at an old post.
var mdLink = regexp.MustCompile(`(\]\(<?|href="|src=")([^)\s>"]+)`)

// linkPosts rewrites, in p's body, every link to one of the old blog's
// posts into a relative link to its index.md, and returns how many it
// rewrote. A geul-import: reference to a post the source does not have is
// a problem; the link text stays.
func linkPosts(p *post, ix *linkIndex, rep *Report) string {
	n := 0
	out := mdLink.ReplaceAllStringFunc(p.body, func(m string) string {
		sub := mdLink.FindStringSubmatch(m)
		t, frag := ix.lookup(sub[2])
		if t == nil {
			if strings.HasPrefix(sub[2], refScheme) {
				rep.problem(p.source, 0, "link to a post that is not in the source: %s; fix the link by hand", strings.TrimPrefix(sub[2], refScheme))
				return sub[1] + "#"
			}
			return m
		}
		if t.draft && !p.draft {
			// geul fails a build on a link to a draft.
			rep.problem(p.source, 0, "link to %s, a draft, left pointing nowhere; link it again when the draft is published", t.source)
			return sub[1] + "#"
		}
		n++
		rel := relLink(outputPath(p), outputPath(t))
		if frag != "" {
			rel += "#" + frag
		}
		return sub[1] + rel
	})
	rep.LinksRewritten += n
	return out
}

// outputPath is where a post's Markdown goes, relative to the site.
func outputPath(p *post) string {
	if p.page {
		return "content/" + p.slug + ".md"
	}
	return "content/posts/" + p.slug + "/index.md"
}

// relLink is the relative link from the Markdown file from to the one at
// to, both site-relative: "../b/index.md".
func relLink(from, to string) string {
	fd := strings.Split(path.Dir(from), "/")
	td := strings.Split(path.Dir(to), "/")
	i := 0
	for i < len(fd) && i < len(td) && fd[i] == td[i] {
		i++
	}
	parts := make([]string, 0, len(fd)-i+len(td)-i+1)
	for range fd[i:] {
		parts = append(parts, "..")
	}
	parts = append(parts, td[i:]...)
	parts = append(parts, path.Base(to))
	return strings.Join(parts, "/")
}

// resolveRelative rewrites, in p's body, relative links and images that
// the old blog resolved against the post's address (Jekyll's
// ../../assets/a.png from /category/title/) into site-absolute ones when
// they name a file of static/ or an old post, which linkPosts then
// rewrites. A relative file name the bundle has stays as it is; one that
// is nowhere is reported.
func resolveRelative(p *post, b *blog, static map[string]bool, ix *linkIndex, rep *Report) {
	base := p.oldURL
	if base == "" {
		base = "/"
	}
	if !strings.HasSuffix(base, "/") {
		base = path.Dir(base) + "/"
	}
	bundle := map[string]bool{}
	for _, f := range p.files {
		bundle[f.name] = true
	}
	missing := map[string]bool{}
	p.body = mdLink.ReplaceAllStringFunc(p.body, func(m string) string {
		sub := mdLink.FindStringSubmatch(m)
		ref := sub[2]
		u, err := url.Parse(ref)
		if abs, lacks := staticLacks(ref, b, static); abs {
			if lacks {
				missing[ref] = true
				rep.problem(p.source, 0, "image %s is not in the site's static files; left out: copy it into static/ and link it again", ref)
			}
			return m
		}
		if err != nil || u.Scheme != "" || u.Host != "" || u.Path == "" || strings.HasPrefix(ref, "/") || strings.HasPrefix(ref, "#") || strings.HasPrefix(ref, refScheme) {
			return m
		}
		name, _ := url.PathUnescape(u.Path)
		if bundle[norm.NFC.String(name)] {
			return m
		}
		// hexo-asset-image lets a post name its folder: ![](글/a.png).
		own := strings.TrimSuffix(path.Base(p.source), path.Ext(p.source)) + "/"
		if rest, ok := strings.CutPrefix(norm.NFC.String(name), own); ok && bundle[rest] {
			return sub[1] + markdownURL(rest)
		}
		// Relative to the post's file, as an editor shows it: a file of
		// static/, or one that is nowhere else, copied into the bundle.
		if b != nil {
			local := norm.NFC.String(path.Join(path.Dir(p.source), name))
			if from, ok := b.loose[local]; ok {
				n := path.Base(local)
				for i := 2; bundle[n]; i++ {
					n = strings.TrimSuffix(path.Base(local), path.Ext(local)) + "-" + fmt.Sprint(i) + path.Ext(local)
				}
				bundle[n] = true
				p.files = append(p.files, file{name: n, from: from})
				b.looseUsed[local] = true
				return sub[1] + markdownURL(n)
			}
			if rel, ok := strings.CutPrefix(local, b.staticRoot+"/"); ok && b.staticRoot != "" && static[rel] {
				return sub[1] + markdownURL("/"+rel)
			}
		}
		abs := path.Join(base, name)
		if static[strings.TrimPrefix(norm.NFC.String(abs), "/")] {
			if u.Fragment != "" {
				abs += "#" + u.Fragment
			}
			return sub[1] + markdownURL(abs)
		}
		if t, _ := ix.lookup(abs); t != nil {
			if u.Fragment != "" {
				abs += "#" + u.Fragment
			}
			return sub[1] + abs
		}
		// Relative to the site's root, as Chirpy resolves an image path
		// without a leading "/".
		if root := strings.TrimPrefix(path.Clean("/"+norm.NFC.String(name)), "/"); static[root] {
			ref := "/" + root
			if u.Fragment != "" {
				ref += "#" + u.Fragment
			}
			return sub[1] + markdownURL(ref)
		}
		if path.Ext(name) != "" && !strings.EqualFold(path.Ext(name), ".md") {
			missing[ref] = true
			rep.problem(p.source, 0, "%s is not in the site (looked for %s); left out: copy the file beside the post and link it again", ref, abs)
		}
		return m
	})
	// A reference definition, [2]: screenshot.png, to an image that is
	// nowhere: it points nowhere, so the references to it still parse.
	p.body = refDef.ReplaceAllStringFunc(p.body, func(m string) string {
		sub := refDef.FindStringSubmatch(m)
		ref := sub[2]
		if !isImageName(ref) || strings.Contains(ref, "://") || strings.HasPrefix(ref, "/") || bundle[norm.NFC.String(ref)] {
			return m
		}
		if static[strings.TrimPrefix(path.Clean("/"+norm.NFC.String(ref)), "/")] {
			return sub[1] + "/" + strings.TrimPrefix(path.Clean("/"+norm.NFC.String(ref)), "/") + sub[3]
		}
		rep.problem(p.source, 0, "image %s is not in the site; left out: copy the file beside the post and link it again", ref)
		return sub[1] + "#" + sub[3]
	})
	// geul fails a build on a missing image (or a link to a missing file):
	// the image goes, its alt text stays; the link goes, its text stays.
	if len(missing) > 0 {
		p.body = missingRef.ReplaceAllStringFunc(p.body, func(m string) string {
			sub := missingRef.FindStringSubmatch(m)
			switch {
			case sub[3] != "" && missing[sub[3]]: // figure shortcode
				return ""
			case sub[2] != "" && missing[sub[2]]:
				return sub[1]
			}
			return m
		})
		if missing[p.cover] {
			p.cover = ""
		}
	}
	// A cover only the front matter names: geul fails a build on it too.
	if _, lacks := staticLacks(p.cover, b, static); lacks {
		rep.problem(p.source, 0, "cover %s is not in the site's static files; left out: copy it into static/ and set cover again", p.cover)
		p.cover = ""
	}
}

// staticLacks reports whether ref is a site-absolute image path (/images/a.png)
// and whether the site's static files lack it (static empty: not known).
func staticLacks(ref string, b *blog, static map[string]bool) (abs, lacks bool) {
	u, err := url.Parse(ref)
	if err != nil || u.Scheme != "" || u.Host != "" || !strings.HasPrefix(u.Path, "/") || !isImageName(u.Path) {
		return false, false
	}
	name, _ := url.PathUnescape(u.Path)
	name = strings.TrimPrefix(norm.NFC.String(name), "/")
	if b != nil && b.base != "/" && b.base != "" {
		name = strings.TrimPrefix(name, strings.Trim(b.base, "/")+"/")
	}
	return true, len(static) > 0 && !static[name]
}

// refDef matches a Markdown reference definition: [id]: destination "title".
var refDef = regexp.MustCompile(`(?m)^( {0,3}\[[^\]]+\]:[ \t]*)<?([^\s>]+)>?(.*)$`)

// missingRef matches an image or a link (its text, its destination) and a
// figure shortcode (its src), for dropping those that point nowhere.
var missingRef = regexp.MustCompile(`!?\[([^\]]*)\]\(<?([^)\s>]+)>?(?:\s+"[^"]*")?\)|\{\{< figure src="([^"]+)"[^}]*>\}\}`)

func isImageName(p string) bool {
	switch strings.ToLower(path.Ext(p)) {
	case ".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".bmp", ".avif":
		return true
	}
	return false
}
