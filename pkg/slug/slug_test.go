package slug

import (
	"testing"
	"time"
)

func TestMake(t *testing.T) {
	date := time.Date(2023, 6, 30, 21, 0, 0, 0, time.UTC)
	tests := []struct{ title, style, want string }{
		{"23년 6월 회고", "", "23년-6월-회고"},
		{"23년 6월 회고", "hangul", "23년-6월-회고"},
		{"23년 6월 회고", "romanized", "23nyeon-6wol-hoego"},
		{"23년 6월 회고", "date", "2023-06-30"},
		{"AWS 계정 이전 🖥️", "romanized", "aws-gyejeong-ijeon"},
		{"🔥", "", ""},
	}
	for _, tt := range tests {
		if got := Make(tt.title, tt.style, date); got != tt.want {
			t.Errorf("Make(%q, %q) = %q, want %q", tt.title, tt.style, got, tt.want)
		}
	}
	if Check("romanised") == nil || Check("date") != nil {
		t.Error("Check accepts a wrong style or refuses a right one")
	}
}
