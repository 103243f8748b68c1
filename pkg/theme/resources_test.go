package theme

import (
	"strings"
	"testing"

	"github.com/geul-blog/geul/pkg/content"
)

// TestResourcesMatch: globs on the lower-cased name; a pattern that is not
// a glob matches nothing and says so.
func TestResourcesMatch(t *testing.T) {
	var warned []string
	p := &ShortcodePage{Page: &content.Page{URL: "/posts/산책/", Resources: []string{"길.PNG", "images/바다.jpg", "notes.txt"}},
		Warn: func(msg, hint string) { warned = append(warned, msg) }}
	rs := p.Resources()
	names := func(list []*Resource) string {
		var n []string
		for _, r := range list {
			n = append(n, r.Name)
		}
		return strings.Join(n, ",")
	}
	for _, tt := range []struct{ pattern, want string }{
		{"*.png", "길.PNG"},
		{"/images/*", "images/바다.jpg"},
		{"*", "길.PNG,notes.txt"},
		{"[a", ""},
	} {
		if got := names(rs.Match(tt.pattern)); got != tt.want {
			t.Errorf("Match(%q) = %q, want %q", tt.pattern, got, tt.want)
		}
	}
	if len(warned) != 1 || !strings.Contains(warned[0], `"[a"`) {
		t.Errorf("warnings %q, want one naming the bad pattern", warned)
	}
}
