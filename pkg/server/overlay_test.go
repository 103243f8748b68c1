package server

import (
	"fmt"
	"net/http"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/geul-blog/geul/pkg/sitetest"
)

// TestOverlayCatalogue writes bad files of every kind into a served site
// and checks that the browser is told the file, the line and the fix
// (the "error" event, which the overlay shows, and /__geul/errors), that
// the last good pages stay served meanwhile, and that fixing the file
// clears the error and serves what a clean build gives.
func TestOverlayCatalogue(t *testing.T) {
	config := string(sitetest.MapFS(sitetest.Blog)["config.toml"].Data)
	tests := []struct {
		name      string
		file      string // site-relative
		bad       string
		fix       string // "" deletes the file
		line      int
		msg, hint string // parts of the problem's message and hint
	}{
		{
			name: "malformed TOML front matter",
			file: "content/posts/toml.md",
			bad:  "+++\ntitle = \"깨진 따옴표 🧯\ndate = 2024-01-01\n+++\n본문\n",
			fix:  "+++\ntitle = \"고친 따옴표 🧯\"\ndate = 2024-01-01\n+++\n본문\n",
			line: 2, msg: "invalid TOML front matter", hint: "check the quotes and the = sign on that line",
		},
		{
			name: "bad date",
			file: "content/posts/date.md",
			bad:  "+++\ntitle = \"날짜 ⏸️\"\ndate = \"어제\"\n+++\n본문\n",
			fix:  "+++\ntitle = \"날짜 ⏸️\"\ndate = 2024-05-31\n+++\n본문\n",
			line: 3, msg: `date "어제" is not a date`, hint: "write it as 2024-05-31",
		},
		{
			name: "missing .md link target",
			file: "content/posts/link.md",
			bad:  "+++\ntitle = \"링크 🏃‍♂️\"\ndate = 2024-02-01\n+++\n첫 문단.\n\n[없는 글](없는-글.md)을 보자.\n",
			fix:  "+++\ntitle = \"링크 🏃‍♂️\"\ndate = 2024-02-01\n+++\n첫 문단.\n\n[회고](retro.md)를 보자.\n",
			line: 7, msg: `link to missing page "없는-글.md"`, hint: "check the file name",
		},
		{
			name: "broken template in the site's layouts/",
			file: "layouts/post.html",
			bad:  "{{ define \"main\" }}\n<h1>{{ .Title }</h1>\n{{ end }}\n",
			line: 2, msg: `unexpected "}"`, hint: "fix the template syntax on that line",
		},
		{
			name: "theme that is not there",
			file: "config.toml",
			bad:  "theme = \"nope\"\n" + config,
			fix:  config,
			line: 1, msg: `theme "nope" not found`, hint: "set theme to one of them",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			l := startLive(t, sitetest.Blog)
			events := l.events(t)
			good := l.s.cur.Load()
			l.save(t, tt.file, tt.bad)

			at := fmt.Sprintf("%s:%d", tt.file, tt.line)
			ev := waitEvent(t, events, 20*time.Second, "an error event for "+tt.file, func(ev sseEvent) bool {
				return ev.name == "error" && strings.Contains(ev.data, `"path":"`+tt.file+`"`)
			})
			d := decode(t, ev)
			var p *problem
			for i := range d.Errors {
				if d.Errors[i].Path == tt.file {
					p = &d.Errors[i]
				}
			}
			switch {
			case p == nil:
				t.Fatalf("error event %s does not name %s", ev.data, tt.file)
			case p.Line != tt.line || !strings.HasPrefix(p.Text, at+":"):
				t.Errorf("problem at %s:%d, text %q; want it at %s", p.Path, p.Line, p.Text, at)
			case !strings.Contains(p.Msg, tt.msg) || !strings.Contains(p.Hint, tt.hint):
				t.Errorf("problem %q / hint %q; want %q / %q", p.Msg, p.Hint, tt.msg, tt.hint)
			case !strings.Contains(p.Text, tt.hint):
				t.Errorf("the text the overlay shows, %q, lacks the hint", p.Text)
			}
			if d.Gen != good.gen {
				t.Errorf("error event names build %q; the last good one is %q", d.Gen, good.gen)
			}
			if got := l.problems(t); !reflect.DeepEqual(got, d.Errors) {
				t.Errorf("/__geul/errors = %+v; the event had %+v", got, d.Errors)
			}

			// The last good build is still served, whole.
			for _, page := range []string{"/", "/posts/retro/", "/categories/생각/"} {
				code, body := l.get(t, page)
				orig, gen, err := unwrap(body)
				want, _ := good.out.Get(indexName(strings.Trim(page, "/"), true))
				if code != http.StatusOK || err != nil || gen != good.gen || orig != string(want) {
					t.Errorf("while broken, GET %s: %d from build %q (%v); want 200, the last good build %q", page, code, gen, err, good.gen)
				}
			}

			if tt.fix == "" {
				must(t, os.Remove(l.p(tt.file)))
			} else {
				l.save(t, tt.file, tt.fix)
			}
			waitEvent(t, events, 20*time.Second, "the reload that clears the overlay", func(ev sseEvent) bool {
				return ev.name == "reload"
			})
			l.settlesTo(t, "/", "/posts/retro/")
		})
	}
}
