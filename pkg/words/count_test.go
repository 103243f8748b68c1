package words

import (
	"strings"
	"testing"
)

func TestCount(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{"", 0},
		{"   \n\t ", 0},
		{"Hello, world!", 2},
		{"서버를 옮겼다", 2},
		{"AWS 계정을 이전하고 Terraform으로 관리했다.", 5},
		{"AWS의", 1},
		{"👍👍👍 — 😄", 0},
		{"정말 좋았다 👍👍👍", 2},
		{"東京に行く", 5},
		{"Go言語", 3},
		{"well-known e.g. 2023", 3},
		{"Привет мир", 2},
		{"\u1109\u1165\u1107\u1165 \u110c\u1161\u11bc\u110b\u1162", 2}, // NFD Hangul is still Hangul
	}
	for _, tt := range tests {
		if got := Count(tt.in); got != tt.want {
			t.Errorf("Count(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
}

func TestReadingTime(t *testing.T) {
	repeat := func(s string, n int) string {
		b := make([]byte, 0, len(s)*n)
		for range n {
			b = append(b, s...)
		}
		return string(b)
	}
	tests := []struct {
		name string
		in   string
		want int
	}{
		{"empty is at least a minute", "", 1},
		{"one word", "hello", 1},
		{"440 English words", repeat("word ", 440), 2},
		{"1500 Hangul syllables", repeat("가나다 ", 500), 3},
		{"1000 Han characters", repeat("漢字", 500), 2},
		// 500 syllables (1 min) + 220 words (1 min) + 500 kana (1 min).
		{"mixed adds up", repeat("가 ", 500) + repeat("word ", 220) + repeat("か", 500), 3},
		{"rounds to nearest", repeat("word ", 300), 1},
	}
	for _, tt := range tests {
		if got := ReadingTime(tt.in); got != tt.want {
			t.Errorf("%s: ReadingTime = %d, want %d", tt.name, got, tt.want)
		}
	}
}

func TestCountAndReadingTime(t *testing.T) {
	for _, text := range []string{
		"", "서버를 옮겼다", "AWS의 Terraform 설정 🔥", "漢字とかなカナ", "tab\tand\u00a0nbsp\u3000全角 space\u0085nel",
		"ㄱㄴㄷ 자모만", strings.Repeat("가나다 abc 123 ", 700),
	} {
		words, minutes := CountAndReadingTime(text)
		if words != Count(text) || minutes != ReadingTime(text) {
			t.Errorf("CountAndReadingTime(%q) = %d, %d; Count and ReadingTime say %d, %d", text, words, minutes, Count(text), ReadingTime(text))
		}
	}
	// A space that is not ASCII ends a word too.
	for _, text := range []string{"가\u00a0나", "가\u3000나", "a\u2003b"} {
		if got := Count(text); got != 2 {
			t.Errorf("Count(%q) = %d, want 2", text, got)
		}
	}
}
