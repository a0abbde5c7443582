package cases

import (
	"time"

	"github.com/ombud/ombud/cases/calendar"
)

// start returns a deadline of kind that runs limit from start, and false when
// the policy sets no such limit. A window the customer holds runs to the
// end of its last day.
func (pr procedure) start(kind DeadlineKind, start time.Time, limit calendar.Duration) (Deadline, bool) {
	if limit.IsZero() {
		return Deadline{}, false
	}
	due := pr.cal.Add(start, limit)
	if kind.IsWindow() {
		due = pr.cal.Until(start, limit)
	}
	return Deadline{
		Kind: kind, Unit: limit.Unit, Start: start, Due: due,
		Warn: pr.warnAt(start, due, limit.Unit),
	}, true
}

// warnAt returns when to warn that a deadline in unit u, running from start
// to due, approaches: the policy's warn_before ahead of due or, for a limit
// too short for that to fall after start, once the policy's warn_at share
// of its time has passed.
func (pr procedure) warnAt(start, due time.Time, u calendar.Unit) time.Time {
	if w := pr.cal.Before(due, pr.WarnLead()); w.After(start) {
		return w
	}
	return pr.cal.WarnAt(start, due, u, pr.WarnFraction())
}

// setDeadline starts a deadline of kind on c, running limit from from. A
// pending deadline of the same kind is met at from and kept, so one that was
// already overdue still counts as a breach.
func (c *Case) setDeadline(pr procedure, kind DeadlineKind, from time.Time, limit calendar.Duration) {
	d, ok := pr.start(kind, from, limit)
	if !ok {
		return
	}
	c.meet(from, kind)
	c.Deadlines = append(c.Deadlines, d)
}

// meet marks c's pending deadlines of the given kinds as met at now.
func (c *Case) meet(now time.Time, kinds ...DeadlineKind) {
	for i := range c.Deadlines {
		d := &c.Deadlines[i]
		for _, k := range kinds {
			if d.Kind == k && d.Pending() {
				d.Met = now
			}
		}
	}
}

// meetAll marks every pending deadline of c as met at now.
func (c *Case) meetAll(now time.Time) {
	for i := range c.Deadlines {
		if c.Deadlines[i].Pending() {
			c.Deadlines[i].Met = now
		}
	}
}

// shiftPending moves c's pending deadlines by the business time the pause
// from..to took out of each, so a pause does not eat into them. The answer's
// cap stays where it is, and no deadline moves past it, unless the policy
// says pauses move the cap too.
func (c *Case) shiftPending(pr procedure, from, to time.Time) {
	for i := range c.Deadlines {
		d := &c.Deadlines[i]
		if !d.Pending() {
			continue
		}
		d.Due = pr.cal.Resume(d.Due, d.Unit, from, to)
		if !d.Cap.IsZero() && pr.Deadlines.PauseMovesCap {
			d.Cap = pr.cal.Resume(d.Cap, pr.Deadlines.AnswerCap.Unit, from, to)
		}
		if !d.Cap.IsZero() && d.Due.After(d.Cap) {
			d.Due = d.Cap
		}
		d.Warn = pr.warnAt(d.Start, d.Due, d.Unit)
	}
}

// PausedSince returns when c's clocks stopped, and false unless c is paused.
func (c *Case) PausedSince() (time.Time, bool) {
	if c.Status != StatusPaused || len(c.Pauses) == 0 {
		return time.Time{}, false
	}
	return c.Pauses[len(c.Pauses)-1].From, true
}

// Overdue reports whether d, one of c's deadlines, is breached at now: it is
// pending and past due and, if c is paused, was already past due when the
// pause began. A pause stops the clocks, so nothing falls due during it, but
// it cannot undo a deadline missed before it (see calendar.Resume).
func (c *Case) Overdue(d Deadline, now time.Time) bool { return !c.stopped(d) && d.Overdue(now) }

// stopped reports whether d, one of c's deadlines, has its clock stopped: c
// is paused and d was not yet past due when the pause began (or the pause
// has no record of when it began).
func (c *Case) stopped(d Deadline) bool {
	if c.Status != StatusPaused {
		return false
	}
	from, recorded := c.PausedSince()
	return !recorded || d.Due.After(from)
}
