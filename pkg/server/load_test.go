package server

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/geul-blog/geul/pkg/sitetest"

	"github.com/geul-blog/geul/pkg/testkit"
)

// hotPost is the post the load test keeps editing: version v shows in its
// title, its body, and (through the date) its place in the lists.
func hotPost(v int) string {
	return fmt.Sprintf("+++\ntitle = \"뜨거운 글 v%02d 🏃‍♂️\"\ndate = 2024-02-%02d\ncategories = [\"생각\"]\ntags = [\"회고\"]\n+++\n"+
		"## [서버 장애 🧯]\n\n본문 v%02d ⏸️\n", v, v%28+1, v)
}

// newPost is a post the load test adds and later deletes.
func newPost(n int) string {
	return fmt.Sprintf("+++\ntitle = \"새 글 %02d 👍\"\ndate = 2024-03-%02d\ncategories = \"생각\"\n+++\n새 본문 %02d\n", n, n%28+1, n)
}

var (
	titleRe   = regexp.MustCompile(`<title>(.*?) \| 테스트 블로그</title>`)
	h1Re      = regexp.MustCompile(`<h1 class="post-title">(.*?)</h1>`)
	hotBodyRe = regexp.MustCompile(`본문 v(\d\d)`)
)

// TestServeUnderLoad edits a real site (a post's title and body, posts
// added and deleted) while clients fetch its pages, and checks every
// response against the build it names: a page is served whole, from one
// build, with the status that build gives it.
func TestServeUnderLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("load test skipped in -short mode")
	}
	const (
		edits       = 30
		editEvery   = 100 * time.Millisecond
		clients     = 8
		maxRequests = 2000
		timeLimit   = 12 * time.Second
	)
	l := startLive(t, sitetest.Blog+"-- content/posts/hot.md --\n"+hotPost(0), WithDebounce(20*time.Millisecond))

	paths := []string{"/", "/page/2/", "/posts/", "/posts/hot/", "/posts/retro/", "/posts/aws/", "/posts/trip/",
		"/categories/생각/", "/categories/" + url.PathEscape("개발") + "/", "/tags/회고/", "/archive/",
		"/atom.xml", "/categories/생각/atom.xml", "/sitemap.xml", "/css/style.css", "/posts/trip/sea.png"}
	for i := 1; i <= edits; i++ {
		if i%5 == 2 {
			paths = append(paths, fmt.Sprintf("/posts/new-%02d/", i)) // 200 or 404, as the build says
		}
	}

	var (
		requests atomic.Int64 // started, or refused for the budget
		made     atomic.Int64
		mu       sync.Mutex
		failures []string
		gens     = map[string]int{}
	)
	// A browser listening meanwhile: every event names a build that
	// succeeded, newer than the one before (a browser reloads only for a
	// build it has not shown), and the last one names the build served in
	// the end.
	events := l.events(t)
	var lastEvent sseEvent
	eventsRead := make(chan error, 1)
	stopEvents := make(chan struct{})
	go func() {
		seq, afterError := -1, false
		for {
			select {
			case ev, ok := <-events:
				if !ok {
					eventsRead <- errors.New("the event stream ended")
					return
				}
				if ev.name == "error" {
					afterError = true // a post caught half-written; the last good build is still served
					continue
				}
				var d eventData
				if err := json.Unmarshal([]byte(ev.data), &d); err != nil || len(l.rec.outputs(d.Gen)) == 0 {
					eventsRead <- fmt.Errorf("event %s %s names no build that succeeded", ev.name, ev.data)
					return
				}
				n := genSeq(d.Gen)
				if n < seq || (n == seq && !afterError) {
					eventsRead <- fmt.Errorf("event %s %s after one for build %d: browsers shown that build would not reload", ev.name, ev.data, seq)
					return
				}
				seq, afterError = n, false
				mu.Lock()
				lastEvent = ev
				mu.Unlock()
			case <-stopEvents:
				eventsRead <- nil
				return
			}
		}
	}()

	// The writer: saves the hot post, adds posts (written in place, so a
	// build may see one half-written) and deletes them again.
	editsDone := make(chan struct{})
	go func() {
		defer close(editsDone)
		var added []string
		for i := 1; i <= edits; i++ {
			var err error
			switch {
			case i%5 == 2:
				rel := fmt.Sprintf("content/posts/new-%02d.md", i)
				added = append(added, rel)
				err = os.WriteFile(l.p(rel), []byte(newPost(i)), 0o644)
			case i%5 == 4 && len(added) > 1:
				err = os.Remove(l.p(added[0]))
				added = added[1:]
			default:
				tmp := l.p("content/posts/.hot.md.tmp")
				if err = os.WriteFile(tmp, []byte(hotPost(i)), 0o644); err == nil {
					err = os.Rename(tmp, l.p("content/posts/hot.md"))
				}
			}
			if err != nil {
				t.Errorf("edit %d: %v", i, err)
				return
			}
			time.Sleep(editEvery)
		}
	}()

	fail := func(format string, args ...any) {
		mu.Lock()
		defer mu.Unlock()
		failures = append(failures, fmt.Sprintf(format, args...))
	}
	// A shared pace spreads the requests over the edits instead of
	// spending them all on the first build.
	pace := time.NewTicker(time.Duration(edits) * editEvery / maxRequests)
	defer pace.Stop()
	deadline := time.Now().Add(timeLimit)
	start := time.Now()
	var wg sync.WaitGroup
	for c := range clients {
		wg.Go(func() {
			for i := c; ; i++ {
				if requests.Add(1) > maxRequests || time.Now().After(deadline) {
					return
				}
				<-pace.C
				p := paths[i%len(paths)]
				gen, err := checkResponse(l, p)
				made.Add(1)
				if err != nil {
					fail("GET %s: %v", p, err)
					continue
				}
				if gen != "" {
					mu.Lock()
					gens[gen]++
					mu.Unlock()
				}
			}
		})
	}
	wg.Wait()
	<-editsDone
	took := time.Since(start)
	calls, fails := l.rec.counts()
	n := made.Load()
	t.Logf("%d requests in %v; %d builds (%d failed); %d builds seen by clients", n, took.Round(time.Millisecond), calls, fails, len(gens))

	for i, f := range failures {
		if i == 20 {
			t.Errorf("… %d failures in all", len(failures))
			break
		}
		t.Error(f)
	}
	if n < maxRequests/4 {
		t.Errorf("only %d requests were made; the test checked too little", n)
	}
	if len(gens) < 5 {
		t.Errorf("clients saw %d builds; the edits did not overlap the requests", len(gens))
	}
	l.settlesTo(t, "/", "/posts/hot/", "/categories/생각/", "/posts/new-27/")
	final := `"gen":"` + l.s.cur.Load().gen + `"`
	var evErr error
	testkit.WaitFor(t, "an event naming the last build", 10*time.Second, func() bool {
		select {
		case evErr = <-eventsRead:
			return true
		default:
		}
		mu.Lock()
		defer mu.Unlock()
		return strings.Contains(lastEvent.data, final)
	})
	if evErr == nil {
		close(stopEvents)
		evErr = <-eventsRead
	}
	if evErr != nil {
		t.Error(evErr)
	}
}

// checkResponse fetches p and checks the response against the build it
// came from; it returns that build's name ("" for files that do not name
// one). An HTML response names its build in the live-reload tag: it must
// be 200 with that build's bytes when the build has the page, and 404 with
// that build's 404 page when it has not. Other files (feeds, stylesheets)
// name no build: they must be 200 and some build's bytes, and feeds
// well-formed XML.
func checkResponse(l *liveSite, p string) (gen string, err error) {
	resp, err := l.hc.Get(l.ts.URL + p)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return "", fmt.Errorf("reading the body: %v", err)
	}
	page := string(data)
	name := indexName(strings.Trim(p, "/"), strings.HasSuffix(p, "/"))
	if n, err := url.PathUnescape(name); err == nil {
		name = n
	}
	if !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
		if resp.StatusCode != http.StatusOK {
			return "", fmt.Errorf("status %d", resp.StatusCode)
		}
		if strings.HasSuffix(name, ".xml") {
			if err := wellFormed(data); err != nil {
				return "", fmt.Errorf("not well-formed XML: %v", err)
			}
		}
		if !l.rec.anyHas(name, data) {
			return "", fmt.Errorf("%d bytes that no build made", len(data))
		}
		return "", nil
	}

	orig, gen, err := unwrap(page)
	if err != nil {
		return "", err
	}
	if !strings.HasSuffix(strings.TrimRight(orig, "\n"), "</html>") {
		return gen, fmt.Errorf("build %s: incomplete page ending %q", gen, orig[max(len(orig)-40, 0):])
	}
	outs := l.rec.outputs(gen)
	if len(outs) == 0 {
		return gen, fmt.Errorf("names build %q, which never succeeded", gen)
	}
	want := name
	switch resp.StatusCode {
	case http.StatusOK:
	case http.StatusNotFound:
		for _, o := range outs {
			if _, ok := o.Get(name); ok {
				return gen, fmt.Errorf("404, but build %s has %s", gen, name)
			}
		}
		want = "404.html"
	default:
		return gen, fmt.Errorf("status %d from build %s", resp.StatusCode, gen)
	}
	same := false
	for _, o := range outs {
		if b, ok := o.Get(want); ok && string(b) == orig {
			same = true
			break
		}
	}
	if !same {
		return gen, fmt.Errorf("status %d: the page is not build %s's %s", resp.StatusCode, gen, want)
	}
	if strings.HasPrefix(name, "posts/hot/") && resp.StatusCode == http.StatusOK {
		title, h1, body := titleRe.FindStringSubmatch(orig), h1Re.FindStringSubmatch(orig), hotBodyRe.FindStringSubmatch(orig)
		if title == nil || h1 == nil || body == nil || title[1] != h1[1] || !strings.Contains(title[1], "v"+body[1]+" ") {
			return gen, fmt.Errorf("build %s: title %q, heading %q and body %q do not agree", gen, title, h1, body)
		}
	}
	return gen, nil
}

// genSeq returns the count in a build's name, "<instance>-<count>".
func genSeq(gen string) int {
	_, n, _ := strings.Cut(gen, "-")
	i, err := strconv.Atoi(n)
	if err != nil {
		return -1
	}
	return i
}

// wellFormed checks that data is one complete XML document.
func wellFormed(data []byte) error {
	d := xml.NewDecoder(bytes.NewReader(data))
	for {
		_, err := d.Token()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
	}
}
