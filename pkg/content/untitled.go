package content

import (
	"bytes"
	"fmt"
	"path"
	"regexp"
	"strings"
	"time"

	"golang.org/x/text/unicode/norm"

	"github.com/geul-blog/geul/pkg/diag"
)

// untitled gives a page written without a title one, and a file with no
// front matter at all a date, with one warning saying what was made up:
// the title is the first "# heading" (taken out of the body when it is the
// body's first line, so the page does not show it twice), else the file
// name; the date is a YYYY-MM-DD- prefix of the file name, else the file's
// modification time.
func untitled(p *Page, noFrontMatter bool, opts ParseOptions) {
	if p.Title != "" && !noFrontMatter {
		return
	}
	var made []string
	if p.Title == "" {
		if title, end, first := firstHeading(p.Body); title != "" {
			p.Title = title
			made = append(made, fmt.Sprintf("title %q from its first heading", title))
			if first {
				p.BodyLine += bytes.Count(p.Body[:end], []byte("\n"))
				p.Body = p.Body[end:]
			}
		} else {
			p.Title = fileTitle(opts.File)
			made = append(made, fmt.Sprintf("title %q from its file name", p.Title))
		}
	}
	if noFrontMatter && p.Date.IsZero() {
		if d, ok := nameDate(opts.File, opts.Location); ok {
			p.Date = d
			made = append(made, "date "+d.Format("2006-01-02")+" from its file name")
		} else if !opts.ModTime.IsZero() {
			p.Date = opts.ModTime.In(locOrUTC(opts.Location)).Truncate(time.Second)
			made = append(made, "date "+p.Date.Format("2006-01-02 15:04")+" from the file's modification time")
		}
		p.DateWritten = p.Date
	}
	what := "has no title"
	if noFrontMatter {
		what = "has no front matter"
	}
	p.Warnings = append(p.Warnings, &diag.Error{Path: opts.File, Line: 1,
		Msg:  what + "; geul gave it " + strings.Join(made, " and "),
		Hint: "add front matter with title and date to choose them"})
}

// atxH1 matches a level-1 ATX heading line, without its closing #s.
var atxH1 = regexp.MustCompile(`^ {0,3}#[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$`)

// firstHeading returns the text of the first "# heading" of body outside
// fenced code, the offset just after its line, and whether only blank
// lines come before it.
func firstHeading(body []byte) (title string, end int, first bool) {
	fence := ""
	first = true
	for off := 0; off < len(body); {
		line, _, _ := bytes.Cut(body[off:], []byte("\n"))
		next := min(off+len(line)+1, len(body))
		t := strings.TrimSpace(string(line))
		switch {
		case fence != "":
			if strings.HasPrefix(t, fence) {
				fence = ""
			}
		case strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~"):
			fence = t[:3]
		default:
			if m := atxH1.FindStringSubmatch(string(line)); m != nil && m[1] != "" {
				return plainHeading(m[1]), next, first
			}
		}
		if t != "" {
			first = false
		}
		off = next
	}
	return "", 0, false
}

// plainHeading drops the simplest inline Markdown from a heading's text.
func plainHeading(s string) string {
	s = strings.NewReplacer("**", "", "__", "", "`", "").Replace(s)
	return strings.TrimSpace(s)
}

// fileTitle is the title made of a file's name: the bundle's folder for an
// index.md, without a date prefix, "-" and "_" as spaces, in NFC.
func fileTitle(file string) string {
	name := path.Base(file)
	name = strings.TrimSuffix(name, path.Ext(name))
	if strings.EqualFold(name, "index") && path.Dir(file) != "." {
		name = path.Base(path.Dir(file))
	}
	if datePrefix.MatchString(name) && len(name) > 11 {
		name = name[11:]
	}
	name = strings.NewReplacer("-", " ", "_", " ").Replace(name)
	return norm.NFC.String(strings.TrimSpace(name))
}

// datePrefix matches a file name that starts with YYYY-MM-DD-.
var datePrefix = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}-`)

// nameDate reads the YYYY-MM-DD- prefix of a file's name.
func nameDate(file string, loc *time.Location) (time.Time, bool) {
	name := path.Base(file)
	if strings.EqualFold(strings.TrimSuffix(name, path.Ext(name)), "index") {
		name = path.Base(path.Dir(file))
	}
	if !datePrefix.MatchString(name) {
		return time.Time{}, false
	}
	t, err := time.ParseInLocation("2006-01-02", name[:10], locOrUTC(loc))
	return t, err == nil
}

func locOrUTC(loc *time.Location) *time.Location {
	if loc == nil {
		return time.UTC
	}
	return loc
}
