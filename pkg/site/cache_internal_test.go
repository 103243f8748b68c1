package site

import (
	"testing"

	"github.com/geul-blog/geul/pkg/markdown"
)

// A record whose header says one source but whose payload is another's
// (its sum made to match) is not taken for the first source's: the
// payload names its source too (buildcache checks only the header).
func TestDecodeRecordRefusesAnotherSourcesPayload(t *testing.T) {
	res := &markdown.Result{HTML: []byte("<p>둘째 글 👍</p>"), Text: "둘째 글 👍"}
	rec, err := encodeRecord(0x2222, res)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := decodeRecord(rec, 0x2222); err != nil || string(got.HTML) != string(res.HTML) {
		t.Fatalf("decodeRecord(own hash) = %v, %v", got, err)
	}
	if got, err := decodeRecord(rec, 0x1111); err == nil {
		t.Fatalf("decodeRecord(another hash) = %q, want an error", got.HTML)
	}
}
