package corpus

import (
	"strings"
	"testing"
)

func TestParticles(t *testing.T) {
	for _, c := range []struct{ got, want string }{
		{ko("장애").subj(), "장애가"},
		{ko("서버").obj(), "서버를"},
		{ko("회고").topic(), "회고는"},
		{ko("인증서").and(), "인증서와"},
		{ko("출근길").obj(), "출근길을"},
		{ko("출근길").toward(), "출근길로"}, // ㄹ takes 로
		{ko("도서관").toward(), "도서관으로"},
		{ko("제주").toward(), "제주로"},
		{ko("함께 자라기").with("『함께 자라기』").obj(), "『함께 자라기』를"},
		{en("Terraform", true).obj(), "Terraform을"},
		{en("AWS", false).subj(), "AWS가"},
		{ko("API").topic(), "API는"}, // not Hangul: read as ending in a vowel
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}

func TestTOMLString(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"[23년 5월 회고] 힘들었고", `"[23년 5월 회고] 힘들었고"`},
		{`"따옴표"와 \ 역슬래시`, `"\"따옴표\"와 \\ 역슬래시"`},
		{"탭\t줄\n", `"탭\u0009줄\u000A"`},
		{"러닝 🏃‍♂️ ⏸️", "\"러닝 🏃\u200d♂\ufe0f ⏸\ufe0f\""}, // ZWJ and VS16 kept as they are
	} {
		if got := tomlString(c.in); got != c.want {
			t.Errorf("tomlString(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestBody(t *testing.T) {
	for _, c := range []struct{ name, in, want string }{
		{"toml", "+++\ntitle = \"가\"\n+++\n## 본문\n", "## 본문\n"},
		{"yaml", "---\ntitle: 가\n---\n본문\n", "본문\n"},
		{"empty toml", "+++\n+++\n본문\n", "본문\n"},
		{"none", "## 바로 본문\n", "## 바로 본문\n"},
		{"unclosed", "+++\ntitle = \"가\"\n본문\n", "+++\ntitle = \"가\"\n본문\n"},
		{"rule later", "본문\n---\n더\n---\n", "본문\n---\n더\n---\n"},
	} {
		if got := string(body([]byte(c.in))); got != c.want {
			t.Errorf("%s: body = %q, want %q", c.name, got, c.want)
		}
	}
}

// FuzzBody: body never panics and returns a suffix of its input.
func FuzzBody(f *testing.F) {
	f.Add([]byte("+++\ntitle = \"가\"\n+++\n본문\n"))
	f.Add([]byte("---\n---\n"))
	f.Add([]byte("+++\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		if got := body(src); !strings.HasSuffix(string(src), string(got)) {
			t.Errorf("body(%q) = %q, not a suffix", src, got)
		}
	})
}

func TestRNGStreams(t *testing.T) {
	// splitmix64's reference output for state 0 (Vigna's splitmix64.c).
	r := &rng{}
	if got := r.next(); got != 0xe220a8397b1dcdaf {
		t.Errorf("first splitmix64 value = %#x, want 0xe220a8397b1dcdaf", got)
	}
	a, b := postRNG(7), postRNG(7)
	for range 100 {
		if a.next() != b.next() {
			t.Fatal("two generators for post 7 differ")
		}
	}
	if postRNG(7).next() == postRNG(8).next() {
		t.Error("posts 7 and 8 start alike")
	}
	seen := map[int]bool{}
	for range 1000 {
		v := r.rangeIn(3, 6)
		if v < 3 || v > 6 {
			t.Fatalf("rangeIn(3, 6) = %d", v)
		}
		seen[v] = true
	}
	if len(seen) != 4 {
		t.Errorf("rangeIn(3, 6) gave only %v", seen)
	}
}
