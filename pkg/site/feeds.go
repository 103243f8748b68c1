package site

import (
	"bytes"
	"encoding/xml"
	"time"

	"github.com/geul-blog/geul/pkg/content"
)

// feedFile is the name of every Atom feed: the site's at the root, each
// category's in its folder.
const feedFile = "atom.xml"

type atomFeed struct {
	XMLName  xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang     string      `xml:"xml:lang,attr,omitempty"`
	Title    string      `xml:"title"`
	Subtitle string      `xml:"subtitle,omitempty"`
	ID       string      `xml:"id"`
	Updated  string      `xml:"updated"`
	Links    []atomLink  `xml:"link"`
	Author   *atomAuthor `xml:"author,omitempty"`
	Gen      string      `xml:"generator"`
	Entries  []atomEntry `xml:"entry"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomAuthor struct {
	Name string `xml:"name"`
}

type atomText struct {
	Type string `xml:"type,attr"`
	Body string `xml:",chardata"`
}

type atomCategory struct {
	Term string `xml:"term,attr"`
}

type atomEntry struct {
	Base       string         `xml:"xml:base,attr"`
	Title      string         `xml:"title"`
	ID         string         `xml:"id"`
	Link       atomLink       `xml:"link"`
	Published  string         `xml:"published"`
	Updated    string         `xml:"updated"`
	Categories []atomCategory `xml:"category"`
	Summary    *atomText      `xml:"summary,omitempty"`
	Content    *atomText      `xml:"content"`
}

// feeds returns the site's Atom feed and one per category, by output path,
// minified if asked. A feed whose entries and site did not change since the
// last build is taken from it; fps gets every feed's fingerprint.
func (b *Builder) feeds(st *state, fps map[string]uint64) map[string][]byte {
	feeds := map[string][]byte{}
	if !b.absoluteURLs() {
		return feeds // see absolute.go
	}
	add := func(name, title, alternate string, posts []*content.Page) {
		if n := b.cfg.FeedLimit; n > 0 && len(posts) > n {
			posts = posts[:n]
		}
		f := newFingerprint().num(st.chrome).str(name, title, alternate)
		for _, p := range posts {
			f.num(st.listFP[p])
		}
		fps[name] = f.sum()
		if data, ok := b.prev.held(name, fps[name]); ok {
			feeds[name] = data
			return
		}
		feeds[name] = b.minified(name, b.atom(st, title, alternate, name, posts))
	}
	add(feedFile, b.cfg.Title, b.cfg.BaseURL, st.posts)
	for _, t := range st.site.Categories.Terms {
		rel := termRel(st.site.Categories, t)
		add(rel+feedFile, t.Name+" - "+b.cfg.Title, b.permalink(rel), t.Pages)
	}
	return feeds
}

func (b *Builder) atom(st *state, title, alternate, self string, posts []*content.Page) []byte {
	f := atomFeed{
		Lang:     b.cfg.LanguageCode,
		Title:    title,
		Subtitle: b.cfg.Description,
		ID:       b.permalink(self),
		Updated:  atomTime(st.site.Updated),
		Links: []atomLink{
			{Rel: "self", Type: "application/atom+xml", Href: b.permalink(self)},
			{Rel: "alternate", Type: "text/html", Href: alternate},
		},
		Gen: "geul",
	}
	if b.cfg.Author != "" {
		f.Author = &atomAuthor{Name: b.cfg.Author}
	} else {
		f.Author = &atomAuthor{Name: b.cfg.Title}
	}
	for _, p := range posts {
		updated := p.Date
		if p.Lastmod.After(updated) {
			updated = p.Lastmod
		}
		e := atomEntry{
			Base:      p.Permalink,
			Title:     p.Title,
			ID:        p.Permalink,
			Link:      atomLink{Rel: "alternate", Type: "text/html", Href: p.Permalink},
			Published: atomTime(p.Date),
			Updated:   atomTime(updated),
			Summary:   &atomText{Type: "html", Body: string(p.Summary())},
			Content:   &atomText{Type: "html", Body: string(p.Content())},
		}
		for _, c := range p.CategoryLinks {
			e.Categories = append(e.Categories, atomCategory{Term: c.Name})
		}
		f.Entries = append(f.Entries, e)
	}
	return marshalXML(f)
}

func atomTime(t time.Time) string {
	if t.IsZero() {
		t = time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	return t.Format(time.RFC3339)
}

func marshalXML(v any) []byte {
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		// Every value here is a plain struct of strings: Encode cannot fail.
		panic(err)
	}
	buf.WriteByte('\n')
	return buf.Bytes()
}
