// Package content reads a site's Markdown files into Pages: it splits off
// the front matter (TOML between +++ lines or YAML between --- lines),
// checks its fields, and keeps the body for pkg/markdown to render.
//
// It also holds the data model templates see (model.go). It imports only
// pkg/config and pkg/diag from geul, never pkg/markdown, pkg/theme or
// pkg/site: those build on it.
package content
