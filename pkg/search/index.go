package search

import (
	"fmt"
	"hash/fnv"
	"slices"
	"strconv"
	"strings"
	"sync"
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

// Analyze returns the words of d and their scores, in the order they
// first appear. It is the per-page part of indexing: pkg/site keeps its
// result for a page whose source did not change.
func Analyze(d Doc) []Term {
	a := analyzers.Get().(*analyzer)
	defer analyzers.Put(a)
	clear(a.ids)
	a.words, a.vals = a.words[:0], a.vals[:0]
	a.read([]string{d.Title}, 1)
	a.read(d.Tags, 2)
	a.read(d.Categories, 2)
	a.read(d.Headings, 4)
	a.read([]string{d.Text}, 0)
	out := make([]Term, len(a.words))
	for k, w := range a.words {
		v := a.vals[k]
		score := int(min(v>>3, maxBodyCount))
		if v&1 != 0 {
			score += titleWeight
		}
		if v&2 != 0 {
			score += taxonomyWeight
		}
		if v&4 != 0 {
			score += headingWeight
		}
		out[k] = Term{Word: w, Score: uint16(score)}
	}
	return out
}

// analyzer is Analyze's working memory, reused from one page to the next
// (analyzers): a page's text is read once, folded as it is read
// (wordReader.read), and a word is copied out only the first time it is
// seen.
type analyzer struct {
	ids   map[string]int32 // index in words and vals
	words []string
	vals  []uint32 // per word: the body count << 3 | a bit per field it is in
	bit   uint32   // the field being read; 0 for the body
	r     wordReader
}

var analyzers = sync.Pool{New: func() any {
	a := &analyzer{ids: make(map[string]int32, 512)}
	a.r.fn = a.add
	return a
}}

// read adds the words of texts, found in the field bit (0: the body).
func (a *analyzer) read(texts []string, bit uint32) {
	a.bit = bit
	for _, text := range texts {
		a.r.read(text)
	}
}

func (a *analyzer) add(word []byte) {
	k, ok := a.ids[string(word)]
	if !ok {
		w := string(word)
		k = int32(len(a.words))
		a.ids[w] = k
		a.words = append(a.words, w)
		a.vals = append(a.vals, 0)
	}
	if a.bit == 0 {
		a.vals[k] += 8
	} else {
		a.vals[k] |= a.bit
	}
}

func byWord(a, b Term) int { return strings.Compare(a.Word, b.Word) }

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
//
// The dictionary is cut into shards before the words whose hash is a
// multiple of cut (chosen so that a shard holds about shardBytes), not
// where a running size reaches a limit: a cut then depends on its word
// alone, so an edit that adds a word moves no other cut, Replace encodes
// again only the shards it touched, and the files are the ones a clean
// build of the edited site makes.
type Index struct {
	n      int // the number of documents
	docs   []Doc
	terms  [][]Term // by doc
	post   map[string][]posting
	dict   []string           // every word, sorted by compare
	size   int                // the sum of wordSize over dict
	cut    uint64             // a word starts a shard when its hash is a multiple of cut
	bounds []string           // the first word of each shard, "" for the first
	shards map[string]encoded // by bound
	chunks []encoded
}

// encoded is one file of the index, its hash for index.json and, for a
// shard, its name.
type encoded struct {
	data []byte
	hash string
	name string
}

func encode(data []byte) encoded {
	h := fnv.New32a()
	h.Write(data)
	return encoded{data: data, hash: strconv.FormatUint(uint64(h.Sum32()), 36)}
}

// putShard encodes the shard that starts at bound.
func (ix *Index) putShard(bound string) {
	e := encode(ix.encodeShard(bound))
	e.name = ShardFile(bound)
	ix.shards[bound] = e
}

// New indexes docs; terms[i] is Analyze(docs[i]). Documents are numbered
// in order, and a tie in score ranks the lower number first: give them
// newest first.
func New(docs []Doc, terms [][]Term) *Index {
	ix := &Index{n: len(docs), docs: docs, terms: terms, post: map[string][]posting{}, shards: map[string]encoded{}}
	for i, ts := range terms {
		ix.addPostings(i, ts)
	}
	ix.cutDictionary()
	ix.chunks = make([]encoded, (len(docs)+chunkDocs-1)/chunkDocs)
	for i := range ix.chunks {
		ix.chunks[i] = encode(ix.encodeChunk(i))
	}
	return ix
}

// addPostings adds document i's terms to the postings.
func (ix *Index) addPostings(i int, terms []Term) {
	for _, t := range terms {
		ix.post[t.Word] = append(ix.post[t.Word], posting{int32(i), t.Score})
	}
}

// cutDictionary sorts the words of the postings, cuts them into shards
// and encodes every shard.
func (ix *Index) cutDictionary() {
	ix.sortDictionary()
	ix.recut()
}

// sortDictionary makes the sorted dictionary of the postings' words.
func (ix *Index) sortDictionary() {
	ix.dict = make([]string, 0, len(ix.post))
	for w, ps := range ix.post {
		ix.dict = append(ix.dict, w)
		ix.size += wordSize(w, len(ps))
	}
	slices.SortFunc(ix.dict, compare)
}

// A Writer makes the files of an index from documents given one at a
// time, in order, and hands each file over as soon as it is made. It
// keeps of a document only its postings, where New keeps every document
// and its words for Replace: it is for a site built once (geul build),
// whose index is never updated, and needs a fraction of New's memory.
// Its files are byte for byte those New makes of the same documents.
type Writer struct {
	ix    Index
	chunk []Doc // the documents of the chunk being filled
	put   func(name string, data []byte) error
	err   error
}

// NewWriter returns a Writer that hands each file, by name, to put, which
// may keep data. After an error from put, the Writer does nothing more
// and Close returns the error.
func NewWriter(put func(name string, data []byte) error) *Writer {
	return &Writer{ix: Index{post: map[string][]posting{}, shards: map[string]encoded{}}, put: put}
}

// Add indexes the next document; terms is Analyze(d).
func (w *Writer) Add(d Doc, terms []Term) {
	w.ix.addPostings(w.ix.n, terms)
	w.ix.n++
	w.chunk = append(w.chunk, d)
	if len(w.chunk) == chunkDocs {
		w.flushChunk()
	}
}

// flushChunk encodes the documents of the chunk being filled and hands
// the chunk over; only its hash is kept, for index.json.
func (w *Writer) flushChunk() {
	if len(w.chunk) == 0 {
		return
	}
	e := encode(encodeChunk(w.chunk))
	clear(w.chunk)
	w.chunk = w.chunk[:0]
	if w.err == nil {
		w.err = w.put(ChunkFile(len(w.ix.chunks)), e.data)
	}
	e.data = nil
	w.ix.chunks = append(w.ix.chunks, e)
}

// Close hands over the last chunk, every shard and index.json, and
// returns the first error of put.
func (w *Writer) Close() error {
	w.flushChunk()
	w.ix.sortDictionary()
	w.ix.cutBounds()
	for _, b := range w.ix.bounds {
		if w.err != nil {
			break
		}
		w.ix.putShard(b) // one at a time: only its hash and name are kept
		e := w.ix.shards[b]
		w.err = w.put(e.name, e.data)
		e.data = nil
		w.ix.shards[b] = e
	}
	if w.err == nil {
		w.err = w.put(MetaFile, w.ix.meta())
	}
	w.ix.post, w.ix.dict = nil, nil
	return w.err
}

// wordSize is about how many bytes a word and its postings take in a shard.
func wordSize(w string, postings int) int { return len(w) + 6 + 8*postings }

// chooseCut returns the power of two nearest below the number of words a
// shardBytes shard holds: an edit rarely changes it.
func (ix *Index) chooseCut() uint64 {
	cut := uint64(1)
	for cut < 1<<20 && cut*2*uint64(ix.size) <= uint64(shardBytes)*uint64(len(ix.dict)) {
		cut *= 2
	}
	return cut
}

// recut chooses the cut, cuts the dictionary and encodes every shard.
func (ix *Index) recut() {
	ix.cutBounds()
	clear(ix.shards)
	for _, b := range ix.bounds {
		ix.putShard(b)
	}
}

// cutBounds chooses the cut and finds the first word of each shard.
func (ix *Index) cutBounds() {
	ix.cut = ix.chooseCut()
	ix.bounds = []string{""}
	for _, w := range ix.dict {
		if ix.isCut(w) {
			ix.bounds = append(ix.bounds, w)
		}
	}
}

func hash64(s string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(s))
	return h.Sum64()
}

func (ix *Index) isCut(w string) bool { return w != "" && hash64(w)%ix.cut == 0 }

// boundOf returns the first word of the shard that holds word.
func (ix *Index) boundOf(word string) string {
	i, found := slices.BinarySearchFunc(ix.bounds, word, compare)
	if found {
		return ix.bounds[i]
	}
	return ix.bounds[i-1] // bounds[0] is "", below every word
}

// shardJSON is a shard file: words, and for each its postings as pairs
// of the document's number (the difference from the previous one) and
// the word's score there.
type shardJSON struct {
	Words    []string `json:"w"`
	Postings [][]int  `json:"p"`
}

func (ix *Index) encodeShard(bound string) []byte {
	i, _ := slices.BinarySearchFunc(ix.bounds, bound, compare)
	lo, _ := slices.BinarySearchFunc(ix.dict, bound, compare)
	hi := len(ix.dict)
	if i+1 < len(ix.bounds) {
		hi, _ = slices.BinarySearchFunc(ix.dict, ix.bounds[i+1], compare)
	}
	// Written by hand, as all the index's files (see appendJSONString).
	words := ix.dict[lo:hi]
	b := make([]byte, 0, shardBytes+shardBytes/4)
	b = append(b, `{"w":[`...)
	for k, w := range words {
		if k > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, w)
	}
	b = append(b, `],"p":[`...)
	for k, w := range words {
		if k > 0 {
			b = append(b, ',')
		}
		b = append(b, '[')
		prev := int32(0)
		for j, p := range ix.post[w] {
			if j > 0 {
				b = append(b, ',')
			}
			b = strconv.AppendInt(b, int64(p.doc-prev), 10)
			b = append(b, ',')
			b = strconv.AppendInt(b, int64(p.score), 10)
			prev = p.doc
		}
		b = append(b, ']')
	}
	return append(b, "]}"...)
}

// appendJSONString appends s as encoding/json writes a string: the
// index's files are written by hand, without encoding/json's reflection
// over every word and posting, and byte for byte as json.Marshal would
// write them (TestFilesAreWhatJSONMarshalWrites).
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default: // other control characters, and <, > and & as json.Marshal does
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xF])
		default:
			i += n
			continue
		}
		i += n
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// appendJSONStrings appends ss as a JSON array of strings (null when nil,
// as json.Marshal writes a nil slice).
func appendJSONStrings(b []byte, ss []string) []byte {
	if ss == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for k, s := range ss {
		if k > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, s)
	}
	return append(b, ']')
}

// docJSON is one document in a chunk file, as Open reads it (encodeChunk
// writes it by hand).
type docJSON struct {
	URL      string `json:"u"`
	Title    string `json:"t"`
	Date     string `json:"d,omitempty"`
	Category string `json:"c,omitempty"`
	Text     string `json:"x"`
}

// encodeChunk writes chunk i: a JSON array with, per document, its URL
// ("u"), title ("t"), date ("d") and category ("c") when it has them,
// and the start of its text ("x") for snippets.
func (ix *Index) encodeChunk(i int) []byte {
	return encodeChunk(ix.docs[i*chunkDocs : min((i+1)*chunkDocs, len(ix.docs))])
}

// encodeChunk writes the chunk of docs.
func encodeChunk(docs []Doc) []byte {
	size := 2
	for _, d := range docs {
		size += len(d.URL) + len(d.Title) + len(d.Date) + len(d.Category) + min(len(d.Text), textBytes) + 40
	}
	b := make([]byte, 0, size+size/8)
	b = append(b, '[')
	for k, d := range docs {
		if k > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"u":`...)
		b = appendJSONString(b, d.URL)
		b = append(b, `,"t":`...)
		b = appendJSONString(b, d.Title)
		if d.Date != "" {
			b = append(b, `,"d":`...)
			b = appendJSONString(b, d.Date)
		}
		if d.Category != "" {
			b = append(b, `,"c":`...)
			b = appendJSONString(b, d.Category)
		}
		b = append(b, `,"x":`...)
		b = appendJSONString(b, clip(d.Text, textBytes))
		b = append(b, '}')
	}
	return append(b, ']')
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

// Files returns the index's files by name: index.json, t<n>.json (shards)
// and d<n>.json (chunks).
func (ix *Index) Files() map[string][]byte {
	out := make(map[string][]byte, 1+len(ix.shards)+len(ix.chunks))
	for _, b := range ix.bounds {
		out[ix.shards[b].name] = ix.shards[b].data
	}
	for i, c := range ix.chunks {
		out[ChunkFile(i)] = c.data
	}
	out[MetaFile] = ix.meta()
	return out
}

// MetaFile is the name of the file a search starts from.
const MetaFile = "index.json"

// ShardFile is the name of the shard that starts at bound: named by its
// first word, not its place, so that a new shard does not rename the
// ones after it.
func ShardFile(bound string) string { return "t" + strconv.FormatUint(hash64(bound), 36) + ".json" }

// ChunkFile is the name of chunk i.
func ChunkFile(i int) string { return "d" + strconv.Itoa(i) + ".json" }

// metaJSON is index.json, as Open reads it (meta writes it by hand).
type metaJSON struct {
	Format int      `json:"format"`
	Docs   int      `json:"docs"`
	Chunk  int      `json:"chunk"`
	Bounds []string `json:"shards"`
	Files  []string `json:"files"`  // each shard's file
	Hashes []string `json:"hashes"` // of each shard, then of each chunk: their URLs' ?v=, so a cache never mixes builds
}

// meta writes index.json: the format, the number of documents and of
// documents per chunk, the first word of each shard ("shards"), each
// shard's file ("files"), and the hash of each shard, then of each chunk
// ("hashes"): their URLs' ?v=, so that a cache never mixes builds.
func (ix *Index) meta() []byte {
	size := 64
	for _, bound := range ix.bounds {
		size += len(bound) + 32
	}
	b := make([]byte, 0, size+10*len(ix.chunks))
	b = append(b, `{"format":`...)
	b = strconv.AppendInt(b, Format, 10)
	b = append(b, `,"docs":`...)
	b = strconv.AppendInt(b, int64(ix.n), 10)
	b = append(b, `,"chunk":`...)
	b = strconv.AppendInt(b, chunkDocs, 10)
	b = append(b, `,"shards":`...)
	b = appendJSONStrings(b, ix.bounds)
	b = append(b, `,"files":[`...)
	for k, bound := range ix.bounds {
		if k > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, ix.shards[bound].name)
	}
	b = append(b, `],"hashes":[`...)
	for k, bound := range ix.bounds {
		if k > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, ix.shards[bound].hash)
	}
	for k, c := range ix.chunks {
		if k > 0 || len(ix.bounds) > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, c.hash)
	}
	return append(b, "]}"...)
}

// Replace puts d, analyzed as terms, in place of document i and returns
// the names of the files that changed and of those that are no more (a
// shard whose first word is gone). Only the shards of the words that
// came, went or changed score are encoded again, and i's chunk: an edit
// of one post costs about its own words, not the site's. The files are
// then those New would make of the documents.
func (ix *Index) Replace(i int, d Doc, terms []Term) (changed, removed []string) {
	if i < 0 || i >= len(ix.docs) {
		panic(fmt.Sprintf("search: Replace(%d) of %d documents", i, len(ix.docs)))
	}
	old := ix.terms[i] // sorted when it came from an earlier Replace
	if !slices.IsSortedFunc(old, byWord) {
		old = slices.SortedFunc(slices.Values(old), byWord)
	}
	terms = slices.SortedFunc(slices.Values(terms), byWord)
	ix.docs[i], ix.terms[i] = d, terms
	dirty := map[string]bool{}
	set := func(w string, score uint16) { // score 0 removes
		ps := ix.post[w]
		ix.size -= wordSize(w, len(ps))
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
			ix.size -= wordSize(w, 0)
			delete(ix.post, w)
			if k, ok := slices.BinarySearchFunc(ix.dict, w, compare); ok {
				ix.dict = slices.Delete(ix.dict, k, k+1)
			}
			if k, ok := slices.BinarySearchFunc(ix.bounds, w, compare); ok && k > 0 {
				// The word started a shard: the shard before takes its words.
				ix.bounds = slices.Delete(ix.bounds, k, k+1)
				delete(ix.shards, w)
				delete(dirty, w)
				removed = append(removed, ShardFile(w))
			}
		} else {
			ix.size += wordSize(w, len(ps))
			if _, had := ix.post[w]; !had {
				k, _ := slices.BinarySearchFunc(ix.dict, w, compare)
				ix.dict = slices.Insert(ix.dict, k, w)
				if ix.isCut(w) {
					// The new word starts a shard, as in a clean build;
					// the shard it was in ends before it.
					dirty[ix.boundOf(w)] = true
					k, _ := slices.BinarySearchFunc(ix.bounds, w, compare)
					ix.bounds = slices.Insert(ix.bounds, k, w)
				}
			}
			ix.post[w] = ps
		}
		dirty[ix.boundOf(w)] = true
	}
	a, b := 0, 0
	for a < len(old) || b < len(terms) {
		switch {
		case b == len(terms) || a < len(old) && old[a].Word < terms[b].Word:
			set(old[a].Word, 0)
			a++
		case a == len(old) || old[a].Word > terms[b].Word:
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
	c := i / chunkDocs
	ix.chunks[c] = encode(ix.encodeChunk(c))
	changed = []string{MetaFile, ChunkFile(c)}
	if ix.chooseCut() != ix.cut {
		// The words grew or shrank past a power of two: cut again, as a
		// new index would.
		old := slices.Clone(ix.bounds)
		ix.recut()
		for _, b := range old {
			if _, ok := ix.shards[b]; !ok {
				removed = append(removed, ShardFile(b))
			}
		}
		removed = slices.Compact(slices.Sorted(slices.Values(removed)))
		removed = slices.DeleteFunc(removed, func(name string) bool { return ix.File(name) != nil })
		for _, b := range ix.bounds {
			changed = append(changed, ix.shards[b].name)
		}
	} else {
		for b := range dirty {
			ix.putShard(b)
			changed = append(changed, ix.shards[b].name)
		}
	}
	slices.Sort(changed)
	return changed, removed
}

// File returns the current bytes of one of Files' names.
func (ix *Index) File(name string) []byte {
	if name == MetaFile {
		return ix.meta()
	}
	for _, b := range ix.bounds {
		if ix.shards[b].name == name {
			return ix.shards[b].data
		}
	}
	var n int
	if _, err := fmt.Sscanf(name, "d%d.json", &n); err == nil && n < len(ix.chunks) {
		return ix.chunks[n].data
	}
	return nil
}

// Len returns the number of documents.
func (ix *Index) Len() int { return ix.n }
