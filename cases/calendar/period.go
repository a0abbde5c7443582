package calendar

import "time"

// Until returns the moment a period of d that someone holds from `from`
// runs out, such as a customer's window to escalate. Periods counted in days
// run to the end of their last local day, not to close of business: 20
// business days end at 23:59:59 on the 20th business day, so a customer who
// writes in the evening of that day is in time. Periods in hours end when
// that many hours have passed, as Add counts them.
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

// endOf returns the end of local day d: its last whole second, 23:59:59,
// so that it reads as that day and survives storage that keeps only
// milliseconds.
func (c *Calendar) endOf(d day) time.Time {
	y, m, dd := d.date()
	return time.Date(y, m, dd, 23, 59, 59, 0, c.loc)
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

// CloseOn returns close of business on t's local date, whether or not it is
// a business day.
func (c *Calendar) CloseOn(t time.Time) time.Time { return c.at(c.dayOf(t), c.closes) }
