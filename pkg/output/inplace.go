package output

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"

	"github.com/geul-blog/geul/pkg/diag"
	"github.com/geul-blog/geul/pkg/parallel"
)

// An in-place update replaces only the files a build changed, instead of
// building a whole new tree beside dest and swapping it in: for a warm
// build of a 10,000-post blog that is a few files instead of 16,000
// folders and links. A journal beside dest keeps the promise that dest
// holds one whole build:
//
//	prepare  the new files wait beside their targets as .<name>.geul-new-<pid>;
//	         nothing of dest has changed, so a killed build is undone by
//	         deleting them;
//	commit   every new file is written and the manifest names both builds,
//	         so a killed build is finished by renaming the rest into place
//	         and removing the stale files.

const (
	statePrepare = "prepare"
	stateCommit  = "commit"
)

// journal is the journal file's JSON. Paths are slash paths under dest.
type journal struct {
	Geul    int          `json:"geul-journal"`
	PID     int          `json:"pid"`
	State   string       `json:"state"`
	Puts    []journalPut `json:"puts,omitempty"`
	Removes []string     `json:"removes,omitempty"`
	Dirs    []string     `json:"dirs,omitempty"` // folders the update made, for undoing it
}

type journalPut struct {
	Temp   string `json:"temp"`
	Target string `json:"target"`
}

// journalPath is where an in-place update into dest keeps its journal.
func journalPath(dest string) string {
	return filepath.Join(filepath.Dir(dest), "."+filepath.Base(dest)+journalSuffix)
}

// tempName is where process pid writes the new file for target until it
// takes target's place: beside it, so that the rename stays in one folder.
func tempName(target string, pid int) string {
	dir, name := path.Split(target)
	return dir + "." + name + newSuffix + strconv.Itoa(pid)
}

// inPlace is what turns dest into the new build.
type inPlace struct {
	puts    []filePut
	removes []string // files of the last build that this one does not have
	dirs    []string // folders to make, parents first
}

// filePut is one file to put into dest: data, or the file at from.
type filePut struct {
	path string
	data []byte
	from string
	move bool // from is WriteDir's own (staged, or kept aside) and may be renamed
	copy bool // from is the writer's (a static file): never linked, never moved
}

// planInPlace works out how to turn dest, holding the build whose files
// prev lists, into this Output by changing a few files; it returns nil
// when there are too many, or dest is not as a build left it, and the
// tree swap should write the Output instead. linked is dest as the writer
// gave it (before symbolic links were followed), which is where reused
// files of dest may point; a reused file under one of own may be moved.
// limit is how many files may change (noLimit: any number, for a dest the
// tree swap must not replace).
func (o *Output) planInPlace(ctx context.Context, shown, dest, linked string, g *destGuard, limit int, paths []string, prev map[string]bool,
	reused map[string]File, own ...string) (*inPlace, error) {
	if limit <= 0 {
		limit = max(64, len(paths)*5/100)
	}
	plan := &inPlace{}
	var clash diag.List
	clashed := map[string]bool{}
	addClash := func(rel string) {
		if !clashed[rel] {
			clashed[rel] = true
			clash = append(clash, clashError(shown, rel))
		}
	}
	const (
		dirThere = iota + 1
		dirNew
		dirTaken // a file geul did not write: reported
	)
	dirs := map[string]int{}
	var maybe []filePut // dest has a file of the same size: compare the bytes
	for _, p := range paths {
		rel := filepath.FromSlash(p)
		target := filepath.Join(dest, rel)
		put := filePut{path: p}
		var size int64
		if c, ok := o.copied[p]; ok {
			put.from, put.copy, size = c.OnDisk, true, c.Size
		} else if r, ok := reused[p]; ok {
			if r.OnDisk == target || r.OnDisk == filepath.Join(linked, rel) {
				if !prev[p] {
					addClash(p)
				}
				continue // unchanged since the last build
			}
			if within(r.OnDisk, dest) || within(r.OnDisk, linked) {
				return nil, nil // another file of dest: no build makes that
			}
			put.from, size = r.OnDisk, r.Size
			for _, d := range own {
				put.move = put.move || (d != "" && within(r.OnDisk, d))
			}
		} else {
			put.data, _ = o.Get(p)
			size = int64(len(put.data))
		}

		// Every folder above p must be a folder, or not there yet.
		parentNew, taken := false, false
		for i := 0; i < len(p); i++ {
			if p[i] != '/' {
				continue
			}
			d := p[:i]
			st := dirs[d]
			if st == 0 {
				st = dirNew
				if !parentNew {
					fi, err := os.Lstat(filepath.Join(dest, filepath.FromSlash(d)))
					switch {
					case errors.Is(err, fs.ErrNotExist):
					case err != nil:
						return nil, nil
					case fi.IsDir() && g.isMount(d, fi):
						// Writing there would write into another file system.
						st = dirTaken
						if !clashed[d] {
							clashed[d] = true
							clash = append(clash, mountClashError(shown, d))
						}
					case fi.IsDir():
						st = dirThere
					case !prev[d]:
						st = dirTaken
						addClash(d)
					default:
						return nil, nil // the last build has a file where this one needs a folder
					}
				}
				if st == dirNew {
					plan.dirs = append(plan.dirs, d)
				}
				dirs[d] = st
			}
			if st == dirTaken {
				taken = true
				break
			}
			parentNew = st == dirNew
		}
		if taken {
			continue
		}
		if !parentNew {
			fi, err := os.Lstat(target)
			switch {
			case errors.Is(err, fs.ErrNotExist):
			case err != nil || fi.IsDir():
				return nil, nil // a folder where this build writes a file
			case !prev[p]:
				addClash(p)
				continue
			case fi.Mode().IsRegular() && fi.Size() == size:
				maybe = append(maybe, put)
				continue
			}
		}
		plan.puts = append(plan.puts, put)
		if len(plan.puts) > limit {
			return nil, nil
		}
	}

	out := make(map[string]bool, len(paths))
	for _, p := range paths {
		out[p] = true
	}
	for p := range prev {
		if out[p] {
			continue
		}
		if !fs.ValidPath(p) || p == "." {
			return nil, nil // a manifest no build wrote: remove nothing by it
		}
		if d, _ := g.blocked(p); d != "" {
			// The writer replaced a folder of the last build by a link, or
			// mounted something there: what is below is not geul's. The
			// manifest drops it; nothing is removed through it.
			continue
		}
		fi, err := os.Lstat(filepath.Join(dest, filepath.FromSlash(p)))
		switch {
		case errors.Is(err, fs.ErrNotExist): // gone already; the manifest still drops it
		case err != nil || fi.IsDir():
			return nil, nil
		}
		plan.removes = append(plan.removes, p)
		if len(plan.puts)+len(plan.removes) > limit {
			return nil, nil
		}
	}
	if err := clash.Err(); err != nil {
		return nil, err
	}

	// The bytes of files that may be unchanged, on all cores, until too
	// many turn out to differ.
	if len(maybe) > 0 {
		cctx, cancel := context.WithCancel(ctx)
		defer cancel()
		var changed atomic.Int64
		changed.Store(int64(len(plan.puts) + len(plan.removes)))
		differ := make([]bool, len(maybe))
		_ = parallel.For(cctx, len(maybe), func(i int) {
			if !sameContent(filepath.Join(dest, filepath.FromSlash(maybe[i].path)), maybe[i]) {
				differ[i] = true
				if changed.Add(1) > int64(limit) {
					cancel()
				}
			}
		})
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("%w: %w", parallel.ErrCanceled, err)
		}
		if changed.Load() > int64(limit) {
			return nil, nil
		}
		for i, f := range maybe {
			if differ[i] {
				plan.puts = append(plan.puts, f)
			}
		}
		sort.Slice(plan.puts, func(i, j int) bool { return plan.puts[i].path < plan.puts[j].path })
	}
	sort.Strings(plan.removes)
	return plan, nil
}

// clashError is the error for a file at rel in dest that geul did not
// write, where this build writes a file or needs a folder.
func clashError(shown, rel string) *diag.Error {
	return &diag.Error{Path: diag.QuotePath(filepath.Join(shown, filepath.FromSlash(rel))),
		Msg:  "geul did not write this file, and the site now has a file or folder at the same place",
		Hint: "move it into static/ so that geul publishes it, or delete it"}
}

// mountClashError is the error for a mount point in dest where this build
// writes files.
func mountClashError(shown, rel string) *diag.Error {
	return &diag.Error{Path: diag.QuotePath(filepath.Join(shown, filepath.FromSlash(rel))),
		Msg:  "this folder is a mount point (another file system is mounted there), and the site now has files in it",
		Hint: "unmount it, or rename the pages that would go there"}
}

// sameContent reports whether the file at target (of the same size) holds
// what f puts there. Files are compared a block at a time: a large static
// file costs no more memory than a small one.
func sameContent(target string, f filePut) bool {
	got, _, err := OpenRegular(target)
	if err != nil {
		return false
	}
	defer got.Close()
	var want io.Reader = bytes.NewReader(f.data)
	if f.from != "" {
		in, _, err := OpenRegular(f.from)
		if err != nil {
			return false
		}
		defer in.Close()
		want = in
	}
	a, b := make([]byte, 64<<10), make([]byte, 64<<10)
	for {
		n, errA := io.ReadFull(got, a)
		m, errB := io.ReadFull(want, b)
		if n != m || !bytes.Equal(a[:n], b[:m]) {
			return false
		}
		if errA != nil || errB != nil {
			return (errA == io.EOF || errA == io.ErrUnexpectedEOF) && errA == errB
		}
	}
}

// writeInPlace carries out plan on dest under a journal (see above). Until
// the journal says commit, a failure or ctx undoes it and leaves dest as
// it was; after that, it goes through.
func (o *Output) writeInPlace(ctx context.Context, shown, dest string, g *destGuard, paths []string, prev map[string]bool, plan *inPlace) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("%w: %w", parallel.ErrCanceled, err)
	}
	if len(plan.puts) == 0 && len(plan.removes) == 0 {
		// Nothing changed: leave dest and its files' times alone, which
		// the build cache goes by.
		return nil
	}
	pid := os.Getpid()
	j := &journal{Geul: 1, PID: pid, State: statePrepare, Removes: plan.removes, Dirs: plan.dirs}
	for _, f := range plan.puts {
		j.Puts = append(j.Puts, journalPut{Temp: tempName(f.path, pid), Target: f.path})
	}
	root, err := os.OpenRoot(dest)
	if err != nil {
		return WriteError(shown, err)
	}
	defer root.Close()
	jpath := journalPath(dest)
	if err := writeJournal(jpath, j); err != nil {
		return WriteError(shown, err)
	}
	err = func() error {
		for _, d := range plan.dirs {
			if err := root.Mkdir(d, 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
				return WriteError(shown, err)
			}
		}
		errs := make([]error, len(plan.puts))
		if err := parallel.For(ctx, len(plan.puts), func(i int) {
			errs[i] = putTemp(root, g, j.Puts[i].Temp, plan.puts[i])
		}); err != nil {
			return err
		}
		if err := errors.Join(errs...); err != nil {
			return WriteError(shown, err)
		}
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("%w: %w", parallel.ErrCanceled, err)
		}
		if err := writeManifest(manifestPath(dest), prev, paths); err != nil {
			return WriteError(shown, err)
		}
		j.State = stateCommit
		if err := writeJournal(jpath, j); err != nil {
			return WriteError(shown, err)
		}
		return nil
	}()
	if err != nil {
		rollBack(root, g, j)
		os.Remove(jpath)
		return err
	}

	if err := rollForward(root, g, j); err != nil {
		return finishError(shown, err)
	}
	// As after the swap: should this fail, the manifest names every file
	// geul wrote, with some stale names too.
	_ = writeManifest(manifestPath(dest), nil, paths)
	if err := os.Remove(jpath); err != nil {
		return finishError(shown, err)
	}
	return nil
}

func finishError(shown string, err error) error {
	return &diag.Error{Path: shown, Msg: "cannot finish writing the site: " + err.Error(),
		Hint: "fix the cause and build again: the next build finishes this one first", Err: err}
}

// putTemp writes f to temp, a slash path in root. Every folder above it
// is checked to be a plain folder first: the writer may have replaced one
// by a link since the plan was made.
func putTemp(root *os.Root, g *destGuard, temp string, f filePut) error {
	if d, what := g.blocked(temp); d != "" {
		return fmt.Errorf("%q is now %s", filepath.Join(g.dest, filepath.FromSlash(d)), what)
	}
	if f.from == "" {
		return root.WriteFile(temp, f.data, 0o644)
	}
	// From outside dest: by path, the folders above having just been checked.
	abs := filepath.Join(g.dest, filepath.FromSlash(temp))
	if f.copy {
		return copyFile(f.from, abs, false)
	}
	if f.move && os.Rename(f.from, abs) == nil {
		return nil
	}
	return linkOrCopy(f.from, abs)
}

// rollBack undoes a journal in state prepare: its new files go, and the
// folders it made if they are empty. Nothing below a folder that became a
// link or a mount point is touched; root keeps every removal inside dest.
func rollBack(root *os.Root, g *destGuard, j *journal) {
	for _, p := range j.Puts {
		if d, _ := g.blocked(p.Temp); d == "" {
			root.Remove(p.Temp)
		}
	}
	removeEmptyDirs(root, g, j.Dirs)
}

// rollForward finishes a journal in state commit: every new file still
// waiting takes its target's place, the stale files go, and the folders
// they leave empty. As rollBack, it leaves alone what is below a folder
// that became a link or a mount point.
func rollForward(root *os.Root, g *destGuard, j *journal) error {
	var errs []error
	for _, p := range j.Puts {
		if d, _ := g.blocked(p.Target); d != "" {
			continue // the writer's now; the next build reports the clash
		}
		err := root.Rename(p.Temp, p.Target)
		if err != nil && !errors.Is(err, fs.ErrNotExist) { // not there: renamed before a kill
			errs = append(errs, err)
		}
	}
	var dirs []string
	seen := map[string]bool{}
	for _, p := range j.Removes {
		if d, _ := g.blocked(p); d != "" {
			continue
		}
		if fi, err := root.Lstat(p); err == nil && !fi.IsDir() {
			if err := root.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
				errs = append(errs, err)
			}
		}
		for d := path.Dir(p); d != "." && !seen[d]; d = path.Dir(d) {
			seen[d] = true
			dirs = append(dirs, d)
		}
	}
	removeEmptyDirs(root, g, dirs)
	return errors.Join(errs...)
}

// removeEmptyDirs removes those of dirs (under dest) that are empty
// folders, deepest first, so that a folder emptied by its child's removal
// goes too. A folder with anything in it stays.
func removeEmptyDirs(root *os.Root, g *destGuard, dirs []string) {
	dirs = append([]string(nil), dirs...)
	sort.Slice(dirs, func(i, j int) bool {
		di, dj := strings.Count(dirs[i], "/"), strings.Count(dirs[j], "/")
		if di != dj {
			return di > dj
		}
		return dirs[i] > dirs[j]
	})
	for _, d := range dirs {
		if b, _ := g.blocked(d); b != "" {
			continue
		}
		if fi, err := root.Lstat(d); err == nil && fi.IsDir() && !g.isMount(d, fi) {
			root.Remove(d) // fails, as it should, unless empty
		}
	}
}

// writeJournal replaces the journal at p, atomically.
func writeJournal(p string, j *journal) error {
	data, err := json.MarshalIndent(j, "", "\t")
	if err != nil {
		return err
	}
	return writeFileAtomic(p, append(data, '\n'))
}

// readJournal returns the journal at p, nil when there is none.
func readJournal(p string) (*journal, error) {
	data, err := ReadRegular(p)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var j journal
	if err := json.Unmarshal(data, &j); err != nil || !j.valid() {
		return nil, errors.New("damaged")
	}
	return &j, nil
}

// valid reports whether j is a journal WriteDir wrote: every path stays
// inside dest, so that acting on it cannot touch anything else.
func (j *journal) valid() bool {
	ok := func(p string) bool { return fs.ValidPath(p) && p != "." }
	if j.Geul != 1 || j.PID <= 0 || (j.State != statePrepare && j.State != stateCommit) {
		return false
	}
	for _, p := range j.Puts {
		if !ok(p.Target) || p.Temp != tempName(p.Target, j.PID) {
			return false
		}
	}
	for _, ps := range [][]string{j.Removes, j.Dirs} {
		for _, p := range ps {
			if !ok(p) {
				return false
			}
		}
	}
	return true
}

// recoverJournal undoes (prepare) or finishes (commit) an in-place update
// of dest whose process is gone. The new build already took some files of
// dest as they are (unchanged reports which): before finishing replaces or
// removes one of those, it is linked into a folder beside dest, returned
// with where each went, so that the new build can put it back. A journal
// of this process is taken to be left by an earlier WriteDir that failed.
func recoverJournal(shown, dest string, g *destGuard, unchanged func(p string) bool) (moved map[string]string, keepDir string, err error) {
	jpath := journalPath(dest)
	j, err := readJournal(jpath)
	if err != nil {
		return nil, "", &diag.Error{Path: jpath, Msg: "cannot read the journal of an earlier build: " + err.Error(),
			Hint: "delete it and build again"}
	}
	if j == nil {
		return nil, "", nil
	}
	if j.PID != os.Getpid() && processAlive(j.PID) {
		return nil, "", &diag.Error{Path: shown, Msg: fmt.Sprintf("another geul build (process %d) is writing this folder", j.PID),
			Hint: "wait for it to finish, then build again; if no geul is running, delete " + jpath}
	}
	root, err := os.OpenRoot(dest)
	if errors.Is(err, fs.ErrNotExist) {
		// Nothing of the update is left to undo or finish.
		if err := os.Remove(jpath); err != nil {
			return nil, "", WriteError(shown, err)
		}
		return nil, "", nil
	}
	if err != nil {
		return nil, "", WriteError(shown, err)
	}
	defer root.Close()
	if j.State == statePrepare {
		rollBack(root, g, j)
		if err := os.Remove(jpath); err != nil {
			return nil, "", WriteError(shown, err)
		}
		return nil, "", nil
	}

	keep := func(p string) error {
		file := filepath.Join(dest, filepath.FromSlash(p))
		if !unchanged(p) {
			return nil
		}
		if d, _ := g.blocked(p); d != "" {
			return nil // rollForward leaves it alone
		}
		if fi, err := os.Lstat(file); err != nil || fi.IsDir() {
			return nil // nothing to keep
		}
		if keepDir == "" {
			dir, err := os.MkdirTemp(filepath.Dir(dest), fmt.Sprintf(".%s%s%d-keep-", filepath.Base(dest), newSuffix, os.Getpid()))
			if err != nil {
				return err
			}
			keepDir, moved = dir, map[string]string{}
		}
		to := filepath.Join(keepDir, strconv.Itoa(len(moved)))
		if err := linkOrCopy(file, to); err != nil {
			return err
		}
		moved[p] = to
		return nil
	}
	for _, p := range j.Puts {
		if err := keep(p.Target); err != nil {
			return nil, keepDir, WriteError(shown, err)
		}
	}
	for _, p := range j.Removes {
		if err := keep(p); err != nil {
			return nil, keepDir, WriteError(shown, err)
		}
	}
	if err := rollForward(root, g, j); err != nil {
		return nil, keepDir, finishError(shown, err)
	}
	// The manifest names both builds; the killed one's files are those
	// without its removals.
	mpath := manifestPath(dest)
	if m, ok := readManifest(mpath); ok {
		for _, p := range j.Removes {
			delete(m, p)
		}
		_ = writeManifest(mpath, m, nil)
	}
	if err := os.Remove(jpath); err != nil {
		return nil, keepDir, WriteError(shown, err)
	}
	return moved, keepDir, nil
}
