package romanize

import (
	"testing"

	"golang.org/x/text/unicode/norm"
)

func TestString(t *testing.T) {
	tests := []struct{ in, want string }{
		{"23년 6월 회고", "23nyeon 6wol hoego"},
		{"회고", "hoego"},
		{"한글", "hangeul"},
		{"서울", "seoul"},
		{"부산", "busan"},
		{"제주도", "jejudo"},
		{"대관령", "daegwallyeong"}, // ㄴ+ㄹ → ll
		{"신라", "silla"},
		{"설날", "seollal"},    // ㄹ+ㄴ → ll
		{"종로", "jongno"},     // ㅇ+ㄹ → ng n
		{"백리", "baengni"},    // ㄱ+ㄹ → ng n
		{"협력", "hyeomnyeok"}, // ㅂ+ㄹ → m n
		{"국물", "gungmul"},    // ㄱ+ㅁ → ng m
		{"앞마당", "ammadang"},  // ㅍ+ㅁ → m m
		{"한국어", "hangugeo"},  // liaison
		{"읽어", "ilgeo"},      // ㄺ: ㄹ stays, ㄱ moves
		{"없어", "eopseo"},     // ㅄ: ㅂ stays, ㅅ moves
		{"좋아", "joa"},        // ㅎ is silent before a vowel
		{"많아", "mana"},
		{"좋고", "joko"},       // ㅎ aspirates ㄱ
		{"축하", "chukha"},     // ㅎ after ㄱ kept, as in nouns
		{"압구정", "apgujeong"}, // tensing not written
		{"울산", "ulsan"},
		{"라면", "ramyeon"},
		{"의사", "uisa"},
		{"왜", "wae"},
		{"닭", "dak"},
		{"값", "gap"},
		{"꽃", "kkot"},
		{"AWS 계정 이전", "AWS gyejeong ijeon"},
		{"🔥 불", "🔥 bul"},
		{"ㅋㅋ", "ㅋㅋ"}, // lone jamo are kept
		{"", ""},
		{norm.NFD.String("한국어 회고"), "hangugeo hoego"}, // macOS file names
	}
	for _, tt := range tests {
		if got := String(tt.in); got != tt.want {
			t.Errorf("String(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
