package search

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// Query is a parsed query: its words and its quoted phrases.
type Query struct {
	Words   []QueryWord
	Phrases [][]int // each phrase as indexes into Words, in order
}

// QueryWord is one word of a query and what it matches.
type QueryWord struct {
	Text     string
	patterns []pattern
}

// Matches reports whether an indexed word matches w.
func (w QueryWord) Matches(word string) bool {
	for _, p := range w.patterns {
		if p.matches(word) {
			return true
		}
	}
	return false
}

// ParseQuery folds q and splits it into words; words between double
// quotes ("서버 장애", or “…”) are a phrase. The last word is taken as
// still being typed (see patterns) unless q ends in a space or a quote.
func ParseQuery(q string) Query {
	f := Fold(q)
	f = strings.NewReplacer("“", `"`, "”", `"`, "„", `"`, "″", `"`).Replace(f)
	var out Query
	index := map[string]int{}
	last, _ := utf8.DecodeLastRuneInString(f)
	typing := isWord(last)
	parts := strings.Split(f, `"`)
	for pi, part := range parts {
		toks := Tokens(part)
		var phrase []int
		for ti, t := range toks {
			isLast := pi == len(parts)-1 && ti == len(toks)-1
			key := t.Text
			if isLast && typing {
				key += "\x00typing"
			}
			i, ok := index[key]
			if !ok {
				i = len(out.Words)
				index[key] = i
				out.Words = append(out.Words, QueryWord{Text: t.Text, patterns: patterns(t.Text, isLast && typing)})
			}
			phrase = append(phrase, i)
		}
		if pi%2 == 1 && len(phrase) > 1 {
			out.Phrases = append(out.Phrases, phrase)
		}
	}
	return out
}

// Hit is one result: a document's number and its score.
type Hit struct {
	Doc   int
	Score int
}

// Shown is what a result shows of a document.
type Shown struct {
	URL, Title, Date, Category, Text string
}

// Reader answers queries from an index's files, as search.js does: it
// reads index.json, then only the shards and chunks a query needs.
type Reader struct {
	read   func(name string) ([]byte, error)
	meta   metaJSON
	shards map[int]*shardJSON
	chunks map[int][]docJSON
}

// Open reads index.json through read, which returns a file of the index
// by name.
func Open(read func(name string) ([]byte, error)) (*Reader, error) {
	r := &Reader{read: read, shards: map[int]*shardJSON{}, chunks: map[int][]docJSON{}}
	b, err := read(MetaFile)
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(b, &r.meta); err != nil {
		return nil, fmt.Errorf("%s: %w", MetaFile, err)
	}
	if r.meta.Format != Format {
		return nil, fmt.Errorf("%s: format %d, want %d", MetaFile, r.meta.Format, Format)
	}
	return r, nil
}

func (r *Reader) shard(i int) (*shardJSON, error) {
	if s, ok := r.shards[i]; ok {
		return s, nil
	}
	b, err := r.read(r.meta.Files[i])
	if err != nil {
		return nil, err
	}
	s := &shardJSON{}
	if err := json.Unmarshal(b, s); err != nil {
		return nil, fmt.Errorf("%s: %w", r.meta.Files[i], err)
	}
	r.shards[i] = s
	return s, nil
}

func (r *Reader) doc(i int) (docJSON, error) {
	c := i / r.meta.Chunk
	ds, ok := r.chunks[c]
	if !ok {
		b, err := r.read(ChunkFile(c))
		if err != nil {
			return docJSON{}, err
		}
		if err := json.Unmarshal(b, &ds); err != nil {
			return docJSON{}, fmt.Errorf("%s: %w", ChunkFile(c), err)
		}
		r.chunks[c] = ds
	}
	return ds[i%r.meta.Chunk], nil
}

// shardsFor returns the shards that can hold words from lo to hi.
func (r *Reader) shardsFor(lo, hi string) []int {
	var out []int
	for i, b := range r.meta.Bounds {
		next := ""
		if i+1 < len(r.meta.Bounds) {
			next = r.meta.Bounds[i+1]
		}
		if compare(b, hi) <= 0 && (next == "" || compare(next, lo) > 0) {
			out = append(out, i)
		}
	}
	return out
}

// wordScores returns, for each document that has a word matching w, the
// best score of such a word there: a word equal to w counts 4, one that
// only begins with it 3.
func (r *Reader) wordScores(w QueryWord) (map[int]int, error) {
	best := map[int]int{}
	for _, p := range w.patterns {
		for _, sc := range p.scans() {
			for _, si := range r.shardsFor(sc[0], sc[1]) {
				s, err := r.shard(si)
				if err != nil {
					return nil, err
				}
				start, _ := slices.BinarySearchFunc(s.Words, sc[0], compare)
				for k := start; k < len(s.Words) && compare(s.Words[k], sc[1]) <= 0; k++ {
					word := s.Words[k]
					if !p.matches(word) {
						continue
					}
					factor := 3
					if word == w.Text {
						factor = 4
					}
					doc := 0
					ps := s.Postings[k]
					for j := 0; j+1 < len(ps); j += 2 {
						doc += ps[j]
						if v := ps[j+1] * factor; v > best[doc] {
							best[doc] = v
						}
					}
				}
			}
		}
	}
	return best, nil
}

// phraseCheckLimit is how many of the best documents that hold every
// word of a phrase are checked for the words in order; the others are
// left out (checking means reading their text).
const phraseCheckLimit = 40

// Search returns the documents that match q, best first: those with more
// of its words first, then by the sum of each word's score weighed by how
// rare the word is; ties go to the lower document number (the newer).
func (r *Reader) Search(q Query) ([]Hit, error) {
	n := r.meta.Docs
	if len(q.Words) == 0 || n == 0 {
		return nil, nil
	}
	total := map[int]int{}
	matched := map[int]int{}
	for _, w := range q.Words {
		best, err := r.wordScores(w)
		if err != nil {
			return nil, err
		}
		weight := 100 * n / (n + len(best))
		for doc, s := range best {
			total[doc] += s * weight
			matched[doc]++
		}
	}
	docs := make([]int, 0, len(total))
	for d := range total {
		docs = append(docs, d)
	}
	score := func(d int) int { return matched[d]*1_000_000 + total[d] }
	slices.SortFunc(docs, func(a, b int) int {
		if sa, sb := score(a), score(b); sa != sb {
			return sb - sa
		}
		return a - b
	})
	if len(q.Phrases) > 0 {
		var kept []int
		checked := 0
		for _, d := range docs {
			if matched[d] < len(q.Words) || checked == phraseCheckLimit {
				break
			}
			checked++
			dj, err := r.doc(d)
			if err != nil {
				return nil, err
			}
			if hasPhrases(q, dj.Title+"\n"+dj.Text) {
				kept = append(kept, d)
			}
		}
		docs = kept
	}
	hits := make([]Hit, 0, len(docs))
	for _, d := range docs {
		hits = append(hits, Hit{Doc: d, Score: score(d)})
	}
	return hits, nil
}

// Doc returns what a result shows of document i, reading its chunk.
func (r *Reader) Doc(i int) (Shown, error) {
	if i < 0 || i >= r.meta.Docs {
		return Shown{}, fmt.Errorf("search: no document %d of %d", i, r.meta.Docs)
	}
	d, err := r.doc(i)
	return Shown(d), err
}

// hasPhrases reports whether text has each phrase of q: words that match
// the phrase's words one after the other.
func hasPhrases(q Query, text string) bool {
	toks := Tokens(Fold(text))
	for _, ph := range q.Phrases {
		found := false
		for i := 0; i+len(ph) <= len(toks) && !found; i++ {
			found = true
			for j, w := range ph {
				if !q.Words[w].Matches(toks[i+j].Text) {
					found = false
					break
				}
			}
		}
		if !found {
			return false
		}
	}
	return true
}
