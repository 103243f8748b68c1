package webcheck

import (
	"bytes"
	"context"
	"encoding/json"
	"net/url"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/geul-blog/geul/pkg/site"
)

// head is what a page's <head> tells crawlers and feed readers.
type head struct {
	title  string
	meta   map[string][]string // by name or property
	links  map[string][]string // rel → hrefs
	types  map[string]string   // href → type, for <link>
	jsonLD []string
	h1     string
}

func parseHead(t *testing.T, page []byte) head {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	h := head{meta: map[string][]string{}, links: map[string][]string{}, types: map[string]string{}}
	attr := func(n *html.Node, key string) string {
		for _, a := range n.Attr {
			if a.Key == key {
				return a.Val
			}
		}
		return ""
	}
	var text func(n *html.Node) string
	text = func(n *html.Node) string {
		if n.Type == html.TextNode {
			return n.Data
		}
		var b strings.Builder
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			b.WriteString(text(c))
		}
		return b.String()
	}
	for n := range doc.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		switch n.Data {
		case "title":
			h.title = text(n)
		case "meta":
			key := attr(n, "property")
			if key == "" {
				key = attr(n, "name")
			}
			if key != "" {
				h.meta[key] = append(h.meta[key], attr(n, "content"))
			}
		case "link":
			for rel := range strings.FieldsSeq(attr(n, "rel")) {
				h.links[rel] = append(h.links[rel], attr(n, "href"))
			}
			h.types[attr(n, "href")] = attr(n, "type")
		case "script":
			if attr(n, "type") == "application/ld+json" {
				h.jsonLD = append(h.jsonLD, text(n))
			}
		case "h1":
			if h.h1 == "" {
				h.h1 = strings.TrimSpace(text(n))
			}
		}
	}
	return h
}

// TestPostHead checks that a post tells search engines, social sites and
// feed readers about itself: canonical URL, Open Graph and Twitter cards,
// JSON-LD BlogPosting and the Atom feed. It needs no outside tool.
func TestPostHead(t *testing.T) {
	res, err := site.NewBuilder(root).Build(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	const (
		path      = "posts/2024-04-retrospective/index.html"
		permalink = "https://example.org/posts/2024-04-retrospective/"
	)
	page, ok := res.Output.Get(path)
	if !ok {
		t.Fatalf("the example blog has no %s", path)
	}
	h := parseHead(t, page)
	title := h.h1
	if !strings.Contains(title, "4월 회고") {
		t.Fatalf("the post's <h1> is %q", title)
	}

	one := func(key string) string {
		t.Helper()
		switch vs := h.meta[key]; len(vs) {
		case 1:
			return vs[0]
		case 0:
			t.Errorf("no <meta> %s", key)
		default:
			t.Errorf("<meta> %s %d times: %q", key, len(vs), vs)
		}
		return ""
	}
	if !strings.HasPrefix(h.title, title) {
		t.Errorf("<title> %q does not start with the post's title %q", h.title, title)
	}
	if got := h.links["canonical"]; len(got) != 1 || got[0] != permalink {
		t.Errorf("canonical = %q, want [%q]", got, permalink)
	}
	desc := one("description")
	if desc == "" {
		t.Error("the post has no description")
	}
	for key, want := range map[string]string{
		"og:type":        "article",
		"og:title":       title,
		"og:url":         permalink,
		"og:description": desc,
		"og:locale":      "ko_KR",
		"twitter:title":  title,
	} {
		if got := one(key); got != want {
			t.Errorf("<meta> %s = %q, want %q", key, got, want)
		}
	}
	if got := one("og:site_name"); got == "" {
		t.Error("og:site_name is empty")
	}
	if got := one("twitter:card"); got != "summary" && got != "summary_large_image" {
		t.Errorf("twitter:card = %q", got)
	}
	published := one("article:published_time")
	if _, err := time.Parse(time.RFC3339, published); err != nil {
		t.Errorf("article:published_time: %v", err)
	}
	if tags := h.meta["article:tag"]; len(tags) == 0 {
		t.Error("no article:tag")
	}

	feeds := 0
	for _, href := range h.links["alternate"] {
		if h.types[href] != "application/atom+xml" {
			continue
		}
		feeds++
		u, err := url.Parse(href)
		if err != nil {
			t.Errorf("feed link %q: %v", href, err)
			continue
		}
		if _, ok := res.Output.Get(strings.TrimPrefix(u.Path, "/")); !ok {
			t.Errorf("the feed link %q points to no file of the build", href)
		}
	}
	if feeds == 0 {
		t.Errorf(`no <link rel="alternate" type="application/atom+xml">; alternates: %q`, h.links["alternate"])
	}

	if len(h.jsonLD) != 1 {
		t.Fatalf("%d JSON-LD scripts, want 1", len(h.jsonLD))
	}
	var ld struct {
		Context          string `json:"@context"`
		Type             string `json:"@type"`
		Headline         string `json:"headline"`
		URL              string `json:"url"`
		DatePublished    string `json:"datePublished"`
		DateModified     string `json:"dateModified"`
		InLanguage       string `json:"inLanguage"`
		MainEntityOfPage struct {
			ID string `json:"@id"`
		} `json:"mainEntityOfPage"`
		Author struct {
			Type string `json:"@type"`
			Name string `json:"name"`
		} `json:"author"`
		Publisher struct {
			Name string `json:"name"`
		} `json:"publisher"`
	}
	if err := json.Unmarshal([]byte(h.jsonLD[0]), &ld); err != nil {
		t.Fatalf("JSON-LD: %v\n%s", err, h.jsonLD[0])
	}
	checks := []struct{ what, got, want string }{
		{"@context", ld.Context, "https://schema.org"},
		{"@type", ld.Type, "BlogPosting"},
		{"headline", ld.Headline, title},
		{"url", ld.URL, permalink},
		{"mainEntityOfPage.@id", ld.MainEntityOfPage.ID, permalink},
		{"datePublished", ld.DatePublished, published},
		{"inLanguage", ld.InLanguage, "ko"},
		{"author.@type", ld.Author.Type, "Person"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("JSON-LD %s = %q, want %q", c.what, c.got, c.want)
		}
	}
	if ld.Author.Name == "" || ld.Publisher.Name == "" {
		t.Errorf("JSON-LD author %q, publisher %q: want both", ld.Author.Name, ld.Publisher.Name)
	}
	if _, err := time.Parse(time.RFC3339, ld.DateModified); err != nil {
		t.Errorf("JSON-LD dateModified: %v", err)
	}
}
