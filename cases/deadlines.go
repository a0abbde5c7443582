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
		Warn: pr.cal.WarnAt(start, due, limit.Unit, pr.WarnFraction()),
	}, true
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
// cap moves in the unit the policy states it in.
func (c *Case) shiftPending(pr procedure, from, to time.Time) {
	for i := range c.Deadlines {
		d := &c.Deadlines[i]
		if !d.Pending() {
			continue
		}
		d.Due = pr.cal.Resume(d.Due, d.Unit, from, to)
		if !d.Cap.IsZero() {
			d.Cap = pr.cal.Resume(d.Cap, pr.Deadlines.AnswerCap.Unit, from, to)
		}
		d.Warn = pr.cal.WarnAt(d.Start, d.Due, d.Unit, pr.WarnFraction())
	}
}
