// Package webcheck checks the built example blog with the web's own tools:
// the Nu Html Checker (vnu) reads every generated HTML page, and axe-core,
// run inside headless Chromium, looks for accessibility problems in light
// and dark mode. Its tests build the example blog at the repository root
// (config.toml and content/) with pkg/site and check what a reader would get.
//
// The tools come from outside Go: Java and Chromium from the system, vnu-jar
// and axe-core from npm, installed by scripts/install-webcheck.sh into
// scripts/webcheck/node_modules. Without them the tests skip, unless
// GEUL_REQUIRE_WEBCHECK=1 is set, when they fail.
//
// The helpers are exported for scripts/screenshots, which drives the same
// browser. webcheck imports pkg/site and chromedp; nothing in geul imports it.
package webcheck
