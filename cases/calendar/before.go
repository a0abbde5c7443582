package calendar

import "time"

// Before returns the moment a time limit of d before due: the moment from
// which a limit of d would fall due at due, as near as the units allow.
//
// Business days step back over d.N business days from due's local date and
// keep due's clock reading, so 1 business day before Tuesday 16:00 is
// Monday 16:00, and before Monday 16:00 the Friday before (or the last
// business day before a holiday). Calendar days step back d.N local dates
// and keep the clock reading. Business hours count back only the open hours
// of business days; hours are elapsed time. The zero Duration returns due.
func (c *Calendar) Before(due time.Time, d Duration) time.Time {
	local := due.In(c.loc)
	switch {
	case d.IsZero():
		return local
	case d.Unit == UnitBusinessDays:
		day := c.dayOf(due)
		for n := d.N; n > 0; {
			day--
			if c.businessDay(day) {
				n--
			}
		}
		return c.atClock(day, local)
	case d.Unit == UnitCalendarDays:
		return c.atClock(c.dayOf(due)-day(d.N), local)
	case d.Unit == UnitBusinessHours:
		return c.subBusinessTime(due, time.Duration(d.N)*time.Hour)
	default:
		return due.Add(-time.Duration(d.N) * time.Hour).In(c.loc)
	}
}

// atClock returns the moment on d with the local clock reading of t.
func (c *Calendar) atClock(d day, t time.Time) time.Time {
	y, m, dd := d.date()
	return time.Date(y, m, dd, t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), c.loc)
}

// subBusinessTime returns the moment `left` of business time before to. A
// result exactly at opening time stays there rather than moving to the
// previous closing.
func (c *Calendar) subBusinessTime(to time.Time, left time.Duration) time.Time {
	for d := c.dayOf(to); ; d-- {
		open, closing, ok := c.hours(d)
		if !ok {
			continue
		}
		end := earlier(closing, to)
		avail := end.Sub(open)
		if avail < 0 {
			continue
		}
		if left <= avail {
			return end.Add(-left).In(c.loc)
		}
		left -= avail
	}
}
