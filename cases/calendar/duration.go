package calendar

import (
	"strconv"
	"strings"
)

// Unit is the unit a policy measures a time limit in.
type Unit string

// Units. Business days and hours skip weekends, public holidays and closures
// of the policy's calendar; calendar hours do not.
const (
	UnitBusinessDays  Unit = "bd"
	UnitBusinessHours Unit = "bh"
	UnitHours         Unit = "h"
)

// Duration is a time limit such as "5bd", "8bh" or "24h". The zero Duration
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
		UnitHours:         {"hour", "hours"},
	}
	n := names[d.Unit]
	if d.N == 1 {
		return "1 " + n[0]
	}
	return strconv.Itoa(d.N) + " " + n[1]
}

// ParseDuration parses a time limit: a positive whole number followed by
// "bd" (business days), "bh" (business hours) or "h" (calendar hours).
// The empty string parses to the zero Duration.
func ParseDuration(s string) (Duration, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Duration{}, nil
	}
	for _, u := range []Unit{UnitBusinessDays, UnitBusinessHours, UnitHours} {
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
		"%q is not a time limit; write a whole number and a unit: 5bd (business days), 8bh (business hours) or 24h (hours)", s)
}
