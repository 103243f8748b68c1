package search

import (
	"encoding/json"
	"fmt"
	"hash/fnv"
	"slices"
	"strconv"
	"unicode/utf8"
)

// Doc is one page as the index sees it.
type Doc struct {
	URL      string
	Title    string
	Date     string // "2006-01-02"; "" for a page without a date
	Category string // the first category, shown beside the result
	// What is indexed besides the title.
	Headings   []string
	Tags       []string
	Categories []string
	Text       string // the plain text of the body
}

// Weights of where a word is: a word of the title counts as much as
// sixteen of the body, one of a tag or category as eight, one of a
// heading as four. A word's body count stops at maxBodyCount, so that
// repeating a word does not win over putting it in the title.
const (
	titleWeight    = 16
	taxonomyWeight = 8
	headingWeight  = 4
	maxBodyCount   = 8
)

// Term is one word of a Doc with its score there.
type Term struct {
	Word  string
	Score uint16
}

// Analyze returns the words of d and their scores, sorted by word. It is
// the per-page part of indexing: pkg/site keeps its result for a page
// whose source did not change.
func Analyze(d Doc) []Term {
	scores := map[string]int{}
	add := func(s string, weight int, once map[string]bool) {
		for _, t := range Tokens(Fold(s)) {
			if once != nil {
				if once[t.Text] {
					continue
				}
				once[t.Text] = true
			}
			scores[t.Text] += weight
		}
	}
	add(d.Title, titleWeight, map[string]bool{})
	tax := map[string]bool{}
	for _, s := range d.Tags {
		add(s, taxonomyWeight, tax)
	}
	for _, s := range d.Categories {
		add(s, taxonomyWeight, tax)
	}
	heads := map[string]bool{}
	for _, s := range d.Headings {
		add(s, headingWeight, heads)
	}
	body := map[string]int{}
	for _, t := range Tokens(Fold(d.Text)) {
		body[t.Text]++
	}
	for w, n := range body {
		scores[w] += min(n, maxBodyCount)
	}
	out := make([]Term, 0, len(scores))
	for w, s := range scores {
		out = append(out, Term{Word: w, Score: uint16(min(s, 0xffff))})
	}
	slices.SortFunc(out, func(a, b Term) int { return compare(a.Word, b.Word) })
	return out
}

// The sizes that decide how the index is split. A shard of the
// dictionary holds about shardBytes of JSON; a chunk holds chunkDocs
// documents, each with at most textBytes of its text (for snippets and
// phrase checks). docs/search.md has the measurements behind them.
const (
	shardBytes = 24 << 10
	chunkDocs  = 4
	textBytes  = 6000
)

// Format is the version of the index files: search.js refuses another.
const Format = 1

type posting struct {
	doc   int32
	score uint16
}

// Index is a site's search index, in memory, with its files.
type Index struct {
	docs   []Doc
	terms  [][]Term // by doc
	post   map[string][]posting
	dict   []string // every word, sorted by compare
	bounds []string // the first word of each shard
	shards [][]byte // encoded shards
	chunks [][]byte // encoded chunks
}

// New indexes docs; terms[i] is Analyze(docs[i]). Documents are numbered
// in order, and a tie in score ranks the lower number first: give them
// newest first.
func New(docs []Doc, terms [][]Term) *Index {
	ix := &Index{docs: docs, terms: terms, post: map[string][]posting{}}
	for i, ts := range terms {
		for _, t := range ts {
			ix.post[t.Word] = append(ix.post[t.Word], posting{int32(i), t.Score})
		}
	}
	ix.dict = make([]string, 0, len(ix.post))
	for w := range ix.post {
		ix.dict = append(ix.dict, w)
	}
	slices.SortFunc(ix.dict, compare)
	// Cut the dictionary where a shard reaches shardBytes.
	size := 0
	for _, w := range ix.dict {
		if len(ix.bounds) == 0 || size >= shardBytes {
			ix.bounds = append(ix.bounds, w)
			size = 0
		}
		size += len(w) + 6 + 8*len(ix.post[w])
	}
	if len(ix.bounds) == 0 {
		ix.bounds = []string{""}
	}
	ix.bounds[0] = ""
	ix.shards = make([][]byte, len(ix.bounds))
	for i := range ix.shards {
		ix.shards[i] = ix.encodeShard(i)
	}
	ix.chunks = make([][]byte, (len(docs)+chunkDocs-1)/chunkDocs)
	for i := range ix.chunks {
		ix.chunks[i] = ix.encodeChunk(i)
	}
	return ix
}

// shardOf returns the shard that holds word.
func (ix *Index) shardOf(word string) int {
	i, _ := slices.BinarySearchFunc(ix.bounds, word, func(b, w string) int {
		if compare(b, w) <= 0 {
			return -1
		}
		return 1
	})
	return max(i-1, 0)
}

// shardJSON is a shard file: words, and for each its postings as pairs
// of the document's number (the difference from the previous one) and
// the word's score there.
type shardJSON struct {
	Words    []string `json:"w"`
	Postings [][]int  `json:"p"`
}

func (ix *Index) encodeShard(i int) []byte {
	lo, _ := slices.BinarySearchFunc(ix.dict, ix.bounds[i], compare)
	hi := len(ix.dict)
	if i+1 < len(ix.bounds) {
		hi, _ = slices.BinarySearchFunc(ix.dict, ix.bounds[i+1], compare)
	}
	s := shardJSON{Words: ix.dict[lo:hi], Postings: make([][]int, 0, hi-lo)}
	for _, w := range s.Words {
		ps := ix.post[w]
		flat := make([]int, 0, 2*len(ps))
		prev := int32(0)
		for _, p := range ps {
			flat = append(flat, int(p.doc-prev), int(p.score))
			prev = p.doc
		}
		s.Postings = append(s.Postings, flat)
	}
	if s.Words == nil {
		s.Words = []string{}
	}
	return marshal(s)
}

// docJSON is one document in a chunk file.
type docJSON struct {
	URL      string `json:"u"`
	Title    string `json:"t"`
	Date     string `json:"d,omitempty"`
	Category string `json:"c,omitempty"`
	Text     string `json:"x"`
}

func (ix *Index) encodeChunk(i int) []byte {
	var ds []docJSON
	for _, d := range ix.docs[i*chunkDocs : min((i+1)*chunkDocs, len(ix.docs))] {
		ds = append(ds, docJSON{URL: d.URL, Title: d.Title, Date: d.Date, Category: d.Category, Text: clip(d.Text, textBytes)})
	}
	return marshal(ds)
}

// clip cuts s to at most n bytes, at a character boundary.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// metaJSON is index.json.
type metaJSON struct {
	Format int      `json:"format"`
	Docs   int      `json:"docs"`
	Chunk  int      `json:"chunk"`
	Bounds []string `json:"shards"`
	Hashes []string `json:"hashes"` // of each shard, then of each chunk: their URLs' ?v=, so a cache never mixes builds
}

// Files returns the index's files by name: index.json, t<n>.json (shards)
// and d<n>.json (chunks).
func (ix *Index) Files() map[string][]byte {
	out := make(map[string][]byte, 1+len(ix.shards)+len(ix.chunks))
	for i, s := range ix.shards {
		out[ShardFile(i)] = s
	}
	for i, c := range ix.chunks {
		out[ChunkFile(i)] = c
	}
	out[MetaFile] = ix.meta()
	return out
}

// MetaFile is the name of the file a search starts from.
const MetaFile = "index.json"

// ShardFile is the name of shard i.
func ShardFile(i int) string { return "t" + strconv.Itoa(i) + ".json" }

// ChunkFile is the name of chunk i.
func ChunkFile(i int) string { return "d" + strconv.Itoa(i) + ".json" }

func (ix *Index) meta() []byte {
	m := metaJSON{Format: Format, Docs: len(ix.docs), Chunk: chunkDocs, Bounds: ix.bounds}
	for _, b := range append(slices.Clip(ix.shards), ix.chunks...) {
		h := fnv.New32a()
		h.Write(b)
		m.Hashes = append(m.Hashes, strconv.FormatUint(uint64(h.Sum32()), 36))
	}
	return marshal(m)
}

// Replace puts d, analyzed as terms, in place of document i and returns
// the names of the files that changed. Only the shards of the words that
// came, went or changed score are encoded again, and i's chunk: an edit
// of one post costs about its own words, not the site's.
func (ix *Index) Replace(i int, d Doc, terms []Term) []string {
	if i < 0 || i >= len(ix.docs) {
		panic(fmt.Sprintf("search: Replace(%d) of %d documents", i, len(ix.docs)))
	}
	old := ix.terms[i]
	ix.docs[i], ix.terms[i] = d, terms
	dirty := map[int]bool{}
	set := func(w string, score uint16) { // score 0 removes
		ps := ix.post[w]
		j, found := slices.BinarySearchFunc(ps, int32(i), func(p posting, doc int32) int { return int(p.doc - doc) })
		switch {
		case found && score == 0:
			ps = slices.Delete(ps, j, j+1)
		case found:
			ps[j].score = score
		case score != 0:
			ps = slices.Insert(ps, j, posting{int32(i), score})
		}
		if len(ps) == 0 {
			delete(ix.post, w)
			if k, ok := slices.BinarySearchFunc(ix.dict, w, compare); ok {
				ix.dict = slices.Delete(ix.dict, k, k+1)
			}
		} else {
			if _, had := ix.post[w]; !had {
				k, _ := slices.BinarySearchFunc(ix.dict, w, compare)
				ix.dict = slices.Insert(ix.dict, k, w)
			}
			ix.post[w] = ps
		}
		dirty[ix.shardOf(w)] = true
	}
	a, b := 0, 0
	for a < len(old) || b < len(terms) {
		switch {
		case b == len(terms) || a < len(old) && compare(old[a].Word, terms[b].Word) < 0:
			set(old[a].Word, 0)
			a++
		case a == len(old) || compare(old[a].Word, terms[b].Word) > 0:
			set(terms[b].Word, terms[b].Score)
			b++
		default:
			if old[a].Score != terms[b].Score {
				set(terms[b].Word, terms[b].Score)
			}
			a++
			b++
		}
	}
	changed := []string{MetaFile}
	for s := range dirty {
		ix.shards[s] = ix.encodeShard(s)
		changed = append(changed, ShardFile(s))
	}
	c := i / chunkDocs
	ix.chunks[c] = ix.encodeChunk(c)
	changed = append(changed, ChunkFile(c))
	slices.Sort(changed)
	return changed
}

// File returns the current bytes of one of Files' names.
func (ix *Index) File(name string) []byte {
	if name == MetaFile {
		return ix.meta()
	}
	var n int
	if _, err := fmt.Sscanf(name, "t%d.json", &n); err == nil && n < len(ix.shards) {
		return ix.shards[n]
	}
	if _, err := fmt.Sscanf(name, "d%d.json", &n); err == nil && n < len(ix.chunks) {
		return ix.chunks[n]
	}
	return nil
}

// Len returns the number of documents.
func (ix *Index) Len() int { return len(ix.docs) }

func marshal(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // strings and numbers only: cannot fail
	}
	return b
}
