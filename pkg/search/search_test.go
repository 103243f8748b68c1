package search

import (
	"encoding/json"
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

func TestFold(t *testing.T) {
	cases := []struct{ in, want string }{
		{"서버", "서버"},
		{norm.NFD.String("서버가 멈췄다"), "서버가 멈췄다"},
		{"Café RÉSUMÉ", "cafe resume"},
		{norm.NFD.String("Café"), "cafe"},
		{"AWS로 이전", "aws로 이전"},
		{"ㅅㅂ", "ㅅㅂ"}, // compatibility jamo stay as typed
		{"“따옴표” — 🔥 Go", "“따옴표” — 🔥 go"},
		{"가\u11a8", "각"}, // a syllable and a trailing final compose
		{"Ｆｕｌｌ", "ｆｕｌｌ"},
	}
	for _, c := range cases {
		if got := Fold(c.in); got != c.want {
			t.Errorf("Fold(%q) = %q, want %q", c.in, got, c.want)
		}
		// Folding in pieces gives what folding the whole text gives.
		if whole := foldSlow(c.in); Fold(c.in) != whole {
			t.Errorf("Fold(%q) = %q, but the whole text folds to %q", c.in, Fold(c.in), whole)
		}
	}
}

func TestTokens(t *testing.T) {
	cases := []struct{ in, want string }{
		{"서버가 멈췄다.", "서버가|멈췄다"},
		{"aws로 옮긴 node.js 3.7", "aws|로|옮긴|node|js|3|7"},
		{"go는 🔥 good", "go|는|good"},
		{"ㅅㅂ", "ㅅㅂ"},
		{strings.Repeat("가", 30), strings.Repeat("가", maxTokenRunes)},
	}
	for _, c := range cases {
		var got []string
		for _, tok := range Tokens(c.in) {
			got = append(got, tok.Text)
		}
		if strings.Join(got, "|") != c.want {
			t.Errorf("Tokens(%q) = %q, want %q", c.in, strings.Join(got, "|"), c.want)
		}
	}
}

func TestPatterns(t *testing.T) {
	cases := []struct {
		word   string
		typing bool
		match  []string
		miss   []string
	}{
		{"서버", false, []string{"서버", "서버가", "서버를"}, []string{"서", "섭씨", "대서버"}},
		{"서", true, []string{"서버", "섭씨", "서"}, []string{"사과"}},
		{"서", false, []string{"서버"}, []string{"섭씨"}},
		{"섭", true, []string{"섭씨", "서버", "서비스"}, []string{"서울", "섬"}},
		{"섭", false, []string{"섭씨"}, []string{"서버"}},
		{"닭", true, []string{"닭", "달걀", "달기"}, []string{"달빛"}},
		{"ㅅㅂ", false, []string{"서버", "사보", "ㅅㅂ"}, []string{"서울", "버스"}},
		{"서ㅂ", true, []string{"서버"}, []string{"서울"}},
		{"go", true, []string{"go", "golang"}, []string{"g"}},
	}
	for _, c := range cases {
		q := QueryWord{Text: c.word, patterns: patterns(c.word, c.typing)}
		for _, w := range c.match {
			if !q.Matches(w) {
				t.Errorf("%q (typing %v) does not match %q", c.word, c.typing, w)
			}
		}
		for _, w := range c.miss {
			if q.Matches(w) {
				t.Errorf("%q (typing %v) matches %q", c.word, c.typing, w)
			}
		}
	}
}

func TestParseQuery(t *testing.T) {
	q := ParseQuery(`AWS "서버 장애" 이전`)
	var words []string
	for _, w := range q.Words {
		words = append(words, w.Text)
	}
	if strings.Join(words, " ") != "aws 서버 장애 이전" || len(q.Phrases) != 1 || fmt.Sprint(q.Phrases[0]) != "[1 2]" {
		t.Errorf("words %q, phrases %v", words, q.Phrases)
	}
	if len(ParseQuery(`"  "`).Words) != 0 {
		t.Error("a query of quotes and spaces has words")
	}
}

func TestCompareIsUTF16Order(t *testing.T) {
	ws := []string{"가", "a", "😀", "\uffef", "ㅅ", "z", "서버", "서"}
	slices.SortFunc(ws, compare)
	if strings.Join(ws, " ") != "a z ㅅ 가 서 서버 😀 \uffef" {
		t.Errorf("sorted %q", ws)
	}
}

// TestReplaceMatchesNew edits documents of an index many times and checks
// that its files are those New makes of the edited documents.
func TestReplaceMatchesNew(t *testing.T) {
	vocab := strings.Fields("서버 서버가 장애 장애가 이전 데이터베이스 비용 클라우드 go aws 로그 디스크 메모리 배포 회고 여행 커피 카페 책 운동")
	rng := rand.New(rand.NewPCG(1, 2))
	text := func(n int) string {
		var b strings.Builder
		for range n {
			b.WriteString(vocab[rng.IntN(len(vocab))])
			b.WriteString(" ")
		}
		return b.String()
	}
	docs := make([]Doc, 300)
	terms := make([][]Term, len(docs))
	for i := range docs {
		docs[i] = Doc{URL: fmt.Sprintf("/p/%d/", i), Title: text(3), Text: text(50)}
		terms[i] = Analyze(docs[i])
	}
	ix := New(slices.Clone(docs), terms)
	for step := range 40 {
		i := rng.IntN(len(docs))
		docs[i].Text += fmt.Sprintf(" 새낱말%d %s", step, text(5))
		if step%4 == 0 {
			docs[i].Text = text(20) // words go too
		}
		changed, _ := ix.Replace(i, docs[i], Analyze(docs[i]))
		if !slices.Contains(changed, MetaFile) || !slices.Contains(changed, ChunkFile(i/chunkDocs)) {
			t.Fatalf("step %d: changed %v", step, changed)
		}
	}
	fresh := make([][]Term, len(docs))
	for i := range docs {
		fresh[i] = Analyze(docs[i])
	}
	got, want := ix.Files(), New(docs, fresh).Files()
	if !slices.Equal(slices.Sorted(maps.Keys(got)), slices.Sorted(maps.Keys(want))) {
		t.Fatalf("files %v, want %v", slices.Sorted(maps.Keys(got)), slices.Sorted(maps.Keys(want)))
	}
	for name, w := range want {
		if string(got[name]) != string(w) {
			t.Errorf("%s differs from a new index's", name)
		}
	}
}

// TestWriterMatchesNew: the files a Writer hands over, a document at a
// time, are New's, for an empty index, a last chunk that is not full and
// an index of many shards.
func TestWriterMatchesNew(t *testing.T) {
	vocab := strings.Fields("서버 서버가 장애 장애가 이전 데이터베이스 비용 클라우드 go aws 로그 디스크 메모리 배포 회고 여행 커피 카페 책 운동 한글 Ｆｕｌｌ café")
	rng := rand.New(rand.NewPCG(3, 4))
	text := func(n int) string {
		var b strings.Builder
		for range n {
			b.WriteString(vocab[rng.IntN(len(vocab))])
			fmt.Fprintf(&b, "%d ", rng.IntN(400))
		}
		return b.String()
	}
	for _, n := range []int{0, 1, 7, 600} {
		docs := make([]Doc, n)
		terms := make([][]Term, n)
		for i := range docs {
			docs[i] = Doc{URL: fmt.Sprintf("/p/%d/", i), Title: text(3), Date: "2024-01-02", Category: "일상",
				Headings: []string{text(2)}, Tags: []string{"태그"}, Text: text(80)}
			terms[i] = Analyze(docs[i])
		}
		got := map[string][]byte{}
		w := NewWriter(func(name string, data []byte) error {
			if _, ok := got[name]; ok {
				t.Errorf("%d docs: %s handed over twice", n, name)
			}
			got[name] = data
			return nil
		})
		for i := range docs {
			w.Add(docs[i], terms[i])
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		want := New(docs, terms).Files()
		if !slices.Equal(slices.Sorted(maps.Keys(got)), slices.Sorted(maps.Keys(want))) {
			t.Fatalf("%d docs: files %v, want %v", n, slices.Sorted(maps.Keys(got)), slices.Sorted(maps.Keys(want)))
		}
		for name, data := range want {
			if string(got[name]) != string(data) {
				t.Errorf("%d docs: %s differs from New's", n, name)
			}
		}
		if n == 600 && len(want) < 10 {
			t.Errorf("only %d files: the test wants several shards", len(want))
		}
	}
}

// TestWriterStopsAtPutsError: a file that cannot be put is the error of
// Close, and nothing is put after it.
func TestWriterStopsAtPutsError(t *testing.T) {
	puts := 0
	w := NewWriter(func(string, []byte) error { puts++; return fmt.Errorf("disk full") })
	for i := range 9 {
		d := Doc{URL: fmt.Sprintf("/%d/", i), Title: "서버"}
		w.Add(d, Analyze(d))
	}
	if err := w.Close(); err == nil || err.Error() != "disk full" || puts != 1 {
		t.Errorf("Close: %v after %d puts, want disk full after 1", err, puts)
	}
}

// TestEmptyIndex is a site with nothing to index (no posts yet, or every
// page search = false): its index has no words and answers nothing.
func TestEmptyIndex(t *testing.T) {
	for _, docs := range [][]Doc{nil, {{URL: "/a/", Title: ""}}} {
		terms := make([][]Term, len(docs))
		for i, d := range docs {
			terms[i] = Analyze(d)
		}
		files := New(docs, terms).Files()
		r, err := Open(func(name string) ([]byte, error) { return files[name], nil })
		if err != nil {
			t.Fatal(err)
		}
		hits, err := r.Search(ParseQuery("서버"))
		if err != nil || len(hits) != 0 {
			t.Errorf("%d docs: hits %v, err %v", len(docs), hits, err)
		}
	}
}

// TestAnalyzeReadsWhatFoldAndTokensSee checks that Analyze, which folds
// a text in pieces and never makes its folded copy, finds the words and
// scores that Tokens finds in Fold of the same text, on text that mixes
// every kind of character Fold treats apart.
func TestAnalyzeReadsWhatFoldAndTokensSee(t *testing.T) {
	parts := []string{"서버", "가", "AWS", "Go", "로", " ", ".", "\n", "Café", norm.NFD.String("é"),
		norm.NFD.String("멈췄다"), "\u0301", "ㅅㅂ", "가\u11a8", "🔥", "—", "“", "Ｆｕｌｌ", "ß", "İ",
		"\xff", "\xe3\x81", "3.7", strings.Repeat("가", 30), strings.Repeat("x", 30), "ǅ", "Ω", "\u2028"}
	rng := rand.New(rand.NewPCG(3, 4))
	text := func() string {
		var b strings.Builder
		for range rng.IntN(40) {
			b.WriteString(parts[rng.IntN(len(parts))])
		}
		return b.String()
	}
	// want is Analyze as it was first written: Tokens of Fold of each field.
	want := func(d Doc) map[string]uint16 {
		words := map[string]uint32{}
		field := func(texts []string, bit uint32) {
			for _, s := range texts {
				for _, tok := range Tokens(Fold(s)) {
					if bit == 0 {
						words[tok.Text] += 8
					} else {
						words[tok.Text] |= bit
					}
				}
			}
		}
		field([]string{d.Title}, 1)
		field(d.Tags, 2)
		field(d.Categories, 2)
		field(d.Headings, 4)
		field([]string{d.Text}, 0)
		out := map[string]uint16{}
		for w, v := range words {
			s := min(v>>3, maxBodyCount)
			for bit, weight := range map[uint32]uint32{1: titleWeight, 2: taxonomyWeight, 4: headingWeight} {
				if v&bit != 0 {
					s += weight
				}
			}
			out[w] = uint16(s)
		}
		return out
	}
	for range 500 {
		d := Doc{Title: text(), Tags: []string{text(), text()}, Categories: []string{text()},
			Headings: []string{text()}, Text: text() + text() + text()}
		got := map[string]uint16{}
		for _, term := range Analyze(d) {
			if _, dup := got[term.Word]; dup {
				t.Fatalf("Analyze(%q): %q twice", d, term.Word)
			}
			got[term.Word] = term.Score
		}
		if w := want(d); !maps.Equal(got, w) {
			t.Fatalf("Analyze(%+q) = %v, want %v", d, got, w)
		}
	}
}

// TestFilesAreWhatJSONMarshalWrites checks the hand-written encoders of
// index.json and the chunks against encoding/json, on text with every
// character json.Marshal escapes.
func TestFilesAreWhatJSONMarshalWrites(t *testing.T) {
	odd := "a\"b\\c\b\f\n\r\t\x01\x1f<>&\u2028\u2029\xff\xe3\x81 서버 é 🔥 \x7f"
	docs := []Doc{
		{URL: "/a/?x=1&y=<2>", Title: odd, Date: "2026-01-02", Category: odd, Text: strings.Repeat(odd, 400)},
		{URL: "/b/", Title: "", Text: ""},
		{URL: "/c/", Title: "서버", Date: "", Category: "", Text: "서버 " + odd},
	}
	terms := make([][]Term, len(docs))
	for i, d := range docs {
		terms[i] = Analyze(d)
	}
	ix := New(docs, terms)
	var ds []docJSON
	for _, d := range docs {
		ds = append(ds, docJSON{URL: d.URL, Title: d.Title, Date: d.Date, Category: d.Category, Text: clip(d.Text, textBytes)})
	}
	want, _ := json.Marshal(ds)
	if got := ix.File(ChunkFile(0)); string(got) != string(want) {
		t.Errorf("chunk:\n got %s\nwant %s", got, want)
	}
	m := metaJSON{Format: Format, Docs: len(docs), Chunk: chunkDocs, Bounds: ix.bounds}
	for _, b := range ix.bounds {
		m.Files = append(m.Files, ix.shards[b].name)
		m.Hashes = append(m.Hashes, ix.shards[b].hash)
	}
	m.Hashes = append(m.Hashes, ix.chunks[0].hash)
	want, _ = json.Marshal(m)
	if got := ix.File(MetaFile); string(got) != string(want) {
		t.Errorf("index.json:\n got %s\nwant %s", got, want)
	}
	for _, s := range []string{odd, "", "가", "\x00", strings.Repeat("<", 3), "서버\u2028é\u2029 — “<b>”", "\u2027\u202a"} {
		want, _ := json.Marshal(s)
		if got := appendJSONString(nil, s); string(got) != string(want) {
			t.Errorf("appendJSONString(%q) = %s, want %s", s, got, want)
		}
	}
}
