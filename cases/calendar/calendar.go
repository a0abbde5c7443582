package calendar

import (
	"fmt"
	"slices"
	"sync"
	"time"
)

// Calendar is a working calendar: a time zone, the days off every week, the
// hours of business, the public holidays of one or more regions and extra
// closure dates. Business days and business hours are counted in it. It is
// safe for concurrent use.
//
// For Vietnam ("VN") the calendar knows the holidays the Labour Code fixes,
// with their substitute days, but not the second National Day day or the
// bridge days the government announces each year: list those as closures.
type Calendar struct {
	loc      *time.Location
	weekend  [7]bool // indexed by time.Weekday
	opens    int     // minutes after local midnight
	closes   int     // minutes after local midnight
	regions  []region
	closures []day

	mu    sync.Mutex
	years map[int]map[day]string // days off by year, computed on first use
}

// New returns the working calendar spec describes. Opens and Closes
// default to 08:00 and 16:00 and a nil Weekend to Saturday and Sunday. It
// returns an *Error that says what to write instead when spec names
// an unknown time zone or holiday region, or has a malformed time or date.
func New(spec Spec) (*Calendar, error) {
	spec = spec.WithDefaults()
	loc, err := loadZone(spec.Zone)
	if err != nil {
		return nil, err
	}
	opens, err := parseClock("opening", spec.Opens, "08:00")
	if err != nil {
		return nil, err
	}
	closes, err := parseClock("closing", spec.Closes, "16:00")
	if err != nil {
		return nil, err
	}
	if opens >= closes {
		return nil, errorf("opening time %s is not before closing time %s; open before you close, such as opens: 08:00 and closes: 16:00",
			formatClock(opens), formatClock(closes))
	}
	weekend, err := parseWeekend(spec.Weekend)
	if err != nil {
		return nil, err
	}
	regions, err := parseRegions(spec.Holidays)
	if err != nil {
		return nil, err
	}
	closures, err := parseClosures(spec.Closures)
	if err != nil {
		return nil, err
	}
	return &Calendar{
		loc: loc, weekend: weekend, opens: opens, closes: closes,
		regions: regions, closures: closures, years: map[int]map[day]string{},
	}, nil
}

// loadZone loads the IANA time zone name. The empty name and "Local" are
// refused: they would make deadlines depend on the server's settings.
func loadZone(name string) (*time.Location, error) {
	if name == "" {
		return nil, errorf("the calendar has no time zone; set zone to an IANA time zone name, such as Europe/Oslo")
	}
	loc, err := time.LoadLocation(name)
	if err != nil || name == "Local" {
		return nil, errorf("time zone %q is not an IANA time zone name; write one such as Europe/Oslo", name)
	}
	return loc, nil
}

// parseClock parses an HH:MM time of day into minutes after midnight. what
// names the time in the error message, and example shows a good one.
func parseClock(what, s, example string) (int, error) {
	t, err := time.Parse("15:04", s)
	if err != nil {
		return 0, errorf("%s time %q is not a time of day; write HH:MM, such as %s", what, s, example)
	}
	return t.Hour()*60 + t.Minute(), nil
}

// formatClock formats minutes after midnight as HH:MM.
func formatClock(minutes int) string { return fmt.Sprintf("%02d:%02d", minutes/60, minutes%60) }

// parseWeekend returns the set of weekend days.
func parseWeekend(days []time.Weekday) ([7]bool, error) {
	var weekend [7]bool
	for _, d := range days {
		if d < time.Sunday || d > time.Saturday {
			return weekend, errorf("weekend day %d is not a day of the week; use 0 (Sunday) to 6 (Saturday)", d)
		}
		weekend[d] = true
	}
	if !slices.Contains(weekend[:], false) {
		return weekend, errorf("every day of the week is a weekend day, so no business-day deadline could fall due; leave at least one working day")
	}
	return weekend, nil
}

// Location returns the time zone the calendar counts local dates and
// business hours in.
func (c *Calendar) Location() *time.Location { return c.loc }

// IsBusinessDay reports whether t's local date is neither a weekend day nor
// a holiday or closure.
func (c *Calendar) IsBusinessDay(t time.Time) bool { return c.businessDay(c.dayOf(t)) }

// Holiday returns the name of the holiday or closure on t's local date, and
// false if there is none. Weekend days are not holidays.
func (c *Calendar) Holiday(t time.Time) (name string, ok bool) { return c.holiday(c.dayOf(t)) }

// Add returns the moment a time limit of d running from `from` falls due, in
// the calendar's time zone, or the zero time for the zero Duration.
//
// Business days fall due at close of business on the d.N-th business day
// after from's local date, so a case received on a day off or after hours
// counts from the next business day. Calendar days fall due at the end of
// the d.N-th local day after from's local date, at 23:59:59. Business
// hours count only open hours of business days, from `from` or the next
// opening. Hours count elapsed time, so across a daylight-saving change the
// local clock reading of the due time shifts by the change.
func (c *Calendar) Add(from time.Time, d Duration) time.Time {
	switch {
	case d.IsZero():
		return time.Time{}
	case d.Unit == UnitBusinessDays:
		return c.at(c.nthBusinessDay(from, d.N), c.closes)
	case d.Unit == UnitCalendarDays:
		return c.endOf(c.dayOf(from) + day(d.N))
	case d.Unit == UnitBusinessHours:
		return c.addBusinessTime(from, time.Duration(d.N)*time.Hour)
	default:
		return from.Add(time.Duration(d.N) * time.Hour).In(c.loc)
	}
}

// Resume returns when a deadline of unit u that was due at due falls due
// once its clock, stopped at from, restarts at to. A business-day or
// business-hour deadline moves by the business time lost, exactly: what was
// left of it at from is left of it at to, to the minute, so a business-day
// deadline may then fall due during the day rather than at close of
// business. A calendar-hour deadline moves by the wall time. A deadline
// already past at from does not move: a pause cannot undo a breach.
func (c *Calendar) Resume(due time.Time, u Unit, from, to time.Time) time.Time {
	switch {
	case !due.After(from) || !to.After(from):
		return due
	case u == UnitBusinessHours || u == UnitBusinessDays:
		return c.addBusinessTime(to, c.businessTime(from, due))
	default:
		return due.Add(to.Sub(from)).In(c.loc)
	}
}

// BusinessDaysLeft returns how many business days lie after now's local date
// up to and including due's. It is 0 when both fall on the same date and
// negative when due is overdue: minus the business days after due's date up
// to and including now's.
func (c *Calendar) BusinessDaysLeft(now, due time.Time) int {
	n, d := c.dayOf(now), c.dayOf(due)
	if d >= n {
		return c.businessDaysBetween(n, d)
	}
	return -c.businessDaysBetween(d, n)
}

// WarnAt returns the moment, truncated to the minute, at which fraction of
// the time between start and due has passed. For business units that is a
// fraction of the open hours of business days between them, or of the wall
// time when there are none; for other units, of the wall time.
func (c *Calendar) WarnAt(start, due time.Time, u Unit, fraction float64) time.Time {
	var business time.Duration
	if u == UnitBusinessDays || u == UnitBusinessHours {
		business = c.businessTime(start, due)
	}
	warn := start.Add(time.Duration(fraction * float64(due.Sub(start))))
	if business > 0 {
		warn = c.addBusinessTime(start, time.Duration(fraction*float64(business)))
	}
	return warn.Truncate(time.Minute).In(c.loc)
}

// addBusinessTime returns the moment at which `left` of business time has
// passed since from. A result exactly at closing time stays there rather
// than moving to the next opening.
func (c *Calendar) addBusinessTime(from time.Time, left time.Duration) time.Time {
	for d := c.dayOf(from); ; d++ {
		open, closing, ok := c.hours(d)
		if !ok {
			continue
		}
		start := later(open, from)
		avail := closing.Sub(start)
		if avail < 0 {
			continue
		}
		if left <= avail {
			return start.Add(left).In(c.loc)
		}
		left -= avail
	}
}

// businessTime returns how much business time lies between from and to.
func (c *Calendar) businessTime(from, to time.Time) time.Duration {
	var total time.Duration
	for d, last := c.dayOf(from), c.dayOf(to); d <= last; d++ {
		open, closing, ok := c.hours(d)
		if !ok {
			continue
		}
		if span := earlier(closing, to).Sub(later(open, from)); span > 0 {
			total += span
		}
	}
	return total
}

// businessDaysBetween counts the business days after a up to and including b.
func (c *Calendar) businessDaysBetween(a, b day) int {
	n := 0
	for d := a + 1; d <= b; d++ {
		if c.businessDay(d) {
			n++
		}
	}
	return n
}

// hours returns the opening and closing moments of d, and false when d is
// not a business day.
func (c *Calendar) hours(d day) (open, closing time.Time, ok bool) {
	if !c.businessDay(d) {
		return time.Time{}, time.Time{}, false
	}
	return c.at(d, c.opens), c.at(d, c.closes), true
}

// businessDay reports whether d is neither a weekend day nor a day off.
func (c *Calendar) businessDay(d day) bool {
	if c.weekend[d.weekday()] {
		return false
	}
	_, off := c.holiday(d)
	return !off
}

// holiday returns the name of the holiday or closure on d.
func (c *Calendar) holiday(d day) (string, bool) {
	y, _, _ := d.date()
	name, ok := c.year(y)[d]
	return name, ok
}

// year returns the days off in year y, computing them on first use. The map
// is never written after it is returned.
func (c *Calendar) year(y int) map[day]string {
	c.mu.Lock()
	defer c.mu.Unlock()
	off, ok := c.years[y]
	if !ok {
		off = c.daysOff(y)
		c.years[y] = off
	}
	return off
}

// dayOf returns t's local date in the calendar's time zone.
func (c *Calendar) dayOf(t time.Time) day { return civilDay(t.In(c.loc).Date()) }

// at returns the moment on d that is minutes after local midnight. Built
// with time.Date, it keeps its local clock reading across daylight-saving
// changes.
func (c *Calendar) at(d day, minutes int) time.Time {
	y, m, dd := d.date()
	return time.Date(y, m, dd, minutes/60, minutes%60, 0, 0, c.loc)
}

// later returns the later of a and b.
func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// earlier returns the earlier of a and b.
func earlier(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

// day is a calendar date, counted in days since 1 January 1970.
type day int

// civilDay returns the date y-m-d.
func civilDay(y int, m time.Month, d int) day {
	return day(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

// date returns d's year, month and day of the month.
func (d day) date() (int, time.Month, int) {
	return time.Unix(int64(d)*86400, 0).UTC().Date()
}

// weekday returns d's day of the week; 1 January 1970 was a Thursday.
func (d day) weekday() time.Weekday {
	return time.Weekday((int(d)%7 + 7 + int(time.Thursday)) % 7)
}
