package importer

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/BurntSushi/toml"
)

// existingConfig is the part of a site's config.toml an import needs.
type existingConfig struct {
	BaseURL    string            `toml:"baseURL"`
	Permalinks map[string]string `toml:"permalinks"`
}

func readConfig(into string) (*existingConfig, bool, error) {
	p := filepath.Join(into, "config.toml")
	data, err := os.ReadFile(p)
	if os.IsNotExist(err) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	var c existingConfig
	if _, err := toml.Decode(string(data), &c); err != nil {
		return nil, true, fmt.Errorf("%s: %v; fix it so the import can read the site's permalinks", p, err)
	}
	return &c, true, nil
}

// configFile is config.toml for a new site, made from the source's
// settings. The raw HTML imported posts keep (Tistory's folds as
// <details>, kramdown's sized images) is what geul's sanitiser keeps, so
// unsafe stays off.
func configFile(c siteConfig) ([]byte, error) {
	type permalinks struct {
		Posts string `toml:"posts,omitempty"`
	}
	type cfg struct {
		BaseURL      string      `toml:"baseURL,omitempty"`
		Title        string      `toml:"title,omitempty"`
		Description  string      `toml:"description,omitempty"`
		Author       string      `toml:"author,omitempty"`
		LanguageCode string      `toml:"languageCode,omitempty"`
		TimeZone     string      `toml:"timeZone,omitempty"`
		Paginate     int         `toml:"paginate,omitzero"`
		Permalinks   *permalinks `toml:"permalinks,omitempty"`
	}
	v := cfg{BaseURL: c.baseURL, Title: c.title, Description: c.description, Author: c.author,
		LanguageCode: c.language, TimeZone: c.timeZone, Paginate: c.paginate}
	if c.permalink != "" {
		v.Permalinks = &permalinks{Posts: c.permalink}
	}
	var b bytes.Buffer
	b.WriteString("# Made by `geul import` from the old blog's settings. See README, \"Configuration\".\n")
	if c.title == "" {
		b.WriteString("# The source does not record the blog's name: set title = \"…\" below.\n")
	}
	enc := toml.NewEncoder(&b)
	enc.Indent = ""
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// configZone is the time zone _config.yml names (Jekyll's and Hexo's
// timezone key), UTC when it names none; one it cannot load is a problem.
func configZone(name string) (*time.Location, []Problem) {
	if name == "" {
		return time.UTC, nil
	}
	l, err := time.LoadLocation(name)
	if err != nil {
		return time.UTC, []Problem{{Path: "_config.yml", Msg: fmt.Sprintf("timezone %q: %v; dates without a zone were read as UTC", name, err)}}
	}
	return l, nil
}
