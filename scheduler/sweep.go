package scheduler

import (
	"context"
	"log/slog"
	"time"

	"github.com/ombud/ombud/cases"
)

// SweeperConfig configures a Sweeper.
type SweeperConfig struct {
	Service    *cases.Service   // does what each case is owed (cases.Service.Sweep), on its clock
	Store      cases.Store      // the store whose waking cases are read
	Dispatcher *Dispatcher      // delivers what a sweep writes at once; nil leaves it to the next Poll
	Pick       cases.Picker     // whom to ask to claim an escalation
	Batch      int              // how many cases to read at a time; 100 when zero
	Logger     *slog.Logger     // nil discards
	Metrics    *Metrics         // nil counts nothing
	Now        func() time.Time // the clock for durations; the service's when nil
}

// Sweeper runs the SLA sweep: it reads the cases whose wake-up time has
// come, a batch at a time, and has the service do for each what ombud owes
// it (cases.Service.Sweep). Its cost grows with the cases due, not the
// cases stored. Several sweepers may share a store: each notification is
// written once, by whichever writes first.
type Sweeper struct{ cfg SweeperConfig }

// NewSweeper returns a sweeper configured by cfg.
func NewSweeper(cfg SweeperConfig) *Sweeper {
	if cfg.Batch <= 0 {
		cfg.Batch = 100
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Now == nil {
		cfg.Now = cfg.Service.Now
	}
	return &Sweeper{cfg: cfg}
}

// Sweep sweeps once, and returns how many cases had something due: an
// alarm that went off or a window that lapsed, not a case whose wake-up
// time merely moved. A case it cannot sweep is logged and left for the
// next sweep.
func (s *Sweeper) Sweep(ctx context.Context) (int, error) {
	start := s.cfg.Now()
	now := s.cfg.Service.Now()
	due := 0
	for after := ""; ; {
		batch, err := s.cfg.Store.Waking(ctx, now, after, s.cfg.Batch)
		if err != nil {
			return due, err
		}
		if len(batch) == 0 {
			break
		}
		for _, c := range batch {
			if s.sweepCase(ctx, c) {
				due++
			}
		}
		after = batch[len(batch)-1].ID
	}
	took := s.cfg.Now().Sub(start)
	s.cfg.Metrics.swept(took, due)
	s.cfg.Logger.DebugContext(ctx, "sweep: done", slog.Int("due", due), slog.Duration("took", took))
	return due, nil
}

// sweepCase sweeps c, delivers what that wrote, and reports whether
// something was due: an alarm went off (each is recorded in Notified) or a
// window lapsed (the case closed).
func (s *Sweeper) sweepCase(ctx context.Context, c *cases.Case) bool {
	out, err := s.cfg.Service.Sweep(ctx, c, s.cfg.Pick)
	if err != nil {
		s.cfg.Logger.ErrorContext(ctx, "sweep: could not sweep a case", slog.String("case", c.ID), slog.Any("error", err))
		return false
	}
	if out.Version == c.Version {
		return false
	}
	if s.cfg.Dispatcher != nil && len(out.Notices) > 0 {
		s.cfg.Dispatcher.Flush(ctx, c.ID)
	}
	return out.Status != c.Status || len(out.Notified) > len(c.Notified)
}
