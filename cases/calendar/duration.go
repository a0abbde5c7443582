package calendar

import (
	"strconv"
	"strings"
)

// Unit is the unit a policy measures a time limit in.
type Unit string

// Units. Business days and hours skip weekends, public holidays and closures
// of the policy's calendar; calendar days and hours do not.
const (
	UnitBusinessDays  Unit = "bd"
	UnitBusinessHours Unit = "bh"
	UnitCalendarDays  Unit = "d"
	UnitHours         Unit = "h"
)

// units lists the units in the order ParseDuration tries their suffixes:
// "bd" and "bh" before "d" and "h", which end them.
var units = []Unit{UnitBusinessDays, UnitBusinessHours, UnitCalendarDays, UnitHours}

// Duration is a time limit such as "5bd", "8bh", "20d" or "24h". The zero Duration
// means the policy sets no such limit.
type Duration struct {
	N    int
	Unit Unit
}

// IsZero reports whether d sets no limit.
func (d Duration) IsZero() bool { return d.N == 0 }

// String formats d the way ParseDuration reads it; "" for the zero Duration.
func (d Duration) String() string {
	if d.IsZero() {
		return ""
	}
	return strconv.Itoa(d.N) + string(d.Unit)
}

// Describe formats d for people: "5 business days", "24 hours".
func (d Duration) Describe() string {
	names := map[Unit][2]string{
		UnitBusinessDays:  {"business day", "business days"},
		UnitBusinessHours: {"business hour", "business hours"},
		UnitCalendarDays:  {"calendar day", "calendar days"},
		UnitHours:         {"hour", "hours"},
	}
	n := names[d.Unit]
	if d.N == 1 {
		return "1 " + n[0]
	}
	return strconv.Itoa(d.N) + " " + n[1]
}

// ParseDuration parses a time limit: a positive whole number followed by
// "bd" (business days), "bh" (business hours), "d" (calendar days) or "h"
// (calendar hours). The empty string parses to the zero Duration.
func ParseDuration(s string) (Duration, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Duration{}, nil
	}
	for _, u := range units {
		num, ok := strings.CutSuffix(s, string(u))
		if !ok {
			continue
		}
		n, err := strconv.Atoi(num)
		if err != nil || n <= 0 {
			break
		}
		return Duration{N: n, Unit: u}, nil
	}
	return Duration{}, errorf(
		"%q is not a time limit; write a whole number and a unit: 5bd (business days), 8bh (business hours), 20d (calendar days) or 24h (hours)", s)
}
