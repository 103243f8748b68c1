package output

import (
	"bufio"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// A destination may hold what geul must never reach through: a folder the
// writer replaced by a link (to somewhere outside it), or a folder another
// file system is mounted on (a bind-mounted uploads/ folder). destGuard
// knows dest's file system and the mount points under it, so that WriteDir
// neither removes nor writes through them, and refuses to swap a tree that
// holds one (its old tree is removed after the swap, and removing crosses
// into a mount).
type destGuard struct {
	dest   string          // absolute, links followed
	dev    uint64          // dest's file system (st_dev), when hasDev
	hasDev bool            // false where the system does not say
	mounts map[string]bool // slash paths under dest that are mount points
	// dest itself is a mount point (a container's volume): it cannot be
	// renamed away, so it is always updated in place.
	destMount bool
}

// newDestGuard returns the guard of dest, whose mount points (absolute
// paths, as mountPoints lists them) are looked up once.
func newDestGuard(dest string, mountPoints func() []string) *destGuard {
	g := &destGuard{dest: dest, mounts: map[string]bool{}}
	if fi, err := os.Stat(dest); err == nil {
		g.dev, g.hasDev = deviceOf(fi)
		if up, err := os.Stat(filepath.Dir(dest)); err == nil && g.hasDev {
			dev, ok := deviceOf(up)
			g.destMount = ok && dev != g.dev
		}
	}
	for _, m := range mountPoints() {
		rel, err := filepath.Rel(dest, m)
		switch {
		case err != nil:
		case rel == ".":
			g.destMount = true
		case filepath.IsLocal(rel):
			g.mounts[filepath.ToSlash(rel)] = true
		}
	}
	return g
}

// isMount reports whether the folder at rel (its Lstat fi) is a mount
// point: listed as one, or on another file system than dest (which also
// finds mounts where the system keeps no list).
func (g *destGuard) isMount(rel string, fi fs.FileInfo) bool {
	if g.mounts[rel] {
		return true
	}
	if !g.hasDev {
		return false
	}
	dev, ok := deviceOf(fi)
	return ok && dev != g.dev
}

// blocked returns the first folder above the slash path rel (under dest)
// that is not a plain folder of dest's file system: a link, or a mount
// point, with what it is; "" when every folder above rel is one, or is not
// there.
func (g *destGuard) blocked(rel string) (dir, what string) {
	for i := 0; i < len(rel); i++ {
		if rel[i] != '/' {
			continue
		}
		d := rel[:i]
		fi, err := os.Lstat(filepath.Join(g.dest, filepath.FromSlash(d)))
		switch {
		case err != nil:
			return "", "" // not there: nothing below it either
		case fi.Mode()&fs.ModeSymlink != 0:
			return d, "a link"
		case !fi.IsDir():
			return d, "a file"
		case g.isMount(d, fi):
			return d, "a mount point"
		}
	}
	return "", ""
}

// mountPoints lists the system's mount points from /proc/self/mountinfo
// (Linux); none where there is no such file, where the guard relies on
// st_dev alone. A bind mount of a folder of the same file system shares its
// st_dev, so the list is needed to see one.
func mountPoints() []string {
	f, err := os.Open("/proc/self/mountinfo")
	if err != nil {
		return nil
	}
	defer f.Close()
	return parseMountInfo(f)
}

// parseMountInfo returns the mount points (field 5) of mountinfo lines.
func parseMountInfo(r io.Reader) []string {
	var out []string
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) < 5 {
			continue
		}
		out = append(out, unescapeMount(fields[4]))
	}
	return out
}

// unescapeMount undoes mountinfo's octal escapes ("\040" for a space).
func unescapeMount(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+4 <= len(s) {
			if n, err := strconv.ParseUint(s[i+1:i+4], 8, 8); err == nil {
				b.WriteByte(byte(n))
				i += 3
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// mountError is the error for a mount point in dest that stops the tree
// swap.
type mountError struct{ rel string }

func (e *mountError) Error() string {
	return e.rel + " is a mount point (another file system is mounted there)"
}
