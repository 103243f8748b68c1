package importer

import (
	"bytes"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/geul-blog/geul/pkg/archetype"
)

// frontMatter is the TOML front matter of an imported post, in the order
// a person reads it. Keys are geul's (see README, "Writing posts").
type frontMatter struct {
	Title       string     `toml:"title"`
	Date        *time.Time `toml:"date,omitempty"`
	Lastmod     *time.Time `toml:"lastmod,omitempty"`
	Draft       bool       `toml:"draft,omitempty"`
	Description string     `toml:"description,omitempty"`
	Categories  []string   `toml:"categories,omitempty"`
	Tags        []string   `toml:"tags,omitempty"`
	Cover       *cover     `toml:"cover,omitempty"`
	URL         string     `toml:"url,omitempty"`
	Aliases     []string   `toml:"aliases,omitempty"`
}

// cover is a post's cover: a path, or with alt text the table
// { image, alt } geul reads (an inline table, so that the keys after it
// stay top-level).
type cover struct{ image, alt string }

func (c cover) MarshalTOML() ([]byte, error) {
	if c.alt == "" {
		return []byte(archetype.Quote(c.image)), nil
	}
	return []byte("{ image = " + archetype.Quote(c.image) + ", alt = " + archetype.Quote(c.alt) + " }"), nil
}

// markdownFile is a post's index.md: TOML front matter, then the body.
func markdownFile(p *post) ([]byte, error) {
	fm := frontMatter{
		Title: p.title, Draft: p.draft, Description: p.description,
		Categories: p.categories, Tags: p.tags,
		URL: p.url, Aliases: p.aliases,
	}
	if p.cover != "" {
		fm.Cover = &cover{p.cover, p.coverAlt}
	}
	if !p.date.IsZero() && !p.page {
		d := p.date
		fm.Date = &d
	}
	if !p.lastmod.IsZero() && !p.lastmod.Equal(p.date) {
		d := p.lastmod
		fm.Lastmod = &d
	}
	var b bytes.Buffer
	b.WriteString("+++\n")
	enc := toml.NewEncoder(&b)
	enc.Indent = ""
	if err := enc.Encode(fm); err != nil {
		return nil, err
	}
	if params, _ := tomlValue(p.params).(map[string]any); len(params) > 0 {
		if err := enc.Encode(params); err != nil {
			return nil, err
		}
	}
	b.WriteString("+++\n\n")
	b.WriteString(strings.TrimSpace(squeezeBlankLines(p.body)))
	b.WriteString("\n")
	return b.Bytes(), nil
}

// squeezeBlankLines makes runs of blank lines outside fenced code one blank
// line: dropped template tags leave them behind.
func squeezeBlankLines(s string) string {
	lines := strings.Split(s, "\n")
	out := lines[:0]
	inFence, blank := "", false
	for _, ln := range lines {
		if m := fenceLine.FindStringSubmatch(ln); m != nil {
			if inFence == "" {
				inFence = m[1][:3]
			} else if strings.HasPrefix(strings.TrimSpace(ln), inFence) {
				inFence = ""
			}
		}
		isBlank := inFence == "" && strings.TrimSpace(ln) == ""
		if isBlank && blank {
			continue
		}
		blank = isBlank
		if isBlank {
			ln = ""
		}
		out = append(out, ln)
	}
	return strings.Join(out, "\n")
}

// tomlValue makes a YAML value one TOML can hold: TOML has no null, so
// empty keys and null list items go.
func tomlValue(v any) any {
	switch v := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, x := range v {
			if x = tomlValue(x); x != nil {
				out[k] = x
			}
		}
		return out
	case []any:
		out := make([]any, 0, len(v))
		for _, x := range v {
			if x = tomlValue(x); x != nil {
				out = append(out, x)
			}
		}
		return out
	}
	return v
}
