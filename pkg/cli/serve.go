package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/geul-blog/geul/pkg/config"
	"github.com/geul-blog/geul/pkg/server"
	"github.com/geul-blog/geul/pkg/site"
)

// portTries is how many ports after --port serve tries when it is taken.
const portTries = 20

const serveLong = `Serve the site from memory with live reload while you write.

geul builds the site, serves it at http://127.0.0.1:1313/ (or the next free
port), and rebuilds what a saved file touches; the open pages reload by
themselves, and a problem is shown on the page until it is fixed. Stop it
with Ctrl+C.`

const serveExample = `  geul serve
  geul serve -D -p 8080          # with drafts, on port 8080
  geul serve --bind 0.0.0.0      # let a phone on the same network in`

type serveFlags struct {
	site       siteFlags
	port       int
	bind       string
	open       bool
	noNavigate bool
}

func newServeCmd() *cobra.Command {
	var f serveFlags
	cmd := &cobra.Command{
		Use:     "serve [flags]",
		Aliases: []string{"server"},
		Short:   "serve the site with live reload while you write",
		Long:    serveLong,
		Example: serveExample,
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if code := runServe(cmd.Context(), &f, cmd.OutOrStdout(), cmd.ErrOrStderr()); code != 0 {
				return &codeError{code}
			}
			return nil
		},
	}
	fl := cmd.Flags()
	f.site.register(fl)
	fl.IntVarP(&f.port, "port", "p", 1313, "the `port` to listen on; the next free one is taken if it is in use")
	fl.StringVar(&f.bind, "bind", "127.0.0.1", "the `address` to listen on; 0.0.0.0 lets other machines in")
	fl.BoolVar(&f.open, "open", false, "open the site in the web browser")
	fl.BoolVar(&f.noNavigate, "no-navigate", false, "stay on the page you are looking at when you edit another post")
	return cmd
}

// runServe runs "geul serve": it builds the site into memory, serves it
// with live reload and rebuilds as files change, until ctx is canceled
// (the caller cancels it on SIGINT and SIGTERM). It returns 0 then, 1 when
// it cannot serve, and 2 for a usage error.
func runServe(ctx context.Context, f *serveFlags, stdout, stderr io.Writer) int {
	if f.port < 0 || f.port > 65535 {
		fmt.Fprintf(stderr, "geul serve: --port %d is not a port; use a number from 1 to 65535\n", f.port)
		return exitUsage
	}
	source, err := findSite(f.site.source)
	if err != nil {
		fmt.Fprintf(stderr, "geul serve: %v\n", err)
		return exitProblem
	}
	warnNoConfig(stderr, source)
	sf := siteFlags{source: source, drafts: f.site.drafts, future: f.site.future}
	port, bind, open, noNavigate := &f.port, &f.bind, &f.open, &f.noNavigate
	// The server logs from its own goroutines; each line gets the time.
	out := server.LockedWriter(stamped(stdout, time.Now))
	errOut := server.LockedWriter(stamped(stderr, time.Now))

	ln, err := listen(*bind, *port)
	if err != nil {
		fmt.Fprintf(stderr, "geul serve: %v\n", err)
		return 1
	}
	got := ln.Addr().(*net.TCPAddr).Port
	if *port != 0 && got != *port {
		fmt.Fprintf(out, "port %d is in use; using %d\n", *port, got)
	}
	host := *bind
	if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
		host = "localhost" // links must point somewhere a browser can go
	}
	url := "http://" + net.JoinHostPort(host, strconv.Itoa(got)) + "/"

	var srv *server.Server
	b := site.NewBuilder(sf.source, site.WithDrafts(sf.drafts), site.WithFuture(sf.future), site.WithBaseURL(url), site.WithVersion(Version),
		// The photos' copies are made in the background, shared with geul
		// build through .geul/images (not watched): a preview never waits,
		// and is built again with the copies once they are made.
		site.WithImages(filepath.Join(sf.source, ".geul", "images"), true),
		site.WithImagesReady(func(paths []string) { srv.Changed(paths...) }))
	srv = server.New(b, sf.source,
		server.WithWatch(watchList(sf.source)...),
		server.WithLogger(out),
		server.WithErrorLog(errOut),
		server.WithNavigate(!*noNavigate),
		server.WithAllowedHosts(*bind))
	hs := srv.HTTPServer()

	runCtx, stop := context.WithCancel(ctx)
	defer stop()
	runErr := make(chan error, 1)
	go func() { runErr <- srv.Run(runCtx) }()
	serveErr := make(chan error, 1)
	go func() { serveErr <- hs.Serve(ln) }()

	code := 0
	ready := srv.Ready()
wait:
	for {
		select {
		case <-ready:
			ready = nil
			fmt.Fprintf(out, "serving %s\n", url)
			fmt.Fprintf(out, "Press Ctrl+C to stop\n")
			if *open {
				openBrowser(url)
			}
		case err := <-runErr:
			runErr = nil
			if err != nil {
				fmt.Fprintf(errOut, "geul serve: %v\n", err)
				code = 1
			}
			break wait
		case err := <-serveErr:
			fmt.Fprintf(errOut, "geul serve: %v\n", err)
			code = 1
			break wait
		case <-ctx.Done():
			break wait
		}
	}

	stop()
	if runErr != nil {
		<-runErr // the last build finishes and the event streams close
	}
	sctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil {
		hs.Close()
	}
	return code
}

// listen listens on bind:port, or on the next free port up to portTries
// further when it is taken (another geul serve is running).
func listen(bind string, port int) (net.Listener, error) {
	for p := port; ; p++ {
		ln, err := net.Listen("tcp", net.JoinHostPort(bind, strconv.Itoa(p)))
		if err == nil {
			return ln, nil
		}
		if !errors.Is(err, syscall.EADDRINUSE) || port == 0 {
			return nil, fmt.Errorf("cannot listen on %s: %v; check --bind", net.JoinHostPort(bind, strconv.Itoa(p)), err)
		}
		if p >= port+portTries || p >= 65535 {
			return nil, fmt.Errorf("ports %d to %d are all in use; choose another with --port", port, p)
		}
	}
}

// watchList is what serve watches: the site's own folders, config.toml,
// and the active theme's folder when the site has one. When config.toml
// cannot be read yet, every theme is watched.
func watchList(source string) []string {
	list := []string{config.FileName, "content", "layouts", "static", "i18n"}
	// A Hugo site's config: hugo.toml and the like, and config/_default/.
	for _, name := range config.Files(os.DirFS(source)) {
		if name != config.FileName && !strings.HasPrefix(name, "config/") {
			list = append(list, name)
		}
	}
	if info, err := os.Stat(filepath.Join(source, "config")); err == nil && info.IsDir() {
		list = append(list, "config")
	}
	theme := "themes"
	if cfg, err := config.Load(os.DirFS(source), config.FileName); err == nil {
		theme = filepath.Join("themes", filepath.FromSlash(cfg.Theme))
	}
	if info, err := os.Stat(filepath.Join(source, theme)); err == nil && info.IsDir() {
		list = append(list, filepath.ToSlash(theme))
	}
	return list
}

// openBrowser asks the desktop to open url; it does nothing where there is
// no desktop (a failure here is not worth a message).
func openBrowser(url string) {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "darwin":
		cmd = exec.Command("open", url)
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	default:
		cmd = exec.Command("xdg-open", url)
	}
	if cmd.Start() == nil {
		go cmd.Wait()
	}
}
