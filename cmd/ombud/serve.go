package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"

	"golang.org/x/term"

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

// runServe starts ombud on its configured platforms. This release has one,
// the local console, which needs a terminal unless asked for explicitly.
func runServe(ctx context.Context, s streams, getenv func(string) string) int {
	if !s.interactive() {
		fmt.Fprintln(s.errOut, errNoPlatform)
		return 2
	}
	return runConsole(ctx, s, getenv)
}

// runConsole runs the local console on the configured store until the
// input ends, the user quits, or ctx is cancelled.
func runConsole(ctx context.Context, s streams, getenv func(string) string) int {
	cfg, err := loadConfig(getenv)
	if err != nil {
		fmt.Fprintln(s.errOut, "ombud:", err)
		return 2
	}
	logger := slog.New(slog.NewTextHandler(s.errOut, &slog.HandlerOptions{Level: cfg.LogLevel}))
	a, err := openApp(ctx, cfg, logger)
	if err != nil {
		fmt.Fprintln(s.errOut, "ombud:", err)
		return 1
	}
	defer a.Close(context.WithoutCancel(ctx))
	user := cfg.ConsoleUser
	if user == "" {
		user = getenv("USER")
	}
	c := console.New(console.Config{In: s.in, Out: s.out, User: user, Role: "agent", Interactive: s.interactive(), Logger: logger})
	if err := c.Run(ctx, a.handler); err != nil {
		fmt.Fprintln(s.errOut, "ombud:", err)
		return 1
	}
	return 0
}
