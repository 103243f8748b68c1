package importer

import (
	"context"
	"crypto/sha1"
	"encoding/hex"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/unicode/norm"
)

// readHexo reads a Hexo site: _config.yml, source/_posts/ with their
// asset folders, source/_drafts/, pages under source/, and every other
// file of source/ for static/.
func readHexo(ctx context.Context, o Options, fsys fs.FS) (*blog, error) {
	b := &blog{base: "/", loose: map[string]string{}, looseUsed: map[string]bool{}}
	cfgData, err := fs.ReadFile(fsys, "_config.yml")
	if err != nil {
		return nil, fmt.Errorf("%s: no _config.yml; is this a Hexo site?", o.From)
	}
	var cfg struct {
		Title           string `yaml:"title"`
		Subtitle        string `yaml:"subtitle"`
		Description     string `yaml:"description"`
		Author          string `yaml:"author"`
		Language        any    `yaml:"language"`
		Timezone        string `yaml:"timezone"`
		URL             string `yaml:"url"`
		Root            string `yaml:"root"`
		Permalink       string `yaml:"permalink"`
		PerPage         *int   `yaml:"per_page"`
		SourceDir       string `yaml:"source_dir"`
		DefaultCategory string `yaml:"default_category"`
		NewPostName     string `yaml:"new_post_name"`
	}
	b.problems = append(b.problems, decodeConfig(cfgData, &cfg)...)
	loc, probs := configZone(cfg.Timezone)
	b.problems = append(b.problems, probs...)
	if cfg.Permalink == "" {
		cfg.Permalink = ":year/:month/:day/:title/"
	}
	if cfg.SourceDir == "" {
		cfg.SourceDir = "source"
	}
	if cfg.DefaultCategory == "" {
		cfg.DefaultCategory = "uncategorized"
	}
	if cfg.Root != "" {
		b.base = "/" + strings.Trim(cfg.Root, "/") + "/"
		if b.base == "//" {
			b.base = "/"
		}
	}
	lang := ""
	switch l := cfg.Language.(type) {
	case string:
		lang = l
	case []any:
		if len(l) > 0 {
			lang = stringOf(l[0])
		}
	}
	desc := cfg.Description
	if desc == "" {
		desc = cfg.Subtitle
	}
	b.config = siteConfig{title: cfg.Title, description: desc, author: cfg.Author, timeZone: cfg.Timezone,
		language: languageOf(lang), permalink: geulPattern("/" + cfg.Permalink)}
	if cfg.PerPage != nil {
		b.config.paginate = *cfg.PerPage
	}
	if cfg.URL != "" {
		b.config.baseURL = strings.TrimSuffix(strings.TrimSuffix(cfg.URL, "/"), strings.TrimSuffix(b.base, "/")) + b.base
		b.hosts = append(b.hosts, hostOf(cfg.URL))
	}

	slugOf := hexoSlugger(cfg.NewPostName)
	src := path.Clean(cfg.SourceDir)
	b.staticRoot = src
	var files []string
	err = fs.WalkDir(fsys, src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if p != src && strings.HasPrefix(d.Name(), ".") {
				return fs.SkipDir
			}
			return nil
		}
		files = append(files, p)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("%s: %v; is this a Hexo site (with source/)?", o.From, err)
	}
	sort.Strings(files)
	postsDir, draftsDir := src+"/_posts/", src+"/_drafts/"
	// A post's asset folder has the post's name beside it.
	posts := map[string]bool{}
	for _, p := range files {
		if (strings.HasPrefix(p, postsDir) || strings.HasPrefix(p, draftsDir)) && isMarkdownName(p) {
			posts[norm.NFC.String(strings.TrimSuffix(p, path.Ext(p)))] = true
		}
	}
	assets := map[string][]file{}
	for i, p := range files {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if o.Progress != nil {
			o.Progress("reading", i+1, len(files))
		}
		inPosts := strings.HasPrefix(p, postsDir) || strings.HasPrefix(p, draftsDir)
		switch {
		case inPosts && isMarkdownName(p) && !assetOwned(norm.NFC.String(p), posts):
			hp, probs := readHexoPost(fsys, p, src, cfg.Permalink, cfg.DefaultCategory, slugOf, loc)
			b.problems = append(b.problems, probs...)
			if hp != nil {
				b.posts = append(b.posts, hp)
			}
		case inPosts:
			owner := assetOwner(norm.NFC.String(p), posts)
			if owner == "" {
				// Not in a post's folder: a post linking it by a relative
				// path gets a copy (resolveRelative).
				b.loose[norm.NFC.String(p)] = p
				continue
			}
			assets[owner] = append(assets[owner], file{name: strings.TrimPrefix(norm.NFC.String(p), owner+"/"), from: p})
		case hasUnderscoreDir(strings.TrimPrefix(p, src+"/")):
			// Hexo skips files and folders whose name starts with "_".
		case isMarkdownName(p):
			hp, probs := readHexoPage(fsys, p, src)
			b.problems = append(b.problems, probs...)
			if hp != nil {
				b.posts = append(b.posts, hp)
			}
		default:
			b.static = append(b.static, file{name: norm.NFC.String(strings.TrimPrefix(p, src+"/")), from: p})
		}
	}
	for _, p := range b.posts {
		p.files = append(p.files, assets[strings.TrimSuffix(p.source, path.Ext(p.source))]...)
	}
	for _, p := range b.posts {
		p.body = embedsToShortcodes(hexoTags(b, p))
	}
	return b, nil
}

func hasUnderscoreDir(rel string) bool {
	for _, s := range strings.Split(rel, "/") {
		if strings.HasPrefix(s, "_") {
			return true
		}
	}
	return false
}

// assetOwner is the post whose asset folder holds p, "" for none.
func assetOwner(p string, posts map[string]bool) string {
	for dir := path.Dir(p); dir != "." && dir != "/"; dir = path.Dir(dir) {
		if posts[dir] {
			return dir
		}
	}
	return ""
}

// assetOwned reports whether a Markdown file sits in another post's asset folder.
func assetOwned(p string, posts map[string]bool) bool {
	return assetOwner(p, posts) != ""
}

// hexoCategories reads Hexo's categories: a list is one path, parent
// first (categories: [A, B] is A/B); a list of lists is several paths.
func hexoCategories(v any) []string {
	switch v := v.(type) {
	case nil:
		return nil
	case string:
		return []string{strings.TrimSpace(v)}
	case []any:
		var flat []string
		var paths []string
		for _, x := range v {
			if l, ok := x.([]any); ok {
				var parts []string
				for _, y := range l {
					parts = append(parts, strings.TrimSpace(stringOf(y)))
				}
				paths = append(paths, strings.Join(parts, "/"))
			} else {
				flat = append(flat, strings.TrimSpace(stringOf(x)))
			}
		}
		if len(flat) > 0 {
			paths = append(paths, strings.Join(flat, "/"))
		}
		return dedupe(paths)
	}
	return []string{stringOf(v)}
}

func readHexoPost(fsys fs.FS, file, src, pattern, defaultCategory string, slugOf func(string) (string, string), loc *time.Location) (*post, []Problem) {
	p := norm.NFC.String(file) // names from macOS may be NFD; addresses and slugs are NFC
	fm, body, line, probs := readFrontMatter(fsys, file, p, "post", true)
	if probs != nil {
		return nil, probs
	}
	if fm == nil {
		fm = map[string]any{}
	}
	draft := strings.HasPrefix(p, src+"/_drafts/")
	rel := strings.TrimSuffix(strings.TrimPrefix(strings.TrimPrefix(p, src+"/_posts/"), src+"/_drafts/"), path.Ext(p))
	slug, fileDate := slugOf(rel)
	if v := stringOf(fm["slug"]); v != "" {
		slug = v
	}
	name := path.Base(slug)
	hp := &post{key: p, source: p, draft: draft, params: map[string]any{}, name: name, body: body, bodyLine: line}
	hp.title = stringOf(fm["title"])
	if hp.title == "" {
		hp.title = name
	}
	dateVal := fm["date"]
	if dateVal == nil && fileDate != "" {
		dateVal = fileDate
	}
	if v := dateVal; v != nil {
		var err error
		if hp.date, err = parseDate(v, loc); err != nil {
			return nil, []Problem{{Path: p, Line: 2, Msg: err.Error() + "; the post was skipped"}}
		}
	} else if !draft {
		return nil, []Problem{{Path: p, Line: 1, Msg: "no date in the front matter (Hexo took the file's time, which a copy does not keep); add date: 2006-01-02 15:04:05 and import again"}}
	}
	if v := fm["updated"]; v != nil {
		var err error
		if hp.lastmod, err = parseDate(v, loc); err != nil {
			probs = append(probs, Problem{Path: p, Line: 1, Msg: "updated: " + err.Error() + "; the post was imported without it"})
		}
	}
	hp.categories = hexoCategories(firstOf(fm, "categories", "category"))
	hp.tags = listOf(firstOf(fm, "tags", "tag"), false)
	hp.description = stringOf(firstOf(fm, "description", "excerpt", "summary"))
	hp.cover, hp.coverAlt = coverOf(firstOf(fm, "cover", "thumbnail", "banner", "image"))
	if v, ok := fm["published"].(bool); ok && !v {
		hp.draft = true
	}
	if perm := stringOf(fm["permalink"]); perm != "" {
		hp.oldURL = "/" + strings.TrimPrefix(perm, "/")
	} else if !draft {
		hp.oldURL = hexoURL(pattern, hp, slug, name, defaultCategory, fm)
	}
	hp.refs = dedupe([]string{slug, rel, name})
	spare := spareKeys(fm, []string{"description", "excerpt", "summary"}, []string{"cover", "thumbnail", "banner", "image"})
	for k, v := range fm {
		if spare[k] {
			hp.params[k] = v
			continue
		}
		switch k {
		case "title", "date", "updated", "categories", "category", "tags", "tag", "description", "excerpt", "summary",
			"cover", "thumbnail", "banner", "image", "published", "permalink", "layout", "slug":
		default:
			hp.params[k] = v
		}
	}
	return hp, probs
}

func readHexoPage(fsys fs.FS, file, src string) (*post, []Problem) {
	p := norm.NFC.String(file)
	fm, body, line, probs := readFrontMatter(fsys, file, p, "page", true)
	if probs != nil {
		return nil, probs
	}
	if fm == nil {
		fm = map[string]any{}
	}
	rel := strings.TrimSuffix(strings.TrimPrefix(p, src+"/"), path.Ext(p))
	stem := rel
	if path.Base(stem) == "index" {
		stem = path.Dir(stem)
		if stem == "." {
			return nil, []Problem{{Path: p, Msg: "the home page was not imported: geul's theme makes the home page"}}
		}
	}
	hp := &post{key: p, source: p, page: true, name: strings.ReplaceAll(stem, "/", "-"), params: map[string]any{}, body: body, bodyLine: line}
	hp.title = stringOf(fm["title"])
	if hp.title == "" {
		hp.title = path.Base(stem)
	}
	hp.description = stringOf(fm["description"])
	if perm := stringOf(fm["permalink"]); perm != "" {
		hp.oldURL = "/" + strings.TrimPrefix(perm, "/")
	} else if path.Base(rel) == "index" {
		hp.oldURL = "/" + stem + "/"
	} else {
		hp.oldURL = "/" + rel + ".html"
	}
	if stringOf(fm["layout"]) == "false" || fm["layout"] == false {
		hp.params["layout"] = false
	}
	for k, v := range fm {
		switch k {
		case "title", "description", "permalink", "layout", "date", "updated", "comments":
		default:
			hp.params[k] = v
		}
	}
	hp.refs = []string{rel}
	return hp, nil
}

// hexoURL is the address Hexo gave a post under its permalink setting.
func hexoURL(pattern string, p *post, rel, name, defaultCategory string, fm map[string]any) string {
	d := p.date
	cat := defaultCategory
	if len(p.categories) > 0 {
		cat = p.categories[0]
	}
	// Hexo's :hash: SHA-1 of the slug and the date's Unix seconds, its
	// first 12 hex digits.
	hash := sha1.Sum([]byte(rel + strconv.FormatInt(d.Unix(), 10)))
	r := strings.NewReplacer(
		":hash", hex.EncodeToString(hash[:])[:12],
		":year", fmt.Sprintf("%04d", d.Year()),
		":i_month", strconv.Itoa(int(d.Month())),
		":month", fmt.Sprintf("%02d", int(d.Month())),
		":i_day", strconv.Itoa(d.Day()),
		":day", fmt.Sprintf("%02d", d.Day()),
		":hour", fmt.Sprintf("%02d", d.Hour()),
		":minute", fmt.Sprintf("%02d", d.Minute()),
		":second", fmt.Sprintf("%02d", d.Second()),
		":post_title", strings.ReplaceAll(p.title, " ", "-"),
		":title", rel,
		":name", name,
		":category", cat,
	)
	u := "/" + strings.TrimPrefix(r.Replace(pattern), "/")
	// A plugin's token (hexo-abbrlink's :abbrlink) is a front matter key.
	u = hexoToken.ReplaceAllStringFunc(u, func(t string) string {
		if v := stringOf(fm[t[1:]]); v != "" {
			return v
		}
		return t
	})
	for strings.Contains(u, "//") {
		u = strings.ReplaceAll(u, "//", "/")
	}
	return u
}

// hexoTags rewrites Hexo's tag plugins in a post.
func hexoTags(b *blog, p *post) string {
	warn := func(line int, format string, args ...any) {
		b.problems = append(b.problems, Problem{Path: p.source, Line: line, Msg: fmt.Sprintf(format, args...)})
	}
	hasAsset := func(name string) bool {
		for _, f := range p.files {
			if f.name == norm.NFC.String(name) {
				return true
			}
		}
		return false
	}
	l := &liquid{
		tag: func(name, args string, line int) (string, bool) {
			a := tagArgs(args)
			switch name {
			case "asset_img", "asset_image":
				var file, title string
				var width []string
				for i, x := range a {
					if file == "" && (hasAsset(x) || strings.Contains(x, ".")) {
						file = x
						rest := a[i+1:]
						for len(rest) > 0 && isNumber(strings.TrimSuffix(rest[0], "px")) {
							width = append(width, rest[0])
							rest = rest[1:]
						}
						title = strings.Join(rest, " ")
						break
					}
				}
				if file == "" {
					return "", false
				}
				alt, ttl := title, ""
				if t, al, ok := strings.Cut(title, "'"); ok { // Hexo's "title'alt"
					alt, ttl = al, t
				}
				if !hasAsset(file) {
					// geul fails a build on a missing image: its text stays.
					warn(line, "image %s missing from the post's asset folder; left out", file)
					return alt, true
				}
				if len(width) > 0 {
					extra := [][2]string{{"width", width[0]}}
					if len(width) > 1 {
						extra = append(extra, [2]string{"height", width[1]})
					}
					if ttl != "" {
						extra = append(extra, [2]string{"title", ttl})
					}
					return figureShortcode(file, alt, "", extra), true
				}
				if ttl != "" {
					return "![" + escapeLinkText(alt) + "](" + markdownURL(file) + ` "` + strings.ReplaceAll(ttl, `"`, `\"`) + `")`, true
				}
				return "![" + escapeLinkText(alt) + "](" + markdownURL(file) + ")", true
			case "asset_link":
				if len(a) == 0 {
					return "", false
				}
				text := a[0]
				if len(a) > 1 {
					text = strings.Join(a[1:], " ")
				}
				return "[" + escapeLinkText(text) + "](" + markdownURL(a[0]) + ")", true
			case "asset_path":
				if len(a) == 0 {
					return "", false
				}
				return markdownURL(a[0]), true
			case "post_link":
				if len(a) == 0 {
					return "", false
				}
				text := strings.Join(a[1:], " ")
				if text == "" || text == "true" || text == "false" {
					text = ""
					if t := findRef(b, a[0]); t != nil {
						text = t.title
					} else {
						text = a[0]
					}
				}
				return "[" + escapeLinkText(text) + "](" + refScheme + a[0] + ")", true
			case "post_path":
				if len(a) == 0 {
					return "", false
				}
				return refScheme + a[0], true
			case "youtube":
				if len(a) == 0 {
					return "", false
				}
				return "{{< youtube " + a[0] + " >}}", true
			case "vimeo":
				if len(a) == 0 {
					return "", false
				}
				return "{{< vimeo " + a[0] + " >}}", true
			case "gist", "jsfiddle", "iframe":
				// geul has no embed for these: a link keeps what they pointed at.
				if len(a) == 0 {
					return "", false
				}
				u := map[string]string{"gist": "https://gist.github.com/", "jsfiddle": "https://jsfiddle.net/", "iframe": ""}[name] + a[0]
				warn(line, "{%% %s %s %%} became a link to %s: geul does not embed it", name, a[0], u)
				return "<" + u + ">", true
			case "img", "image":
				var src string
				var rest []string
				for i, x := range a {
					if strings.HasPrefix(x, "/") || strings.HasPrefix(x, "http") || strings.Contains(x, ".") {
						src, rest = x, a[i+1:]
						break
					}
				}
				if src == "" {
					return "", false
				}
				var extra [][2]string
				for len(rest) > 0 && isNumber(rest[0]) {
					k := "width"
					if len(extra) == 1 {
						k = "height"
					}
					extra = append(extra, [2]string{k, rest[0]})
					rest = rest[1:]
				}
				return figureShortcode(src, strings.Join(rest, " "), "", extra), true
			case "link":
				if len(a) < 2 {
					return "", false
				}
				return "[" + escapeLinkText(a[0]) + "](" + a[1] + ")", true
			}
			return "", false
		},
		blocks: map[string]func(args, inner string, line int) string{
			"codeblock": func(args, inner string, line int) string {
				lang := ""
				for _, x := range tagArgs(args) {
					if v, ok := strings.CutPrefix(x, "lang:"); ok {
						lang = v
					}
				}
				return fence(lang, inner)
			},
			"code": func(args, inner string, line int) string {
				lang := ""
				for _, x := range tagArgs(args) {
					if v, ok := strings.CutPrefix(x, "lang:"); ok {
						lang = v
					}
				}
				return fence(lang, inner)
			},
			"blockquote": func(args, inner string, line int) string {
				var q strings.Builder
				for _, ln := range strings.Split(strings.TrimSpace(inner), "\n") {
					q.WriteString(strings.TrimRight("> "+ln, " ") + "\n")
				}
				// {% blockquote [author[, source]] [link] [source_link_title] %}
				if f := tagArgs(args); len(f) > 0 {
					who, link, title := f, "", ""
					for i, x := range f {
						if strings.HasPrefix(x, "http://") || strings.HasPrefix(x, "https://") {
							who, link, title = f[:i], x, strings.Join(f[i+1:], " ")
							break
						}
					}
					credit := strings.Join(who, " ")
					switch {
					case link != "" && title != "":
						credit = strings.TrimSpace(credit + ", [" + escapeLinkText(title) + "](" + link + ")")
						credit = strings.TrimPrefix(credit, ", ")
					case link != "" && credit != "":
						credit = "[" + escapeLinkText(credit) + "](" + link + ")"
					case link != "":
						credit = "<" + link + ">"
					}
					q.WriteString(">\n> — " + credit + "\n")
				}
				return strings.TrimSuffix(q.String(), "\n")
			},
			// {% note [class] [title] %} of the NexT theme and hexo.io.
			"note": func(args, inner string, line int) string {
				a := tagArgs(args)
				title := ""
				if len(a) > 1 {
					title = strings.Join(a[1:], " ")
				} else if len(a) == 1 && !isNoteClass(a[0]) {
					title = a[0]
				}
				var q strings.Builder
				if title != "" {
					q.WriteString("> **" + title + "**\n>\n")
				}
				for _, ln := range strings.Split(strings.Trim(inner, "\n"), "\n") {
					q.WriteString(strings.TrimRight("> "+ln, " ") + "\n")
				}
				return strings.TrimSuffix(q.String(), "\n")
			},
			"pullquote": func(args, inner string, line int) string {
				return "> " + strings.ReplaceAll(strings.Trim(inner, "\n"), "\n", "\n> ")
			},
		},
		expr: func(expr string, line int) string {
			warn(line, "{{ %s }} left out: geul does not run Nunjucks; write its value into the post", expr)
			return ""
		},
		unknown: func(text string, line int) {
			warn(line, "%s left out: geul has no tag like it; put what it made into the post by hand", oneLine(text))
		},
		skipCode: true,
	}
	return l.run(p.body, p.bodyLine)
}

func findRef(b *blog, ref string) *post {
	for _, p := range b.posts {
		for _, r := range p.refs {
			if r == ref {
				return p
			}
		}
	}
	return nil
}

// hexoSlugger returns the function that finds a post's slug in its file
// name (relative to _posts, without the extension) as Hexo does, through
// new_post_name: with ":year-:month-:day-:title.md", the file
// 2019-10-14-hexo-4-released.md has the slug hexo-4-released, which is
// what :title in the permalink and post_link use.
//
// When the name holds :year, :month and :day, it also returns the date
// ("2019-10-14"), which Hexo takes for a post without one.
func hexoSlugger(newPostName string) func(string) (string, string) {
	pattern := strings.TrimSuffix(newPostName, path.Ext(newPostName))
	same := func(rel string) (string, string) { return rel, "" }
	if pattern == "" || !strings.Contains(pattern, ":title") {
		return same
	}
	var re strings.Builder
	re.WriteString("^")
	for rest := pattern; rest != ""; {
		i := strings.IndexByte(rest, ':')
		if i < 0 {
			re.WriteString(regexp.QuoteMeta(rest))
			break
		}
		re.WriteString(regexp.QuoteMeta(rest[:i]))
		rest = rest[i:]
		tok := ":"
		for j := 1; j < len(rest) && (rest[j] == '_' || rest[j] >= 'a' && rest[j] <= 'z'); j++ {
			tok = rest[:j+1]
		}
		switch tok {
		case ":year":
			re.WriteString(`(?P<year>\d{4})`)
		case ":month", ":i_month":
			re.WriteString(`(?P<month>\d{1,2})`)
		case ":day", ":i_day":
			re.WriteString(`(?P<day>\d{1,2})`)
		case ":hour", ":minute", ":second":
			re.WriteString(`\d{1,2}`)
		case ":title":
			re.WriteString(`(?P<title>.+)`)
		default:
			re.WriteString(`[^/]*?`)
		}
		rest = rest[len(tok):]
	}
	re.WriteString("$")
	rx, err := regexp.Compile(re.String())
	if err != nil {
		return same
	}
	return func(rel string) (string, string) {
		m := rx.FindStringSubmatch(rel)
		if m == nil {
			return rel, ""
		}
		date := ""
		if y, mo, d := rx.SubexpIndex("year"), rx.SubexpIndex("month"), rx.SubexpIndex("day"); y > 0 && mo > 0 && d > 0 {
			date = m[y] + "-" + m[mo] + "-" + m[d]
		}
		return m[rx.SubexpIndex("title")], date
	}
}

func isNoteClass(s string) bool {
	switch s {
	case "default", "primary", "success", "info", "warning", "warn", "danger", "tip", "flat", "modern", "simple", "disabled", "no-icon":
		return true
	}
	return false
}

var hexoToken = regexp.MustCompile(`:[a-z_]+`)
