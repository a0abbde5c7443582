package scheduler

import (
	"context"
	"log/slog"
	"time"

	"github.com/ombud/ombud/cases"
)

// digestKey is the idempotency key of the digest for platform written by
// the run at start: one per platform and local date of the run, however
// many processes write it. A schedule that runs more than once a day
// gets one digest a day; one that runs daily gets one each day, not one
// a week.
func digestKey(platform string, start time.Time) string {
	return "digest|" + platform + "|" + start.Format(time.DateOnly)
}

// Digest writes the weekly digest for each of platforms, to its managers
// channel, for the week starting at now in loc, unless another process
// wrote it already, and delivers it.
func (d *Dispatcher) Digest(ctx context.Context, platforms []string, loc *time.Location) {
	now := d.cfg.Now()
	start := now.In(loc).Truncate(time.Minute)
	for _, p := range platforms {
		n := cases.Notice{ID: digestKey(p, start), Kind: cases.NoticeDigest, To: cases.ToManagers, Platform: p,
			Due: start, Created: now, NextTry: now}
		if _, err := d.cfg.Store.PutNotice(ctx, n); err != nil {
			d.log.ErrorContext(ctx, "digest: could not write the weekly digest", slog.String("platform", p), slog.Any("error", err))
		}
	}
	d.flushGlobal(ctx)
}

// flushGlobal delivers the notices about no case that are due now, new
// ones included.
func (d *Dispatcher) flushGlobal(ctx context.Context) {
	now := d.cfg.Now()
	if _, err := d.deliverGlobal(ctx, now, now); err != nil {
		d.log.ErrorContext(ctx, "outbox: could not take the notices due", slog.Any("error", err))
	}
}
