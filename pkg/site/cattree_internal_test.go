package site

import (
	"slices"
	"testing"

	"golang.org/x/text/unicode/norm"
)

func TestSplitCategory(t *testing.T) {
	nfd := norm.NFD.String("개발")
	for _, c := range []struct {
		in     string
		levels []string
		empty  bool
	}{
		{"개발/Go", []string{"개발", "Go"}, false},
		{" 개발 /  Go ", []string{"개발", "Go"}, false},
		{"개발 > Go", []string{"개발", "Go"}, false},            // YAML's form
		{"개발 > Go/동시성", []string{"개발", "Go", "동시성"}, false}, // both at once
		{"개발\t>\tGo", []string{"개발", "Go"}, false},
		{"개발>Go", []string{"개발>Go"}, false}, // no spaces: part of the name
		{"C->D", []string{"C->D"}, false},
		{"<b>분류</b>", []string{"<b>분류<", "b>"}, false}, // the "/" of a tag splits it
		{"개발//Go", []string{"개발", "Go"}, true},
		{"/개발", []string{"개발"}, true},
		{"개발/", []string{"개발"}, true},
		{"/", nil, true},
		{" ", nil, true},
		{"TCP／IP", []string{"TCP／IP"}, false}, // the fullwidth slash is a name's
		{nfd + "/Go", []string{nfd, "Go"}, false},
		{"여행 ✈️", []string{"여행 ✈️"}, false},
	} {
		levels, empty := splitCategory(c.in)
		if !slices.Equal(levels, c.levels) || empty != c.empty {
			t.Errorf("splitCategory(%q) = %q, %v; want %q, %v", c.in, levels, empty, c.levels, c.empty)
		}
	}
	// NFD (macOS) and NFC, and case and spacing, are one category.
	if a, b := categoryKey([]string{nfd, "Go"}), categoryKey([]string{"개발", "go"}); a != b {
		t.Errorf("categoryKey: %q != %q", a, b)
	}
}
