// Package sitefs reads a site's own files safely: only regular files (a
// named pipe or a device would block a build, or never end), never more
// than a limit, and never through a symbolic link that leads out of the
// folder the file belongs to (a theme cloned with git keeps its links, and
// static/key -> ~/.ssh/id_rsa must not be published).
//
// It works on any fs.FS; links are seen where the FS implements
// fs.ReadLinkFS (os.DirFS, os.Root.FS, fstest.MapFS). It imports nothing
// from geul.
package sitefs

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"strings"
)

// maxLinks is how many links one path may go through: more is a loop.
const maxLinks = 40

// LinkError is the error for a path whose links lead out of its folder.
type LinkError struct {
	Path   string // the path that was opened, as given
	Link   string // the link on its way that leads out
	Target string // what the link says
	Root   string // the folder it must stay in ("." for the site)
}

func (e *LinkError) Error() string {
	where := "the site"
	if e.Root != "." && e.Root != "" {
		where = e.Root + "/"
	}
	if e.Link == e.Path {
		return fmt.Sprintf("is a link to %q, outside %s; geul does not follow links that leave it", e.Target, where)
	}
	return fmt.Sprintf("%s is a link to %q, outside %s; geul does not follow links that leave it", e.Link, e.Target, where)
}

// ErrNotRegular is the error for a path that is a pipe, a device or a
// socket, or a folder where a file is read.
var ErrNotRegular = errors.New("not a regular file")

// NotRegularError says what a path that is not a regular file is.
type NotRegularError struct{ Mode fs.FileMode }

func (e *NotRegularError) Error() string {
	return "is " + Kind(e.Mode) + ", not a regular file; geul reads only files"
}

func (e *NotRegularError) Is(target error) bool { return target == ErrNotRegular }

// Kind names what a file mode is, for messages: "a named pipe".
func Kind(m fs.FileMode) string {
	switch {
	case m.IsRegular():
		return "a file"
	case m.IsDir():
		return "a folder"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m&fs.ModeSymlink != 0:
		return "a link"
	}
	return "not a file (mode " + m.String() + ")"
}

// TooBigError is the error for a file over the limit it is read with.
type TooBigError struct{ Size, Limit int64 }

func (e *TooBigError) Error() string {
	return fmt.Sprintf("is %s, larger than the %s geul reads", size(e.Size), size(e.Limit))
}

func size(n int64) string {
	if n >= 1<<20 {
		return fmt.Sprintf("%d MB", n>>20)
	}
	return fmt.Sprintf("%d bytes", n)
}

// Resolve follows the links on the way to name (a slash path in fsys) and
// returns where it leads, with the info of what is there. Every link must
// lead to a place inside root (a slash path in fsys: "." for all of it);
// one that does not, or is absolute, gives a *LinkError. root itself may be
// a link (a theme folder linked from elsewhere): the writer made that one.
func Resolve(fsys fs.FS, root, name string) (string, fs.FileInfo, error) {
	if !fs.ValidPath(name) {
		return "", nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	// start gives where resolving p begins: at root, taken as it is, when
	// p is inside it.
	start := func(p string) (string, []string) {
		if rest, ok := strings.CutPrefix(p, root+"/"); ok && root != "." && root != "" {
			return root, strings.Split(rest, "/")
		}
		return ".", strings.Split(p, "/")
	}
	cur, todo := start(name)
	links := 0
	var firstLink, firstTarget string
	var info fs.FileInfo
	for len(todo) > 0 {
		c := todo[0]
		todo = todo[1:]
		if c == "." || c == "" {
			continue
		}
		next := path.Join(cur, c)
		fi, err := fs.Lstat(fsys, next)
		if err != nil {
			return "", nil, err
		}
		if fi.Mode()&fs.ModeSymlink == 0 {
			cur, info = next, fi
			continue
		}
		if links++; links > maxLinks {
			return "", nil, &fs.PathError{Op: "open", Path: name, Err: errors.New("too many links (a loop of links?)")}
		}
		target, err := fs.ReadLink(fsys, next)
		if err != nil {
			return "", nil, err
		}
		if firstLink == "" {
			firstLink, firstTarget = next, target
		}
		joined := path.Join(path.Dir(next), target)
		if path.IsAbs(target) || strings.HasPrefix(target, `\`) || !within(joined, root) || joined == ".." || strings.HasPrefix(joined, "../") {
			return "", nil, &LinkError{Path: name, Link: next, Target: target, Root: root}
		}
		var more []string
		cur, more = start(joined)
		todo, info = append(more, todo...), nil
	}
	if info == nil {
		fi, err := fs.Stat(fsys, cur)
		if err != nil {
			return "", nil, err
		}
		info = fi
	}
	if !within(cur, root) {
		return "", nil, &LinkError{Path: name, Link: firstLink, Target: firstTarget, Root: root}
	}
	return cur, info, nil
}

// within reports whether the slash path p is root or inside it.
func within(p, root string) bool {
	return root == "." || root == "" || p == root || strings.HasPrefix(p, root+"/")
}

// Open opens the regular file name leads to, its links staying in root,
// without blocking on what is not a file: it is looked at before it is
// opened, and again once open.
func Open(fsys fs.FS, root, name string) (fs.File, fs.FileInfo, error) {
	real, info, err := Resolve(fsys, root, name)
	if err != nil {
		return nil, nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, nil, &NotRegularError{Mode: info.Mode()}
	}
	f, err := fsys.Open(real)
	if err != nil {
		return nil, nil, err
	}
	if info, err = f.Stat(); err != nil || !info.Mode().IsRegular() {
		f.Close()
		if err == nil {
			err = &NotRegularError{Mode: info.Mode()}
		}
		return nil, nil, err
	}
	return f, info, nil
}

// ReadFile reads the regular file name leads to (see Open), of at most
// limit bytes: a *TooBigError otherwise. It reads no more than limit+1
// bytes, whatever size the file says it has.
func ReadFile(fsys fs.FS, root, name string, limit int64) ([]byte, error) {
	f, _, err := Open(fsys, root, name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readLimited(f, limit)
}

// ReadFollowing reads a regular file of at most limit bytes, following any
// link on its way, wherever it leads: for a file that is read, never
// published (config.toml). A pipe or a device is never opened.
func ReadFollowing(fsys fs.FS, name string, limit int64) ([]byte, error) {
	f, err := OpenFollowing(fsys, name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readLimited(f, limit)
}

// OpenFollowing opens a regular file, following any link on its way,
// wherever it leads. A pipe or a device is never opened.
func OpenFollowing(fsys fs.FS, name string) (fs.File, error) {
	info, err := fs.Stat(fsys, name)
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, &NotRegularError{Mode: info.Mode()}
	}
	return fsys.Open(name)
}

// readLimited reads f, a regular file, when it holds at most limit bytes.
func readLimited(f fs.File, limit int64) ([]byte, error) {
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, &NotRegularError{Mode: info.Mode()}
	}
	if info.Size() > limit {
		return nil, &TooBigError{Size: info.Size(), Limit: limit}
	}
	data, err := ReadAtMost(f, info.Size(), limit)
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, &TooBigError{Size: int64(len(data)), Limit: limit}
	}
	return data, nil
}

// ReadAtMost reads r to its end, but no more than limit+1 bytes (one
// more than limit tells that there is more), into a buffer made for size
// bytes, the size r's file said it has. io.ReadAll grows its buffer from
// 512 bytes, copying the data about twice over; a build reads every
// post and static file.
func ReadAtMost(r io.Reader, size, limit int64) ([]byte, error) {
	r = io.LimitReader(r, limit+1)
	data := make([]byte, 0, min(max(size, 0), limit)+1)
	for {
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
		n, err := r.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if err == io.EOF {
			return data, nil
		}
		if err != nil {
			return nil, err
		}
	}
}

// Explain returns what err says about a file, without the path that a
// message about the file starts with, and how to fix it: for the errors
// of this package a hint of their own, otherwise "".
func Explain(err error) (msg, hint string) {
	msg = err.Error()
	var pe *fs.PathError
	if errors.As(err, &pe) {
		msg = pe.Op + ": " + pe.Err.Error()
	}
	var le *LinkError
	switch {
	case errors.As(err, &le):
		hint = "copy the file into the folder instead of linking to it, or remove the link"
	case errors.Is(err, ErrNotRegular):
		hint = "replace it by a file, or remove it"
	}
	return msg, hint
}
