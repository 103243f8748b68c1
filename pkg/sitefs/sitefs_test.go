package sitefs_test

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"testing/fstest"

	"github.com/geul-blog/geul/pkg/sitefs"
)

func link(target string) *fstest.MapFile {
	return &fstest.MapFile{Mode: fs.ModeSymlink, Data: []byte(target)}
}

func TestReadFile(t *testing.T) {
	fsys := fstest.MapFS{
		"config.toml":                   {Data: []byte("title = '글'")},
		"themes/x/static/css/a.css":     {Data: []byte("a{}")},
		"themes/x/static/inside.css":    link("css/a.css"),
		"themes/x/static/up.css":        link("../../x/static/css/a.css"),
		"themes/x/static/key":           link("/home/me/.ssh/id_rsa"),
		"themes/x/static/site.toml":     link("../../../config.toml"),
		"themes/x/static/away":          link("../../../../etc/passwd"),
		"themes/x/static/dir":           link("css"),
		"themes/x/static/viadir/a.css":  {Data: []byte("b{}")},
		"themes/x/static/loop":          link("loop"),
		"static/outside":                link("../config.toml"),
		"static/big":                    {Data: []byte(strings.Repeat("x", 100))},
		"themes/x/static/dir2":          link("../static/css"),
		"themes/x/static/dir2-through":  link("dir2/a.css"),
		"themes/x/layouts/partials/p.h": link("../../../y/secret"),
		"themes/y/secret":               {Data: []byte("비밀")},
		"themes/linked":                 link("y"),
	}
	for _, tc := range []struct {
		root, name, want, err string
	}{
		{".", "config.toml", "title = '글'", ""},
		{"themes/x", "themes/x/static/css/a.css", "a{}", ""},
		{"themes/x", "themes/x/static/inside.css", "a{}", ""},
		{"themes/x", "themes/x/static/up.css", "a{}", ""},
		{"themes/x", "themes/x/static/dir2-through", "a{}", ""},
		{"themes/x", "themes/x/static/key", "", `is a link to "/home/me/.ssh/id_rsa", outside themes/x/`},
		{"themes/x", "themes/x/static/site.toml", "", `is a link to "../../../config.toml", outside themes/x/`},
		{"themes/x", "themes/x/static/away", "", `is a link to "../../../../etc/passwd", outside themes/x/`},
		{"themes/x", "themes/x/layouts/partials/p.h", "", `outside themes/x/`},
		{".", "themes/x/layouts/partials/p.h", "비밀", ""},
		{"themes/linked", "themes/linked/secret", "비밀", ""},
		{"themes/x", "themes/linked/secret", "", "outside themes/x/"},
		{".", "static/outside", "title = '글'", ""},
		{"static", "static/outside", "", "outside static/"},
		{"themes/x", "themes/x/static/dir", "", "is a folder, not a regular file"},
		{"themes/x", "themes/x/static/loop", "", "too many links"},
		{".", "static/big", "", "is 100 bytes, larger than the 10 bytes geul reads"},
	} {
		limit := int64(50)
		if tc.name == "static/big" {
			limit = 10
		}
		got, err := sitefs.ReadFile(fsys, tc.root, tc.name, limit)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%s in %s: got %q, %v; want an error with %q", tc.name, tc.root, got, err, tc.err)
			}
			continue
		}
		if err != nil || string(got) != tc.want {
			t.Errorf("%s in %s: got %q, %v; want %q", tc.name, tc.root, got, err, tc.want)
		}
	}
}

// A named pipe, or a link to a device, is never opened for reading: that
// would block, or never end.
func TestNeverReadsAPipeOrDevice(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe"), 0o644); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	os.Symlink("/dev/zero", filepath.Join(dir, "zero"))
	os.Symlink("pipe", filepath.Join(dir, "to-pipe"))
	fsys := os.DirFS(dir)
	for name, want := range map[string]string{
		"pipe":    "is a named pipe (FIFO), not a regular file",
		"to-pipe": "is a named pipe (FIFO), not a regular file",
		"zero":    `is a link to "/dev/zero", outside the site`,
	} {
		_, err := sitefs.ReadFile(fsys, ".", name, 1<<20)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: got %v, want …%s…", name, err, want)
		}
		if name != "zero" && !errors.Is(err, sitefs.ErrNotRegular) {
			t.Errorf("%s: %v is not ErrNotRegular", name, err)
		}
	}
}

// TestReadAtMost reads whole files whatever size they were said to have,
// and stops one byte past the limit.
func TestReadAtMost(t *testing.T) {
	text := strings.Repeat("글", 700) // 2,100 bytes
	cases := []struct {
		size, limit int64
		want        int
	}{
		{2100, 4096, 2100}, // told right
		{10, 4096, 2100},   // the file grew since it was looked at
		{9000, 4096, 2100}, // it shrank
		{-1, 4096, 2100},   // a file system that does not know
		{2100, 100, 101},   // over the limit: limit+1 bytes say so
		{0, 0, 1},
	}
	for _, c := range cases {
		got, err := sitefs.ReadAtMost(strings.NewReader(text), c.size, c.limit)
		if err != nil || len(got) != c.want || string(got) != text[:c.want] {
			t.Errorf("ReadAtMost(size %d, limit %d) = %d bytes, %v; want %d bytes", c.size, c.limit, len(got), err, c.want)
		}
	}
}
