// Package config reads a site's config.toml, or a Hugo site's
// configuration (hugo.toml|yaml|json, config.toml|yaml|json and
// config/_default/) when geul's own is absent.
//
// It knows the keys geul understands, their defaults, and how to say what is
// wrong with a bad file. It imports only pkg/diag and pkg/sitefs.
package config

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/geul-blog/geul/pkg/diag"
	"github.com/geul-blog/geul/pkg/sitefs"
)

// FileName is the name of the config file at a site's root.
const FileName = "config.toml"

// Config is a site's configuration with defaults filled in.
type Config struct {
	BaseURL       string                 `toml:"baseURL"`      // absolute URL the site is published at, ending in "/"
	Title         string                 `toml:"title"`        // the blog's name
	Description   string                 `toml:"description"`  // one line about the blog, for meta tags and feeds
	Author        string                 `toml:"author"`       // default author of every post
	Copyright     string                 `toml:"copyright"`    // footer line
	LanguageCode  string                 `toml:"languageCode"` // "ko", "en", "ko-KR", …
	TimeZone      string                 `toml:"timeZone"`     // IANA name for dates without a zone, e.g. "Asia/Seoul"
	Theme         string                 `toml:"theme"`        // folder under themes/; "default" if empty
	Paginate      int                    `toml:"paginate"`     // posts per list page
	SummaryLength int                    `toml:"summaryLength"`
	Permalinks    map[string]string      `toml:"permalinks"` // section → pattern such as "/:year/:month/:slug/"
	Unsafe        bool                   `toml:"unsafe"`     // keep raw HTML in Markdown
	FeedLimit     int                    `toml:"feedLimit"`  // entries per feed; 0 means all
	SlugStyle     string                 `toml:"slugStyle"`  // slugs of new posts: "hangul" (default), "romanized" or "date"
	Params        map[string]any         `toml:"params"`     // free-form values for templates
	Menus         map[string][]MenuEntry `toml:"menus"`
	HeadingIDs    string                 `toml:"headingIDs"` // "geul" (default) or "hugo": how heading anchors are made
	UglyURLs      bool                   `toml:"uglyURLs"`   // pages at /posts/a.html instead of /posts/a/
	Images        bool                   `toml:"images"`     // resize the photos posts show, strip their metadata (default true)
	Math          bool                   `toml:"math"`       // render $…$ and $$…$$ with KaTeX (default true)
	Diagrams      bool                   `toml:"diagrams"`   // render ```mermaid blocks with Mermaid (default true)
	Search        bool                   `toml:"search"`     // the search index, the /search/ page and the header's box (default true)
	Comments      Comments               `toml:"comments"`   // a comments block under each post; off by default
	Categories    []CategoryEntry        `toml:"categories"` // [[categories]]: the order, weight and description of categories

	// From a Hugo config only.
	FromHugo           bool              `toml:"-"` // the configuration was read from Hugo's files
	Taxonomies         map[string]string `toml:"-"` // Hugo's taxonomies: singular → plural ("series" → "series")
	HasCJKLanguage     bool              `toml:"-"` // accepted; geul always counts Hangul, Han and Kana words
	EnableEmoji        bool              `toml:"-"` // Hugo's :emoji: codes
	DisablePathToLower bool              `toml:"-"` // keep the case of URL paths, as Hugo does with this set
	Highlight          map[string]any    `toml:"-"` // markup.highlight, as written
	HighlightStyle     string            `toml:"-"` // markup.highlight.style: the chroma style of code blocks
	// DefaultLanguage is a multilingual Hugo site's defaultContentLanguage
	// ("ko"), the one language geul builds; "" for a site of one language.
	DefaultLanguage string `toml:"-"`
	// OtherLanguages are its other languages ("en"): their files
	// (index.en.md) are left out with a warning.
	OtherLanguages []string `toml:"-"`
	// LanguageContentDir is the default language's folder under content/
	// ("ko" for languages.ko.contentDir = "content/ko"), "" when the
	// languages share content/. Files outside it are other languages'.
	LanguageContentDir string `toml:"-"`
	// LanguageInSubdir is defaultContentLanguageInSubdir: pages are under
	// /<language>/ ("/ko/post/x/").
	LanguageInSubdir bool `toml:"-"`

	// Location is TimeZone loaded; never nil after Load.
	Location *time.Location `toml:"-"`
	// Warnings are problems that do not stop a build, such as unknown keys.
	Warnings []*diag.Error `toml:"-"`
}

// Comments configures the comments block the default theme shows under
// each post: giscus (GitHub Discussions) or utterances (GitHub issues),
// both free and served by their own hosts. Nothing is loaded from them
// until a reader scrolls to the block.
type Comments struct {
	Provider   string `toml:"provider"`   // "giscus" or "utterances"; "" turns comments off
	Repo       string `toml:"repo"`       // "owner/name" of the public GitHub repository
	RepoID     string `toml:"repoId"`     // giscus: the repository's id, from giscus.app
	Category   string `toml:"category"`   // giscus: the Discussions category
	CategoryID string `toml:"categoryId"` // giscus: its id, from giscus.app
	Mapping    string `toml:"mapping"`    // giscus: how a post finds its discussion ("pathname")
	IssueTerm  string `toml:"issueTerm"`  // utterances: how a post finds its issue ("pathname")
	Label      string `toml:"label"`      // utterances: the label of its issues
	Theme      string `toml:"theme"`      // the widget's theme ("preferred_color_scheme" for giscus, "preferred-color-scheme" for utterances)
}

// The values of HeadingIDs.
const (
	HeadingIDsGeul = "geul" // geul's slugs: punctuation runs become one "-"
	HeadingIDsHugo = "hugo" // Hugo's default (goldmark's "github" style), for migrated blogs
)

// CategoryEntry is one [[categories]] table: where a category goes in the
// tree templates get (lower weights first, then as listed; categories not
// listed come after, by name) and what its page says about it.
type CategoryEntry struct {
	Name        string `toml:"name"` // a category, or a path of them: "개발/Go"
	Weight      int    `toml:"weight"`
	Description string `toml:"description"`
}

// MenuEntry is one link of a named menu.
type MenuEntry struct {
	Name   string `toml:"name"`
	URL    string `toml:"url"`
	Weight int    `toml:"weight"`
}

// Defaults returns the configuration of a site with an empty config file.
func Defaults() *Config {
	return &Config{
		BaseURL:       "/",
		Title:         "My geul blog",
		LanguageCode:  "ko",
		TimeZone:      "UTC",
		Theme:         "default",
		Paginate:      10,
		SummaryLength: 150,
		FeedLimit:     20,
		Permalinks:    map[string]string{},
		Params:        map[string]any{},
		Menus:         map[string][]MenuEntry{},
		Images:        true,
		Math:          true,
		Diagrams:      true,
		Search:        true,
		Location:      time.UTC,
		HeadingIDs:    HeadingIDsGeul,
	}
}

// ImagesOn reports whether the photos posts show are processed (images).
func (c *Config) ImagesOn() bool { return c != nil && c.Images }

// IsKorean reports whether the site is written in Korean.
func (c *Config) IsKorean() bool {
	return c.LanguageCode == "ko" || strings.HasPrefix(strings.ToLower(c.LanguageCode), "ko-")
}

// Load reads name (normally FileName) from fsys. A missing file gives the
// defaults; a bad one gives a *diag.Error naming the line. With FileName,
// a config.toml that is Hugo's, or Hugo's other config files when there
// is no config.toml, are read as Hugo reads them (see Files).
func Load(fsys fs.FS, name string) (*Config, error) {
	if name == FileName {
		return loadSite(fsys)
	}
	src, err := sitefs.ReadFollowing(fsys, name, maxSize)
	if errors.Is(err, fs.ErrNotExist) {
		return Defaults(), nil
	}
	if err != nil {
		msg, hint := sitefs.Explain(err)
		return nil, &diag.Error{Path: name, Msg: msg, Hint: hint, Err: err}
	}
	return Parse(name, src)
}

// maxSize is the largest config file geul reads: settings, not data.
const maxSize = 4 << 20

// Parse reads a config file's contents; path is used in errors.
func Parse(path string, src []byte) (*Config, error) {
	c := Defaults()
	md, err := toml.Decode(string(src), c)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, &diag.Error{Path: path, Line: pe.Position.Line, Col: pe.Position.Col,
				Msg: "invalid TOML: " + pe.Message, Hint: "check the quoting and the = sign on that line", Err: err}
		}
		return nil, &diag.Error{Path: path, Msg: "invalid config: " + err.Error(),
			Hint: "check that each key has the right type (see the README's config keys)", Err: err}
	}
	for _, key := range md.Undecoded() {
		if len(key) > 1 && (key[0] == "params" || key[0] == "menus" || key[0] == "permalinks") {
			continue
		}
		w := &diag.Error{Path: path, Msg: fmt.Sprintf("unknown config key %q", key.String())}
		if len(key) > 1 && key[0] == "categories" {
			w.Hint = "[[categories]] takes name, weight and description"
		} else if s := suggest(key[len(key)-1]); s != "" {
			w.Hint = fmt.Sprintf("did you mean %q?", s)
		} else {
			w.Hint = "put site-specific values under [params]"
		}
		c.Warnings = append(c.Warnings, w)
	}
	if err := c.finish(path); err != nil {
		return nil, atKeyLine(err, src)
	}
	return c, nil
}

func (c *Config) finish(path string) error {
	loc, err := time.LoadLocation(c.TimeZone)
	if err != nil {
		return &diag.Error{Path: path, Msg: fmt.Sprintf("unknown timeZone %q", c.TimeZone),
			Hint: `use an IANA name such as "Asia/Seoul" or "UTC"`, Err: err}
	}
	c.Location = loc
	if c.BaseURL == "" {
		c.BaseURL = "/"
	}
	if err := CheckBaseURL(c.BaseURL); err != nil {
		return &diag.Error{Path: path, Msg: err.Error(), Err: err}
	}
	if !strings.HasSuffix(c.BaseURL, "/") {
		c.BaseURL += "/"
	}
	if c.Paginate <= 0 {
		return &diag.Error{Path: path, Msg: fmt.Sprintf("paginate = %d", c.Paginate),
			Hint: "set paginate to the number of posts per list page, at least 1"}
	}
	if c.Theme == "" {
		c.Theme = "default"
	}
	if err := c.Comments.finish(path); err != nil {
		return err
	}
	switch c.SlugStyle {
	case "", "hangul", "romanized", "date":
	default:
		return &diag.Error{Path: path, Msg: fmt.Sprintf("unknown slugStyle %q", c.SlugStyle),
			Hint: `use "hangul" (the default), "romanized" or "date"`}
	}
	for section, p := range c.Permalinks {
		if bad := UnknownPermalinkToken(p); bad != "" {
			return &diag.Error{Path: path, Msg: fmt.Sprintf("permalinks.%s = %q: unknown token %s", section, p, bad),
				Hint: "use :year :month :monthname :day :weekday :weekdayname :yearday :section :sections :title :slug :filename :slugorfilename :contentbasename"}
		}
		names := strings.Contains(p, ":slug") || strings.Contains(p, ":filename") || strings.Contains(p, ":title") ||
			strings.Contains(p, ":contentbasename")
		if !c.FromHugo && (!strings.HasPrefix(p, "/") || !strings.HasSuffix(p, "/") && !strings.HasSuffix(p, ".html") || !names) {
			return &diag.Error{Path: path, Msg: fmt.Sprintf("permalinks.%s = %q", section, p),
				Hint: `a pattern starts with "/", ends with "/" or ".html" and contains :slug, :title or :filename, e.g. "/:year/:month/:slug/"`}
		}
	}
	for _, single := range slices.Sorted(maps.Keys(c.Taxonomies)) {
		plural := c.Taxonomies[single]
		if plural == "" || plural == "." || plural == ".." || strings.ContainsAny(plural, "/\\?#% ") {
			return &diag.Error{Path: path, Msg: fmt.Sprintf("taxonomies.%s = %q", single, plural),
				Hint: `the plural name is the folder of the taxonomy's pages: one word, e.g. series = "series"`}
		}
	}
	switch c.HeadingIDs {
	case "":
		c.HeadingIDs = HeadingIDsGeul
	case HeadingIDsGeul, HeadingIDsHugo:
	default:
		return &diag.Error{Path: path, Msg: fmt.Sprintf("headingIDs = %q", c.HeadingIDs),
			Hint: `write headingIDs = "geul" (the default) or "hugo" (the ids Hugo gives, for a blog moved from Hugo)`}
	}
	for i, e := range c.Categories {
		if strings.TrimSpace(strings.NewReplacer("/", "", ">", "").Replace(e.Name)) == "" {
			return &diag.Error{Path: path, Msg: fmt.Sprintf("[[categories]] number %d has no name", i+1),
				Hint: `give each [[categories]] the category it is about: name = "개발/Go"`}
		}
	}
	for name, entries := range c.Menus {
		sort.SliceStable(entries, func(i, j int) bool { return entries[i].Weight < entries[j].Weight })
		c.Menus[name] = entries
	}
	return nil
}

// knownKeys are the top-level keys, for "did you mean" hints.
var knownKeys = []string{"baseURL", "title", "description", "author", "copyright", "languageCode",
	"timeZone", "theme", "paginate", "summaryLength", "permalinks", "unsafe", "feedLimit", "params", "menus",
	"headingIDs", "uglyURLs", "slugStyle", "categories"}

// PermalinkTokens are the :tokens a permalink pattern may use, as in Hugo.
var PermalinkTokens = []string{"year", "month", "monthname", "day", "weekday", "weekdayname", "yearday",
	"section", "sections", "title", "slug", "filename", "slugorfilename", "contentbasename", "slugorcontentbasename"}

// UnknownPermalinkToken returns the first :token of pattern geul does not
// know, or "". A Go time layout such as :2006 is known, as in Hugo.
func UnknownPermalinkToken(pattern string) string {
	for _, m := range permalinkToken.FindAllString(pattern, -1) {
		name := m[1:]
		if slices.Contains(PermalinkTokens, name) || strings.HasPrefix(name, "sections[") {
			continue
		}
		if refTime.Format(name) != name {
			continue // a time layout
		}
		return m
	}
	return ""
}

// permalinkToken matches a :token, with Hugo's optional [slice].
var permalinkToken = regexp.MustCompile(`:\w+(\[.+?\])?`)

// refTime formats differently from every layout, as Hugo's referenceTime.
var refTime = time.Date(2019, time.November, 9, 23, 1, 42, 1, time.UTC)

// suggest returns the known key closest to key, or "" if none is close.
func suggest(key string) string {
	best, bestDist := "", 3
	for _, k := range knownKeys {
		if d := editDistance(strings.ToLower(key), strings.ToLower(k)); d < bestDist {
			best, bestDist = k, d
		}
	}
	return best
}

func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// finish checks the comments settings and fills in their defaults.
func (c *Comments) finish(path string) error {
	switch c.Provider {
	case "":
		return nil
	case "giscus":
		if c.Repo == "" || c.RepoID == "" || c.CategoryID == "" {
			return &diag.Error{Path: path, Msg: "comments: giscus needs repo, repoId and categoryId",
				Hint: "copy them from the script giscus.app makes for your repository"}
		}
		if c.Mapping == "" {
			c.Mapping = "pathname"
		}
		if c.Theme == "" {
			c.Theme = "preferred_color_scheme"
		}
	case "utterances":
		if c.Repo == "" {
			return &diag.Error{Path: path, Msg: "comments: utterances needs repo",
				Hint: `set repo = "owner/name", a public repository with the utterances app installed`}
		}
		if c.IssueTerm == "" {
			c.IssueTerm = "pathname"
		}
		if c.Theme == "" {
			c.Theme = "preferred-color-scheme"
		}
	default:
		return &diag.Error{Path: path, Msg: fmt.Sprintf("comments: provider = %q", c.Provider),
			Hint: `use "giscus" or "utterances", or leave provider out for no comments`}
	}
	return nil
}
