package importer

import (
	"bytes"
	"fmt"
	"io/fs"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// readFrontMatter reads file (shown as p) and splits it with splitYAML.
// A file that cannot be read or split, or that is a template for new
// posts, gives a problem and no front matter; what names the file in the
// problem ("post", "page") is what. fm is nil for a file without front
// matter.
func readFrontMatter(fsys fs.FS, file, p, what string, hexo bool) (fm map[string]any, body string, line int, probs []Problem) {
	data, err := fs.ReadFile(fsys, file)
	if err != nil {
		return nil, "", 0, []Problem{{Path: p, Msg: err.Error() + "; the " + what + " was skipped"}}
	}
	fm, body, line, err = splitYAML(data, hexo)
	if err != nil {
		return nil, "", 0, []Problem{{Path: p, Line: 1, Msg: err.Error() + "; the " + what + " was skipped"}}
	}
	if k := templateKey(fm); k != "" {
		return nil, "", 0, []Problem{{Path: p, Line: 1, Msg: "a template for new posts (" + k + " holds {{ }}), not imported"}}
	}
	return fm, body, line, nil
}

// splitYAML splits a Jekyll or Hexo file into its YAML front matter and
// its body, and returns the body's first line number. A file without
// front matter has none; Hexo's form without the opening "---" is read
// too when hexo is set.
func splitYAML(data []byte, hexo bool) (map[string]any, string, int, error) {
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	s := strings.ReplaceAll(string(data), "\r\n", "\n")
	var head, body string
	switch {
	case strings.HasPrefix(s, "---\n"):
		end := strings.Index(s[4:], "\n---")
		if end < 0 {
			return nil, s, 1, fmt.Errorf("front matter opened with --- but not closed; add a --- line after it")
		}
		head = s[4 : 4+end]
		rest := s[4+end+4:]
		if i := strings.IndexByte(rest, '\n'); i >= 0 {
			rest = rest[i+1:]
		} else {
			rest = ""
		}
		body = rest
	case hexo && strings.Contains(s, "\n---\n") && !strings.HasPrefix(s, "#"):
		i := strings.Index(s, "\n---\n")
		head, body = s[:i], s[i+5:]
		var probe map[string]any
		if yaml.Unmarshal([]byte(head), &probe) != nil {
			return nil, s, 1, nil
		}
	default:
		return nil, s, 1, nil
	}
	line := 1 + strings.Count(s[:len(s)-len(body)], "\n")
	// Dates stay text: YAML reads "2020-01-02 10:00:00" as UTC, where
	// Jekyll and Hexo read it in the site's time zone.
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(head), &doc); err != nil {
		return nil, body, line, fmt.Errorf("the front matter is not YAML (%v); fix it, or delete the file if it is a template for new posts", err)
	}
	var untime func(*yaml.Node)
	untime = func(n *yaml.Node) {
		if n.Kind == yaml.ScalarNode && n.ShortTag() == "!!timestamp" {
			n.Tag = "!!str"
		}
		for _, c := range n.Content {
			untime(c)
		}
	}
	untime(&doc)
	fm := map[string]any{}
	if err := doc.Decode(&fm); err != nil && len(doc.Content) > 0 {
		return nil, body, line, fmt.Errorf("the front matter is not YAML (%v); fix it, or delete the file if it is a template for new posts", err)
	}
	if fm == nil {
		fm = map[string]any{}
	}
	return fm, body, line, nil
}

// stringOf is a front matter value as a string ("" for none).
func stringOf(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return v
	case time.Time:
		return v.Format("2006-01-02 15:04:05 -0700")
	default:
		return fmt.Sprint(v)
	}
}

// listOf reads tags or categories: a list, or a string of words separated
// by spaces (Jekyll) or commas.
func listOf(v any, spaces bool) []string {
	var out []string
	switch v := v.(type) {
	case nil:
	case string:
		if strings.Contains(v, ",") {
			for _, s := range strings.Split(v, ",") {
				out = append(out, strings.TrimSpace(s))
			}
		} else if spaces {
			out = strings.Fields(v)
		} else {
			out = []string{strings.TrimSpace(v)}
		}
	case []any:
		for _, x := range v {
			out = append(out, strings.TrimSpace(stringOf(x)))
		}
	default:
		out = []string{stringOf(v)}
	}
	return dedupe(out)
}

func dedupe(in []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, s := range in {
		if s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// parseDate reads the dates Jekyll and Hexo write: "2025-08-03 17:30:00
// +0900", RFC 3339, "2013/7/13 20:46:25", a date alone; without a zone in
// loc.
func parseDate(v any, loc *time.Location) (time.Time, error) {
	if t, ok := v.(time.Time); ok {
		return t, nil
	}
	s := strings.TrimSpace(stringOf(v))
	for _, layout := range []string{
		"2006-01-02 15:04:05 -0700", "2006-01-02 15:04:05 -07:00", "2006-01-02 15:04 -0700",
		time.RFC3339, "2006-01-02T15:04:05.999999999Z07:00", "2006-01-02 15:04:05Z07:00",
	} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	for _, layout := range []string{
		"2006-01-02 15:04:05", "2006-01-02 15:04", "2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02",
		"2006/1/2 15:04:05", "2006/1/2 15:04", "2006/1/2", "2006-1-2 15:04:05", "2006-1-2",
	} {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("date %q is not a date geul reads; write it as 2006-01-02 15:04:05 +0900", s)
}

// decodeConfig reads a _config.yml into out. A key given twice is not an
// error, as it is not for Jekyll and Hexo: the last one wins, and the
// first is reported.
func decodeConfig(data []byte, out any) []Problem {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return []Problem{{Path: "_config.yml", Msg: fmt.Sprintf("%v; read the site with the defaults", err)}}
	}
	var probs []Problem
	if len(doc.Content) == 1 && doc.Content[0].Kind == yaml.MappingNode {
		m := doc.Content[0]
		last := map[string]int{}
		for i := 0; i+1 < len(m.Content); i += 2 {
			last[m.Content[i].Value] = i
		}
		kept := m.Content[:0]
		for i := 0; i+1 < len(m.Content); i += 2 {
			k := m.Content[i]
			if last[k.Value] != i {
				probs = append(probs, Problem{Path: "_config.yml", Line: k.Line, Msg: fmt.Sprintf("%q is set again further down; the last one was read", k.Value)})
				continue
			}
			kept = append(kept, m.Content[i], m.Content[i+1])
		}
		m.Content = kept
	}
	if err := doc.Decode(out); err != nil {
		probs = append(probs, Problem{Path: "_config.yml", Msg: fmt.Sprintf("%v; the rest of the settings were read", err)})
	}
	return probs
}

// templateKey returns a front matter key whose value is template syntax
// ("{{Date}}"), as in the file a blog keeps to start new posts from; ""
// for none.
func templateKey(fm map[string]any) string {
	for _, k := range []string{"date", "title", "slug", "permalink"} {
		if v, ok := fm[k].(string); ok && (strings.Contains(v, "{{") || strings.Contains(v, "{%") || strings.Contains(v, "<%")) {
			return k
		}
	}
	return ""
}
