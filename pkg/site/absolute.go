package site

import (
	"github.com/geul-blog/geul/pkg/config"
	"github.com/geul-blog/geul/pkg/diag"
)

// Feeds, the sitemap and Open Graph tags are only valid with absolute
// URLs. Without an absolute baseURL (none, or "/"), geul does not write
// them with relative URLs: it leaves out the Atom feeds and sitemap.xml
// (and the Sitemap line of robots.txt), and the default theme leaves out
// og:url and og:image; the build says so once, as a warning. geul serve
// always has an absolute baseURL: its own address.

// absoluteURLs reports whether the site's baseURL is a full address.
func (b *Builder) absoluteURLs() bool { return config.IsAbsoluteURL(b.cfg.BaseURL) }

// feedURL is the site's feed link, or "" when no feed is written.
func (b *Builder) feedURL(basePath string) string {
	if !b.absoluteURLs() {
		return ""
	}
	return basePath + feedFile
}

// relativeBaseURLWarning says what a site without an absolute baseURL
// goes without; nil when it has one.
func (b *Builder) relativeBaseURLWarning() error {
	if b.absoluteURLs() {
		return nil
	}
	return &diag.Error{Path: config.FileName,
		Msg:  "baseURL is not an absolute URL, so the Atom feeds and sitemap.xml were not written and pages have no og:url or og:image (they need absolute URLs)",
		Hint: `set baseURL = "https://your.domain/" in config.toml, or pass --baseURL`}
}
