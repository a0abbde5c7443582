// Package scheduler is what ombud does by itself: the dispatcher that
// delivers the notices the store keeps, once each, in order per case,
// through the platform each names; the sweep that warns of deadlines,
// alerts on breaches, asks seniors in turn to claim escalations, closes
// lapsed windows and reminds of progress updates; and the weekly digest,
// all on a cron schedule.
package scheduler

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"slices"
	"time"

	"github.com/ombud/ombud/bot"
	"github.com/ombud/ombud/cases"
)

// Renderer works out what a notice says, from the case as it is now.
type Renderer interface {
	// Render returns the post notice n of case c makes.
	Render(c *cases.Case, n cases.Notice) (bot.Post, error)
	// RenderDigest returns the post n, a weekly digest, makes.
	RenderDigest(ctx context.Context, n cases.Notice) (bot.Post, error)
}

// DispatcherConfig configures a Dispatcher.
type DispatcherConfig struct {
	Store     cases.Store    // keeps the notices, and the leases on them
	Render    Renderer       // works out what each notice says
	Platforms []bot.Platform // by Name; notices for another platform are dropped, with a log line
	// Owner names this dispatcher in the leases it takes; unique per
	// process. A random one when empty.
	Owner  string
	Now    func() time.Time // the clock; time.Now when nil
	Logger *slog.Logger     // nil discards
	// Lease is how long a dispatcher holds a case's notices before another
	// may take them over (it died); a minute when zero.
	Lease time.Duration
	// Hold is how long a new notice is left to the process that wrote it,
	// which delivers it at once (Flush), before any dispatcher's Poll takes
	// it; 10 seconds when zero.
	Hold time.Duration
	// Batch is how many cases one Poll leases at most; 50 when zero.
	Batch   int
	Metrics *Metrics // nil counts nothing
}

// Dispatcher delivers the notices kept in a store: each once, in order per
// case, through the platform it names, retrying with exponential backoff
// and honouring a platform's Retry-After. Several dispatchers, in several
// processes, may share one store: a lease keeps them apart.
type Dispatcher struct {
	cfg       DispatcherConfig
	platforms map[string]bot.Platform
	log       *slog.Logger
	cases     bot.KeyedMutex // one delivery per case at a time in this process; leases keep processes apart
}

// NewDispatcher returns a dispatcher configured by cfg, with its defaults
// filled in.
func NewDispatcher(cfg DispatcherConfig) *Dispatcher {
	if cfg.Owner == "" {
		cfg.Owner = owner()
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	cfg.Lease = or(cfg.Lease, time.Minute)
	cfg.Hold = or(cfg.Hold, 10*time.Second)
	if cfg.Batch <= 0 {
		cfg.Batch = 50
	}
	d := &Dispatcher{cfg: cfg, platforms: map[string]bot.Platform{}, log: cfg.Logger}
	for _, p := range cfg.Platforms {
		d.platforms[p.Name()] = p
	}
	return d
}

// or returns d, or def when d is zero.
func or(d, def time.Duration) time.Duration {
	if d <= 0 {
		return def
	}
	return d
}

// owner returns a name for this process's leases: host, process and a
// random part, so that two processes never share one.
func owner() string {
	host, _ := os.Hostname()
	return fmt.Sprintf("%s/%d/%s", host, os.Getpid(), rand.Text()[:8])
}

// Handler returns h with every response about a case (its reply's topic)
// set to deliver that case's notices at once, once the platform has shown
// the reply.
func (d *Dispatcher) Handler(h bot.Handler) bot.Handler {
	return bot.HandlerFunc(func(ctx context.Context, req bot.Request) bot.Response {
		resp := h.Handle(ctx, req)
		if id := resp.Reply.Topic; id != "" {
			resp.Deliver = func(ctx context.Context) { d.Flush(ctx, id) }
		}
		return resp
	})
}

// Flush delivers the notices of case id now, new ones included, once this
// process is done with any it is delivering, unless another process is
// delivering them; what it cannot deliver is tried again later.
func (d *Dispatcher) Flush(ctx context.Context, id string) {
	defer d.cases.Lock(id)()
	now := d.cfg.Now()
	c, err := d.cfg.Store.LeaseCase(ctx, id, now, now.Add(d.cfg.Lease), d.cfg.Owner)
	switch {
	case cases.ErrorCode(err) == cases.ECONFLICT:
		return // another dispatcher has them
	case err != nil:
		d.log.ErrorContext(ctx, "outbox: could not take the notices of a case", slog.String("case", id), slog.Any("error", err))
		return
	}
	d.deliverCase(ctx, c)
}

// Poll leases the cases whose notices are due, and the notices about no
// case, and delivers them. A case whose first notice is new (written less
// than Hold ago and never tried) is left to the process that wrote it. It
// returns how many cases and notices about no case it took.
func (d *Dispatcher) Poll(ctx context.Context) (int, error) {
	now := d.cfg.Now()
	cs, err := d.cfg.Store.LeaseNotices(ctx, now, now.Add(d.cfg.Lease), d.cfg.Owner, d.cfg.Batch)
	if err != nil {
		return 0, err
	}
	for _, c := range cs {
		if len(c.Notices) > 0 && c.Notices[0].Attempts == 0 && c.Notices[0].Created.After(now.Add(-d.cfg.Hold)) {
			unlock := d.cases.Lock(c.ID) // its writer may be delivering it now
			d.release(ctx, c.ID)         // and otherwise will
			unlock()
			continue
		}
		d.Flush(ctx, c.ID) // reads its notices again, under this process's lock of the case
	}
	global, err := d.deliverGlobal(ctx, now.Add(-d.cfg.Hold), now)
	return len(cs) + global, err
}

// deliverGlobal leases the notices about no case that may be tried at or
// before due, until a Lease after now, and delivers them; it returns how
// many it took.
func (d *Dispatcher) deliverGlobal(ctx context.Context, due, now time.Time) (int, error) {
	ns, err := d.cfg.Store.LeaseGlobalNotices(ctx, due, now.Add(d.cfg.Lease), d.cfg.Owner, d.cfg.Batch)
	if err != nil {
		return 0, err
	}
	for _, n := range ns {
		d.deliver(ctx, nil, n)
	}
	return len(ns), nil
}

// Run polls every interval until ctx ends.
func (d *Dispatcher) Run(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		if _, err := d.Poll(ctx); err != nil && ctx.Err() == nil {
			d.log.ErrorContext(ctx, "outbox: could not take the notices due", slog.Any("error", err))
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// deliverCase delivers the notices of c, which this dispatcher leases, in
// order, and stops at the first it cannot deliver or may not try yet, so
// that a case's notices never overtake one another. It renews the lease
// before each post after the first, so that slow posts cannot outlast it
// and let another dispatcher deliver the same notices, and stops when it
// has lost it. It lets go of the lease when done.
func (d *Dispatcher) deliverCase(ctx context.Context, c *cases.Case) {
	defer d.release(ctx, c.ID)
	now := d.cfg.Now()
	posted := false
	for i, n := range c.Notices {
		if n.NextTry.After(now) {
			return
		}
		if n.Kind == cases.NoticeHeader && c.Threads[n.Platform] != "" && laterHeader(c.Notices[i+1:]) {
			d.done(ctx, c, n, "superseded") // a later header says where the case stands now; the thread exists
			continue
		}
		if posted && !d.renew(ctx, c.ID, n.ID) {
			return
		}
		posted = true
		if !d.deliver(ctx, c, n) {
			return
		}
	}
}

// renew extends this dispatcher's lease on case id for another Lease, and
// reports whether it still holds it with notice next pending: false when
// another dispatcher took the case over, or delivered next, meanwhile.
func (d *Dispatcher) renew(ctx context.Context, id, next string) bool {
	now := d.cfg.Now()
	c, err := d.cfg.Store.LeaseCase(ctx, id, now, now.Add(d.cfg.Lease), d.cfg.Owner)
	switch {
	case cases.ErrorCode(err) == cases.ECONFLICT:
		d.log.DebugContext(ctx, "outbox: another dispatcher took over the notices of a case", slog.String("case", id))
		return false
	case err != nil:
		d.log.ErrorContext(ctx, "outbox: could not renew the lease on a case's notices", slog.String("case", id), slog.Any("error", err))
		return false
	}
	return slices.ContainsFunc(c.Notices, func(n cases.Notice) bool { return n.ID == next })
}

// release lets go of this dispatcher's lease on case id.
func (d *Dispatcher) release(ctx context.Context, id string) {
	if err := d.cfg.Store.ReleaseCase(context.WithoutCancel(ctx), id, d.cfg.Owner); err != nil {
		d.log.ErrorContext(ctx, "outbox: could not release a case", slog.String("case", id), slog.Any("error", err))
	}
}

// laterHeader reports whether notices holds a header.
func laterHeader(notices []cases.Notice) bool {
	for _, n := range notices {
		if n.Kind == cases.NoticeHeader {
			return true
		}
	}
	return false
}

// deliver renders n, a notice of c or, when c is nil, about no case, and
// sends it through its platform, and records the outcome; it reports
// whether the notice is off the list, delivered or dropped.
func (d *Dispatcher) deliver(ctx context.Context, c *cases.Case, n cases.Notice) bool {
	p, ok := d.platforms[n.Platform]
	if !ok {
		d.log.WarnContext(ctx, "outbox: dropping a notice for a platform that is not configured",
			slog.String("case", caseID(c)), slog.String("notice", n.ID), slog.String("platform", n.Platform))
		return d.done(ctx, c, n, "dropped")
	}
	post, err := d.render(ctx, c, n)
	if err == nil {
		err = p.Post(ctx, post)
	}
	if errors.Is(err, bot.ErrNoChannel) { // trying again cannot help, and would hold up the case's later posts
		d.log.WarnContext(ctx, "outbox: dropping a notice for a team channel that is not configured",
			slog.String("case", caseID(c)), slog.String("notice", n.ID), slog.String("platform", n.Platform),
			slog.String("channel", n.To))
		return d.done(ctx, c, n, "dropped")
	}
	if err != nil {
		return d.failed(ctx, c, n, err)
	}
	return d.done(ctx, c, n, "sent")
}

// render renders n, a notice of c or about no case.
func (d *Dispatcher) render(ctx context.Context, c *cases.Case, n cases.Notice) (bot.Post, error) {
	if c == nil {
		return d.cfg.Render.RenderDigest(ctx, n)
	}
	return d.cfg.Render.Render(c, n)
}

// caseID returns c's ID, or "" for none.
func caseID(c *cases.Case) string {
	if c == nil {
		return ""
	}
	return c.ID
}

// done records n as off the list: sent, dropped or superseded.
func (d *Dispatcher) done(ctx context.Context, c *cases.Case, n cases.Notice, outcome string) bool {
	d.cfg.Metrics.count(n, outcome)
	if err := d.cfg.Store.DoneNotice(context.WithoutCancel(ctx), caseID(c), n.ID, d.cfg.Owner); err != nil {
		d.log.ErrorContext(ctx, "outbox: could not record a notice as delivered; it may be sent again",
			slog.String("case", caseID(c)), slog.String("notice", n.ID), slog.Any("error", err))
		return false
	}
	d.log.DebugContext(ctx, "outbox: notice done", slog.String("case", caseID(c)), slog.String("kind", string(n.Kind)),
		slog.String("platform", n.Platform), slog.String("outcome", outcome))
	return true
}

// Backoff bounds: the first retry waits base, each next one twice as long,
// up to most.
const (
	backoffBase = 5 * time.Second
	backoffMost = time.Hour
)

// maxFailures is how often a notice may fail other than by a rate limit or
// an outage (a channel that does not exist, a notice this ombud cannot
// render) before it is dropped, with an error in the log. A rate limit or
// an outage never drops a notice.
const maxFailures = 8

// failed records that delivering n failed with err, and when to try again:
// after an exponential backoff, and no sooner than the platform asked. It
// reports whether n is off the list, dropped.
func (d *Dispatcher) failed(ctx context.Context, c *cases.Case, n cases.Notice, err error) bool {
	attempts := n.Attempts + 1
	wait := min(backoffBase<<min(attempts-1, 20), backoffMost)
	var ra *bot.RetryAfter
	if errors.As(err, &ra) {
		wait = max(wait, ra.After)
	} else if attempts >= maxFailures {
		d.log.ErrorContext(ctx, "outbox: dropping a notice that keeps failing",
			slog.String("case", caseID(c)), slog.String("notice", n.ID), slog.Int("attempts", attempts), slog.Any("error", err))
		return d.done(ctx, c, n, "dropped")
	}
	d.cfg.Metrics.count(n, "failed")
	d.log.WarnContext(ctx, "outbox: could not deliver a notice; trying again later", slog.String("case", caseID(c)),
		slog.String("notice", n.ID), slog.Duration("after", wait), slog.Any("error", err))
	if err := d.cfg.Store.DeferNotice(context.WithoutCancel(ctx), caseID(c), n.ID, d.cfg.Owner, d.cfg.Now().Add(wait), attempts); err != nil {
		d.log.ErrorContext(ctx, "outbox: could not record a failed delivery", slog.String("notice", n.ID), slog.Any("error", err))
	}
	return false
}
