package main

import (
	"context"
	"log/slog"

	"github.com/ombud/ombud/bot"
	"github.com/ombud/ombud/scheduler"
)

// background is what ombud does by itself beside answering requests: the
// dispatcher that delivers notices through the platforms, and the
// scheduler that sweeps for deadlines and writes the weekly digest.
type background struct {
	dispatcher *scheduler.Dispatcher
	scheduler  *scheduler.Scheduler
	metrics    *scheduler.Metrics
}

// newBackground builds the dispatcher and the scheduler of a, delivering
// through platforms; digest names the platforms with a managers channel.
func newBackground(cfg Config, a *app, platforms []bot.Platform, digest []string, logger *slog.Logger) (*background, error) {
	m := scheduler.NewMetrics(a.store, a.service.Now)
	d := scheduler.NewDispatcher(scheduler.DispatcherConfig{Store: a.store, Render: a.handler, Platforms: platforms,
		Logger: logger, Metrics: m})
	groups := map[string]bot.Groups{}
	for _, p := range platforms {
		if g, ok := p.(bot.Groups); ok {
			groups[p.Name()] = g
		}
	}
	router := scheduler.Router{Service: a.service, Store: a.store, Seniors: cfg.Directory, Groups: groups, Logger: logger}
	sweeper := scheduler.NewSweeper(scheduler.SweeperConfig{Service: a.service, Store: a.store, Dispatcher: d,
		Pick: router.Pick, Logger: logger, Metrics: m})
	s, err := scheduler.New(scheduler.Config{Sweep: cfg.Sweep, Digest: cfg.Digest, Location: a.service.PolicyCalendar().Location(),
		Sweeper: sweeper, Dispatcher: d, DigestPlatforms: digest, Logger: logger})
	if err != nil {
		return nil, err
	}
	return &background{dispatcher: d, scheduler: s, metrics: m}, nil
}

// handler returns h with the posts each request causes delivered at once.
func (b *background) handler(h bot.Handler) bot.Handler { return b.dispatcher.Handler(h) }

// run runs the scheduler until ctx ends.
func (b *background) run(ctx context.Context) error { return b.scheduler.Run(ctx) }

// digestPlatforms returns the configured network platforms with a managers
// channel, which get the weekly digest.
func (c Config) digestPlatforms() []string {
	var out []string
	if c.Slack != nil && c.Slack.Channels[bot.ChannelManagers] != "" {
		out = append(out, "slack")
	}
	if c.Discord != nil && c.Discord.Channels[bot.ChannelManagers] != "" {
		out = append(out, "discord")
	}
	return out
}
