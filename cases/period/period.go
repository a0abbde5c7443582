// Package period reads the spans of days that summaries and exports cover,
// as managers type them: today, week, month, quarter, year, a month such as
// 2026-11, or a range of dates such as 2026-11-01..2026-11-15, all in the
// policy's time zone.
package period

import (
	"fmt"
	"strings"
	"time"

	"github.com/ombud/ombud/cases"
)

// Period is a span of whole local days, [From, To), with a label for people.
type Period struct {
	From, To time.Time // local midnights in the policy's zone
	Label    string    // such as "November 2026" or "this week, 23–29 Nov 2026 (so far)"
}

// Days returns how many local days the period spans.
func (p Period) Days() int {
	n := 0
	for d := p.From; d.Before(p.To); d = d.AddDate(0, 0, 1) {
		n++
	}
	return n
}

// Grammar is what Parse accepts, for usage lines and help.
const Grammar = "today|week|month|quarter|year|YYYY-MM|YYYY-MM-DD..YYYY-MM-DD"

// maxDays bounds a range of dates, so that a typing slip such as 2062
// cannot ask for centuries.
const maxDays = 3 * 366

// Parse reads a period as typed, with now in the policy's time zone: today;
// the current week (Monday to Sunday), month, quarter or year, so far; a
// month YYYY-MM; or a range of dates YYYY-MM-DD..YYYY-MM-DD, both days
// included. The empty string is the current week. It returns EINVALID,
// saying what to type, for anything else.
func Parse(s string, now time.Time) (Period, error) {
	loc := now.Location()
	today := midnight(now)
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "today":
		return Period{today, today.AddDate(0, 0, 1), "today, " + today.Format("Mon 2 Jan 2006")}, nil
	case "", "week":
		from := today.AddDate(0, 0, -((int(today.Weekday()) + 6) % 7))
		_, w := from.ISOWeek()
		return Period{from, from.AddDate(0, 0, 7), fmt.Sprintf("this week (week %d, from %s), so far", w, from.Format("Mon 2 Jan 2006"))}, nil
	case "month":
		from := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, loc)
		return Period{from, from.AddDate(0, 1, 0), from.Format("January 2006") + ", so far"}, nil
	case "quarter":
		q := (int(now.Month()) - 1) / 3
		from := time.Date(now.Year(), time.Month(3*q+1), 1, 0, 0, 0, 0, loc)
		return Period{from, from.AddDate(0, 3, 0), fmt.Sprintf("Q%d %d, so far", q+1, now.Year())}, nil
	case "year":
		from := time.Date(now.Year(), 1, 1, 0, 0, 0, 0, loc)
		return Period{from, from.AddDate(1, 0, 0), fmt.Sprintf("%d, so far", now.Year())}, nil
	}
	if first, last, ok := strings.Cut(s, ".."); ok {
		return Between(first, last, loc)
	}
	if m, err := time.ParseInLocation("2006-01", s, loc); err == nil {
		return Period{m, m.AddDate(0, 1, 0), m.Format("January 2006")}, nil
	}
	return Period{}, cases.Errorf(cases.EINVALID, "%q is not a period; use today, week, month, quarter, year, a month such as %s, or dates such as %s..%s",
		s, now.Format("2006-01"), today.AddDate(0, 0, -6).Format(time.DateOnly), today.Format(time.DateOnly))
}

// Between returns the days from first to last, both included, written
// YYYY-MM-DD, in loc.
func Between(first, last string, loc *time.Location) (Period, error) {
	from, err := Date(first, loc)
	if err != nil {
		return Period{}, err
	}
	to, err := Date(last, loc)
	if err != nil {
		return Period{}, err
	}
	switch {
	case to.Before(from):
		return Period{}, cases.Errorf(cases.EINVALID, "the period ends on %s, before it starts on %s; give the earlier date first", last, first)
	case to.Sub(from) > maxDays*24*time.Hour:
		return Period{}, cases.Errorf(cases.EINVALID, "%s..%s spans more than 3 years; ask for at most 3 years at a time", first, last)
	}
	label := from.Format("2 Jan 2006") + " to " + to.Format("2 Jan 2006")
	if from.Equal(to) {
		label = from.Format("Mon 2 Jan 2006")
	}
	return Period{from, to.AddDate(0, 0, 1), label}, nil
}

// Date parses a date written YYYY-MM-DD as its local midnight in loc.
func Date(s string, loc *time.Location) (time.Time, error) {
	t, err := time.ParseInLocation(time.DateOnly, strings.TrimSpace(s), loc)
	if err != nil {
		return t, cases.Errorf(cases.EINVALID, "%q is not a date; write YYYY-MM-DD, such as 2026-11-23", s)
	}
	return t, nil
}

// midnight returns the start of t's local day.
func midnight(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, t.Location())
}
