package scheduler

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/robfig/cron/v3"
)

// Default schedules: sweep every minute; the digest on Monday at 09:00 in
// the policy's time zone.
const (
	DefaultSweep  = "@every 1m"
	DefaultDigest = "0 9 * * 1"
)

// ParseSchedule checks a schedule as OMBUD_SWEEP_SCHEDULE and
// OMBUD_DIGEST_SCHEDULE take it: a cron line of five fields, optionally
// after CRON_TZ=Zone, or a descriptor such as @daily or @every 30s (at
// least a second). Its error says what to write instead.
func ParseSchedule(spec string) error {
	if rest, ok := strings.CutPrefix(strings.TrimSpace(spec), "@every "); ok {
		d, err := time.ParseDuration(strings.TrimSpace(rest))
		if err != nil || d < time.Second {
			return fmt.Errorf("%q is not a schedule: @every takes a duration of at least 1s, such as @every 1m or @every 30s", spec)
		}
	}
	if _, err := cron.ParseStandard(spec); err != nil {
		return fmt.Errorf("%q is not a schedule (%v); write five cron fields such as \"0 9 * * 1\" (Monday 09:00), "+
			"optionally after CRON_TZ=Europe/Oslo, or @every 1m, @hourly, @daily", spec, err)
	}
	return nil
}

// Config configures a Scheduler.
type Config struct {
	Sweep      string         // when to sweep; DefaultSweep when empty
	Digest     string         // when to write the weekly digest; DefaultDigest when empty
	Location   *time.Location // the zone of schedules that name none: the policy's
	Sweeper    *Sweeper       // runs the SLA sweep on the Sweep schedule
	Dispatcher *Dispatcher    // polls every PollEvery, and writes and delivers the digest on the Digest schedule
	// DigestPlatforms are the platforms with a managers channel, each of
	// which gets the digest.
	DigestPlatforms []string
	// PollEvery is how often the dispatcher looks for notices to deliver
	// or to try again; 5 seconds when zero.
	PollEvery time.Duration
	Logger    *slog.Logger // nil discards
}

// Scheduler runs the sweep and the digest on their schedules, and the
// dispatcher's polling, until its context ends.
type Scheduler struct{ cfg Config }

// New returns a scheduler configured by cfg, or an error naming a schedule
// it cannot read.
func New(cfg Config) (*Scheduler, error) {
	if cfg.Sweep == "" {
		cfg.Sweep = DefaultSweep
	}
	if cfg.Digest == "" {
		cfg.Digest = DefaultDigest
	}
	if cfg.Location == nil {
		cfg.Location = time.UTC
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	cfg.PollEvery = or(cfg.PollEvery, 5*time.Second)
	for key, spec := range map[string]string{"OMBUD_SWEEP_SCHEDULE": cfg.Sweep, "OMBUD_DIGEST_SCHEDULE": cfg.Digest} {
		if err := ParseSchedule(spec); err != nil {
			return nil, fmt.Errorf("%s: %w", key, err)
		}
	}
	return &Scheduler{cfg: cfg}, nil
}

// Run sweeps, writes digests and delivers notices until ctx ends; then it
// waits for the job that is running to finish, and returns.
func (s *Scheduler) Run(ctx context.Context) error {
	c := cron.New(cron.WithLocation(s.cfg.Location), cron.WithChain(cron.SkipIfStillRunning(cron.DiscardLogger)))
	for _, job := range []struct {
		spec string
		run  func(context.Context)
	}{{s.cfg.Sweep, s.sweep}, {s.cfg.Digest, s.digest}} {
		if _, err := c.AddFunc(job.spec, func() { job.run(ctx) }); err != nil {
			return err
		}
	}
	var wg sync.WaitGroup
	wg.Go(func() { s.cfg.Dispatcher.Run(ctx, s.cfg.PollEvery) })
	c.Start()
	<-ctx.Done()
	<-c.Stop().Done()
	wg.Wait()
	return nil
}

// sweep runs one SLA sweep.
func (s *Scheduler) sweep(ctx context.Context) {
	if _, err := s.cfg.Sweeper.Sweep(ctx); err != nil && ctx.Err() == nil {
		s.cfg.Logger.ErrorContext(ctx, "sweep failed; the next one tries again", slog.Any("error", err))
	}
}

// digest writes and delivers the weekly digest.
func (s *Scheduler) digest(ctx context.Context) {
	s.cfg.Dispatcher.Digest(ctx, s.cfg.DigestPlatforms, s.cfg.Location)
}
