package commands

import (
	"time"

	"github.com/ombud/ombud/cases"
	"github.com/ombud/ombud/cases/calendar"
)

// Time left is said in the deadline's own unit: a limit in clock hours,
// such as a reply within 24 hours, in hours (minutes in its last hour); a
// limit in calendar days in days; any other in business days.

// span returns how much of d is left at from, in whole units of what,
// negative when d is past, and whether it counts in days.
func span(cal *calendar.Calendar, from time.Time, d cases.Deadline) (n int, what string, days bool) {
	switch left := d.Due.Sub(from); d.Unit {
	case calendar.UnitHours:
		if left < time.Hour && left > -time.Hour {
			return int(left / time.Minute), "minute", false
		}
		return int(left / time.Hour), "hour", false
	case calendar.UnitCalendarDays:
		return dateOf(d.Due, cal) - dateOf(from, cal), "day", true
	default:
		return cal.BusinessDaysLeft(from, d.Due), "business day", true
	}
}

// dateOf numbers t's local date in cal's zone, one more each day.
func dateOf(t time.Time, cal *calendar.Calendar) int {
	y, m, d := t.In(cal.Location()).Date()
	return int(time.Date(y, m, d, 12, 0, 0, 0, time.UTC).Unix() / 86400)
}

// pausedLeft says how long will be left of d once its case, paused at from,
// resumes: resuming moves a deadline by the time the pause took, so what
// was left at from is left then. A deadline already past at from does not
// move: "paused; 3 business days left when resumed", "paused; due the day
// it resumes", "overdue before the pause".
func pausedLeft(cal *calendar.Calendar, from time.Time, d cases.Deadline) string {
	n, what, days := span(cal, from, d)
	switch {
	case !d.Due.After(from) && d.Kind.IsWindow():
		return "closed"
	case !d.Due.After(from):
		return "overdue before the pause"
	case n == 0 && days:
		return "paused; due the day it resumes"
	case n == 0:
		return "paused; due as it resumes"
	default:
		return "paused; " + Plural(n, what) + " left when resumed"
	}
}

// timeLeft says how long is left until d falls due: "due today", "3
// business days left", "overdue by 2 business days", "5 hours left",
// "overdue by 20 minutes".
func timeLeft(cal *calendar.Calendar, now time.Time, d cases.Deadline) string {
	n, what, days := span(cal, now, d)
	late := now.After(d.Due)
	switch {
	case late && d.Kind.IsWindow():
		return "closed"
	case late && n == 0 && days:
		return "overdue since today " + d.Due.In(cal.Location()).Format("15:04")
	case late && n == 0:
		return "overdue since " + d.Due.In(cal.Location()).Format("15:04")
	case late:
		return "overdue by " + Plural(-n, what)
	case n == 0 && days:
		return "due today"
	case n == 0:
		return "due now"
	default:
		return Plural(n, what) + " left"
	}
}
