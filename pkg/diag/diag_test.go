package diag

import (
	"errors"
	"testing"
)

func TestErrorFormat(t *testing.T) {
	tests := []struct {
		err  *Error
		want string
	}{
		{&Error{Path: "content/a.md", Line: 3, Col: 1, Msg: "bad", Hint: "fix it"}, "content/a.md:3:1: bad; fix it"},
		{&Error{Path: "content/가.md", Line: 2, Msg: "bad"}, "content/가.md:2: bad"},
		{&Error{Path: "config.toml", Msg: "bad"}, "config.toml: bad"},
		{&Error{Msg: "bad"}, "bad"},
		{Errorf("a.md", 0, "x %d", 1).WithHint("y"), "a.md: x 1; y"},
		{Errorf("content/\x1b[31m빨강.md", 2, "bad"), `"content/\x1b[31m빨강.md":2: bad`},
		{Errorf("content/a\nb.md", 0, "bad"), `"content/a\nb.md": bad`},
		{Errorf(QuotePath("content/a\nb.md"), 0, "quoted once"), `"content/a\nb.md": quoted once`},
		{Errorf("content/서버 장애 🧯.md", 1, "bad"), `content/서버 장애 🧯.md:1: bad`},
		{&Error{Path: "content", Msg: "open content/\x1b[2J\n.md: permission denied", Hint: "a\u202eb \xff �"},
			`content: open content/\x1b[2J\n.md: permission denied; a\u202eb \xff �`},
	}
	for _, tt := range tests {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("got %q, want %q", got, tt.want)
		}
	}
}

func TestListSortsAndFlattens(t *testing.T) {
	var l List
	l.Add(nil)
	l.Add(Errorf("b.md", 1, "b"))
	l.Add(List{Errorf("a.md", 9, "a9"), Errorf("a.md", 2, "a2")})
	l.Add(errors.New("plain"))
	err := l.Err()
	want := "plain\na.md:2: a2\na.md:9: a9\nb.md:1: b"
	if err == nil || err.Error() != want {
		t.Fatalf("got %v, want %q", err, want)
	}
	if n := len(Errors(err)); n != 4 {
		t.Fatalf("Errors: got %d, want 4", n)
	}
	if (List{}).Err() != nil {
		t.Fatal("empty list should be nil error")
	}
}
