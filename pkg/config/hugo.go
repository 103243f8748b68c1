package config

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
	"go.yaml.in/yaml/v3"

	"github.com/geul-blog/geul/pkg/diag"
	"github.com/geul-blog/geul/pkg/sitefs"
)

// hugoRootFiles are the config files Hugo reads at a site's root, in the
// order it looks for them. geul's own config.toml comes first.
var hugoRootFiles = []string{"hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json",
	"config.toml", "config.yaml", "config.yml", "config.json"}

// hugoConfigDir is the folder of Hugo's split configuration.
const hugoConfigDir = "config/_default"

// IsFile reports whether name (a slash path relative to the site) is a
// config file geul may read: a change to it means a full build.
func IsFile(name string) bool {
	return slices.Contains(hugoRootFiles, name) ||
		strings.HasPrefix(name, "config/") && configExt(name)
}

func configExt(name string) bool {
	switch path.Ext(name) {
	case ".toml", ".yaml", ".yml", ".json":
		return true
	}
	return false
}

// Files returns the config files of the site in fsys that Load reads, in
// the order it merges them.
func Files(fsys fs.FS) []string {
	var files []string
	for _, name := range hugoRootFiles {
		if isFile(fsys, name) {
			files = append(files, name)
			break
		}
	}
	entries, _ := fs.ReadDir(fsys, hugoConfigDir)
	for _, e := range entries {
		if !e.IsDir() && configExt(e.Name()) {
			files = append(files, hugoConfigDir+"/"+e.Name())
		}
	}
	return files
}

// isFile reports whether name exists and is not a folder: a pipe or a
// device named config.toml is found, and refused when it is read.
func isFile(fsys fs.FS, name string) bool {
	info, err := fs.Stat(fsys, name)
	return err == nil && !info.IsDir()
}

// loadSite reads the site's configuration: geul's config.toml, else
// Hugo's (hugo.toml|yaml|json, config.toml|yaml|json and config/_default/,
// merged). No file at all gives the defaults.
func loadSite(fsys fs.FS) (*Config, error) {
	files := Files(fsys)
	if len(files) == 0 {
		return Defaults(), nil
	}
	merged := map[string]any{}
	var root map[string]any
	langFiles := map[string]map[string]any{} // "menus.ko.toml": its table, merged once the language is known
	for i, name := range files {
		src, err := sitefs.ReadFollowing(fsys, name, maxSize)
		if err != nil {
			msg, hint := sitefs.Explain(err)
			return nil, &diag.Error{Path: name, Msg: msg, Hint: hint, Err: err}
		}
		if i == 0 && name == FileName && len(files) == 1 {
			m, err := decodeMap(name, src)
			if err != nil {
				return nil, err
			}
			if !isHugoConfig(m) {
				return Parse(name, src) // geul's own config.toml
			}
		}
		m, err := decodeMap(name, src)
		if err != nil {
			return nil, err
		}
		if strings.HasPrefix(name, hugoConfigDir+"/") {
			// params.toml holds [params], menus.en.toml the menus, hugo.toml
			// or config.toml the root.
			base := strings.TrimSuffix(path.Base(name), path.Ext(name))
			key, lang, _ := strings.Cut(base, ".")
			if key != "hugo" && key != "config" {
				m = map[string]any{key: m}
			}
			if lang != "" {
				langFiles[name] = map[string]any{"\x00lang": lang, "\x00value": m}
				continue
			}
			mergeInto(merged, m)
			continue
		}
		root = m
	}
	if root != nil {
		mergeInto(root, merged) // the root file wins where both set a value
		merged = root
	}
	// geul builds one language, the default one: its own files
	// (menus.ko.toml) and its table under [languages] count, the others'
	// are left out with a warning (see Config.OtherLanguages).
	lang := defaultLanguage(merged)
	for _, name := range slices.Sorted(maps.Keys(anyMap(langFiles))) {
		if f := langFiles[name]; f["\x00lang"] == lang {
			mergeInto(merged, f["\x00value"].(map[string]any))
		}
	}
	if langs, ok := merged[findKey(merged, "languages")].(map[string]any); ok {
		if own, ok := langs[findKey(langs, lang)].(map[string]any); ok {
			over := map[string]any{}
			for k, v := range own {
				switch strings.ToLower(k) {
				case "contentdir":
					over["\x00contentDir"] = v
				case "weight", "label", "languagename", "languagedirection":
				default:
					over[k] = v
				}
			}
			// The language's values win over the root's, as in Hugo.
			mergeInto(over, merged)
			merged = over
		}
	}
	return fromHugo(files[0], merged)
}

// decodeMap reads a TOML, YAML or JSON config file into a map.
func decodeMap(name string, src []byte) (map[string]any, error) {
	m := map[string]any{}
	switch path.Ext(name) {
	case ".toml":
		if _, err := toml.Decode(string(src), &m); err != nil {
			var pe toml.ParseError
			if errors.As(err, &pe) {
				return nil, &diag.Error{Path: name, Line: pe.Position.Line, Col: pe.Position.Col,
					Msg: "invalid TOML: " + pe.Message, Hint: "check the quoting and the = sign on that line", Err: err}
			}
			return nil, &diag.Error{Path: name, Msg: "invalid TOML: " + err.Error(), Err: err}
		}
	case ".yaml", ".yml":
		if err := yaml.Unmarshal(src, &m); err != nil {
			e := &diag.Error{Path: name, Msg: "invalid YAML: " + err.Error(),
				Hint: "check the indentation and the quotes on that line", Err: err}
			if sm := yamlLine.FindStringSubmatch(err.Error()); sm != nil {
				e.Line, _ = strconv.Atoi(sm[1])
				e.Msg = "invalid YAML: " + sm[2]
			}
			return nil, e
		}
	case ".json":
		if err := json.Unmarshal(src, &m); err != nil {
			e := &diag.Error{Path: name, Msg: "invalid JSON: " + err.Error(),
				Hint: "check the commas and quotes near there", Err: err}
			var se *json.SyntaxError
			if errors.As(err, &se) {
				e.Line = 1 + strings.Count(string(src[:min(int(se.Offset), len(src))]), "\n")
			}
			return nil, e
		}
	}
	if m == nil {
		m = map[string]any{}
	}
	return m, nil
}

func anyMap[V any](m map[string]V) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// defaultLanguage is a Hugo config's defaultContentLanguage, lower case;
// "en" as in Hugo when it is not set.
func defaultLanguage(m map[string]any) string {
	if s, ok := m[findKey(m, "defaultContentLanguage")].(string); ok && s != "" {
		return strings.ToLower(s)
	}
	return "en"
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// mergeInto copies src into dst; tables present in both are merged, and a
// value dst already has is kept.
func mergeInto(dst, src map[string]any) {
	for k, v := range src {
		dk := findKey(dst, k)
		if dk == "" {
			dst[k] = v
			continue
		}
		dm, ok1 := dst[dk].(map[string]any)
		sm, ok2 := v.(map[string]any)
		if ok1 && ok2 {
			mergeInto(dm, sm)
		}
	}
}

// findKey returns the key of m equal to k without regard to case, or "".
func findKey(m map[string]any, k string) string {
	if _, ok := m[k]; ok {
		return k
	}
	for mk := range m {
		if strings.EqualFold(mk, k) {
			return mk
		}
	}
	return ""
}

// geulKeys are the keys of geul's own config.toml, lower-cased.
var geulKeys = map[string]bool{}

func init() {
	for _, k := range knownKeys {
		geulKeys[strings.ToLower(k)] = true
	}
}

// hugoOnlyKeys are top-level keys that only a Hugo config has: a
// config.toml with one of them is read as Hugo's.
var hugoOnlyKeys = map[string]bool{
	"markup": true, "taxonomies": true, "uglyurls": true, "pagination": true, "menu": true,
	"hascjklanguage": true, "enableemoji": true, "outputs": true, "outputformats": true,
	"mediatypes": true, "module": true, "languages": true, "defaultcontentlanguage": true,
	"disqusshortname": true, "googleanalytics": true, "enablerobotstxt": true, "enablegitinfo": true,
	"buildfuture": true, "builddrafts": true, "buildexpired": true, "disablekinds": true,
	"related": true, "services": true, "privacy": true, "minify": true, "imaging": true,
	"frontmatter": true, "security": true, "sitemap": true, "build": true, "caches": true,
	"relativeurls": true, "canonifyurls": true, "disablepathtolower": true, "removepathaccents": true,
	"pluralizelisttitles": true, "themesdir": true, "publishdir": true, "contentdir": true,
	"enableinlineshortcodes": true, "mainsections": true, "defaultcontentlanguageinsubdir": true,
}

// isHugoConfig reports whether a config.toml is Hugo's rather than geul's.
func isHugoConfig(m map[string]any) bool {
	for k := range m {
		if hugoOnlyKeys[strings.ToLower(k)] {
			return true
		}
	}
	return false
}

// fromHugo makes a Config of a Hugo configuration: every key with a meaning
// in geul is used, the others are listed in one warning.
func fromHugo(file string, m map[string]any) (*Config, error) {
	c := Defaults()
	c.FromHugo = true
	c.HeadingIDs = HeadingIDsHugo
	c.LanguageCode = "en" // Hugo's default
	var unused []string
	bad := func(key, want string) error {
		return &diag.Error{Path: file, Msg: fmt.Sprintf("%s must be %s", key, want),
			Hint: "fix the value, or remove the key"}
	}
	str := func(k string, v any, dst *string) error {
		s, ok := v.(string)
		if !ok {
			return bad(k, "a string")
		}
		*dst = s
		return nil
	}
	num := func(k string, v any, dst *int) error {
		switch n := v.(type) {
		case int64:
			*dst = int(n)
		case int:
			*dst = n
		case float64:
			*dst = int(n)
		case uint64:
			*dst = int(n)
		default:
			return bad(k, "a whole number")
		}
		return nil
	}
	flag := func(k string, v any, dst *bool) error {
		b, ok := v.(bool)
		if !ok {
			return bad(k, "true or false")
		}
		*dst = b
		return nil
	}
	langSet := false
	hugoSummary := -1
	for _, k := range slices.Sorted(maps.Keys(m)) {
		v := m[k]
		var err error
		switch strings.ToLower(k) {
		case "baseurl":
			err = str(k, v, &c.BaseURL)
		case "title":
			err = str(k, v, &c.Title)
		case "description":
			err = str(k, v, &c.Description)
		case "languagecode":
			err = str(k, v, &c.LanguageCode)
			langSet = true
		case "defaultcontentlanguage":
			if !langSet {
				err = str(k, v, &c.LanguageCode)
			}
		case "locale":
			if !langSet {
				err = str(k, v, &c.LanguageCode)
				langSet = true
			}
		case "languages":
			lm, _ := v.(map[string]any)
			def := defaultLanguage(m)
			for code := range lm {
				if strings.ToLower(code) != def {
					c.OtherLanguages = append(c.OtherLanguages, strings.ToLower(code))
				}
			}
			sort.Strings(c.OtherLanguages)
			c.DefaultLanguage = def
		case "\x00contentdir":
			// languages.<default>.contentDir = "content/ko": the pages of
			// the language geul builds.
			if d, ok := v.(string); ok {
				d = strings.Trim(path.Clean("/"+d), "/")
				if rest, ok := strings.CutPrefix(d, "content/"); ok {
					c.LanguageContentDir = rest
				} else {
					c.Warnings = append(c.Warnings, &diag.Error{Path: file,
						Msg:  fmt.Sprintf("languages.%s.contentDir = %q is not under content/; geul reads content/", defaultLanguage(m), d),
						Hint: "move the folder under content/"})
				}
			}
		case "defaultcontentlanguageinsubdir":
			err = flag(k, v, &c.LanguageInSubdir)
		case "timezone":
			err = str(k, v, &c.TimeZone)
		case "theme":
			switch t := v.(type) {
			case []any:
				if len(t) > 0 {
					err = str(k, t[0], &c.Theme)
				}
			default:
				err = str(k, v, &c.Theme)
			}
		case "paginate":
			err = num(k, v, &c.Paginate)
		case "pagination":
			pm, _ := v.(map[string]any)
			for pk, pv := range pm {
				if strings.EqualFold(pk, "pagerSize") {
					err = num("pagination.pagerSize", pv, &c.Paginate)
				} else {
					unused = append(unused, "pagination."+pk)
				}
			}
		case "summarylength":
			err = num(k, v, &hugoSummary)
		case "feedlimit":
			err = num(k, v, &c.FeedLimit)
		case "copyright":
			err = str(k, v, &c.Copyright)
		case "author":
			switch a := v.(type) {
			case string:
				c.Author = a
			case map[string]any:
				if nk := findKey(a, "name"); nk != "" {
					c.Author, _ = a[nk].(string)
				}
			}
		case "uglyurls":
			err = flag(k, v, &c.UglyURLs)
		case "hascjklanguage":
			err = flag(k, v, &c.HasCJKLanguage)
		case "enableemoji":
			err = flag(k, v, &c.EnableEmoji)
		case "disablepathtolower":
			err = flag(k, v, &c.DisablePathToLower)
		case "unsafe":
			err = flag(k, v, &c.Unsafe)
		case "headingids":
			err = str(k, v, &c.HeadingIDs)
		case "params":
			if pm, ok := v.(map[string]any); ok {
				c.Params = pm
			}
		case "permalinks":
			err = hugoPermalinks(file, k, v, c)
		case "taxonomies":
			tm, ok := v.(map[string]any)
			if !ok {
				err = bad(k, "a table of singular = plural names")
				break
			}
			c.Taxonomies = map[string]string{}
			for single, plural := range tm {
				if s, ok := plural.(string); ok {
					c.Taxonomies[single] = s
				}
			}
		case "menu", "menus":
			err = hugoMenus(file, k, v, c)
		case "markup":
			unused = append(unused, hugoMarkup(v, c)...)
		default:
			if _, isTable := v.(map[string]any); isTable {
				unused = append(unused, "["+k+"]")
			} else {
				unused = append(unused, k)
			}
		}
		if err != nil {
			return nil, err
		}
	}
	// Hugo's summaryLength counts words (each Han, Kana or Hangul
	// character one with hasCJKLanguage), geul's characters: about two
	// characters a CJK word and six a Latin one with its space. 0 (or
	// none) keeps geul's default.
	if hugoSummary > 0 {
		if c.HasCJKLanguage {
			c.SummaryLength = hugoSummary * 2
		} else {
			c.SummaryLength = hugoSummary * 6
		}
	}
	if c.Description == "" {
		if s, ok := c.Params[findKey(c.Params, "description")].(string); ok {
			c.Description = s
		}
	}
	if c.Author == "" {
		if s, ok := c.Params[findKey(c.Params, "author")].(string); ok {
			c.Author = s
		}
	}
	if len(unused) > 0 {
		sort.Strings(unused)
		c.Warnings = append(c.Warnings, &diag.Error{Path: file,
			Msg:  "geul does not use these Hugo settings: " + strings.Join(unused, ", "),
			Hint: "they are left as they are; see the README's \"Moving from Hugo\""})
	}
	if err := c.finish(file); err != nil {
		return nil, err
	}
	return c, nil
}

// hugoPermalinks reads Hugo's permalinks: section = pattern, or (newer
// Hugo) a table per kind whose "page" table holds the patterns.
func hugoPermalinks(file string, k string, v any, c *Config) error {
	pm, ok := v.(map[string]any)
	if !ok {
		return &diag.Error{Path: file, Msg: k + " must be a table of section = pattern", Hint: `write [permalinks] then posts = "/:year/:month/:slug/"`}
	}
	if page, ok := pm[findKey(pm, "page")].(map[string]any); ok {
		pm = page
	}
	for section, p := range pm {
		if s, ok := p.(string); ok {
			c.Permalinks[section] = s
		}
	}
	return nil
}

// hugoMenus reads [menu] / [menus]: name = list of entries.
func hugoMenus(file string, k string, v any, c *Config) error {
	mm, ok := v.(map[string]any)
	if !ok {
		return &diag.Error{Path: file, Msg: k + " must be a table of named menus", Hint: "write [[menus.main]] then name and url"}
	}
	for name, list := range mm {
		var items []any
		switch l := list.(type) {
		case []any:
			items = l
		case []map[string]any:
			for _, x := range l {
				items = append(items, x)
			}
		}
		for _, it := range items {
			em, ok := it.(map[string]any)
			if !ok {
				continue
			}
			var e MenuEntry
			e.Name, _ = em[findKey(em, "name")].(string)
			e.URL, _ = em[findKey(em, "url")].(string)
			if e.URL == "" {
				if ref, ok := em[findKey(em, "pageRef")].(string); ok {
					e.URL = "/" + strings.Trim(ref, "/") + "/"
					if strings.Trim(ref, "/") == "" {
						e.URL = "/"
					}
				}
			}
			if e.Name == "" {
				e.Name, _ = em[findKey(em, "identifier")].(string)
			}
			switch w := em[findKey(em, "weight")].(type) {
			case int64:
				e.Weight = int(w)
			case int:
				e.Weight = w
			case float64:
				e.Weight = int(w)
			}
			c.Menus[name] = append(c.Menus[name], e)
		}
	}
	return nil
}

// hugoMarkup reads markup.goldmark.renderer.unsafe and markup.highlight,
// and returns the keys under markup it does not use.
func hugoMarkup(v any, c *Config) []string {
	mm, ok := v.(map[string]any)
	if !ok {
		return []string{"markup"}
	}
	var unused []string
	for k, x := range mm {
		switch strings.ToLower(k) {
		case "goldmark":
			gm, _ := x.(map[string]any)
			for gk, gx := range gm {
				if strings.EqualFold(gk, "renderer") {
					rm, _ := gx.(map[string]any)
					for rk, rx := range rm {
						if strings.EqualFold(rk, "unsafe") {
							c.Unsafe, _ = rx.(bool)
						} else {
							unused = append(unused, "markup.goldmark.renderer."+rk)
						}
					}
					continue
				}
				unused = append(unused, "markup.goldmark."+gk)
			}
		case "highlight":
			hm, _ := x.(map[string]any)
			c.Highlight = hm
			if s, ok := hm[findKey(hm, "style")].(string); ok {
				c.HighlightStyle = s
			}
		default:
			unused = append(unused, "markup."+k)
		}
	}
	return unused
}
