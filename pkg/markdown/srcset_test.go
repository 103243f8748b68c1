package markdown

import "testing"

// TestSrcset: a comma or a space in a copy's URL would end the candidate
// or its URL; both are percent-encoded, as Hangul is.
func TestSrcset(t *testing.T) {
	got := srcset([]ImageSource{{URL: "/p/바다,해변 1-320.jpg", Width: 320}, {URL: "/p/sea.jpg", Width: 1280}})
	want := "/p/%EB%B0%94%EB%8B%A4%2C%ED%95%B4%EB%B3%80%201-320.jpg 320w, /p/sea.jpg 1280w"
	if got != want {
		t.Errorf("srcset = %q, want %q", got, want)
	}
}
