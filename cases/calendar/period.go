package calendar

import "time"

// Until returns the moment a period of d that someone holds from `from`
// runs out, such as a customer's window to escalate. Periods counted in days
// run to the end of their last local day, not to close of business: 20
// business days end at midnight after the 20th business day, so a customer
// who writes in the evening of that day is in time. Periods in hours end
// when that many hours have passed, as Add counts them.
func (c *Calendar) Until(from time.Time, d Duration) time.Time {
	if d.Unit == UnitBusinessDays && !d.IsZero() {
		return c.endOf(c.nthBusinessDay(from, d.N))
	}
	return c.Add(from, d)
}

// nthBusinessDay returns the n-th business day after from's local date.
func (c *Calendar) nthBusinessDay(from time.Time, n int) day {
	due := c.dayOf(from)
	for n > 0 {
		due++
		if c.businessDay(due) {
			n--
		}
	}
	return due
}

// endOf returns the end of local day d: the midnight that starts the next.
func (c *Calendar) endOf(d day) time.Time { return c.at(d+1, 0) }

// dayEnded returns the local date t belongs to as a due time: its own, or
// the day before when t is exactly local midnight, the end of that day.
func (c *Calendar) dayEnded(t time.Time) day {
	d := c.dayOf(t)
	if t.Equal(c.at(d, 0)) {
		return d - 1
	}
	return d
}

// dueLayout is how Format writes a moment.
const dueLayout = "Mon 2 Jan 2006 15:04 MST"

// Format writes t in loc for people, such as "Tue 5 Jan 2027 16:00 CET". A
// moment at local midnight is written as 24:00 of the day it ends, "Tue 2
// Feb 2027 24:00 CET", since periods that run to the end of a day end then.
func Format(t time.Time, loc *time.Location) string {
	t = t.In(loc)
	y, m, d := t.Date()
	if t.Equal(time.Date(y, m, d, 0, 0, 0, 0, loc)) {
		prev := time.Date(y, m, d-1, 12, 0, 0, 0, loc)
		return prev.Format("Mon 2 Jan 2006") + " 24:00 " + t.Format("MST")
	}
	return t.Format(dueLayout)
}

// Shortest returns the least time a limit of d can take from any moment of
// receipt in this calendar: business days end at close of business, so N of
// them take at least N-1 whole days and the hours to closing; N calendar days
// at least N whole days; hours and business hours at least that many hours.
// An hour is taken off the day counts for a daylight-saving change.
func (c *Calendar) Shortest(d Duration) time.Duration {
	n := time.Duration(d.N)
	switch d.Unit {
	case UnitBusinessDays:
		return (n-1)*24*time.Hour + time.Duration(c.closes)*time.Minute - time.Hour
	case UnitCalendarDays:
		return n*24*time.Hour - time.Hour
	default:
		return n * time.Hour
	}
}

// Longest returns the most time a limit of d can take from any moment of
// receipt, and false when there is no bound: holidays and closures can
// stretch business days and business hours without end.
func (c *Calendar) Longest(d Duration) (time.Duration, bool) {
	n := time.Duration(d.N)
	switch d.Unit {
	case UnitCalendarDays:
		return (n+1)*24*time.Hour + time.Hour, true
	case UnitHours:
		return n * time.Hour, true
	default:
		return 0, false
	}
}

// Shorter reports whether a limit of a certainly falls due before one of b
// running from the same moment, whenever that is: for the same unit, when it
// has fewer of them; for different units, when a's longest span is shorter
// than b's shortest.
func (c *Calendar) Shorter(a, b Duration) bool {
	if a.Unit == b.Unit {
		return a.N < b.N
	}
	longest, bounded := c.Longest(a)
	return bounded && longest < c.Shortest(b)
}
