// Package calendar counts business time: working calendars with their time
// zone, weekends, hours of business, public holidays (Vietnam's lunar ones
// among them) and closures, and the time limits a complaint procedure states
// in business days, business hours or hours. It answers "when is day 20";
// who may do what on a case is for package cases.
package calendar

import (
	"fmt"
	"time"
)

// Spec describes a working calendar: the one a policy counts business time in.
type Spec struct {
	Zone     string         // IANA time zone, e.g. "Europe/Oslo"
	Weekend  []time.Weekday // days off every week
	Opens    string         // opening time, "08:00"; business hours count from it
	Closes   string         // close of business, "16:00"; business-day deadlines fall due then
	Holidays []string       // holiday regions: "NO", "NL", "DE", "DE-SL" (German states), "VN"
	Closures []string       // extra closure dates, "2026-12-24"; for VN also the announced bridge days
}

// WithDefaults returns s with its empty fields set to the defaults: open
// 08:00 to 16:00, Saturday and Sunday off. An empty but non-nil Weekend
// stays empty: a seven-day week.
func (s Spec) WithDefaults() Spec {
	if s.Opens == "" {
		s.Opens = "08:00"
	}
	if s.Closes == "" {
		s.Closes = "16:00"
	}
	if s.Weekend == nil {
		s.Weekend = []time.Weekday{time.Saturday, time.Sunday}
	}
	return s
}

// Error is a mistake in a calendar's description or a time limit. Its
// Message says what is wrong and what to write instead.
type Error struct{ Message string }

// Error implements the error interface.
func (e *Error) Error() string { return e.Message }

// errorf returns an *Error with a formatted message.
func errorf(format string, args ...any) *Error {
	return &Error{Message: fmt.Sprintf(format, args...)}
}
