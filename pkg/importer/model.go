package importer

import (
	"io/fs"
	"time"
)

// blog is what a source reader returns: the blog's settings, its posts
// and pages, and files for static/.
type blog struct {
	config siteConfig
	posts  []*post // posts and plain pages, in the source's order
	static []file  // copied to static/<name>
	// loose are files of the source that are neither posts nor static
	// (an image in Hexo's _posts/images/), by path in the source: a post
	// that links one relative to its own file gets a copy in its bundle.
	loose     map[string]string // NFC path → path in the source
	looseUsed map[string]bool
	// staticRoot is the folder of the source whose files are static/
	// ("source" for Hexo, "" for Jekyll), for links relative to a post's file.
	staticRoot string
	problems   []Problem
	hosts      []string // the old blog's hosts: absolute links there are its own
	base       string   // the old blog's base path, "/" or "/blog/"
}

// siteConfig is what config.toml is made from.
type siteConfig struct {
	title       string
	description string
	author      string
	baseURL     string
	language    string
	timeZone    string
	paginate    int
	permalink   string // geul's pattern for the posts section; "" for geul's default
}

// post is one post or plain page of the source, already in Markdown.
type post struct {
	key    string // stable id in the record: "123", "_posts/2020-01-02-a.md"
	source string // the file it came from, for messages
	page   bool   // a plain page (content/<slug>.md), not a post
	name   string // the wanted slug; the writer makes it unique

	title       string
	date        time.Time
	lastmod     time.Time
	draft       bool
	categories  []string
	tags        []string
	description string
	cover       string
	coverAlt    string         // the cover's alt text, when the source gave one
	params      map[string]any // other front matter, kept for templates

	// oldURL is the address the old blog served the post at (site-relative,
	// unescaped: "/123", "/2018/05/02/x.html"); oldAliases the others.
	oldURL     string
	oldAliases []string
	// refs are other names the source's templates use for the post:
	// Jekyll's post_url "2018-05-02-x", Hexo's post_link "x".
	refs []string

	body     string // Markdown; links to posts may be placeholders (see urls.go)
	bodyLine int    // the body's first line in source, for messages
	files    []file // the bundle's images and attachments
	// htmlSource: the body is HTML (Jekyll\'s _posts/*.html), made Markdown
	// after its template tags.
	htmlSource bool
	mediaBase  string // Chirpy's media_subpath: relative images are under it

	// Set by the writer.
	slug    string
	url     string // front matter url
	aliases []string
}

// file is a file to write: a name relative to its folder, and its bytes
// or, for a file of the source (an image), its path there: a backup of
// years of photos is read one file at a time as it is written.
type file struct {
	name string
	data []byte
	from string // path in the source; read when written
}

// bytes returns the file's contents.
func (f file) bytes(fsys fs.FS) ([]byte, error) {
	if f.from == "" {
		return f.data, nil
	}
	return fs.ReadFile(fsys, f.from)
}
