package corpus

// rng is splitmix64 (Steele, Lea and Flood, 2014): a tiny, fast generator
// with a 64-bit state. It is written out here, not taken from math/rand,
// because the corpus must be the same bytes on every Go version, and
// math/rand/v2's generators are free to change their streams.
type rng struct{ state uint64 }

// corpusSeed fixes the whole corpus; changing it changes every post.
const corpusSeed = 0x6765756c2d626e63 // "geul-bnc"

// postRNG returns the generator for post i. Each post has its own stream,
// so post i is the same whatever N is: the 1k corpus is a prefix of the 10k.
func postRNG(i int) *rng {
	r := &rng{state: corpusSeed ^ uint64(i)*0xd1b54a32d192ed03}
	r.next() // mix the seed before the first value is used
	return r
}

func (r *rng) next() uint64 {
	r.state += 0x9e3779b97f4a7c15
	z := r.state
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// intn returns a number in [0, n). The modulo bias is below 2^-50 for the
// small n used here.
func (r *rng) intn(n int) int { return int(r.next() % uint64(n)) }

// rangeIn returns a number in [lo, hi].
func (r *rng) rangeIn(lo, hi int) int { return lo + r.intn(hi-lo+1) }

// percent reports true pct times out of 100.
func (r *rng) percent(pct int) bool { return r.intn(100) < pct }

// oneOf returns a random element of xs.
func oneOf[T any](r *rng, xs []T) T { return xs[r.intn(len(xs))] }

// distinct returns k different elements of xs in random order.
func distinct[T any](r *rng, xs []T, k int) []T {
	idx := make([]int, len(xs))
	for i := range idx {
		idx[i] = i
	}
	out := make([]T, 0, k)
	for i := 0; i < k && i < len(idx); i++ {
		j := i + r.intn(len(idx)-i)
		idx[i], idx[j] = idx[j], idx[i]
		out = append(out, xs[idx[i]])
	}
	return out
}
