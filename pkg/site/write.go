package site

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/geul-blog/geul/pkg/diag"
)

// CheckDestination refuses a destination that a build must never replace:
// the root, the home folder, the site folder, or any folder that holds the
// site's content/.
func CheckDestination(siteDir, dest string) error {
	absDest, err := filepath.Abs(dest)
	if err != nil {
		return err
	}
	absSite, err := filepath.Abs(siteDir)
	if err != nil {
		return err
	}
	bad := func(why string) error {
		return &diag.Error{Path: dest, Msg: "refusing to build into " + absDest + ": " + why,
			Hint: "choose an output folder of its own, such as public/"}
	}
	home, _ := os.UserHomeDir()
	switch {
	case absDest == filepath.VolumeName(absDest)+string(filepath.Separator):
		return bad("it is the root folder")
	case home != "" && absDest == filepath.Clean(home):
		return bad("it is your home folder")
	case absDest == absSite:
		return bad("it is the site folder")
	case within(absSite, absDest):
		return bad("it holds the site folder")
	case within(filepath.Join(absSite, contentDir), absDest) || within(absDest, filepath.Join(absSite, contentDir)):
		return bad("it overlaps content/")
	}
	return nil
}

// within reports whether path is inside (or is) dir.
func within(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// WriteDir writes the Output to dest so that dest always holds one whole
// build: the files go into a new folder beside dest, which then takes
// dest's place. If anything fails, dest is left as it was.
func (o *Output) WriteDir(ctx context.Context, dest string) error {
	dest = filepath.Clean(dest)
	parent, base := filepath.Dir(dest), filepath.Base(dest)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return writeError(dest, err)
	}
	tmp, err := os.MkdirTemp(parent, "."+base+".geul-new-")
	if err != nil {
		return writeError(dest, err)
	}
	defer os.RemoveAll(tmp) // a no-op once renamed into place
	if err := os.Chmod(tmp, 0o755); err != nil {
		return writeError(dest, err)
	}
	paths := o.Paths()
	dirs := map[string]bool{}
	for _, p := range paths {
		for d := filepath.Dir(filepath.FromSlash(p)); d != "." && !dirs[d]; d = filepath.Dir(d) {
			dirs[d] = true
		}
	}
	for d := range dirs {
		if err := os.MkdirAll(filepath.Join(tmp, d), 0o755); err != nil {
			return writeError(dest, err)
		}
	}
	errs := make([]error, len(paths))
	if err := parallel(ctx, len(paths), func(i int) {
		target := filepath.Join(tmp, filepath.FromSlash(paths[i]))
		if r, ok := o.reused[paths[i]]; ok {
			// The previous build's file is unchanged: link it, or copy it
			// where links are not possible.
			if os.Link(r.onDisk, target) == nil {
				return
			}
			data, err := os.ReadFile(r.onDisk)
			if err != nil {
				errs[i] = err
				return
			}
			errs[i] = os.WriteFile(target, data, 0o644)
			return
		}
		errs[i] = os.WriteFile(target, o.files[paths[i]], 0o644)
	}); err != nil {
		return err
	}
	if err := errors.Join(errs...); err != nil {
		return writeError(dest, err)
	}
	old := ""
	if _, err := os.Lstat(dest); err == nil {
		old = filepath.Join(parent, fmt.Sprintf(".%s.geul-old-%d", base, os.Getpid()))
		os.RemoveAll(old)
		if err := os.Rename(dest, old); err != nil {
			return writeError(dest, err)
		}
	}
	if err := os.Rename(tmp, dest); err != nil {
		if old != "" {
			os.Rename(old, dest)
		}
		return writeError(dest, err)
	}
	if old != "" {
		os.RemoveAll(old)
	}
	return nil
}

func writeError(dest string, err error) error {
	return &diag.Error{Path: dest, Msg: "cannot write the site: " + err.Error(),
		Hint: "check that the folder is writable and the disk has room; the previous build was left as it was", Err: err}
}
