// Package site builds a site: it loads config.toml, content/ and the
// theme, assembles the model templates see, plans one job per HTML page
// with a fingerprint of everything the page shows, and renders the jobs
// whose fingerprint changed into an output.Output.
//
// Builder.Build builds everything (geul build, and geul serve's first
// build). Each successful build ends in a snapshot (its output, the
// fingerprint of each output, its model and jobs), and
// Builder.Rebuild(Changes) starts from the last one: geul serve's
// rebuilds re-render only the pages the changed files touch. With
// WithCache, the next process starts from the last one's rendered
// Markdown and written files too.
//
// A build's steps, in order (docs/architecture.md follows them with the
// functions' names):
//
//	changes.go           the changed files, sorted by kind once (ClassifyChanges)
//	builder.go, load.go  load: read the sources (loadAll, or loadChanged → contentDiff)
//	snapshot.go          the pipeline: build → model → plan → render → snapshot
//	model.go             assemble the model: pages, sections, taxonomies (assemble)
//	permalink.go, urls.go  give every page its URL and claim every output path
//	render.go            the jobs (jobs) and their rendering (renderJobs, execute)
//	fingerprints.go      every fingerprint: what a rebuild reuses, and why it may
//	links.go             check that every link and image of a page leads somewhere (refProblems)
//	feeds.go, sitemap.go, redirects.go, search.go  the other outputs
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
//   - Changes: the changed files of a Rebuild by kind (config, layouts,
//     theme, i18n, static, content). Changes.Looks ones reload everything.
//   - contentDiff: what loadChanged found re-reading content files. edits
//     are published pages whose body alone changed; reshaped is any other
//     change, after which the model is assembled again.
//   - state: one build's model (model.go): published pages, posts,
//     sections, taxonomies, the files of content/, the URLs claimed, chrome,
//     and the per-page fingerprints listFP and shapeFP.
//   - job: one HTML page to render (render.go): its output path, layout,
//     view, the pages it shows (deps) and its fingerprint fp.
//   - plan: a model and its jobs, fingerprinted (snapshot.go); pass: a plan
//     on its way to render, with its dirty jobs (all of them, or after a
//     body edit those that show an edited body).
//   - snapshot: one successful build: its Output, fps and plan. The
//     Builder keeps the last one (prev) and nothing else of a build.
//   - fingerprint: a 64-bit hash of everything an output is made from; an
//     output whose fingerprint is unchanged is not rendered again. Every
//     kind is listed in fingerprints.go: looksFP, chrome, listFP, shapeFP,
//     scFP, job fp, the feeds', the sitemap's, the search index's.
//   - fps: output path → the fingerprint it was last rendered from (in the
//     snapshot, and in the cache index for the next process).
//   - shallow: a layout (or a job of it) that shows nothing of a post's
//     body, so its deps count by their shapeFP, not their listFP.
//   - overlay: a body edit's Output: the last one with the re-rendered
//     files laid over it, the rest shared.
//   - loaded / kept: the Builder's two other values: what the load step
//     read, and what lives across builds (rendered Markdown, the image
//     processor, the search index, slug tables, rels).
//   - rels: each published page's output folder, kept across rebuilds so
//     that a page keeps its URL while the site keeps its shape.
//   - rendered: the rendered Markdown of each source, by path, in memory
//     or in the build cache (onDisk).
package site
