// Package slug makes the slug of a new post from its title, in the style
// the site's config asks for (slugStyle):
//
//	"" or "hangul"  "23년 6월 회고" → "23년-6월-회고" (words.Slug: every script kept)
//	"romanized"     "23년 6월 회고" → "23nyeon-6wol-hoego" (Revised Romanization)
//	"date"          "23년 6월 회고" → "2023-06-30" (the post's date)
package slug

import (
	"fmt"
	"time"

	"github.com/geul-blog/geul/pkg/slug/romanize"
	"github.com/geul-blog/geul/pkg/words"
)

// Styles lists the values slugStyle accepts.
var Styles = []string{"hangul", "romanized", "date"}

// Check says what is wrong with a slugStyle value.
func Check(style string) error {
	switch style {
	case "", "hangul", "romanized", "date":
		return nil
	}
	return fmt.Errorf(`unknown slugStyle %q; use "hangul" (the default), "romanized" or "date"`, style)
}

// Make returns the slug of a post titled title, dated date, in style. It
// is "" when the title has no letter or digit (the caller picks a
// fallback).
func Make(title, style string, date time.Time) string {
	switch style {
	case "romanized":
		return words.Slug(romanize.String(title))
	case "date":
		return date.Format("2006-01-02")
	}
	return words.Slug(title)
}
