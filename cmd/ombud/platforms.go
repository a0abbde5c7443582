package main

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"strings"

	"github.com/ombud/ombud/bot"
	"github.com/ombud/ombud/bot/metrics"
	"github.com/ombud/ombud/bot/slack"
	"github.com/ombud/ombud/bot/web"
	"github.com/ombud/ombud/commands"
	"github.com/ombud/ombud/scheduler"
)

// The worker pool every network platform shares: how many requests run at
// once, and how many more may wait before people are told ombud is busy.
const (
	poolWorkers = 16
	poolQueue   = 256
)

// router is a platform that takes requests on the process's HTTP server.
type router interface {
	// Routes returns its endpoints, by http.ServeMux pattern.
	Routes() map[string]http.Handler
}

// readier is a platform that can say whether it is ready to serve.
type readier interface {
	// Ready returns nil when the platform's API can be reached.
	Ready(ctx context.Context) error
}

// networked reports whether a chat platform other than the console is
// configured.
func (c Config) networked() bool { return c.Slack != nil || c.Discord != nil }

// networkPlatforms builds the configured chat platforms other than the
// console, sharing pool and the threads kept in the store; reg describes
// the subcommands to platforms that register them (Discord).
func networkPlatforms(cfg Config, reg *commands.Registry, pool *bot.Pool, threads bot.Threads, logger *slog.Logger) ([]bot.Platform, error) {
	var out []bot.Platform
	if sc := cfg.Slack; sc != nil {
		var groups []string
		for _, id := range cfg.Directory.Entries("slack") {
			if strings.HasPrefix(id, "S") { // a user group's; people's start with U or W
				groups = append(groups, id)
			}
		}
		p, err := slack.New(slack.Config{BotToken: sc.BotToken, SigningSecret: sc.SigningSecret, AppToken: sc.AppToken,
			APIURL: sc.APIURL, Channels: sc.Channels, Groups: groups, Pool: pool, Threads: threads, Logger: logger})
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	if dc := cfg.Discord; dc != nil {
		p, err := newDiscord(dc, reg, pool, threads, logger)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}

// servePlatforms runs the configured chat platforms and the HTTP server
// until ctx is cancelled or one of them fails, then stops taking requests,
// finishes the work in flight and closes the store, in that order.
func servePlatforms(ctx context.Context, cfg Config, s streams) int {
	logger := slog.New(slog.NewTextHandler(s.errOut, &slog.HandlerOptions{Level: cfg.LogLevel}))
	a, err := openApp(ctx, cfg, logger)
	if err != nil {
		fmt.Fprintln(s.errOut, "ombud:", err)
		return 1
	}
	defer closeApp(ctx, a, logger)
	pool := bot.NewPool(poolWorkers, poolQueue)
	defer closePool(ctx, pool, logger)
	platforms, err := networkPlatforms(cfg, a.handler.Registry(), pool, scheduler.Threads{Store: a.store}, logger)
	if err != nil {
		fmt.Fprintln(s.errOut, "ombud:", err)
		return 1
	}
	bg, err := newBackground(cfg, a, platforms, cfg.digestPlatforms(), logger)
	if err != nil {
		fmt.Fprintln(s.errOut, "ombud:", err)
		return 1
	}
	m := metrics.New()
	m.MustRegister(bg.metrics.Collectors()...)
	checks := []web.Check{{Name: "store", Probe: a.store.Ping}}
	for _, p := range platforms {
		if r, ok := p.(readier); ok {
			checks = append(checks, web.Check{Name: p.Name(), Probe: r.Ready})
		}
	}
	server := web.New(web.Config{Addr: cfg.HTTPAddr, Metrics: m.Handler(), Checks: checks, Logger: logger})
	for _, p := range platforms {
		if r, ok := p.(router); ok {
			for pattern, h := range r.Routes() {
				server.Handle(pattern, h)
			}
		}
	}
	if err := server.Listen(); err != nil {
		fmt.Fprintln(s.errOut, "ombud: OMBUD_HTTP_ADDR:", err)
		return 1
	}
	if err := runAll(ctx, server, platforms, m.Instrument(bg.handler(a.handler), a.handler.Registry().Subcommand), bg.run); err != nil {
		logger.Error("stopped", slog.Any("error", err))
		return 1
	}
	return 0
}

// runAll runs the HTTP server, every platform with h, and the background
// work until ctx is cancelled or one of them fails; then it stops them all
// and returns the first failure.
func runAll(ctx context.Context, server *web.Server, platforms []bot.Platform, h bot.Handler, background func(context.Context) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	errc := make(chan error, len(platforms)+2)
	go func() { errc <- server.Run(ctx) }()
	go func() { errc <- background(ctx) }()
	for _, p := range platforms {
		go func() {
			if err := p.Run(ctx, h); err != nil {
				errc <- fmt.Errorf("%s: %w", p.Name(), err)
				return
			}
			errc <- nil
		}()
	}
	var first error
	for range len(platforms) + 2 {
		if err := <-errc; err != nil && first == nil {
			first = err
			cancel()
		}
	}
	return first
}

// closePool waits, for at most closeTimeout, for the work in flight to
// finish.
func closePool(ctx context.Context, pool *bot.Pool, logger *slog.Logger) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), closeTimeout)
	defer cancel()
	if err := pool.Close(ctx); err != nil {
		logger.Error("requests in flight did not finish", slog.Any("error", err))
	}
}
