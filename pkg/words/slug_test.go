package words

import (
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestSlug(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"[서버 장애 🧯]", "서버-장애"},
		{"AWS 계정 이전 및 Terraform 🖥️", "aws-계정-이전-및-terraform"},
		{"Hello, World!", "hello-world"},
		{"🏃‍♂️", ""},
		{"[내가 매니징하던 프로젝트가 끝이 났다 🏃‍♂️]", "내가-매니징하던-프로젝트가-끝이-났다"},
		{"[휴식 ⏸️]", "휴식"},
		{"[메모어 종료 📕]", "메모어-종료"},
		{"[23년 5월 회고] 힘들었고, 즐거웠고, 많이 성장했다.", "23년-5월-회고-힘들었고-즐거웠고-많이-성장했다"},
		// macOS writes Hangul file names in NFD: same slug as NFC.
		{"\u1109\u1165\u1107\u1165 \u110c\u1161\u11bc\u110b\u1162", "서버-장애"},
		{"東京タワーへ行く", "東京タワーへ行く"},
		{"コーヒー・ブレイク", "コーヒー-ブレイク"},
		{"Привет, Мир", "привет-мир"},
		{"Crème Brûlée", "crème-brûlée"},
		{"हिन्दी भाषा", "हिन्दी-भाषा"},
		{"snake_case and kebab-case", "snake_case-and-kebab-case"},
		{"  --a -- b--  ", "a-b"},
		{"don't stop", "dont-stop"},
		{"3~5일 휴가", "3-5일-휴가"},
		{"C++ 입문", "c-입문"},
		{"©2023 geul™", "2023-geul"},
		{"👍🏽 좋아요", "좋아요"},
		{"🇰🇷 한국", "한국"},
		{"1️⃣ 첫째", "첫째"},
		{"#️⃣ 해시 1", "해시-1"},
		{"a\u200db\u200cc", "abc"},
		{"soft\u00adhyphen", "softhyphen"},
		{"서울·부산", "서울-부산"},
		{"「인용」", "인용"},
		{"tab\tand\nnewline", "tab-and-newline"},
		{"", ""},
		{"---", ""},
		{"!!!", ""},
		{"ÀÉÎ", "àéî"},
		{"Straße", "straße"},
		{"v1.2.3", "v1-2-3"},
	}
	for _, tt := range tests {
		if got := Slug(tt.in); got != tt.want {
			t.Errorf("Slug(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func FuzzSlug(f *testing.F) {
	for _, s := range []string{"[서버 장애 🧯]", "Hello, World!", "🏃‍♂️", "e\ufe0f\u0301", "1️⃣", "서버"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		got := Slug(s)
		if !utf8.ValidString(got) {
			t.Fatalf("Slug(%q) = %q: invalid UTF-8", s, got)
		}
		if again := Slug(got); again != got {
			t.Fatalf("Slug(%q) = %q, but Slug(%q) = %q", s, got, got, again)
		}
		if len(got) > 0 && (got[0] == '-' || got[len(got)-1] == '-') {
			t.Fatalf("Slug(%q) = %q: dash at an end", s, got)
		}
		for _, r := range got {
			if !(unicode.IsLetter(r) || unicode.IsNumber(r) || r == '_' || r == '-' || unicode.In(r, unicode.Mn, unicode.Mc)) {
				t.Fatalf("Slug(%q) = %q: has %U", s, got, r)
			}
		}
	})
}

func BenchmarkSlug(b *testing.B) {
	for b.Loop() {
		Slug("[AWS 계정 이전 및 Terraform 🖥️]")
	}
}
