// Package site builds a site: it loads config.toml, content/ and the
// theme, assembles the model templates see, plans one job per HTML page
// with a fingerprint of everything the page shows, and renders the jobs
// whose fingerprint changed into an output.Output. A Builder keeps what it
// loaded and rendered, so that Build with the list of changed files (geul
// serve) re-renders only the pages those files touch, and with WithCache
// (geul build) so does the next process.
//
// The stages, in order (docs/architecture.md follows them step by step):
//
//	load.go, builder.go  read the sources (loadAll, loadChanged)
//	model.go             assemble the model: pages, sections, taxonomies (assemble)
//	permalink.go, urls.go  give every page its URL and claim every output path
//	render.go            plan the jobs (jobs), fingerprint them, render them (renderJobs)
//	links.go             check that every link and image of a page leads somewhere (refProblems)
//	feeds.go, search.go  the feeds, sitemap, robots.txt and search index
//	cache.go             the adapter to pkg/buildcache: rendered Markdown and written outputs
//
// Publishing is pkg/output's (WriteDir); the cache's file format is
// pkg/buildcache's. This package must not import the packages above it:
// pkg/cli, pkg/server, pkg/sitetest, pkg/webcheck, pkg/chromium.
//
// # Glossary
//
// The private vocabulary of the package:
//
//   - state: one build's model (model.go): published pages, posts,
//     sections, taxonomies, the files of content/, the URLs claimed, and the
//     per-page fingerprints listFP and shapeFP.
//   - job: one HTML page to render (render.go): its output path, layout,
//     view, the pages it shows (deps) and its fingerprint fp.
//   - fingerprint: a 64-bit hash of everything an output is made from; an
//     output whose fingerprint is unchanged is not rendered again.
//   - fps: output path → the fingerprint it was last rendered from (on the
//     Builder, and in the cache index for the next process).
//   - looksFP: fingerprint of config.toml, layouts/, i18n/ and the theme's
//     folder: what every page looks like. When it changes, every page does.
//   - chrome: fingerprint of what every page shows of the site (menus,
//     title, assets, minification), worked out once per build.
//   - listFP: what a list (home, section, term, archive) shows of one page,
//     body-derived parts (summary, reading time) included.
//   - shapeFP: listFP without what comes from the body: a page's shape.
//   - shallow: a layout (or a job of it) that shows nothing of a post's
//     body, so its deps count by their shapeFP, not their listFP.
//   - edits / reshaped: what loadChanged found. edits are pages whose body
//     alone changed (the fast path re-renders the jobs that show them);
//     reshaped is any other change, which re-plans every job.
//   - rels: each published page's output folder, kept across rebuilds so
//     that a page keeps its URL while the site keeps its shape.
//   - last: the model and jobs of the last successful build, which the
//     body-edit fast path starts from.
//   - rendered: the rendered Markdown of each source, by path, in memory
//     or in the build cache (onDisk).
package site
