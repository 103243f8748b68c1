package cli

import (
	"io"
	"time"
)

// stamped returns w with the time ("15:04:05 ") at the start of each line,
// for geul serve's log. It is not safe for concurrent use: wrap it in
// server.LockedWriter.
func stamped(w io.Writer, now func() time.Time) io.Writer {
	return &stampWriter{w: w, now: now, start: true}
}

type stampWriter struct {
	w     io.Writer
	now   func() time.Time
	start bool // the next byte starts a line
	buf   []byte
}

func (s *stampWriter) Write(p []byte) (int, error) {
	s.buf = s.buf[:0]
	for _, c := range p {
		if s.start {
			s.buf = s.now().AppendFormat(s.buf, "15:04:05 ")
			s.start = false
		}
		s.buf = append(s.buf, c)
		if c == '\n' {
			s.start = true
		}
	}
	if _, err := s.w.Write(s.buf); err != nil {
		return 0, err
	}
	return len(p), nil
}
