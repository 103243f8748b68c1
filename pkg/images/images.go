// Package images makes the published copies of the photos a post shows:
// the original without its metadata (EXIF, GPS), turned upright as its EXIF
// orientation says, resized copies for a srcset (never larger than the
// original), and WebP copies when WebP is smaller. It knows nothing of
// pages or Markdown: it takes the bytes of one image and gives back what to
// publish beside it.
//
// Work is cached on disk by content hash and settings, so a rebuild of the
// same photos decodes nothing. Scaling uses golang.org/x/image/draw; WebP
// is encoded by github.com/gen2brain/webp, which runs libwebp compiled to
// WebAssembly under wazero (or a system libwebp when one is installed): no
// cgo, no external binary.
package images

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/gen2brain/webp"
	"golang.org/x/image/draw"
)

// Option configures a Processor.
type Option func(*Processor)

// WithWidths sets the widths of the resized copies (default 480, 960, 1600).
// A width not smaller than the image's own is left out.
func WithWidths(ws ...int) Option { return func(p *Processor) { p.widths = ws } }

// WithQuality sets the JPEG and WebP quality of the copies (default 82).
func WithQuality(q int) Option { return func(p *Processor) { p.quality = q } }

// WithWebP turns the WebP copies on or off (default on).
func WithWebP(on bool) Option { return func(p *Processor) { p.webp = on } }

// WithIdle calls fn, from a goroutine of its own, each time the work Start
// began is all done: a preview server then builds again to show the copies.
func WithIdle(fn func()) Option { return func(p *Processor) { p.idle = fn } }

// Processor makes and caches the published copies of images. It is safe
// for concurrent use; one image is processed once even when asked for by
// many pages at the same time.
type Processor struct {
	dir     string // cache folder; "" keeps the cache in memory only
	widths  []int
	quality int
	webp    bool
	idle    func() // WithIdle

	mu        sync.Mutex
	started   int // Start's goroutines still running
	mem       map[string]*Entry
	inflight  map[string]chan struct{}
	files     map[filesKey][]byte // the copies, when there is no cache folder
	failed    map[string]bool     // keys of images that could not be processed
	processed atomic.Int64
}

// New returns a Processor that caches its work in dir (".geul/images").
func New(dir string, opts ...Option) *Processor {
	p := &Processor{dir: dir, widths: []int{480, 960, 1600}, quality: 82, webp: true,
		mem: map[string]*Entry{}, inflight: map[string]chan struct{}{}}
	for _, o := range opts {
		o(p)
	}
	return p
}

// Variant is one published copy.
type Variant struct {
	Suffix string // added to the original's name without its extension: ".480w.jpg"
	Width  int
	Height int
	Type   string // "image/jpeg", "image/png", "image/webp"
	Size   int
}

// Entry is what Process made of one image.
type Entry struct {
	Width, Height int    // of the upright image
	Type          string // of the original
	// Original is the suffix of the published original: "" when it is the
	// source with its metadata stripped (Strip), ".upright.jpg" when it had
	// to be turned and so encoded again.
	Original string
	// Sizes are the resized copies in the original's format, smallest first.
	Sizes []Variant
	// WebP are the WebP copies, at the widths of Sizes (at the full width
	// when the image is narrower than every width); empty when WebP is not
	// smaller than the original format. The largest WebP copy is at most
	// the largest width: encoding a 12-megapixel WebP takes seconds, and a
	// column 760 px wide never needs more than 1600 px.
	WebP []Variant
	// Saved is how many bytes a reader on a phone saves: the original's
	// size less that of the copy a 960 px wide screen picks (WebP when
	// there is one).
	Saved int64

	key string
}

// Processed returns how many images this Processor has decoded and encoded
// (not found in its cache).
func (p *Processor) Processed() int { return int(p.processed.Load()) }

func (p *Processor) settings() string {
	var b strings.Builder
	for _, w := range p.widths {
		b.WriteString(strconv.Itoa(w) + ",")
	}
	fmt.Fprintf(&b, "q%d,webp%t,v1", p.quality, p.webp)
	return b.String()
}

// Key returns the cache key of data under p's settings.
func (p *Processor) Key(data []byte) string {
	h := sha256.New()
	h.Write(data)
	h.Write([]byte{0})
	h.Write([]byte(p.settings()))
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// Lookup returns the Entry for data when it is in the cache (memory or
// disk), doing no image work.
func (p *Processor) Lookup(data []byte) (*Entry, bool) { return p.Cached(p.Key(data)) }

// Cached returns the Entry cached under key (Key of an image's bytes),
// from memory or disk, doing no image work: a caller that keeps the keys
// of the photos it shows hashes each once.
func (p *Processor) Cached(key string) (*Entry, bool) {
	p.mu.Lock()
	e := p.mem[key]
	p.mu.Unlock()
	if e != nil {
		return e, true
	}
	if e := p.readEntry(key); e != nil {
		p.mu.Lock()
		p.mem[key] = e
		p.mu.Unlock()
		return e, true
	}
	return nil, false
}

// Start processes data in the background unless it is cached or already
// under way, so that a preview server never waits for a photo.
func (p *Processor) Start(data []byte) {
	if _, ok := p.Lookup(data); ok {
		return
	}
	p.mu.Lock()
	p.started++
	p.mu.Unlock()
	go func() {
		p.Process(data) //nolint:errcheck // the next build asks again and reports the error
		p.mu.Lock()
		p.started--
		idle := p.started == 0
		p.mu.Unlock()
		if idle && p.idle != nil {
			p.idle()
		}
	}()
}

// Process returns the Entry for data, from the cache or made now.
func (p *Processor) Process(data []byte) (*Entry, error) {
	key := p.Key(data)
	if e, ok := p.Cached(key); ok {
		return e, nil
	}
	p.mu.Lock()
	if ch, ok := p.inflight[key]; ok {
		p.mu.Unlock()
		<-ch
		if e, ok := p.Cached(key); ok {
			return e, nil
		}
		return p.Process(data)
	}
	ch := make(chan struct{})
	p.inflight[key] = ch
	p.mu.Unlock()
	defer func() {
		p.mu.Lock()
		delete(p.inflight, key)
		p.mu.Unlock()
		close(ch)
	}()

	fail := func(err error) (*Entry, error) {
		p.mu.Lock()
		if p.failed == nil {
			p.failed = map[string]bool{}
		}
		p.failed[key] = true
		p.mu.Unlock()
		return nil, err
	}
	e, files, err := p.make(data)
	if err != nil {
		return fail(err)
	}
	e.key = key
	p.processed.Add(1)
	if err := p.writeEntry(key, e, files); err != nil {
		return fail(err)
	}
	p.mu.Lock()
	p.mem[key] = e
	p.mu.Unlock()
	return e, nil
}

// Failed reports whether Process failed before on the image whose Key is
// key, so a caller does not ask again.
func (p *Processor) Failed(key string) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.failed[key]
}

// File returns the bytes of the copy of data with the given suffix (a
// Variant's Suffix, or Entry.Original), from the cache.
func (p *Processor) File(e *Entry, suffix string) ([]byte, error) {
	p.mu.Lock()
	b, ok := p.files[filesKey{e.key, suffix}]
	p.mu.Unlock()
	if ok {
		return b, nil
	}
	if p.dir == "" {
		return nil, fmt.Errorf("images: %s%s is not in the cache", e.key, suffix)
	}
	return os.ReadFile(filepath.Join(p.dir, e.key[:2], e.key, fileName(suffix)))
}

type filesKey struct{ key, suffix string }

// fileName is the name a copy is cached under: its suffix without the dot.
func fileName(suffix string) string { return strings.TrimPrefix(suffix, ".") }

func (p *Processor) readEntry(key string) *Entry {
	if p.dir == "" {
		return nil
	}
	b, err := os.ReadFile(filepath.Join(p.dir, key[:2], key, "entry.json"))
	if err != nil {
		return nil
	}
	var e Entry
	if json.Unmarshal(b, &e) != nil {
		return nil
	}
	e.key = key
	return &e
}

func (p *Processor) writeEntry(key string, e *Entry, files map[string][]byte) error {
	if p.dir == "" {
		p.mu.Lock()
		if p.files == nil {
			p.files = map[filesKey][]byte{}
		}
		for s, b := range files {
			p.files[filesKey{key, s}] = b
		}
		p.mu.Unlock()
		return nil
	}
	dir := filepath.Join(p.dir, key[:2], key)
	tmp := dir + ".tmp" + strconv.Itoa(os.Getpid())
	os.RemoveAll(tmp)
	if err := os.MkdirAll(tmp, 0o755); err != nil {
		return err
	}
	for s, b := range files {
		if err := os.WriteFile(filepath.Join(tmp, fileName(s)), b, 0o644); err != nil {
			os.RemoveAll(tmp)
			return err
		}
	}
	j, _ := json.Marshal(e)
	if err := os.WriteFile(filepath.Join(tmp, "entry.json"), j, 0o644); err != nil {
		os.RemoveAll(tmp)
		return err
	}
	os.RemoveAll(dir)
	return os.Rename(tmp, dir)
}

// make decodes data, turns it upright and encodes every copy.
func (p *Processor) make(data []byte) (*Entry, map[string][]byte, error) {
	img, format, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, nil, fmt.Errorf("cannot decode the image: %w; save it again as JPEG or PNG", err)
	}
	var ext, typ string
	switch format {
	case "jpeg":
		ext, typ = ".jpg", "image/jpeg"
	case "png":
		ext, typ = ".png", "image/png"
	default:
		return nil, nil, fmt.Errorf("%s images are published as they are; only JPEG and PNG are resized", format)
	}
	files := map[string][]byte{}
	e := &Entry{Type: typ}
	orient := Orientation(data)
	full := upright(img, orient)
	b := full.Bounds()
	e.Width, e.Height = b.Dx(), b.Dy()
	original := Strip(data)
	if orient != 1 {
		if original, err = p.encode(full, typ); err != nil {
			return nil, nil, err
		}
		e.Original = ".upright" + ext
		files[e.Original] = original
	}

	// Scale from the largest copy down, each from the one before: a third
	// of the work of scaling every copy from the full image, and as sharp.
	var widths []int
	for _, w := range p.widths {
		if w < e.Width {
			widths = append(widths, w)
		}
	}
	scaled := make([]image.Image, len(widths))
	from := full
	for i := len(widths) - 1; i >= 0; i-- {
		w := widths[i]
		h := max(1, (e.Height*w+e.Width/2)/e.Width)
		dst := image.NewRGBA(image.Rect(0, 0, w, h))
		draw.CatmullRom.Scale(dst, dst.Bounds(), from, from.Bounds(), draw.Src, nil)
		scaled[i], from = dst, dst
	}
	var sizesTotal int64
	for i, w := range widths {
		enc, err := p.encode(scaled[i], typ)
		if err != nil {
			return nil, nil, err
		}
		v := Variant{Suffix: "." + strconv.Itoa(w) + "w" + ext, Width: w, Height: scaled[i].Bounds().Dy(), Type: typ, Size: len(enc)}
		e.Sizes = append(e.Sizes, v)
		files[v.Suffix] = enc
		sizesTotal += int64(len(enc))
	}
	if p.webp {
		var webps []Variant
		var total, against int64
		wfiles := map[string][]byte{}
		all, suffix := scaled, func(w int) string { return "." + strconv.Itoa(w) + "w.webp" }
		against = sizesTotal
		if len(scaled) == 0 {
			all, suffix = []image.Image{full}, func(int) string { return ".webp" }
			against = int64(len(original))
		}
		for _, im := range all {
			var buf bytes.Buffer
			if err := webp.Encode(&buf, im, webp.Options{Quality: p.quality, Method: 4}); err != nil {
				return nil, nil, fmt.Errorf("encoding WebP: %w", err)
			}
			w := im.Bounds().Dx()
			v := Variant{Suffix: suffix(w), Width: w, Height: im.Bounds().Dy(), Type: "image/webp", Size: buf.Len()}
			webps = append(webps, v)
			wfiles[v.Suffix] = buf.Bytes()
			total += int64(buf.Len())
		}
		// WebP only when it is smaller, copy for copy taken together.
		if total < against {
			e.WebP = webps
			for s, b := range wfiles {
				files[s] = b
			}
		}
	}
	e.Saved = int64(len(data)) - int64(phoneCopy(e, len(original)))
	return e, files, nil
}

// phoneCopy is the size of the copy a 960 px wide screen picks.
func phoneCopy(e *Entry, original int) int {
	pick := func(vs []Variant) int {
		for _, v := range vs {
			if v.Width >= 960 {
				return v.Size
			}
		}
		if len(vs) > 0 && vs[len(vs)-1].Width >= e.Width {
			return vs[len(vs)-1].Size
		}
		return original
	}
	if len(e.WebP) > 0 {
		return pick(e.WebP)
	}
	return pick(e.Sizes)
}

func (p *Processor) encode(img image.Image, typ string) ([]byte, error) {
	var buf bytes.Buffer
	var err error
	if typ == "image/png" {
		err = (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(&buf, img)
	} else {
		err = jpeg.Encode(&buf, img, &jpeg.Options{Quality: p.quality})
	}
	return buf.Bytes(), err
}

// upright turns img as EXIF orientation o says (1–8).
func upright(img image.Image, o int) image.Image {
	if o <= 1 || o > 8 {
		return img
	}
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	if o >= 5 {
		w, h = h, w
	}
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < b.Dy(); y++ {
		for x := 0; x < b.Dx(); x++ {
			var dx, dy int
			switch o {
			case 2:
				dx, dy = w-1-x, y
			case 3:
				dx, dy = w-1-x, h-1-y
			case 4:
				dx, dy = x, h-1-y
			case 5:
				dx, dy = y, x
			case 6:
				dx, dy = w-1-y, x
			case 7:
				dx, dy = w-1-y, h-1-x
			case 8:
				dx, dy = y, h-1-x
			}
			dst.Set(dx, dy, img.At(b.Min.X+x, b.Min.Y+y))
		}
	}
	return dst
}
