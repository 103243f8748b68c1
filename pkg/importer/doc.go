// Package importer moves a blog from another platform into a geul site:
// a Tistory backup (the zip or its folder), a Jekyll site or a Hexo site
// becomes config.toml, page bundles content/posts/<slug>/index.md with
// their images beside them, and static files.
//
// Every source is read into the same model (a Site with Posts), then one
// writer puts it on disk:
//
//   - tistory.go, tistoryhtml.go read a backup and turn the editor's HTML
//     into Markdown (github.com/JohannesKaufmann/html-to-markdown/v2 with
//     rules for Tistory's markup);
//   - jekyll.go, hexo.go read a generator's site; liquid.go rewrites the
//     template tags both use, kramdown.go Jekyll's attribute lists;
//   - urls.go keeps old addresses (url, aliases) and turns links to the
//     old blog's own posts into relative .md links;
//   - write.go writes the site and keeps a record of what it wrote in
//     .geul/import.json, so a second run skips what was imported and a
//     file edited after import is never overwritten;
//   - report.go counts what came over and lists every problem.
//
// Nothing here imports the site builder: the result is plain files that
// `geul build` reads like any other site.
package importer
