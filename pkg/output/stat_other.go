//go:build !unix

package output

import "io/fs"

// deviceOf returns the file system a file is on; unknown here.
func deviceOf(fs.FileInfo) (uint64, bool) { return 0, false }

// ownerOf returns a file's owner and group; unknown here.
func ownerOf(fs.FileInfo) (uid, gid int, ok bool) { return 0, 0, false }
