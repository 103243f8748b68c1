package words

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestTruncate(t *testing.T) {
	tests := []struct {
		in   string
		n    int
		want string
	}{
		{"short", 10, "short"},
		{"exactly ten", 11, "exactly ten"},
		{"", 0, ""},
		{"Hello brave new world", 13, "Hello brave…"},
		{"Hello brave new world", 11, "Hello brave…"}, // cut falls at a word end
		{"Hello brave new world", 12, "Hello brave…"},
		{"Supercalifragilistic expialidocious", 10, "Supercalif…"}, // no space in reach: cut a character boundary
		{"서버 장애가 발생했다 새벽 세 시에", 9, "서버 장애가…"},
		{"東京タワーへ行きました", 5, "東京タワー…"},
		{"달리기 🏃‍♂️🏃‍♂️🏃‍♂️", 9, "달리기 🏃‍♂️…"}, // 🏃‍♂️ is 4 runes, kept whole
		{"🏃‍♂️🏃‍♂️", 6, "🏃‍♂️…"},
		{"🏃‍♂️", 3, "…"},                                 // one cluster longer than n
		{"🇰🇷🇯🇵🇺🇸", 3, "🇰🇷…"},                             // regional indicator pairs stay together
		{"👍🏽👍🏽👍🏽", 3, "👍🏽…"},                             // skin tone stays with its emoji
		{"\u1109\u1165\u1107\u1165", 3, "\u1109\u1165…"}, // NFD syllables are not split
		{"e\u0301e\u0301e\u0301", 3, "e\u0301…"},         // combining marks stay
		{"휴식 ⏸️ 끝", 5, "휴식 ⏸️…"},
		{"휴식 ⏸️ 끝", 4, "휴식…"},
		{"abc def", 0, "…"},
		{"abc def", -3, "…"},
		{"one two\n\nthree four", 9, "one two…"},
	}
	for _, tt := range tests {
		if got := Truncate(tt.in, tt.n); got != tt.want {
			t.Errorf("Truncate(%q, %d) = %q, want %q", tt.in, tt.n, got, tt.want)
		}
	}
}

func FuzzTruncate(f *testing.F) {
	f.Add("서버 장애가 발생했다", 5)
	f.Add("🏃‍♂️🏃‍♂️🏃‍♂️", 5)
	f.Add("Hello brave new world", 12)
	f.Add("🇰🇷🇯🇵", 1)
	f.Fuzz(func(t *testing.T, s string, n int) {
		if !utf8.ValidString(s) {
			return
		}
		n %= 1000
		got := Truncate(s, n)
		if !utf8.ValidString(got) {
			t.Fatalf("Truncate(%q, %d) = %q: invalid UTF-8", s, n, got)
		}
		if got == s {
			return
		}
		if utf8.RuneCountInString(got) > max(n, 0)+1 {
			t.Fatalf("Truncate(%q, %d) = %q: longer than n+1 runes", s, n, got)
		}
		body, ok := strings.CutSuffix(got, Ellipsis)
		if !ok || !strings.HasPrefix(s, body) {
			t.Fatalf("Truncate(%q, %d) = %q: not a prefix of s plus %q", s, n, got, Ellipsis)
		}
	})
}
