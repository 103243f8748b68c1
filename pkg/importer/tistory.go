package importer

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/text/unicode/norm"
)

// kst is Korea Standard Time. Tistory's backup writes dates without a
// zone; Tistory is a Korean service and shows Korea time.
var kst = time.FixedZone("KST", 9*60*60)

// readTistory reads a Tistory "블로그 백업": one folder per post, named by
// the post's number, holding N-제목.html and img/ (see the format notes in
// README, "Moving to geul"). The folders may sit at the top of the zip or
// one folder down.
func readTistory(ctx context.Context, o Options, fsys fs.FS) (*blog, error) {
	s := &blog{
		config: siteConfig{language: "ko", timeZone: "Asia/Seoul", permalink: "/entry/:slug/"},
		base:   "/",
	}
	dirs, err := tistoryPostDirs(fsys)
	if err != nil {
		return nil, err
	}
	if len(dirs) == 0 {
		return nil, fmt.Errorf("%s: no post folders (folders named by a post number, such as 123/, holding 123-제목.html); is this a Tistory backup?", o.From)
	}
	hostCount := map[string]int{}
	var unknown []unknownLink
	numbers := map[string]bool{}
	for _, d := range dirs {
		numbers[path.Base(d)] = true
	}
	for i, d := range dirs {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		p, probs := readTistoryPost(fsys, d, hostCount, numbers, &unknown)
		s.problems = append(s.problems, probs...)
		if p != nil {
			s.posts = append(s.posts, p)
		}
		if o.Progress != nil {
			o.Progress("reading", i+1, len(dirs))
		}
	}
	// The blog's own host is the Tistory host its posts link to most with
	// a number the backup has; links to other Tistory blogs stay as they are.
	best, bestN := "", 0
	for h, n := range hostCount {
		if n > bestN || (n == bestN && h < best) {
			best, bestN = h, n
		}
	}
	if best != "" && o.OldURL == "" {
		s.hosts = append(s.hosts, best)
	}
	if o.OldURL != "" {
		best = strings.ToLower(hostOf(o.OldURL))
	}
	// A numbered link to the blog (or, when its host is not known, to any
	// Tistory blog) that the backup has no post for: private, protected
	// or deleted. It stays a link to Tistory, which may close.
	for _, l := range unknown {
		if best == "" || l.host == best {
			s.problems = append(s.problems, Problem{Path: l.source, Msg: fmt.Sprintf("link to %s: the backup has no post %s (private, protected or deleted?); kept as a link to Tistory", l.href, l.number)})
		}
	}
	return s, nil
}

// tistoryPostDirs finds the post folders: all-digit names at depth 1 or
// 2, sorted by number.
func tistoryPostDirs(fsys fs.FS) ([]string, error) {
	var dirs []string
	top, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, err
	}
	for _, e := range top {
		if !e.IsDir() {
			continue
		}
		if isNumber(e.Name()) {
			dirs = append(dirs, e.Name())
			continue
		}
		sub, err := fs.ReadDir(fsys, e.Name())
		if err != nil {
			continue
		}
		for _, f := range sub {
			if f.IsDir() && isNumber(f.Name()) {
				dirs = append(dirs, e.Name()+"/"+f.Name())
			}
		}
	}
	sort.Slice(dirs, func(i, j int) bool {
		a, _ := strconv.Atoi(path.Base(dirs[i]))
		b, _ := strconv.Atoi(path.Base(dirs[j]))
		if a != b {
			return a < b
		}
		return dirs[i] < dirs[j]
	})
	return dirs, nil
}

func isNumber(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// readTistoryPost reads one post folder. It returns nil and the reason
// when the post cannot be imported.
func readTistoryPost(fsys fs.FS, dir string, hostCount map[string]int, numbers map[string]bool, unknown *[]unknownLink) (*post, []Problem) {
	num := path.Base(dir)
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, []Problem{{Path: dir, Msg: err.Error() + "; the post was skipped"}}
	}
	var htmls []string
	for _, e := range entries {
		if !e.IsDir() && strings.EqualFold(path.Ext(e.Name()), ".html") {
			htmls = append(htmls, dir+"/"+e.Name())
		}
	}
	if len(htmls) == 0 {
		return nil, []Problem{{Path: dir, Msg: "no .html file in the post folder; the post was skipped"}}
	}
	src := norm.NFC.String(htmls[0])
	var probs []Problem
	bad := func(format string, args ...any) {
		probs = append(probs, Problem{Path: src, Msg: fmt.Sprintf(format, args...)})
	}
	if len(htmls) > 1 {
		bad("%d .html files in the post folder; imported this one, the others were left out", len(htmls))
	}
	data, err := fs.ReadFile(fsys, htmls[0])
	if err != nil {
		bad("%v; the post was skipped", err)
		return nil, probs
	}
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		bad("not HTML (%v); the post was skipped", err)
		return nil, probs
	}
	p := &post{key: num, source: src}
	if n := find(doc, byClass("title-article")); n != nil {
		p.title = textOf(n)
	} else if n := find(doc, byTag("title")); n != nil {
		p.title = textOf(n)
		bad("no h2.title-article; took the title from <title>")
	}
	body := find(doc, byClass("contents_style"))
	if body == nil {
		if av := find(doc, byClass("article-view")); av != nil {
			for _, t := range findAll(av, byClass("tags")) {
				remove(t)
			}
			body = av
			bad("no div.contents_style; took the body from div.article-view")
		}
	}
	if p.title == "" || body == nil {
		bad("not a Tistory post: no title (h2.title-article) or no body (div.contents_style); the post was skipped")
		return nil, probs
	}
	dateNode := find(doc, byClass("date"))
	if dateNode == nil {
		bad("no date (p.date); the post was skipped")
		return nil, probs
	}
	p.date, err = parseTistoryDate(textOf(dateNode))
	if err != nil {
		bad("date %q: %v; the post was skipped", textOf(dateNode), err)
		return nil, probs
	}
	if n := find(doc, byClass("category")); n != nil {
		if c := textOf(n); c != "" && c != "분류없음" {
			p.categories = []string{tistoryCategory(c)}
		}
	}
	if n := find(doc, byClass("tags")); n != nil {
		p.tags = tistoryTags(textOf(n))
	}
	entry := tistoryEntrySlug(p.title)
	p.name = p.title
	// The 문자 주소 is the post's own address when geul's /entry/:slug/
	// does not give it (a capital letter, punctuation): then `url` keeps it.
	p.oldAliases = []string{"/" + num, "/m/" + num}
	if entry != "" {
		p.oldURL = "/entry/" + entry + "/"
		p.oldAliases = append(p.oldAliases, "/m/entry/"+entry)
	}

	// Links to the blog's own posts: count hosts for readTistory.
	for _, a := range findAll(body, byTag("a")) {
		if u, err := url.Parse(attr(a, "href")); err == nil && strings.HasSuffix(strings.ToLower(u.Host), ".tistory.com") {
			seg := strings.Trim(strings.TrimPrefix(u.Path, "/m"), "/")
			if numbers[seg] {
				hostCount[strings.ToLower(u.Host)]++
			} else if isNumber(seg) {
				*unknown = append(*unknown, unknownLink{src, strings.ToLower(u.Host), attr(a, "href"), seg})
			}
		}
	}
	conv := &tistoryConverter{fsys: fsys, dir: dir, post: p, problem: bad}
	p.body, err = conv.convert(body)
	if err != nil {
		bad("%v; the post was skipped", err)
		return nil, probs
	}
	return p, probs
}

// parseTistoryDate reads p.date: "2024-10-19 16:42:07", or the same
// without seconds or time, in Korea time.
func parseTistoryDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{"2006-01-02 15:04:05", "2006-01-02 15:04", "2006-01-02", "2006.01.02 15:04", "2006. 1. 2. 15:04"} {
		if t, err := time.ParseInLocation(layout, s, kst); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("not a date geul knows (want 2006-01-02 15:04:05)")
}

// tistoryCategory keeps the category's path, "부모/자식", tidied.
func tistoryCategory(c string) string {
	parts := strings.Split(c, "/")
	out := parts[:0]
	for _, s := range parts {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return strings.Join(out, "/")
}

// tistoryTags splits "#등산 #북한산 #주말 나들이" on "#": Tistory's tags may
// hold spaces, so only "#" separates them.
func tistoryTags(s string) []string {
	var tags []string
	seen := map[string]bool{}
	for _, t := range strings.Split(s, "#") {
		t = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(t), ","))
		if t != "" && !seen[t] {
			seen[t] = true
			tags = append(tags, t)
		}
	}
	return tags
}

var dashes = regexp.MustCompile(`-{2,}`)

// tistoryEntrySlug guesses the 문자 주소 Tistory gave a title, /entry/<this>:
// the backup does not keep it. Tistory puts "-" for spaces and drops the
// characters a URL path cannot hold as they are; this follows that rule
// as far as it is known, so the alias is a best guess.
func tistoryEntrySlug(title string) string {
	var b strings.Builder
	for _, r := range norm.NFC.String(title) {
		switch {
		case unicode.IsSpace(r):
			b.WriteByte('-')
		case strings.ContainsRune(`?#%/\"'<>[]{}|^`+"`", r):
		case unicode.IsControl(r):
		default:
			b.WriteRune(r)
		}
	}
	return strings.Trim(dashes.ReplaceAllString(b.String(), "-"), "-")
}

// unknownLink is a link to a numbered Tistory post the backup lacks.
type unknownLink struct {
	source, host, href, number string
}
