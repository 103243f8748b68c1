package output

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"math"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"syscall"

	"github.com/geul-blog/geul/pkg/diag"
	"github.com/geul-blog/geul/pkg/parallel"
	"github.com/geul-blog/geul/pkg/sitefs"
)

// How WriteDir names what it keeps beside the destination (for public/):
//
//	.public.geul-new-<pid>-<random>  the build being written; renamed to public/
//	.public.geul-old-<pid>           the previous public/ during the swap
//	.public.geul.manifest            the files geul wrote into public/ last time
//	.public.geul-journal             an in-place update under way (inplace.go)
//
// They live beside the destination, not in it, so that a host never
// publishes them, and not in the site's .geul/ folder, because WriteDir
// does not know where the site is (and the manifest of a public/ that is
// committed to git should travel with it).
const (
	newSuffix      = ".geul-new-"
	oldSuffix      = ".geul-old-"
	manifestSuffix = ".geul.manifest"
	journalSuffix  = ".geul-journal"
)

// CheckDestination refuses a destination that a build must never replace:
// the root, the home folder or a folder holding it, the site folder, a
// folder holding the site, one inside or around a folder the site is read
// from (content/, layouts/, static/, themes/, i18n/) or .geul/, or
// another site (a folder with a content/ that geul did not write). A
// destination that is a symbolic link is judged by where it leads, too.
func CheckDestination(siteDir, dest string) error {
	absDest, err := filepath.Abs(dest)
	if err != nil {
		return err
	}
	absSite, err := filepath.Abs(siteDir)
	if err != nil {
		return err
	}
	if real, err := filepath.EvalSymlinks(absSite); err == nil {
		absSite = real
	}
	home, _ := os.UserHomeDir()
	if home != "" {
		home, _ = filepath.Abs(home)
	}
	var why string
	if real, err := filepath.EvalSymlinks(absDest); err == nil && real != absDest {
		if why = refusal(absSite, real, home); why != "" {
			why = "it leads to " + real + ", which " + why
		}
	}
	if why == "" {
		if why = refusal(absSite, absDest, home); why != "" {
			why = "it " + why
		}
	}
	if why == "" {
		return nil
	}
	return &diag.Error{Path: dest, Msg: "refusing to build into " + absDest + ": " + why,
		Hint: "choose an output folder of its own, such as public/"}
}

// refusal says why a build must not replace dest, or returns "".
func refusal(absSite, dest, home string) string {
	switch {
	case dest == filepath.VolumeName(dest)+string(filepath.Separator):
		return "is the root folder"
	case home != "" && dest == home:
		return "is your home folder"
	case dest == absSite:
		return "is the site folder"
	case within(absSite, dest):
		return "holds the site folder"
	case overlapped(absSite, dest) != "":
		return "overlaps " + overlapped(absSite, dest) + "/"
	case home != "" && within(home, dest):
		return "holds your home folder"
	case isDir(filepath.Join(dest, "content")) && !wroteContentDir(dest):
		return "holds a content/ folder that geul did not write, so it looks like another site"
	}
	return ""
}

// siteFolders are the folders of a site a build reads (or, for .geul/,
// keeps its cache in): a destination inside or around one would overwrite
// the writer's files or publish the output into itself.
var siteFolders = []string{"content", "layouts", "static", "themes", "i18n", ".geul"}

// overlapped returns the first of siteFolders that dest is inside of or
// holds, or "".
func overlapped(absSite, dest string) string {
	for _, d := range siteFolders {
		abs := filepath.Join(absSite, d)
		if within(abs, dest) || within(dest, abs) {
			return d
		}
	}
	return ""
}

// wroteContentDir reports whether the last build into dest wrote files
// under content/ (a site may have a static/content/ folder).
func wroteContentDir(dest string) bool {
	m, ok := readManifest(manifestPath(dest))
	if !ok {
		return false
	}
	for p := range m {
		if strings.HasPrefix(p, "content"+"/") {
			return true
		}
	}
	return false
}

func isDir(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.IsDir()
}

// within reports whether path is inside (or is) dir.
func within(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// WriteDir writes the Output to dest so that dest always holds one whole
// build. When dest holds geul's last build and this one changes few of its
// files (64, or 5 % of them), only those change, in place: the new files
// are written beside their targets and, once all are, renamed over them,
// under a journal beside dest; a build that changes nothing writes
// nothing, so that the files keep their times. Otherwise the files go into
// a new folder beside dest, which then takes dest's place. If anything
// fails, or ctx is canceled, before the new files take their places, dest
// is left as it was and what was written for it is removed.
//
// WriteDir never deletes a file it did not write: a file in dest that no
// build wrote (a CNAME, a .well-known/ folder put there by hand) is carried
// into the new tree. A file that an earlier build wrote and this one does
// not (a stale page) is dropped. Which files geul wrote is kept in a
// manifest beside dest; without one, every file in dest that this build
// does not write is carried over. A file put there by hand where this build
// writes one is an error, rather than lost.
//
// A build killed part-way leaves its new folder (or, killed between the two
// renames of the swap, the previous dest under another name) beside dest;
// the next WriteDir removes the one and puts the other back. It also undoes
// an in-place update killed before all its files were written, and
// finishes one killed after; it refuses to write while a live geul
// process's update is under way. Calls for one dest must not overlap.
func (o *Output) WriteDir(ctx context.Context, dest string) error {
	if o.staging != "" {
		defer os.RemoveAll(o.staging)
	}
	shown := dest // as the writer gave it, for messages
	dest, err := filepath.Abs(dest)
	if err != nil {
		return WriteError(shown, err)
	}
	linked := dest // where the build's reused files of dest point
	if real, err := filepath.EvalSymlinks(dest); err == nil {
		// Replace the folder a link leads to, not the link.
		dest = real
	}
	parent, base := filepath.Dir(dest), filepath.Base(dest)
	paths := o.Paths()
	for _, p := range paths {
		// Output paths come from slugs and aliases; one that climbs out of
		// dest would write outside it.
		if !fs.ValidPath(p) || p == "." {
			return WriteError(shown, fmt.Errorf("refusing to write %q outside the destination", p))
		}
	}
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return WriteError(shown, err)
	}
	if err := recoverLeftovers(parent, base); err != nil {
		return WriteError(shown, err)
	}
	if fi, err := os.Stat(dest); err == nil && !fi.IsDir() {
		return &diag.Error{Path: shown, Msg: "cannot write the site: it is a file, not a folder",
			Hint: "move the file away, or choose another destination"}
	}
	g := newDestGuard(dest, mountPoints)
	moved, keepDir, err := recoverJournal(shown, dest, g, func(p string) bool {
		r, ok := o.reused[p]
		rel := filepath.FromSlash(p)
		return ok && (r.OnDisk == filepath.Join(dest, rel) || r.OnDisk == filepath.Join(linked, rel))
	})
	if keepDir != "" {
		defer os.RemoveAll(keepDir)
	}
	if err != nil {
		return err
	}
	reused := o.reused
	if len(moved) > 0 {
		// Files this build took from dest that finishing the killed
		// update replaced: they wait beside dest.
		reused = maps.Clone(o.reused)
		for p, to := range moved {
			r := reused[p]
			r.OnDisk = to
			reused[p] = r
		}
	}
	mpath := manifestPath(dest)
	prev, hadManifest := readManifest(mpath)
	inPlace := func(limit int) (bool, error) {
		if !hadManifest || !isDir(dest) {
			return false, nil
		}
		plan, err := o.planInPlace(ctx, shown, dest, linked, g, limit, paths, prev, reused, o.staging, keepDir)
		if err != nil || plan == nil {
			return false, err
		}
		return true, o.writeInPlace(ctx, shown, dest, g, paths, prev, plan)
	}
	if g.destMount && !hadManifest {
		// As the tree swap does without a manifest: a file at a path this
		// build writes is taken to be an earlier build's, and every other
		// file is kept.
		prev, hadManifest = make(map[string]bool, len(paths)), true
		for _, p := range paths {
			prev[p] = true
		}
	}
	limit := 0 // the usual: a few files
	if len(g.mounts) > 0 || g.destMount {
		limit = noLimit // the tree swap is refused: update in place, if possible
	}
	if done, err := inPlace(limit); done || err != nil {
		return err
	}
	if g.destMount {
		return mountRefusal(shown, ".")
	}
	if len(g.mounts) > 0 {
		return mountRefusal(shown, slices.Min(slices.Collect(maps.Keys(g.mounts))))
	}
	tmp := o.staging // the build already wrote its pages there (WithWriteThrough)
	if tmp == "" || filepath.Dir(tmp) != parent {
		tmp, err = os.MkdirTemp(parent, fmt.Sprintf(".%s%s%d-", base, newSuffix, os.Getpid()))
		if err != nil {
			return WriteError(shown, err)
		}
	}
	defer os.RemoveAll(tmp) // a no-op once renamed into place
	destInfo, _ := os.Lstat(dest)
	if err := keepFolder(tmp, destInfo, 0o755, 0o700); err != nil { // 0700: os.MkdirTemp's
		return WriteError(shown, err)
	}
	dirs := map[string]bool{}
	for _, p := range paths {
		for d := path.Dir(p); d != "." && !dirs[d]; d = path.Dir(d) {
			dirs[d] = true
		}
	}
	for d := range dirs {
		if err := os.MkdirAll(filepath.Join(tmp, filepath.FromSlash(d)), 0o755); err != nil {
			return WriteError(shown, err)
		}
	}
	errs := make([]error, len(paths))
	if err := parallel.For(ctx, len(paths), func(i int) {
		target := filepath.Join(tmp, filepath.FromSlash(paths[i]))
		if c, ok := o.copied[paths[i]]; ok {
			errs[i] = copyFile(c.OnDisk, target, false)
			return
		}
		if r, ok := reused[paths[i]]; ok {
			if r.OnDisk == target {
				return // staged in place
			}
			// The previous build's file is unchanged: link it, or copy it
			// where links are not possible.
			errs[i] = linkOrCopy(r.OnDisk, target)
			return
		}
		data, _ := o.InMemory(paths[i])
		errs[i] = writeFile(target, data)
	}); err != nil {
		return err
	}
	if err := errors.Join(errs...); err != nil {
		return WriteError(shown, err)
	}

	if err := carryOver(ctx, shown, dest, tmp, g, paths, dirs, prev, hadManifest); err != nil {
		var me *mountError
		if !errors.As(err, &me) {
			return err
		}
		// A mount point the system does not list, found by its st_dev.
		if done, err := inPlace(noLimit); done || err != nil {
			return err
		}
		return mountRefusal(shown, me.rel)
	}
	// Until the swap is done, dest may hold the previous build or this
	// one: the manifest names both, so that neither is taken for a
	// person's files if the process dies in between.
	if err := writeManifest(mpath, prev, paths); err != nil {
		return WriteError(shown, err)
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("%w: %w", parallel.ErrCanceled, err)
	}

	old := ""
	if _, err := os.Lstat(dest); err == nil {
		old = filepath.Join(parent, fmt.Sprintf(".%s%s%d", base, oldSuffix, os.Getpid()))
		os.RemoveAll(old)
		if err := os.Rename(dest, old); err != nil {
			return WriteError(shown, err)
		}
	}
	if err := os.Rename(tmp, dest); err != nil {
		if old != "" {
			os.Rename(old, dest)
		}
		return WriteError(shown, err)
	}
	if old != "" {
		os.RemoveAll(old)
	}
	// The site is in place. Should this fail, the manifest written above
	// still names every file geul wrote, only with some stale names too.
	_ = writeManifest(mpath, nil, paths)
	return nil
}

// noLimit is planInPlace's limit for a dest that must be updated in place.
const noLimit = math.MaxInt

// mountRefusal is the error for a dest the tree swap must not replace,
// because rel in it is a mount point, and that cannot be updated in place.
func mountRefusal(shown, rel string) error {
	if rel == "." {
		return &diag.Error{Path: diag.QuotePath(shown),
			Msg: "cannot write the site: this folder is a mount point (another file system is mounted there), which geul cannot replace " +
				"by a new folder, and it could not be updated in place either",
			Hint: "empty it, or remove the folder that stands where the site now writes a file"}
	}
	return &diag.Error{Path: diag.QuotePath(filepath.Join(shown, filepath.FromSlash(rel))),
		Msg: "cannot replace the site's folder: this folder in it is a mount point (another file system is mounted there), " +
			"and geul never moves or removes what is in one; the site could not be updated in place around it either",
		Hint: "unmount it or mount it outside " + shown + ", build, then mount it again"}
}

// keepFolder gives the folder made at p the mode and owner of old, the
// folder it replaces (its Lstat), or mode when there is none. An owner that
// cannot be given (geul does not run as root) is left as it is. made is
// the mode p was made with: a folder that keeps it costs no system call.
func keepFolder(p string, old fs.FileInfo, mode, made fs.FileMode) error {
	if old != nil && old.IsDir() {
		mode = old.Mode() & (fs.ModePerm | fs.ModeSticky | fs.ModeSetgid | fs.ModeSetuid)
		if uid, gid, ok := ownerOf(old); ok && (uid != os.Geteuid() || gid != os.Getegid()) {
			_ = os.Lchown(p, uid, gid)
		}
	}
	if mode == made {
		return nil
	}
	return os.Chmod(p, mode)
}

// carryOver links into tmp every file of the previous dest that geul did
// not write, and makes every folder of it that geul did not write (empty
// ones too: a .git/refs/tags/, a .well-known/), with its mode and owner.
// out lists the new build's files and outDirs their folders. It stops at
// a mount point, with a *mountError: what is in one is not dest's to move.
func carryOver(ctx context.Context, shown, dest, tmp string, g *destGuard, out []string, outDirs, wrote map[string]bool, hadManifest bool) error {
	if !isDir(dest) {
		return nil
	}
	outFiles := make(map[string]bool, len(out))
	for _, p := range out {
		outFiles[p] = true
	}
	wroteDirs := map[string]bool{} // folders of the last build's files
	for p := range wrote {
		for d := path.Dir(p); d != "." && !wroteDirs[d]; d = path.Dir(d) {
			wroteDirs[d] = true
		}
	}
	var folders []string // under dest, parents first
	var infos []fs.FileInfo
	var clash diag.List
	err := filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("%w: %w", parallel.ErrCanceled, err)
		}
		rel, err := filepath.Rel(dest, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			if rel == "." {
				return nil
			}
			fi, err := d.Info()
			if err != nil {
				return err
			}
			if g.isMount(rel, fi) {
				return &mountError{rel: rel}
			}
			if outFiles[rel] || fileAbove(rel, outFiles) {
				if hadManifest && !wroteDirs[rel] {
					clash = append(clash, clashError(shown, rel))
					return fs.SkipDir
				}
				return nil // what is in it is judged file by file
			}
			if !outDirs[rel] && hadManifest && wroteDirs[rel] {
				return nil // geul's, and stale unless something in it is carried
			}
			folders, infos = append(folders, rel), append(infos, fi)
			return os.MkdirAll(filepath.Join(tmp, filepath.FromSlash(rel)), 0o755)
		}
		if hadManifest && wrote[rel] {
			return nil // geul's own: this build has it again, or it is stale
		}
		if taken := outFiles[rel] || outDirs[rel] || fileAbove(rel, outFiles); taken {
			if !hadManifest {
				// Without a manifest, a file at a path this build writes
				// is taken to be an earlier build's.
				return nil
			}
			clash = append(clash, clashError(shown, rel))
			return nil
		}
		target := filepath.Join(tmp, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		if err := carryFile(p, target, d); err != nil {
			// The writer's file, not the disk, is what stops the build.
			clash = append(clash, carryError(shown, rel, err))
		}
		return nil
	})
	var me *mountError
	if errors.Is(err, parallel.ErrCanceled) || errors.As(err, &me) {
		return err
	}
	if err != nil {
		return WriteError(shown, err)
	}
	if err := clash.Err(); err != nil {
		return err
	}
	// Modes last, deepest first, so that a read-only folder is filled
	// before it becomes one.
	for i := len(folders) - 1; i >= 0; i-- {
		if err := keepFolder(filepath.Join(tmp, filepath.FromSlash(folders[i])), infos[i], 0o755, 0o755); err != nil {
			return WriteError(shown, err)
		}
	}
	return nil
}

// carryFile puts the writer's file at p (d) into the new tree at target:
// a link as a link, anything else as a hard link, or a copy where the
// file system cannot link it (then only a regular file can be carried).
func carryFile(p, target string, d fs.DirEntry) error {
	if d.Type()&fs.ModeSymlink != 0 {
		link, err := os.Readlink(p)
		if err != nil {
			return err
		}
		return os.Symlink(link, target)
	}
	return linkOrCopy(p, target)
}

// carryError is the error for a file in dest that geul did not write and
// cannot carry into the new tree: it says which and why, rather than
// blaming the disk.
func carryError(shown, rel string, err error) *diag.Error {
	msg := err.Error()
	var pe *fs.PathError
	var le *os.LinkError
	switch {
	case errors.As(err, &pe):
		msg = pe.Op + ": " + pe.Err.Error()
	case errors.As(err, &le):
		msg = le.Op + ": " + le.Err.Error()
	}
	return &diag.Error{Path: diag.QuotePath(filepath.Join(shown, filepath.FromSlash(rel))),
		Msg:  "geul did not write this file and cannot carry it into the new build: " + msg,
		Hint: "make it readable by the user geul runs as, or move it out of " + shown, Err: err}
}

// fileAbove reports whether a folder above rel is a file in files.
func fileAbove(rel string, files map[string]bool) bool {
	for d := path.Dir(rel); d != "."; d = path.Dir(d) {
		if files[d] {
			return true
		}
	}
	return false
}

// recoverLeftovers cleans up after a build into parent/base that was
// killed: it puts back a previous build that was moved aside when base is
// missing, and removes the folders of builds whose process is gone.
func recoverLeftovers(parent, base string) error {
	entries, err := os.ReadDir(parent)
	if err != nil {
		return err
	}
	dest := filepath.Join(parent, base)
	_, err = os.Lstat(dest)
	destMissing := errors.Is(err, fs.ErrNotExist)
	newPrefix, oldPrefix := "."+base+newSuffix, "."+base+oldSuffix
	for _, e := range entries {
		name := e.Name()
		var rest string
		isOld := false
		switch {
		case strings.HasPrefix(name, newPrefix):
			rest = name[len(newPrefix):]
		case strings.HasPrefix(name, oldPrefix):
			rest, isOld = name[len(oldPrefix):], true
		default:
			continue
		}
		pidText, _, _ := strings.Cut(rest, "-")
		if pid, err := strconv.Atoi(pidText); err == nil && processAlive(pid) {
			continue // another geul is writing; leave its folders alone
		}
		p := filepath.Join(parent, name)
		if isOld && destMissing {
			// Killed between the two renames: this is the whole previous
			// build.
			if err := os.Rename(p, dest); err != nil {
				return err
			}
			destMissing = false
			continue
		}
		if err := os.RemoveAll(p); err != nil {
			return err
		}
	}
	return nil
}

// processAlive reports whether a process with this id runs. An id that a
// new process took over counts as alive: its folder waits for a later build.
func processAlive(pid int) bool {
	if pid == os.Getpid() {
		return true
	}
	if pid <= 0 {
		return false
	}
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	defer p.Release()
	if runtime.GOOS == "windows" {
		return true // FindProcess fails there when there is no such process
	}
	err = p.Signal(syscall.Signal(0))
	return err == nil || errors.Is(err, syscall.EPERM)
}

// manifestPath is where WriteDir lists the files it wrote into dest.
func manifestPath(dest string) string {
	return filepath.Join(filepath.Dir(dest), "."+filepath.Base(dest)+manifestSuffix)
}

// manifest is the manifest file's JSON.
type manifest struct {
	Geul  int      `json:"geul-manifest"`
	Files []string `json:"files"`
}

// readManifest returns the files the manifest at p lists, and false when
// there is none or it cannot be read (then nothing is known to be geul's).
func readManifest(p string) (map[string]bool, bool) {
	data, err := ReadRegular(p)
	if err != nil {
		return nil, false
	}
	var m manifest
	if json.Unmarshal(data, &m) != nil || m.Geul != 1 {
		return nil, false
	}
	files := make(map[string]bool, len(m.Files))
	for _, f := range m.Files {
		files[f] = true
	}
	return files, true
}

// writeManifest replaces the manifest at p, atomically, with the files of
// files and paths together.
func writeManifest(p string, files map[string]bool, paths []string) error {
	m := manifest{Geul: 1, Files: make([]string, 0, len(files)+len(paths))}
	for f := range files {
		m.Files = append(m.Files, f)
	}
	for _, f := range paths {
		if !files[f] {
			m.Files = append(m.Files, f)
		}
	}
	sort.Strings(m.Files)
	data, err := json.MarshalIndent(m, "", "\t")
	if err != nil {
		return err
	}
	return writeFileAtomic(p, append(data, '\n'))
}

// writeFileAtomic replaces the file at p with data, so that a reader sees
// the old file or the new one, whole.
func writeFileAtomic(p string, data []byte) error {
	tmp := fmt.Sprintf("%s.%d.tmp", p, os.Getpid())
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		os.Remove(tmp)
		return err
	}
	if err := os.Rename(tmp, p); err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}

// writeFile writes data to a new file at p.
func writeFile(p string, data []byte) error { return os.WriteFile(p, data, 0o644) }

// copyFile copies the regular file src to a new file target, streaming,
// with src's mode when keepMode (a file carried over) or else 0644 (a
// static file, published as geul publishes every file). src is opened
// without blocking, so that one that became a pipe since it was looked at
// is an error, not a hang.
func copyFile(src, target string, keepMode bool) error {
	in, fi, err := OpenRegular(src)
	if err != nil {
		return err
	}
	defer in.Close()
	mode := fs.FileMode(0o644)
	if keepMode {
		mode = fi.Mode().Perm()
	}
	out, err := os.OpenFile(target, os.O_WRONLY|os.O_CREATE|os.O_EXCL, mode)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// OpenRegular opens p for reading when it is a regular file. It opens it
// without blocking, so that a pipe put where geul expects its own file (a
// manifest, a journal, the build cache) or a static file is an error, not
// a hang. (Reading a regular file never blocks, with O_NONBLOCK or not.)
func OpenRegular(p string) (*os.File, fs.FileInfo, error) {
	f, err := os.OpenFile(p, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, nil, err
	}
	fi, err := f.Stat()
	if err == nil && !fi.Mode().IsRegular() {
		err = &fs.PathError{Op: "open", Path: p, Err: &sitefs.NotRegularError{Mode: fi.Mode()}}
	}
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	return f, fi, nil
}

// ReadRegular reads the regular file p (see OpenRegular).
func ReadRegular(p string) ([]byte, error) {
	f, fi, err := OpenRegular(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data := make([]byte, 0, fi.Size()+1)
	buf := bytes.NewBuffer(data)
	_, err = buf.ReadFrom(f)
	return buf.Bytes(), err
}

// linkOrCopy makes target a hard link to src, or a copy where the file
// system cannot link.
func linkOrCopy(src, target string) error {
	if os.Link(src, target) == nil {
		return nil
	}
	return copyFile(src, target, true)
}

func WriteError(dest string, err error) error {
	return &diag.Error{Path: dest, Msg: "cannot write the site: " + err.Error(),
		Hint: "check that the folder is writable and the disk has room; the previous build was left as it was", Err: err}
}

// StagingDir makes a folder beside dest for a build to write its pages
// into as it renders them (so that a large blog need not be held in
// memory), named like WriteDir's own new folders so that one left by a
// killed build is cleaned up the same way. WriteDir then links the staged
// files into place and removes the folder.
func StagingDir(dest string) (string, error) {
	shown := dest
	dest, err := filepath.Abs(dest)
	if err != nil {
		return "", WriteError(shown, err)
	}
	parent, base := filepath.Dir(dest), filepath.Base(dest)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return "", WriteError(shown, err)
	}
	dir, err := os.MkdirTemp(parent, fmt.Sprintf(".%s%s%d-stage-", base, newSuffix, os.Getpid()))
	if err != nil {
		return "", WriteError(shown, err)
	}
	return dir, nil
}

// mkdirFor makes the folder file p goes in. Nearly every page has a folder
// of its own whose parent exists: one mkdir, not the stat of the folder
// and of its parent os.MkdirAll starts with.
func mkdirFor(p string) error {
	dir := filepath.Dir(p)
	err := os.Mkdir(dir, 0o755)
	if err == nil || errors.Is(err, fs.ErrExist) {
		return nil
	}
	return os.MkdirAll(dir, 0o755)
}

// Stage writes one rendered page into the staging folder made by
// StagingDir and returns it as a File for New.
func Stage(stage, name string, data []byte) (File, error) {
	p := filepath.Join(stage, filepath.FromSlash(name))
	if err := mkdirFor(p); err != nil {
		return File{}, err
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		return File{}, err
	}
	return File{OnDisk: p, Size: int64(len(data))}, nil
}
