package content

import (
	"fmt"
	"strings"
	"time"
)

// DateFormats describes, for error hints, the date formats ParseDate accepts.
const DateFormats = "2024-05-31, 2024-05-31 21:30, 2024-05-31 21:30:00 or 2024-05-31T21:30:00+09:00; " +
	"without a zone the site's timeZone is used"

// Layouts with a zone, tried first. "2006-1-2" also reads "2024-05-31": a
// one-digit layout field accepts two digits, and time.Parse takes fractional
// seconds after the seconds field even when the layout has none.
var zonedLayouts = []string{
	time.RFC3339,
	"2006-1-2T15:04:05Z07:00",
	"2006-1-2 15:04:05Z07:00",
	"2006-1-2 15:04:05 Z07:00",
	"2006-1-2T15:04Z07:00",
	"2006-1-2 15:04Z07:00",
	// Forms Hugo also reads: "2025-08-03 17:30:00 +0900", Go's own
	// time.String() form, and the RFC 1123 / 822 forms of old exporters.
	"2006-1-2 15:04:05 -0700",
	"2006-1-2T15:04:05-0700",
	"2006-1-2 15:04:05-0700",
	"2006-1-2 15:04 -0700",
	"2006-1-2 15:04:05 -0700 MST",
	time.RFC1123Z,
	time.RFC1123,
	time.RFC822Z,
	time.RFC850,
}

// Layouts without a zone; the date is read in the caller's location.
var localLayouts = []string{
	"2006-1-2",
	"2006-1-2 15:04",
	"2006-1-2 15:04:05",
	"2006-1-2T15:04",
	"2006-1-2T15:04:05",
	"02 Jan 2006",
	"Jan 2, 2006",
	"January 2, 2006",
}

// ParseDate reads a front matter date: RFC 3339 ("2024-05-31T21:30:00+09:00",
// "…Z"), or "2024-05-31", "2024-05-31 21:30", "2024-05-31 21:30:00",
// "2024-05-31T21:30" and "2024-05-31T21:30:00" in loc (UTC when loc is nil).
// Lower-case "t" and "z" are accepted as in RFC 3339.
func ParseDate(s string, loc *time.Location) (time.Time, error) {
	if loc == nil {
		loc = time.UTC
	}
	v := strings.TrimSpace(s)
	// Upper case for RFC 3339's "t" and "z"; month names as written.
	for _, w := range []string{strings.ToUpper(v), v} {
		for _, layout := range zonedLayouts {
			if t, err := time.Parse(layout, w); err == nil {
				return t, nil
			}
		}
		for _, layout := range localLayouts {
			if t, err := time.ParseInLocation(layout, w, loc); err == nil {
				return t, nil
			}
		}
	}
	return time.Time{}, fmt.Errorf("%q is not a date; write it as %s", s, DateFormats)
}

// The zones BurntSushi/toml gives the TOML types without an offset (see its
// internal/tz.go). They are read again in the site's location.
const (
	tomlLocalDatetime = "datetime-local"
	tomlLocalDate     = "date-local"
	tomlLocalTime     = "time-local"
)

// tomlTime returns t read in loc when TOML wrote it without an offset, and
// false for a time of day with no date.
func tomlTime(t time.Time, loc *time.Location) (time.Time, bool) {
	switch t.Location().String() {
	case tomlLocalTime:
		return time.Time{}, false
	case tomlLocalDatetime, tomlLocalDate:
		return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), loc), true
	}
	return t, true
}
