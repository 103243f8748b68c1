package webcheck

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"os/exec"
	"strings"
)

// Message is one message of the Nu Html Checker, as its JSON output has it.
type Message struct {
	Type        string `json:"type"`    // "error", "info" or "non-document-error"
	SubType     string `json:"subType"` // "fatal", "warning", "io", …
	URL         string `json:"url"`     // the file, as "file:/path"
	FirstLine   int    `json:"firstLine"`
	LastLine    int    `json:"lastLine"`
	FirstColumn int    `json:"firstColumn"`
	LastColumn  int    `json:"lastColumn"`
	Message     string `json:"message"`
	Extract     string `json:"extract"`
}

// File returns the path of the file the message is about.
func (m Message) File() string {
	if u, err := url.Parse(m.URL); err == nil && u.Scheme == "file" {
		return u.Path
	}
	return m.URL
}

// String formats m as "file:line:column: message [extract]".
func (m Message) String() string {
	var b strings.Builder
	b.WriteString(m.File())
	if m.LastLine > 0 {
		line := m.FirstLine
		if line == 0 {
			line = m.LastLine
		}
		fmt.Fprintf(&b, ":%d:%d", line, m.FirstColumn)
	}
	fmt.Fprintf(&b, ": %s: %s", m.Type, m.Message)
	if m.Extract != "" {
		fmt.Fprintf(&b, " in %q", m.Extract)
	}
	return b.String()
}

// CheckHTML runs the Nu Html Checker once over files (HTML, and CSS or SVG
// files by their extension) and returns its errors; warnings are left out.
// One JVM for all files: starting Java is most of the time vnu takes.
// The error is for vnu itself failing, not for problems in the files.
func CheckHTML(ctx context.Context, java, jar string, files []string) ([]Message, error) {
	if len(files) == 0 {
		return nil, nil
	}
	args := []string{
		// vnu needs a deep stack for its HTML schema (it says at least 512k,
		// and overflows now and then with Java's default). It is a short
		// batch job, so the quick JIT alone and the simple GC halve its time.
		"-Xss4m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
		"-jar", jar, "--errors-only", "--format", "json", "--also-check-css", "--also-check-svg",
	}
	cmd := exec.CommandContext(ctx, java, append(args, files...)...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	runErr := cmd.Run()
	// vnu writes its JSON report to stderr and exits 1 when it found errors;
	// stdout stays empty unless vnu itself broke (a StackOverflowError is
	// told there, with exit status 0).
	if stdout.Len() > 0 {
		return nil, fmt.Errorf("vnu: %s", bytes.TrimSpace(stdout.Bytes()))
	}
	var report struct {
		Messages []Message `json:"messages"`
	}
	if err := json.Unmarshal(stderr.Bytes(), &report); err != nil {
		return nil, fmt.Errorf("vnu: %v; its output: %s%s", runErr, stdout.Bytes(), stderr.Bytes())
	}
	if runErr != nil && len(report.Messages) == 0 {
		return nil, fmt.Errorf("vnu: %v with no messages", runErr)
	}
	return report.Messages, nil
}
