package content

import (
	"strings"
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	seoul := mustLoad(t, "Asia/Seoul")
	tests := []struct {
		in   string
		loc  *time.Location
		want string // RFC 3339 with nanoseconds; "" for an error
	}{
		{"2024-05-31", seoul, "2024-05-31T00:00:00+09:00"},
		{"2024-05-31 21:30", seoul, "2024-05-31T21:30:00+09:00"},
		{"2024-05-31 21:30:15", seoul, "2024-05-31T21:30:15+09:00"},
		{"2024-05-31T21:30", seoul, "2024-05-31T21:30:00+09:00"},
		{"2024-05-31T21:30:15", seoul, "2024-05-31T21:30:15+09:00"},
		{"2024-05-31T21:30:15.25", seoul, "2024-05-31T21:30:15.25+09:00"},
		{"  2024-05-31  ", seoul, "2024-05-31T00:00:00+09:00"},
		{"2024-5-3", seoul, "2024-05-03T00:00:00+09:00"},
		// A zone in the text wins over loc.
		{"2024-05-31T21:30:00+09:00", time.UTC, "2024-05-31T21:30:00+09:00"},
		{"2024-05-31T12:30:00Z", seoul, "2024-05-31T12:30:00Z"},
		{"2024-05-31t12:30:00z", seoul, "2024-05-31T12:30:00Z"},
		{"2024-05-31T21:30:00.5-07:00", seoul, "2024-05-31T21:30:00.5-07:00"},
		{"2024-05-31 21:30:00+09:00", time.UTC, "2024-05-31T21:30:00+09:00"},
		{"2024-05-31 21:30:00 +09:00", time.UTC, "2024-05-31T21:30:00+09:00"},
		// Hugo's other forms.
		{"2025-08-03 17:30:00 +0900", time.UTC, "2025-08-03T17:30:00+09:00"},
		{"2025-08-03 17:30:00.123 +0900", time.UTC, "2025-08-03T17:30:00.123+09:00"},
		{"2025-08-03T17:30:00-0700", time.UTC, "2025-08-03T17:30:00-07:00"},
		{"2025-08-03 17:30:00.123456789 +0900 KST", time.UTC, "2025-08-03T17:30:00.123456789+09:00"},
		{"Sun, 03 Aug 2025 17:30:00 +0900", time.UTC, "2025-08-03T17:30:00+09:00"},
		{"03 Aug 2025", seoul, "2025-08-03T00:00:00+09:00"},
		{"August 3, 2025", seoul, "2025-08-03T00:00:00+09:00"},
		// No location: UTC.
		{"2024-05-31 21:30", nil, "2024-05-31T21:30:00Z"},
		// Daylight saving time is the location's business.
		{"2024-07-01 12:00", mustLoad(t, "America/New_York"), "2024-07-01T12:00:00-04:00"},
		{"2024-01-01 12:00", mustLoad(t, "America/New_York"), "2024-01-01T12:00:00-05:00"},

		{"", seoul, ""},
		{"2024/05/31", seoul, ""},
		{"2024-13-01", seoul, ""},
		{"2024-02-30", seoul, ""},
		{"2024-05-31T25:00", seoul, ""},
		{"5월 31일", seoul, ""},
		{"31.05.2024", seoul, ""},
		{"2024-05-31 오후 9:30", seoul, ""},
		{"2024-05-31T21:30:00+25:00", seoul, ""},
	}
	for _, tt := range tests {
		got, err := ParseDate(tt.in, tt.loc)
		if tt.want == "" {
			if err == nil {
				t.Errorf("ParseDate(%q) = %v, want an error", tt.in, got)
			} else if !strings.Contains(err.Error(), DateFormats) {
				t.Errorf("ParseDate(%q) error %q does not list the formats", tt.in, err)
			}
			continue
		}
		if err != nil {
			t.Errorf("ParseDate(%q): %v", tt.in, err)
			continue
		}
		if s := got.Format(time.RFC3339Nano); s != tt.want {
			t.Errorf("ParseDate(%q) = %s, want %s", tt.in, s, tt.want)
		}
	}
}

func mustLoad(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}
