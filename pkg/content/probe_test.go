package content

import (
	"fmt"
	"testing"
	"time"
)

func TestProbe(t *testing.T) {
	seoul, _ := time.LoadLocation("Asia/Seoul")
	for _, s := range []string{
		"+++\ntitle = \"가\"\ndate = 2024-05-31\nlastmod = 2024-06-01T10:00:00\nx = 21:30:00\n[params]\nd = 2024-01-01\n+++\n본문\n",
		"---\ntitle: 가\ndate: 2024-05-31\nupdated: 2024-06-01 10:00\nd: 2024-01-01 01:02:03\ntags:\ncategories: [a, b]\ncategory: b\n---\n본문\n",
		"---\ntitle: 가: 나\n---\n",
		"---\na: 1\nb: [1\nc: 2\n---\n",
		"---\n- a\n---\n",
		"---\n1: a\n---\n",
		"---\n? [a]\n: b\n---\n",
		"---\na: &x [1]\nb: *x\n---\n",
		"+++\ntitle = 안녕\n+++\n",
		"+++\n\"title\" = 3\n+++\n",
		"+++\n+++\n",
		"---\n---\n",
		"---\n# c\n---\n",
		"\n\n+++\ntitle = \"x\"\n+++\nbody",
		"x\xffy",
		"가\n나\xe0\x80다",
		"---\nTitle: a\ntitle: b\n---\n",
		"---\ndate: 2024-5-3 1:2:3\n---\n",
		"---\na: 1\na: 2\n---\n",
	} {
		p, err := Parse([]byte(s), ParseOptions{File: "a.md", Location: seoul})
		if err != nil {
			fmt.Printf("%q\n  ERR %v\n", s, err)
			continue
		}
		fmt.Printf("%q\n  %q %v %v %q %q line=%d body=%q params=%#v\n", s, p.Title, p.Date, p.Lastmod, p.Categories, p.Tags, p.BodyLine, p.Body, p.Params)
	}
}
