package main

// The testscript commands that run "geul serve" in the background and talk
// to it over HTTP (testdata/script/serve*.txtar):
//
//	serve [flags]         start geul serve --port 0 [flags] in the script's
//	                      folder, wait for its "serving" line, set $URL
//	fetch URL             GET URL: fails unless 200 (with !, unless not 200);
//	                      the body is the command's stdout
//	waitfor URL regexp    GET URL until the body matches (with !, until it
//	                      does not), for at most scriptWait; the last body
//	                      is the stdout
//	stopserve             interrupt geul serve, wait for it to exit 0; its
//	                      output is the command's stdout and stderr
//
// Every wait polls with a bound and no fixed sleep, so that a loaded
// machine or -race only makes the script slower.

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"regexp"
	"time"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/geul-blog/geul/pkg/testkit"
)

// scriptWait bounds each wait of the serve commands: a first build and a
// rebuild take well under a second, but a 2-core machine running the race
// detector and other tests can stretch that many times.
const scriptWait = 60 * time.Second

// servedKey is where a script keeps its running geul serve (ts.Value).
type servedKey struct{}

// served is one script's geul serve.
type served struct {
	cmd            *exec.Cmd
	stdout, stderr *testkit.Buffer
	exited         chan struct{} // closed when cmd has exited
	err            error         // cmd.Wait's, once exited is closed
}

// serveSetup gives each script a place for its geul serve.
func serveSetup(env *testscript.Env) error {
	s := &served{}
	env.Values[servedKey{}] = s
	env.Defer(func() {
		if s.cmd != nil && s.exited != nil {
			select {
			case <-s.exited:
			default:
				s.cmd.Process.Kill()
				<-s.exited
			}
		}
	})
	return nil
}

var servingLine = regexp.MustCompile(`(?m)^\d\d:\d\d:\d\d serving (http://\S+)/$`)

var serveCmds = map[string]func(ts *testscript.TestScript, neg bool, args []string){
	"serve": func(ts *testscript.TestScript, neg bool, args []string) {
		if neg {
			ts.Fatalf("unsupported: ! serve")
		}
		s := ts.Value(servedKey{}).(*served)
		if s.cmd != nil {
			ts.Fatalf("geul serve is already running; stopserve first")
		}
		geul, err := exec.LookPath("geul")
		ts.Check(err)
		s.cmd = exec.Command(geul, append([]string{"serve", "--port", "0"}, args...)...)
		s.cmd.Dir = ts.MkAbs(".")
		s.cmd.Env = append(os.Environ(), "HOME="+ts.Getenv("HOME"), "TMPDIR="+ts.Getenv("TMPDIR"))
		s.stdout, s.stderr = &testkit.Buffer{}, &testkit.Buffer{}
		s.cmd.Stdout, s.cmd.Stderr = s.stdout, s.stderr
		ts.Check(s.cmd.Start())
		s.exited = make(chan struct{})
		go func() { s.err = s.cmd.Wait(); close(s.exited) }()
		var url string
		poll(ts, "the serving line", func() (bool, string) {
			select {
			case <-s.exited:
				ts.Fatalf("geul serve exited (%v) before serving:\n%s%s", s.err, s.stdout, s.stderr)
			default:
			}
			m := servingLine.FindStringSubmatch(s.stdout.String())
			if m != nil {
				url = m[1]
			}
			return m != nil, s.stdout.String() + s.stderr.String()
		})
		ts.Setenv("URL", url)
	},
	"fetch": func(ts *testscript.TestScript, neg bool, args []string) {
		if len(args) != 1 {
			ts.Fatalf("usage: fetch URL")
		}
		code, body, err := get(args[0])
		ts.Check(err)
		fmt.Fprint(ts.Stdout(), body)
		if ok := code == http.StatusOK; ok == neg {
			ts.Fatalf("GET %s: %d", args[0], code)
		}
	},
	"waitfor": func(ts *testscript.TestScript, neg bool, args []string) {
		if len(args) != 2 {
			ts.Fatalf("usage: [!] waitfor URL regexp")
		}
		re, err := regexp.Compile(args[1])
		ts.Check(err)
		var body string
		what := fmt.Sprintf("GET %s to match %q", args[0], args[1])
		if neg {
			what = fmt.Sprintf("GET %s not to match %q", args[0], args[1])
		}
		poll(ts, what, func() (bool, string) {
			var code int
			var err error
			code, body, err = get(args[0])
			return err == nil && re.MatchString(body) != neg, fmt.Sprintf("%d %v\n%s", code, err, body)
		})
		fmt.Fprint(ts.Stdout(), body)
	},
	"stopserve": func(ts *testscript.TestScript, neg bool, args []string) {
		s := ts.Value(servedKey{}).(*served)
		if neg || len(args) != 0 || s.cmd == nil {
			ts.Fatalf("usage: stopserve, after serve")
		}
		ts.Check(s.cmd.Process.Signal(os.Interrupt))
		select {
		case <-s.exited:
		case <-time.After(scriptWait):
			ts.Fatalf("geul serve did not stop within %v of an interrupt", scriptWait)
		}
		fmt.Fprint(ts.Stdout(), s.stdout.String())
		fmt.Fprint(ts.Stderr(), s.stderr.String())
		if s.err != nil {
			ts.Fatalf("geul serve: %v\n%s", s.err, s.stderr)
		}
		s.cmd = nil
	},
}

// poll waits (testkit.Poll) at most scriptWait for cond to hold, and fails
// the script with what cond last said when it does not.
func poll(ts *testscript.TestScript, what string, cond func() (ok bool, last string)) {
	var last string
	if !testkit.Poll(scriptWait, func() bool {
		var ok bool
		ok, last = cond()
		return ok
	}) {
		ts.Fatalf("waited %v for %s; last:\n%s", scriptWait, what, last)
	}
}

// scriptClient is the HTTP client of fetch and waitfor.
var scriptClient = &http.Client{Timeout: 10 * time.Second}

func get(url string) (code int, body string, err error) {
	resp, err := scriptClient.Get(url)
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return 0, "", errors.Join(fmt.Errorf("GET %s", url), err)
	}
	return resp.StatusCode, string(b), nil
}
