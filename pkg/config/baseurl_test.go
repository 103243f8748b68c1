package config

import (
	"strings"
	"testing"
)

func TestCheckBaseURL(t *testing.T) {
	tests := []struct{ in, err string }{
		{"/", ""},
		{"https://blog.example.kr/", ""},
		{"http://localhost:1313/sub/", ""},
		{"https://블로그.한국/", ""},
		{"blog.example.kr", `needs a scheme and a host; write it like "https://blog.example.kr"`},
		{"/blog/", "needs a scheme and a host"},
		{"https:///x", "needs a scheme and a host"},
		{"ftp://example.org/", "should start with https://"},
		{"https://example.org/?a=1", "query or a fragment"},
		{"https://exa mple.org/", "is not a URL"},
	}
	for _, tt := range tests {
		err := CheckBaseURL(tt.in)
		if tt.err == "" && err != nil || tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)) {
			t.Errorf("CheckBaseURL(%q) = %v, want %q", tt.in, err, tt.err)
		}
	}
	if _, err := Parse("config.toml", []byte("title = \"t\"\n\nbaseURL = \"blog.example.kr\"\n")); err == nil || !strings.HasPrefix(err.Error(), "config.toml:3: baseURL") {
		t.Errorf("Parse: %v, want the error at line 3", err)
	}
}
