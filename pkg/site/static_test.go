package site_test

// Static files and layouts are read only when they are regular files,
// through links that stay in their theme (or, for the site's own folders,
// in the site), and large static files are streamed, not held in memory.

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"

	"golang.org/x/text/unicode/norm"

	"github.com/geul-blog/geul/pkg/site"
	"github.com/geul-blog/geul/pkg/sitetest"
)

const staticSite = `
-- config.toml --
title = "정적 파일"
theme = "mine"
-- content/posts/a.md --
+++
title = "글"
date = 2024-01-01
+++
본문
-- themes/mine/layouts/single.html --
<p>{{ .Page.Title }}{{ partial "partials/footer.html" . }}</p>
-- themes/mine/layouts/list.html --
<p>{{ .Site.Title }}</p>
-- themes/mine/layouts/taxonomy.html --
<p>{{ .Site.Title }}</p>
-- themes/mine/layouts/archive.html --
<p>{{ .Site.Title }}</p>
-- themes/mine/layouts/404.html --
<p>없음</p>
-- themes/mine/layouts/partials/footer.html --
<footer>바닥</footer>
-- themes/mine/static/css/theme.css --
body { color: black }
-- themes/mine/assets/logo.svg --
<svg/>
`

// buildStatic builds staticSite in a folder after prepare changed it, and
// returns the error, or the public/ folder it wrote.
func buildStatic(t *testing.T, prepare func(dir string)) (string, error) {
	t.Helper()
	dir := sitetest.Dir(t, staticSite)
	secret := filepath.Join(t.TempDir(), "id_rsa")
	os.WriteFile(secret, []byte("PRIVATE KEY"), 0o600)
	os.Setenv("GEUL_TEST_SECRET", secret) // read by prepare through secretPath
	prepare(dir)
	b := site.NewBuilder(dir, site.WithClock(sitetest.Clock), site.WithVersion("test"))
	res, err := b.Build(context.Background())
	if err != nil {
		return "", err
	}
	dest := filepath.Join(dir, "public")
	return dest, res.Output.WriteDir(context.Background(), dest)
}

func secretPath() string { return os.Getenv("GEUL_TEST_SECRET") }

func mustLink(t *testing.T, target, at string) {
	t.Helper()
	os.MkdirAll(filepath.Dir(at), 0o755)
	if err := os.Symlink(target, at); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
}

func mustFifo(t *testing.T, at string) {
	t.Helper()
	os.MkdirAll(filepath.Dir(at), 0o755)
	if err := syscall.Mkfifo(at, 0o644); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
}

func TestStaticAndLayoutsAreReadSafely(t *testing.T) {
	for _, tc := range []struct {
		name    string
		prepare func(t *testing.T, dir string)
		wantErr string            // a line of the error; "" for a build that goes through
		want    map[string]string // files of public/ and what they hold
	}{{
		name: "a theme's static file links out of the theme",
		prepare: func(t *testing.T, dir string) {
			mustLink(t, secretPath(), filepath.Join(dir, "themes/mine/static/key"))
		},
		wantErr: `themes/mine/static/key: is a link to "` + "SECRET" + `", outside themes/mine/; geul does not follow links that leave it; copy the file into the folder instead of linking to it, or remove the link`,
	}, {
		name: "a theme's static file links into the site, out of the theme",
		prepare: func(t *testing.T, dir string) {
			mustLink(t, "../../../config.toml", filepath.Join(dir, "themes/mine/static/site.toml"))
		},
		wantErr: `themes/mine/static/site.toml: is a link to "../../../config.toml", outside themes/mine/`,
	}, {
		name: "a partial links out of the theme",
		prepare: func(t *testing.T, dir string) {
			mustLink(t, secretPath(), filepath.Join(dir, "themes/mine/layouts/partials/key.html"))
		},
		wantErr: `themes/mine/layouts/partials/key.html: is a link to "SECRET", outside themes/mine/`,
	}, {
		name:    "the site's static file links out of the site",
		prepare: func(t *testing.T, dir string) { mustLink(t, secretPath(), filepath.Join(dir, "static/key")) },
		wantErr: `static/key: is a link to "SECRET", outside the site`,
	}, {
		name:    "the site's layout links out of the site",
		prepare: func(t *testing.T, dir string) { mustLink(t, secretPath(), filepath.Join(dir, "layouts/404.html")) },
		wantErr: `layouts/404.html: is a link to "SECRET", outside the site`,
	}, {
		name:    "the site's i18n file links out of the site",
		prepare: func(t *testing.T, dir string) { mustLink(t, secretPath(), filepath.Join(dir, "i18n/ko.toml")) },
		wantErr: `i18n/ko.toml: is a link to "SECRET", outside the site`,
	}, {
		name: "links inside the theme, to a file and to a folder, are followed",
		prepare: func(t *testing.T, dir string) {
			mustLink(t, "../assets/logo.svg", filepath.Join(dir, "themes/mine/static/logo.svg"))
			mustLink(t, "css", filepath.Join(dir, "themes/mine/static/styles"))
			mustLink(t, "../themes/mine/static/css", filepath.Join(dir, "static/theme-css"))
		},
		want: map[string]string{
			"logo.svg":            "<svg/>\n",
			"styles/theme.css":    "body { color: black }\n",
			"css/theme.css":       "body { color: black }\n",
			"theme-css/theme.css": "body { color: black }\n",
		},
	}, {
		name: "a theme folder that is itself a link, from outside the site, is the writer's choice",
		prepare: func(t *testing.T, dir string) {
			away := filepath.Join(t.TempDir(), "mine")
			if err := os.Rename(filepath.Join(dir, "themes/mine"), away); err != nil {
				t.Fatal(err)
			}
			mustLink(t, away, filepath.Join(dir, "themes/mine"))
			mustLink(t, "../assets/logo.svg", filepath.Join(away, "static/logo.svg"))
		},
		want: map[string]string{"css/theme.css": "body { color: black }\n", "logo.svg": "<svg/>\n"},
	}, {
		name:    "a link to the folder that holds it",
		prepare: func(t *testing.T, dir string) { mustLink(t, ".", filepath.Join(dir, "themes/mine/static/css/again")) },
		wantErr: "themes/mine/static/css/again: is a link to a folder that holds it, a loop; remove the link",
	}, {
		name:    "a named pipe in static/",
		prepare: func(t *testing.T, dir string) { mustFifo(t, filepath.Join(dir, "static/pipe")) },
		wantErr: "static/pipe: is a named pipe (FIFO), not a regular file; geul reads only files; replace it by a file, or remove it",
	}, {
		name:    "a file name that would recolour the terminal is quoted",
		prepare: func(t *testing.T, dir string) { mustFifo(t, filepath.Join(dir, "static/빨강\x1b[31m\n.txt")) },
		wantErr: `"static/빨강\x1b[31m\n.txt": is a named pipe (FIFO), not a regular file`,
	}, {
		name:    "a named pipe as a layout",
		prepare: func(t *testing.T, dir string) { mustFifo(t, filepath.Join(dir, "layouts/home.html")) },
		wantErr: "layouts/home.html: is a named pipe (FIFO), not a regular file",
	}, {
		name:    "a named pipe as the theme's theme.toml",
		prepare: func(t *testing.T, dir string) { mustFifo(t, filepath.Join(dir, "themes/mine/theme.toml")) },
		wantErr: "themes/mine/theme.toml: is a named pipe (FIFO), not a regular file",
	}, {
		name:    "a link to /dev/zero in static/",
		prepare: func(t *testing.T, dir string) { mustLink(t, "/dev/zero", filepath.Join(dir, "static/zero")) },
		wantErr: `static/zero: is a link to "/dev/zero", outside the site`,
	}} {
		t.Run(tc.name, func(t *testing.T) {
			dest, err := buildStatic(t, func(dir string) { tc.prepare(t, dir) })
			if tc.wantErr != "" {
				want := strings.ReplaceAll(tc.wantErr, "SECRET", secretPath())
				if err == nil || !strings.Contains(err.Error(), want) {
					t.Fatalf("got %v\nwant a line with %s", err, want)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			for name, want := range tc.want {
				if got, err := os.ReadFile(filepath.Join(dest, name)); err != nil || string(got) != want {
					t.Errorf("%s: %q, %v; want %q", name, got, err, want)
				}
			}
		})
	}
}

// A large static file, or file beside the posts, is copied from where it is
// when the site is written, and compared a block at a time by a warm build:
// neither holds it whole.
func TestLargeStaticFileIsStreamed(t *testing.T) {
	// What a warm build of the site allocates without the large files: the
	// theme's own static files (KaTeX, Mermaid) are read from the binary on
	// every build, and are not what this test is about.
	warmAlloc := func(dir string) uint64 {
		dest := filepath.Join(dir, "public")
		buildTo(t, dir, dest, true)
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		buildTo(t, dir, dest, true) // warm: compares public/'s copy with static/'s
		runtime.ReadMemStats(&after)
		return after.TotalAlloc - before.TotalAlloc
	}
	baseline := warmAlloc(sitetest.Dir(t, sitetest.Blog))

	dir := sitetest.Dir(t, sitetest.Blog)
	big := bytes.Repeat([]byte("영상 0123456789\n"), 16<<20/20) // 16 MB
	os.MkdirAll(filepath.Join(dir, "static/media"), 0o755)
	os.MkdirAll(filepath.Join(dir, "content/video"), 0o755)
	for _, p := range []string{"static/media/big.bin", "content/video/big.bin"} {
		if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(p)), big, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	alloc := warmAlloc(dir)
	dest := filepath.Join(dir, "public")
	for _, p := range []string{"media/big.bin", "video/big.bin"} {
		if got, _ := os.ReadFile(filepath.Join(dest, p)); !bytes.Equal(got, big) {
			t.Fatalf("%s is not the file", p)
		}
	}
	if alloc > baseline+uint64(len(big)/2) {
		t.Errorf("a warm build allocated %d bytes, %d more than without the large files: more than half the %d bytes of either file, so one was read whole", alloc, alloc-baseline, len(big))
	}
}

// A photo of static/ over the size geul holds in memory (1 MiB) is copied
// from disk, not read: a post's image and cover that name it still find
// it. (A real Hexo blog's header photos of 1.1 MB were "not found".)
func TestLargeStaticImageIsFound(t *testing.T) {
	dir := sitetest.Dir(t, `
-- config.toml --
title = "큰 사진"
-- content/posts/a.md --
+++
title = "사진 한 장"
date = 2024-01-01
cover = "/images/머리/큰-사진.png"
+++
![파도](/images/머리/큰-사진.png)
`)
	// Noise does not compress: 720×720 RGBA is about 2 MB of PNG.
	img := image.NewNRGBA(image.Rect(0, 0, 720, 720))
	x := uint32(2463534242)
	for i := range img.Pix {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		img.Pix[i] = byte(x)
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	if buf.Len() <= 1<<20 {
		t.Fatalf("the photo is %d bytes, not over 1 MiB", buf.Len())
	}
	os.MkdirAll(filepath.Join(dir, "static/images/머리"), 0o755)
	if err := os.WriteFile(filepath.Join(dir, "static/images/머리/큰-사진.png"), buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(dir, "public")
	buildTo(t, dir, dest, false) // fails on "image … not found"
	if got, _ := os.ReadFile(filepath.Join(dest, "images/머리/큰-사진.png")); !bytes.Equal(got, buf.Bytes()) {
		t.Fatal("the photo is not published as it is")
	}
}

// Files named in NFD (as macOS names them) are published under NFC names,
// as links to them are written: byte-exact hosts and geul serve find them.
func TestNFDFilesPublishedNFC(t *testing.T) {
	nfd := norm.NFD.String
	s := sitetest.Build(t, `
-- config.toml --
title = "정규화"
-- content/posts/사진/index.md --
+++
title = "사진 글"
date = 2024-01-01
+++
![고양이](고양이.png)
-- content/posts/사진/`+nfd("고양이.png")+` --
PNG
-- static/`+nfd("그림")+`/`+nfd("한글.txt")+` --
글자
`)
	for _, name := range []string{"그림/한글.txt"} {
		if !s.Has(name) {
			t.Errorf("%s is not published under its NFC name; files: %v", name, s.Output.Paths())
		}
	}
	found := false
	for _, p := range s.Output.Paths() {
		if !norm.NFC.IsNormalString(p) {
			t.Errorf("%q is published under an NFD name", p)
		}
		found = found || strings.HasSuffix(p, "/고양이.png")
	}
	if !found {
		t.Errorf("the bundle's image is not published under its NFC name; files: %v", s.Output.Paths())
	}
}
