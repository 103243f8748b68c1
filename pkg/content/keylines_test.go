package content

import "testing"

// TestCoverLine: the line of the cover comes from the one map of key
// lines, whichever key (cover or image, any case) and format gave it.
func TestCoverLine(t *testing.T) {
	tests := []struct {
		name, src string
		want      int
	}{
		{"toml cover", "+++\ntitle = \"가\"\ncoverAlt = \"x\"\ncover = \"a.jpg\"\n+++\n", 4},
		{"toml image", "+++\ntitle = \"가\"\n\nimage = \"a.jpg\"\n+++\n", 4},
		{"toml cover table", "+++\ntitle = \"가\"\n[cover]\nimage = \"a.jpg\"\nalt = \"바다 🌊\"\n+++\n", 3},
		{"yaml Cover", "---\ntitle: 가\nCover: a.jpg\n---\n", 3},
		{"yaml image beside cover", "---\nimage: b.jpg\ncover:\n  image: a.jpg\n---\n", 3},
		{"json image", "{\n  \"title\": \"가\",\n  \"image\": \"a.jpg\"\n}\n", 3},
		{"none", "+++\ntitle = \"가\"\n+++\n", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := parseSeoul(t, tt.src)
			if err != nil {
				t.Fatal(err)
			}
			if got := p.CoverLine(); got != tt.want {
				t.Errorf("CoverLine() = %d, want %d (KeyLines %v)", got, tt.want, p.KeyLines)
			}
		})
	}
}
