package site

import (
	"bytes"
	"encoding/xml"
	"time"

	"github.com/geul-blog/geul/pkg/theme"
)

// This file holds what tells crawlers where the pages are: sitemap.xml
// and robots.txt.

type sitemapURLSet struct {
	XMLName xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc     string `xml:"loc"`
	Lastmod string `xml:"lastmod,omitempty"`
}

// sitemapURLs lists every HTML page but the 404 page and the later pages
// of lists.
func sitemapURLs(jobs []*job) []sitemapURL {
	var urls []sitemapURL
	for _, j := range jobs {
		v := j.view
		if v.Kind == string(theme.Layout404) || (v.Paginator != nil && v.Paginator.Number > 1) {
			continue
		}
		u := sitemapURL{Loc: v.Permalink}
		if p := v.Page; p != nil {
			t := p.Lastmod
			if t.IsZero() {
				t = p.Date
			}
			if !t.IsZero() {
				u.Lastmod = t.Format(time.RFC3339)
			}
		}
		urls = append(urls, u)
	}
	return urls
}

// writeSitemap writes what marshalXML(sitemapURLSet{URLs: urls}) does, by
// hand: encoding/xml's reflection was most of a rebuild that adds a page
// to a large blog (TestWriteSitemapAsEncodingXML keeps the two the same).
func writeSitemap(urls []sitemapURL) []byte {
	var buf bytes.Buffer
	buf.Grow(len(urls) * 128)
	buf.WriteString(xml.Header)
	buf.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`)
	for _, u := range urls {
		buf.WriteString("\n  <url>\n    <loc>")
		xml.EscapeText(&buf, []byte(u.Loc))
		buf.WriteString("</loc>")
		if u.Lastmod != "" {
			buf.WriteString("\n    <lastmod>")
			xml.EscapeText(&buf, []byte(u.Lastmod))
			buf.WriteString("</lastmod>")
		}
		buf.WriteString("\n  </url>")
	}
	if len(urls) > 0 {
		buf.WriteString("\n")
	}
	buf.WriteString("</urlset>\n")
	return buf.Bytes()
}

func (b *Builder) robots() []byte {
	if !b.absoluteURLs() {
		return []byte("User-agent: *\nAllow: /\n") // no sitemap without an absolute baseURL (absolute.go)
	}
	return []byte("User-agent: *\nAllow: /\n\nSitemap: " + b.permalink("sitemap.xml") + "\n")
}
