package sitetest

import (
	"encoding/json"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"testing"
)

// The helpers below write what a geul process killed during an in-place
// update of a destination leaves beside it (pkg/output's journal), stated
// again here, independently of pkg/output's code, so that a change of the
// format on disk fails the tests.

// DeadPID is above every system's largest process id: no process.
const DeadPID = 999999999

// JournalFile is where WriteDir keeps the journal of public/ in parent.
func JournalFile(parent string) string { return filepath.Join(parent, ".public.geul-journal") }

// TempOf is where process pid writes the new file for target.
func TempOf(target string, pid int) string {
	dir, name := path.Split(target)
	return fmt.Sprintf("%s.%s.geul-new-%d", dir, name, pid)
}

// WriteJournal writes a journal as a build of process pid would have.
func WriteJournal(t *testing.T, parent string, pid int, state string, puts, removes, dirs []string) {
	t.Helper()
	type put struct {
		Temp   string `json:"temp"`
		Target string `json:"target"`
	}
	j := struct {
		Geul    int      `json:"geul-journal"`
		PID     int      `json:"pid"`
		State   string   `json:"state"`
		Puts    []put    `json:"puts"`
		Removes []string `json:"removes"`
		Dirs    []string `json:"dirs"`
	}{1, pid, state, nil, removes, dirs}
	for _, p := range puts {
		j.Puts = append(j.Puts, put{TempOf(p, pid), p})
	}
	data, _ := json.Marshal(j)
	if err := os.WriteFile(JournalFile(parent), data, 0o644); err != nil {
		t.Fatal(err)
	}
}
