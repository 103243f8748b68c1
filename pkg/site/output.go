package site

import "github.com/geul-blog/geul/pkg/output"

// Output is one complete build of a site (see package output, which holds
// it and writes it to disk).
type Output = output.Output

// NewOutput returns an Output holding files (slash path → contents), for
// tests and tools that serve fixed files (output.FromFiles).
func NewOutput(files map[string][]byte) *Output { return output.FromFiles(files) }

// CheckDestination refuses a destination that a build must never replace
// (output.CheckDestination).
func CheckDestination(siteDir, dest string) error { return output.CheckDestination(siteDir, dest) }
