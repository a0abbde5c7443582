package cases

import "time"

// start returns a deadline of kind that runs limit from start, and false when
// the policy sets no such limit.
func (pr procedure) start(kind DeadlineKind, start time.Time, limit Duration) (Deadline, bool) {
	if limit.IsZero() {
		return Deadline{}, false
	}
	due := pr.cal.Add(start, limit)
	return Deadline{
		Kind: kind, Unit: limit.Unit, Start: start, Due: due,
		Warn: pr.cal.WarnAt(start, due, limit.Unit, pr.WarnFraction()),
	}, true
}

// setDeadline starts a deadline of kind on c, replacing any earlier one of the
// same kind, so a case has at most one deadline of each kind.
func (c *Case) setDeadline(pr procedure, kind DeadlineKind, from time.Time, limit Duration) {
	d, ok := pr.start(kind, from, limit)
	if !ok {
		return
	}
	for i := range c.Deadlines {
		if c.Deadlines[i].Kind == kind {
			c.Deadlines[i] = d
			return
		}
	}
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

// shiftPending moves c's pending deadlines by the business time that passed
// between from and to, each in its own unit, so a pause does not eat into them.
func (c *Case) shiftPending(pr procedure, from, to time.Time) {
	for i := range c.Deadlines {
		d := &c.Deadlines[i]
		if !d.Pending() {
			continue
		}
		d.Due = pr.shift(d.Due, d.Unit, from, to)
		if !d.Cap.IsZero() {
			d.Cap = pr.shift(d.Cap, d.Unit, from, to)
		}
		d.Warn = pr.cal.WarnAt(d.Start, d.Due, d.Unit, pr.WarnFraction())
		d.Warned = d.Warned && !d.Warn.After(to)
	}
}

// shift moves t later by the time in unit u that passed between from and to.
func (pr procedure) shift(t time.Time, u Unit, from, to time.Time) time.Time {
	if u == UnitHours {
		return t.Add(to.Sub(from))
	}
	n := pr.cal.Elapsed(from, to, u)
	if n == 0 {
		return t
	}
	return pr.cal.Add(t, Duration{N: n, Unit: u})
}
