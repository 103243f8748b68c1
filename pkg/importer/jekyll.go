package importer

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strings"
	"time"

	"golang.org/x/text/unicode/norm"
)

// jekyllPostName is a post's file name: 2018-05-02-title.md.
var jekyllPostName = regexp.MustCompile(`^(\d{4})-(\d{1,2})-(\d{1,2})-(.+)\.(md|markdown|mkd|mkdn|mdown|html)$`)

// jekyllStyles are the permalink styles Jekyll names.
var jekyllStyles = map[string]string{
	"date":    "/:categories/:year/:month/:day/:title:output_ext",
	"pretty":  "/:categories/:year/:month/:day/:title/",
	"ordinal": "/:categories/:year/:y_day/:title:output_ext",
	"none":    "/:categories/:title:output_ext",
}

// jekyllFolders hold the theme and the build, not posts or pages.
func jekyllSkipDir(name string) bool {
	switch name {
	case "_site", "_layouts", "_includes", "_sass", "_data", "_plugins", "node_modules", "vendor", ".git", ".github", ".jekyll-cache", ".sass-cache":
		return true
	}
	return false
}

// readJekyll reads a Jekyll site: _config.yml, _posts/, _drafts/, the
// pages with front matter, and assets/ and images/ for static/.
func readJekyll(ctx context.Context, o Options, fsys fs.FS) (*blog, error) {
	b := &blog{base: "/"}
	cfgData, err := fs.ReadFile(fsys, "_config.yml")
	if err != nil {
		return nil, fmt.Errorf("%s: no _config.yml; is this a Jekyll site?", o.From)
	}
	var cfg struct {
		Title       string   `yaml:"title"`
		Description string   `yaml:"description"`
		URL         string   `yaml:"url"`
		BaseURL     string   `yaml:"baseurl"`
		Permalink   string   `yaml:"permalink"`
		Timezone    string   `yaml:"timezone"`
		Paginate    int      `yaml:"paginate"`
		Excerpt     string   `yaml:"excerpt_separator"`
		Lang        string   `yaml:"lang"`
		Locale      string   `yaml:"locale"`
		Author      any      `yaml:"author"`
		Include     []string `yaml:"include"`
		Defaults    []struct {
			Scope struct {
				Path string `yaml:"path"`
				Type string `yaml:"type"`
			} `yaml:"scope"`
			Values map[string]any `yaml:"values"`
		} `yaml:"defaults"`
		Collections any `yaml:"collections"`
	}
	b.problems = append(b.problems, decodeConfig(cfgData, &cfg)...)
	loc, probs := configZone(cfg.Timezone)
	b.problems = append(b.problems, probs...)
	if cfg.Timezone == "" {
		b.problems = append(b.problems, Problem{Path: "_config.yml", Msg: "no timezone: dates without a zone were read as UTC (Jekyll used its machine's zone); set timezone and import again if dates or addresses are a day off"})
	}
	if cfg.BaseURL != "" {
		b.base = "/" + strings.Trim(cfg.BaseURL, "/") + "/"
	}
	if cfg.Permalink == "" {
		cfg.Permalink = "date"
	}
	// Front matter defaults for every post (Chirpy sets the permalink so).
	for _, d := range cfg.Defaults {
		if (d.Scope.Type == "posts" || d.Scope.Type == "") && (d.Scope.Path == "" || d.Scope.Path == "_posts") {
			if perm := stringOf(d.Values["permalink"]); perm != "" && d.Scope.Type == "posts" {
				cfg.Permalink = perm
			}
		}
	}
	pattern := cfg.Permalink
	if p, ok := jekyllStyles[pattern]; ok {
		pattern = p
	}
	lang := cfg.Lang
	if lang == "" {
		lang = cfg.Locale
	}
	b.config = siteConfig{
		title: cfg.Title, description: cfg.Description, timeZone: cfg.Timezone,
		paginate: cfg.Paginate, language: languageOf(lang), permalink: geulPattern(pattern),
	}
	switch a := cfg.Author.(type) {
	case string:
		b.config.author = a
	case map[string]any:
		b.config.author = stringOf(a["name"])
	}
	if cfg.URL != "" {
		b.config.baseURL = strings.TrimSuffix(cfg.URL, "/") + b.base
		b.hosts = append(b.hosts, hostOf(cfg.URL))
	}

	included := map[string]bool{}
	for _, d := range cfg.Include {
		included[strings.Trim(d, "/")] = true
	}
	// collections: name → the permalink of its pages when Jekyll wrote
	// them (output: true); "" for one it did not.
	collections := map[string]string{}
	switch c := cfg.Collections.(type) {
	case map[string]any:
		for k, v := range c {
			collections[k] = ""
			if m, ok := v.(map[string]any); ok && m["output"] == true {
				collections[k] = stringOf(m["permalink"])
				if collections[k] == "" {
					collections[k] = "/:collection/:path:output_ext"
				}
			}
		}
	case []any:
		for _, k := range c {
			collections[stringOf(k)] = ""
		}
	}
	told := map[string]bool{}
	var files []string
	err = fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if p != "." && (jekyllSkipDir(d.Name()) || strings.HasPrefix(d.Name(), ".")) && !included[p] {
				return fs.SkipDir
			}
			return nil
		}
		files = append(files, p)
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.Strings(files)
	for i, p := range files {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if o.Progress != nil {
			o.Progress("reading", i+1, len(files))
		}
		top, _, _ := strings.Cut(p, "/")
		switch {
		case strings.Contains("/"+p, "/_posts/") || strings.HasPrefix(p, "_drafts/"):
			jp, probs := readJekyllPost(fsys, p, pattern, loc)
			b.problems = append(b.problems, probs...)
			if jp != nil {
				b.posts = append(b.posts, jp)
			}
		case strings.HasPrefix(top, "_") && collections[strings.TrimPrefix(top, "_")] != "" && isMarkdownName(p):
			// A collection Jekyll wrote out (Chirpy's _tabs): its documents are pages.
			jp, probs := readJekyllPage(fsys, p, cfg.Permalink, collections[strings.TrimPrefix(top, "_")])
			b.problems = append(b.problems, probs...)
			if jp != nil {
				b.posts = append(b.posts, jp)
			}
		case strings.HasPrefix(top, "_") && !included[top]:
			name := strings.TrimPrefix(top, "_")
			if perm, ok := collections[name]; !told[top] && ok && perm == "" {
				told[top] = true
				b.problems = append(b.problems, Problem{Path: top, Msg: "the collection " + name + " was not imported (Jekyll did not write it out either); copy its files into content/ if you need them"})
			}
		case isMarkdownName(p):
			jp, probs := readJekyllPage(fsys, p, cfg.Permalink, "")
			b.problems = append(b.problems, probs...)
			if jp != nil {
				b.posts = append(b.posts, jp)
			}
		case jekyllNotStatic(p):
		default:
			head, err := readHead(fsys, p, 5)
			if err != nil {
				b.problems = append(b.problems, Problem{Path: p, Msg: err.Error() + "; left out"})
				continue
			}
			if bytes.HasPrefix(head, []byte("---\n")) || bytes.HasPrefix(head, []byte("---\r\n")) {
				// A file with front matter is a Liquid template Jekyll rendered.
				if !geulMakes[strings.ToLower(p)] {
					b.problems = append(b.problems, Problem{Path: p, Line: 1, Msg: "a Liquid template (it has front matter), not imported: geul's theme makes its pages; write it as a Markdown page if you need it"})
				}
				continue
			}
			b.static = append(b.static, file{name: norm.NFC.String(p), from: p})
		}
	}
	converter := jekyllLiquid(b)
	html := newMarkdownConverter()
	for _, p := range b.posts {
		p.body = converter(p)
		// Jekyll's excerpt_separator is geul's <!--more-->.
		sep := cfg.Excerpt
		if sep == "" {
			sep = "<!--more-->"
		}
		if p.htmlSource {
			// An HTML post: the same HTML-to-Markdown as Tistory's bodies,
			// which drops comments, so the separator goes through as text.
			const mark = "geul-import-more-mark"
			body := strings.Replace(p.body, sep, "<p>"+mark+"</p>", 1)
			md, err := html.ConvertString(body)
			if err != nil {
				b.problems = append(b.problems, Problem{Path: p.source, Msg: fmt.Sprintf("%v; its HTML was kept as it is (geul's sanitiser shows what is safe)", err)})
			} else {
				p.body = strings.Replace(md, mark, "<!--more-->", 1)
			}
		} else if !strings.Contains(p.body, "<!--more-->") {
			p.body = strings.Replace(p.body, sep, "<!--more-->", 1)
		}
		if p.mediaBase != "" {
			p.body = prefixImages(p.body, p.mediaBase)
		}
		p.body = embedsToShortcodes(p.body)
	}
	return b, nil
}

func isMarkdownName(p string) bool {
	switch strings.ToLower(path.Ext(p)) {
	case ".md", ".markdown", ".mkd", ".mkdn", ".mdown":
		return true
	}
	return false
}

func languageOf(lang string) string {
	if strings.HasPrefix(strings.ToLower(lang), "ko") {
		return "ko"
	}
	if lang == "" {
		return ""
	}
	return strings.ToLower(strings.SplitN(strings.ReplaceAll(lang, "_", "-"), "-", 2)[0])
}

// geulPattern is the geul permalink closest to a Jekyll or Hexo one: the
// title becomes :slug, categories and the .html ending go (the old
// addresses come back as aliases), and a pattern with parts geul has not
// becomes /:year/:month/:day/:slug/.
func geulPattern(p string) string {
	p = strings.NewReplacer(":title", ":slug", ":name", ":slug", ":output_ext", "", ".html", "", "/:categories", "", "/:category", "", ":categories/", "", ":category/", "").Replace(p)
	p = "/" + strings.Trim(p, "/") + "/"
	rest := strings.NewReplacer(":year", "", ":month", "", ":day", "", ":slug", "").Replace(p)
	if strings.Contains(rest, ":") || !strings.Contains(p, ":slug") {
		return "/:year/:month/:day/:slug/"
	}
	if p == "/:section/:slug/" || p == "/posts/:slug/" {
		return ""
	}
	return p
}

// readJekyllPost reads one post of _posts (or a draft of _drafts).
func readJekyllPost(fsys fs.FS, file, pattern string, loc *time.Location) (*post, []Problem) {
	p := norm.NFC.String(file) // names from macOS may be NFD; addresses and slugs are NFC
	base := path.Base(p)
	m := jekyllPostName.FindStringSubmatch(base)
	draft := strings.HasPrefix(p, "_drafts/")
	if m == nil && !draft {
		if isMarkdownName(p) {
			return nil, []Problem{{Path: p, Msg: "not named YYYY-MM-DD-title.md, so Jekyll did not publish it; the file was skipped"}}
		}
		return nil, nil
	}
	fm, body, line, probs := readFrontMatter(fsys, file, p, "post", false)
	if probs != nil {
		return nil, probs
	}
	if fm == nil {
		fm = map[string]any{}
	}
	jp := &post{key: p, source: p, draft: draft, params: map[string]any{}}
	name := strings.TrimSuffix(base, path.Ext(base))
	titlePart := name
	if m != nil {
		titlePart = m[4]
	}
	dateVal := fm["date"]
	if dateVal == nil && m != nil {
		dateVal = m[1] + "-" + m[2] + "-" + m[3]
	}
	if dateVal != nil {
		var err error
		if jp.date, err = parseDate(dateVal, loc); err != nil {
			return nil, []Problem{{Path: p, Line: 2, Msg: err.Error() + "; the post was skipped"}}
		}
	}
	jp.htmlSource = strings.HasSuffix(strings.ToLower(p), ".html")
	jp.title = stringOf(fm["title"])
	if jp.title == "" {
		jp.title = strings.ReplaceAll(titlePart, "-", " ")
	}
	jp.categories = listOf(firstOf(fm, "categories", "category"), true)
	// A post under blog/_posts/ is in category blog too, as Jekyll has it.
	if dir, _, ok := strings.Cut(p, "/_posts/"); ok && dir != "" {
		jp.categories = dedupe(append(strings.Split(dir, "/"), jp.categories...))
	}
	jp.tags = listOf(firstOf(fm, "tags", "tag"), true)
	jp.description = stringOf(firstOf(fm, "description", "excerpt", "summary"))
	jp.cover, jp.coverAlt = coverOf(firstOf(fm, "image", "cover", "thumbnail"))
	if v, ok := fm["header"].(map[string]any); ok && jp.cover == "" { // Minimal Mistakes
		jp.cover = stringOf(firstOf(v, "teaser", "image", "overlay_image"))
	}
	if v, ok := fm["published"].(bool); ok && !v {
		jp.draft = true
	}
	if v := fm["last_modified_at"]; v != nil {
		var err error
		if jp.lastmod, err = parseDate(v, loc); err != nil {
			probs = append(probs, Problem{Path: p, Line: 1, Msg: "last_modified_at: " + err.Error() + "; the post was imported without it"})
		}
	}
	// Chirpy: images named relative to media_subpath (img_path before 7.0).
	jp.mediaBase = stringOf(firstOf(fm, "media_subpath", "img_path"))
	if jp.mediaBase != "" && jp.cover != "" && isRelativeRef(jp.cover) {
		jp.cover = path.Join(jp.mediaBase, jp.cover)
	}
	slug := stringOf(fm["slug"])
	if slug == "" {
		slug = titlePart
	}
	jp.name = slug
	if perm := stringOf(fm["permalink"]); perm != "" {
		pattern = perm
	}
	if !draft {
		jp.oldURL = jekyllURL(pattern, jp, slug)
	}
	jp.oldAliases = append(jp.oldAliases, listOf(fm["redirect_from"], false)...)
	jp.refs = []string{name, p, strings.TrimPrefix(p, "_posts/")}
	if dir, _, ok := strings.Cut(p, "/_posts/"); ok && dir != "" {
		jp.refs = append(jp.refs, dir+"/"+name)
	}
	spare := spareKeys(fm, []string{"description", "excerpt", "summary"}, []string{"image", "thumbnail", "header"})
	for k, v := range fm {
		if spare[k] {
			jp.params[k] = v
			continue
		}
		switch k {
		case "title", "date", "categories", "category", "tags", "tag", "description", "excerpt", "summary",
			"image", "cover", "thumbnail", "published", "slug", "permalink", "redirect_from", "last_modified_at", "layout",
			"media_subpath", "img_path", "header":
		default:
			jp.params[k] = v
		}
	}
	jp.body = body
	jp.bodyLine = line
	return jp, probs
}

// readJekyllPage reads a page: a Markdown file with front matter outside
// the _folders. Its old address is its permalink, or its path with .html.
func readJekyllPage(fsys fs.FS, file, style, collPerm string) (*post, []Problem) {
	p := norm.NFC.String(file)
	switch strings.ToLower(path.Base(p)) {
	case "readme.md", "changelog.md", "license.md", "contributing.md", "code_of_conduct.md":
		return nil, nil
	}
	fm, body, line, probs := readFrontMatter(fsys, file, p, "page", false)
	if probs != nil {
		return nil, probs
	}
	if fm == nil {
		return nil, nil // Jekyll copies a file without front matter as it is; so it is not a page
	}
	stem := strings.TrimSuffix(p, path.Ext(p))
	if path.Base(stem) == "index" {
		stem = path.Dir(stem)
		if stem == "." {
			return nil, []Problem{{Path: p, Msg: "the home page was not imported: geul's theme makes the home page; move its text to a page of its own if you need it"}}
		}
	}
	name := stem
	if first, rest, ok := strings.Cut(stem, "/"); ok && strings.HasPrefix(first, "_") {
		name = rest // _pages/about.md, included by _config.yml, is the page about
	}
	if listing.MatchString(body) {
		return nil, []Problem{{Path: p, Msg: "a page that lists posts with Liquid ({% for … in site.posts %}); not imported: geul's theme makes the lists (/posts/, /categories/, /tags/, /archive/)"}}
	}
	if strings.TrimSpace(body) == "" {
		return nil, []Problem{{Path: p, Msg: fmt.Sprintf("an empty page (its layout %q made it); not imported: geul's theme makes the lists (/posts/, /categories/, /tags/, /archive/)", stringOf(fm["layout"]))}}
	}
	jp := &post{key: p, source: p, page: true, name: strings.ReplaceAll(name, "/", "-"), params: map[string]any{}}
	jp.title = stringOf(fm["title"])
	if jp.title == "" {
		jp.title = path.Base(stem)
	}
	jp.description = stringOf(fm["description"])
	if perm := stringOf(fm["permalink"]); perm != "" {
		jp.oldURL = perm
	} else if collPerm != "" {
		coll, rest, _ := strings.Cut(stem, "/")
		jp.oldURL = strings.NewReplacer(":collection", strings.TrimPrefix(coll, "_"), ":path", rest, ":title", path.Base(rest),
			":name", path.Base(rest), ":output_ext", ".html").Replace(collPerm)
	} else if strings.HasSuffix(jekyllStyles[style]+style, "/") {
		jp.oldURL = "/" + stem + "/"
	} else {
		jp.oldURL = "/" + stem + ".html"
	}
	for k, v := range fm {
		switch k {
		case "title", "description", "permalink", "layout":
		default:
			jp.params[k] = v
		}
	}
	jp.refs = []string{p}
	jp.body = body
	jp.bodyLine = line
	return jp, nil
}

// spareKeys lists the keys that firstOf passes over: in each group of
// keys that name one thing, those set after the one read. They are kept
// as params, not lost. (A group leaves out the keys geul reads itself,
// such as cover, so that a kept one is not read a second time.)
func spareKeys(m map[string]any, groups ...[]string) map[string]bool {
	spare := map[string]bool{}
	for _, g := range groups {
		read := false
		for _, k := range g {
			if v, ok := m[k]; ok && v != nil {
				spare[k] = read
				read = true
			}
		}
	}
	return spare
}

// coverOf reads a cover: a path, or a map with the path under path, src,
// url or image and the alt text under alt.
func coverOf(v any) (src, alt string) {
	if m, ok := v.(map[string]any); ok {
		return stringOf(firstOf(m, "path", "src", "url", "image")), stringOf(m["alt"])
	}
	return stringOf(v), ""
}

func firstOf(m map[string]any, keys ...string) any {
	for _, k := range keys {
		if v, ok := m[k]; ok && v != nil {
			return v
		}
	}
	return nil
}

// jekyllURL is the address Jekyll gave a post under pattern.
func jekyllURL(pattern string, p *post, title string) string {
	d := p.date
	var cats []string
	for _, c := range p.categories {
		cats = append(cats, strings.ToLower(c))
	}
	r := strings.NewReplacer(
		":categories", strings.Join(cats, "/"),
		":year", fmt.Sprintf("%04d", d.Year()),
		":short_year", fmt.Sprintf("%02d", d.Year()%100),
		":i_month", fmt.Sprint(int(d.Month())),
		":month", fmt.Sprintf("%02d", int(d.Month())),
		":i_day", fmt.Sprint(d.Day()),
		":day", fmt.Sprintf("%02d", d.Day()),
		":y_day", fmt.Sprintf("%03d", d.YearDay()),
		":hour", fmt.Sprintf("%02d", d.Hour()),
		":minute", fmt.Sprintf("%02d", d.Minute()),
		":second", fmt.Sprintf("%02d", d.Second()),
		":title", jekyllSlugify(title),
		":slug", strings.ToLower(jekyllSlugify(title)),
		":output_ext", ".html",
	)
	u := r.Replace(pattern)
	for strings.Contains(u, "//") {
		u = strings.ReplaceAll(u, "//", "/")
	}
	if !strings.HasPrefix(u, "/") {
		u = "/" + u
	}
	return u
}

// jekyllUnsafe is what Jekyll's "pretty" slugify mode replaces with "-".
var jekyllUnsafe = regexp.MustCompile(`[^\p{M}\p{L}\p{Nd}._~!$&'()+,;=@]+`)

// jekyllSlugify is Jekyll's Utils.slugify in "pretty" mode, cased, which
// makes :title from a post's file name: "fast campus" → "fast-campus".
func jekyllSlugify(s string) string {
	return strings.Trim(jekyllUnsafe.ReplaceAllString(s, "-"), "-")
}

// geulMakes are the templates of a Jekyll site geul makes itself.
var geulMakes = map[string]bool{
	"index.html": true, "404.html": true, "404.md": true, "feed.xml": true, "atom.xml": true, "rss.xml": true,
	"sitemap.xml": true, "robots.txt": true, "search.json": true, "tags.html": true, "categories.html": true,
	"archive.html": true, "archives.html": true, "blog/index.html": true, "redirects.json": true,
}

// jekyllNotStatic are the files of a Jekyll site that are not part of the
// published site: the build's own, and the theme's styles.
func jekyllNotStatic(p string) bool {
	base := strings.ToLower(path.Base(p))
	switch {
	case !strings.Contains(p, "/") && (strings.HasPrefix(base, "gemfile") || base == "rakefile" || strings.HasSuffix(base, ".gemspec") ||
		strings.HasPrefix(base, "package") && strings.HasSuffix(base, ".json") || strings.HasPrefix(base, "license") ||
		strings.HasPrefix(base, "readme") || strings.HasPrefix(base, "changelog") || strings.HasPrefix(base, "_config") ||
		base == "docker-compose.yml" || base == "dockerfile" || base == "netlify.toml" || base == "yarn.lock" ||
		base == "gulpfile.js" || base == "webpack.config.js" || base == "tsconfig.json" || base == "makefile"):
		return true
	case strings.HasSuffix(base, ".scss") || strings.HasSuffix(base, ".sass"):
		return true // the old theme's styles: geul's theme has its own
	}
	return false
}

// listing matches a Liquid loop over the site's posts: the page is a list
// the old theme made, which geul's theme makes itself.
var listing = regexp.MustCompile(`\{%-?\s*for\s+\w+\s+in\s+(site\.(posts|categories|tags|pages)|paginator\.posts|posts)\b`)

// imageRef matches the source of a Markdown image and of a figure shortcode.
var imageRef = regexp.MustCompile(`(!\[[^\]]*\]\(<?|\{\{< figure src=")([^)\s>"]+)`)

func isRelativeRef(s string) bool {
	return s != "" && !strings.HasPrefix(s, "/") && !strings.HasPrefix(s, "#") && !strings.Contains(s, "://") && !strings.HasPrefix(s, "data:")
}

// prefixImages puts base before every relative image source of body.
func prefixImages(body, base string) string {
	return imageRef.ReplaceAllStringFunc(body, func(m string) string {
		sub := imageRef.FindStringSubmatch(m)
		if !isRelativeRef(sub[2]) {
			return m
		}
		return sub[1] + markdownURL(path.Join(base, sub[2]))
	})
}

// readHead reads the first n bytes of a file (fewer when it is shorter).
func readHead(fsys fs.FS, name string, n int) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	buf := make([]byte, n)
	m, err := io.ReadFull(f, buf)
	if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
		return nil, err
	}
	return buf[:m], nil
}
