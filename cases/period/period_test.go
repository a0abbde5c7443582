package period_test

import (
	"strings"
	"testing"
	"time"

	"github.com/ombud/ombud/cases"
	"github.com/ombud/ombud/cases/period"
)

// now is Wednesday 25 November 2026, 10:00 in Oslo, where the day began an
// hour before it did in UTC.
var now = time.Date(2026, 11, 25, 10, 0, 0, 0, MustZone("Europe/Oslo"))

// MustZone loads an IANA zone or panics.
func MustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

func TestParse(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in, from, to, label string
		days                int
	}{
		{"today", "2026-11-25", "2026-11-26", "today, Wed 25 Nov 2026", 1},
		{"", "2026-11-23", "2026-11-30", "this week (week 48, from Mon 23 Nov 2026), so far", 7},
		{"Week", "2026-11-23", "2026-11-30", "this week (week 48, from Mon 23 Nov 2026), so far", 7},
		{"month", "2026-11-01", "2026-12-01", "November 2026, so far", 30},
		{"quarter", "2026-10-01", "2027-01-01", "Q4 2026, so far", 92},
		{"year", "2026-01-01", "2027-01-01", "2026, so far", 365},
		{"2026-03", "2026-03-01", "2026-04-01", "March 2026", 31}, // across the change to summer time
		{"2026-11-01..2026-11-15", "2026-11-01", "2026-11-16", "1 Nov 2026 to 15 Nov 2026", 15},
		{"2026-11-20..2026-11-20", "2026-11-20", "2026-11-21", "Fri 20 Nov 2026", 1},
	}
	for _, tt := range tests {
		p, err := period.Parse(tt.in, now)
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.in, err)
			continue
		}
		from, to := p.From.Format(time.DateOnly), p.To.Format(time.DateOnly)
		if from != tt.from || to != tt.to || p.Label != tt.label || p.Days() != tt.days {
			t.Errorf("Parse(%q) = %s..%s %q (%d days), want %s..%s %q (%d days)", tt.in, from, to, p.Label, p.Days(), tt.from, tt.to, tt.label, tt.days)
		}
		if p.From.Location() != now.Location() || p.From.Hour() != 0 || p.To.Hour() != 0 {
			t.Errorf("Parse(%q) = %v..%v, want local midnights in %v", tt.in, p.From, p.To, now.Location())
		}
	}
}

// TestParseSunday: on a Sunday the week began six days before.
func TestParseSunday(t *testing.T) {
	t.Parallel()
	p, err := period.Parse("week", time.Date(2026, 11, 29, 23, 0, 0, 0, now.Location()))
	if err != nil || p.From.Format(time.DateOnly) != "2026-11-23" {
		t.Errorf("week on a Sunday = %v, %v; want from Mon 23 Nov", p.From, err)
	}
}

func TestParseRefusals(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"last-year", `"last-year" is not a period; use today, week, month, quarter, year, a month such as 2026-11, or dates such as 2026-11-19..2026-11-25`},
		{"2026-13", `"2026-13" is not a period`},
		{"2026-11-31..2026-12-01", `"2026-11-31" is not a date; write YYYY-MM-DD, such as 2026-11-23`},
		{"2026-11-20..", `"" is not a date`},
		{"2026-11-20..2026-11-19", "the period ends on 2026-11-19, before it starts on 2026-11-20; give the earlier date first"},
		{"2020-01-01..2026-01-01", "spans more than 3 years"},
	}
	for _, tt := range tests {
		_, err := period.Parse(tt.in, now)
		if cases.ErrorCode(err) != cases.EINVALID || !strings.Contains(cases.ErrorMessage(err), tt.want) {
			t.Errorf("Parse(%q) = %v, want EINVALID containing %q", tt.in, err, tt.want)
		}
	}
}
