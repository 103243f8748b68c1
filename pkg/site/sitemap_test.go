package site

import (
	"bytes"
	"testing"
)

func TestWriteSitemapAsEncodingXML(t *testing.T) {
	for _, urls := range [][]sitemapURL{
		nil,
		{{Loc: "https://example.org/"}},
		{
			{Loc: "https://example.org/posts/%EC%84%9C%EB%B2%84/", Lastmod: "2023-05-31T00:00:00+09:00"},
			{Loc: "https://example.org/a?b=1&c=<2>\"'\t\n\r", Lastmod: "x&y"},
			{Loc: "https://example.org/서버 장애 🧯/\x00\uFFFE"},
		},
	} {
		want := marshalXML(sitemapURLSet{URLs: urls})
		if got := writeSitemap(urls); !bytes.Equal(got, want) {
			t.Errorf("writeSitemap(%q) =\n%s\nencoding/xml gives\n%s", urls, got, want)
		}
	}
}
