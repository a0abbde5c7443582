package calendar_test

import (
	"testing"
	"time"

	"github.com/ombud/ombud/cases/calendar"
)

var hcmc = calendar.Spec{Zone: "Asia/Ho_Chi_Minh", Holidays: []string{"VN"}}

func days(n int) calendar.Duration { return calendar.Duration{N: n, Unit: calendar.UnitCalendarDays} }

// TestCalendarAddCalendarDays: N calendar days fall due at the end of the
// Nth local day after the local date of receipt, whatever the hour of
// receipt, holidays and weekends included.
func TestCalendarAddCalendarDays(t *testing.T) {
	t.Parallel()
	runAdd(t, []addCase{
		{"20 days over Christmas and New Year", oslo, "2026-12-18 17:00", days(20), "2027-01-07 23:59:59"},
		{"late in the evening counts from that date", oslo, "2026-12-18 23:59", days(20), "2027-01-07 23:59:59"},
		{"just after midnight too", oslo, "2026-12-18 00:00", days(20), "2027-01-07 23:59:59"},
		{"one day", oslo, "2026-07-04 12:00", days(1), "2026-07-05 23:59:59"},
		{"across the spring clock change", oslo, "2026-03-28 10:00", days(1), "2026-03-29 23:59:59"},
		{"across Tết: holidays are days too", hcmc, "2026-02-13 10:00", days(20), "2026-03-05 23:59:59"},
	})
}

// TestCalendarUntil: a period the customer holds runs to the end of its last
// local day; one in hours ends on the hour.
func TestCalendarUntil(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		spec calendar.Spec
		from string
		d    calendar.Duration
		want string
	}{
		{"20 business days in Saarland", saarland, "2027-01-05 16:00", bd(20), "2027-02-02 23:59:59"},
		{"from a weekend", oslo, "2026-07-04 12:00", bd(1), "2026-07-06 23:59:59"},
		{"calendar days as Add", oslo, "2026-12-18 17:00", days(20), "2027-01-07 23:59:59"},
		{"hours as Add", oslo, "2026-12-18 17:00", hours(48), "2026-12-20 17:00"},
		{"business hours as Add", oslo, "2026-12-18 15:00", bh(2), "2026-12-21 09:00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := MustCalendar(t, tt.spec)
			got := c.Until(MustTime(t, tt.spec.Zone, tt.from), tt.d)
			if want := MustTime(t, tt.spec.Zone, tt.want); !got.Equal(want) {
				t.Errorf("Until(%s, %v) = %v, want %v", tt.from, tt.d, got, want)
			}
		})
	}
	if got := MustCalendar(t, oslo).Until(time.Now(), calendar.Duration{}); !got.IsZero() {
		t.Errorf("Until with no limit = %v, want the zero time", got)
	}
}

// TestShorter: a limit certainly falls due before another only when no
// receipt time and no run of holidays can make it otherwise.
func TestShorter(t *testing.T) {
	t.Parallel()
	c := MustCalendar(t, oslo) // closes at 16:00
	tests := []struct {
		a, b calendar.Duration
		want bool
	}{
		{bd(5), bd(10), true},
		{bd(10), bd(10), false},
		{bd(20), bd(10), false},
		{days(3), bd(5), true},   // at most 4 days against at least 4 days and 16 hours
		{days(4), bd(5), false},  // 5 days may end after a 5th business day
		{days(20), bd(5), false}, // holidays cannot shorten calendar days
		{hours(480), days(20), false},
		{hours(24), bd(2), true},  // 24 hours against at least a day and 16 hours
		{hours(39), bd(2), false}, // at the limit: may end at the same moment
		{hours(38), bd(2), true},
		{bd(2), days(20), false}, // business days have no upper bound
		{bh(8), hours(9), false},
	}
	for _, tt := range tests {
		if got := c.Shorter(tt.a, tt.b); got != tt.want {
			t.Errorf("Shorter(%v, %v) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestParseDurationCalendarDays(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]calendar.Duration{"20d": days(20), "5bd": bd(5), "8bh": bh(8), "24h": hours(24)} {
		got, err := calendar.ParseDuration(in)
		if err != nil || got != want {
			t.Errorf("ParseDuration(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, bad := range []string{"0d", "d", "20 days", "20w", "1.5d", "-3d", "20dd"} {
		if _, err := calendar.ParseDuration(bad); err == nil {
			t.Errorf("ParseDuration(%q) gave no error", bad)
		}
	}
	if got := days(20).Describe(); got != "20 calendar days" {
		t.Errorf("Describe = %q", got)
	}
}
