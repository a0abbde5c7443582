package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"golang.org/x/term"

	"github.com/ombud/ombud/bot"
	"github.com/ombud/ombud/bot/console"
)

// streams are the standard streams a command runs with.
type streams struct {
	in          io.Reader
	out, errOut io.Writer
}

// interactive reports whether in is a terminal a person types at.
func (s streams) interactive() bool {
	f, ok := s.in.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// errNoPlatform explains a start with no platform to serve.
const errNoPlatform = `ombud: no chat platform is configured and standard input is not a terminal,
so there is no one to serve. Run ombud in a terminal to use the local console,
or "ombud console" to read /case commands from standard input.`

// runServe starts ombud on every configured chat platform; when none is
// configured, it runs the local console, which needs a terminal unless
// asked for explicitly.
func runServe(ctx context.Context, s streams, getenv func(string) string) int {
	cfg, err := loadConfig(getenv)
	if err != nil {
		fmt.Fprintln(s.errOut, "ombud:", err)
		return 2 // nothing has started
	}
	switch {
	case cfg.networked():
		return servePlatforms(ctx, cfg, s)
	case !s.interactive():
		fmt.Fprintln(s.errOut, errNoPlatform)
		return 2
	default:
		return runConsole(ctx, s, getenv)
	}
}

// closeTimeout bounds shutdown, so a store that does not answer cannot keep
// ombud from exiting.
const closeTimeout = 10 * time.Second

// closeApp closes a with a deadline, logging what went wrong.
func closeApp(ctx context.Context, a *app, logger *slog.Logger) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), closeTimeout)
	defer cancel()
	if err := a.Close(ctx); err != nil {
		logger.Error("closing the store", slog.Any("error", err))
	}
}

// crlf writes to w with every "\n" as "\r\n", for a terminal in raw mode.
type crlf struct{ w io.Writer }

// Write implements io.Writer.
func (c crlf) Write(p []byte) (int, error) {
	if _, err := c.w.Write(bytes.ReplaceAll(p, []byte("\n"), []byte("\r\n"))); err != nil {
		return 0, err
	}
	return len(p), nil
}

// runConsole runs the local console on the configured store until the
// input ends, the user quits, or ctx is cancelled.
func runConsole(ctx context.Context, s streams, getenv func(string) string) int {
	cfg, err := loadConfig(getenv)
	if err != nil {
		fmt.Fprintln(s.errOut, "ombud:", err)
		return 2 // nothing has started
	}
	logOut := s.errOut
	if s.interactive() {
		logOut = crlf{s.errOut} // the console puts the terminal in raw mode
	}
	logger := slog.New(slog.NewTextHandler(logOut, &slog.HandlerOptions{Level: cfg.LogLevel}))
	a, err := openApp(ctx, cfg, logger)
	if err != nil {
		fmt.Fprintln(s.errOut, "ombud:", err)
		return 1
	}
	defer closeApp(ctx, a, logger)
	user := cfg.ConsoleUser
	if user == "" && consoleName.MatchString(getenv("USER")) {
		user = getenv("USER")
	}
	c := console.New(console.Config{In: s.in, Out: s.out, User: user, Interactive: s.interactive(),
		FilesDir: filepath.Join(cfg.DataDir, "reports"), Logger: logger,
		RoleOf: func(name string) string {
			return string(cfg.Directory.Actor(bot.Request{Platform: bot.PlatformConsole, UserID: strings.ToLower(name), UserName: name}).Role)
		}})
	if cfg.MongoURI != "" {
		// The store may be shared with the ombud serving Slack or Discord. A
		// dispatcher here knows the console alone, and would drop the posts
		// and digests that ombud wrote for its platforms; leave them to it.
		logger.InfoContext(ctx, "the store is a MongoDB other ombud processes may share: this console delivers no posts "+
			"and runs no sweep or digest; the ombud serving Slack or Discord does")
		return consoleWith(ctx, c, nil, a, s)
	}
	bg, err := newBackground(cfg, a, []bot.Platform{c}, []string{bot.PlatformConsole}, logger)
	if err != nil {
		fmt.Fprintln(s.errOut, "ombud:", err)
		return 1
	}
	return consoleWith(ctx, c, bg, a, s)
}

// consoleWith runs console c on a's handler with the background work of
// bg beside it, which shows what ombud posts by itself as it happens, until
// the console ends; with bg nil, the console shows its replies alone.
func consoleWith(ctx context.Context, c *console.Console, bg *background, a *app, s streams) int {
	if bg == nil {
		return consoleEnded(c.Run(ctx, a.handler), s)
	}
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- bg.run(ctx) }()
	err := c.Run(ctx, bg.handler(a.handler))
	cancel()
	<-done
	return consoleEnded(err, s)
}

// consoleEnded returns the exit status of a console that ended with err,
// saying what went wrong.
func consoleEnded(err error, s streams) int {
	if err != nil {
		fmt.Fprintln(s.errOut, "ombud:", err)
		return 1
	}
	return 0
}
