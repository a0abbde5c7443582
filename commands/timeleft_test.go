package commands_test

import (
	"testing"
	"time"

	"github.com/ombud/ombud/cases/calendar"
	"github.com/ombud/ombud/cases/policyfile"
)

// TestHoursLeft: hosting-vn's reply within 24 hours of a referral is shown
// in hours left, and in minutes in its last hour, not in business days.
func TestHoursLeft(t *testing.T) {
	hs := MustHarness(t, "hosting-vn")
	id := hs.open()
	const label = "Reply to the customer after the referral by"
	r := hs.ok("ann", "refer "+id+" @sam needs the billing team's records").Reply
	fields(t, r, map[string]string{label: "Tue 24 Nov 2026 16:00 +07 (24 hours left)"})
	for _, step := range []struct {
		after time.Duration
		want  string
	}{
		{23*time.Hour + 20*time.Minute, "Tue 24 Nov 2026 16:00 +07 (40 minutes left)"},
		{40 * time.Minute, "Tue 24 Nov 2026 16:00 +07 (due now)"},
		{30 * time.Second, "Tue 24 Nov 2026 16:00 +07 (overdue since 16:00)"},
		{2*time.Hour + 10*time.Minute, "Tue 24 Nov 2026 16:00 +07 (overdue by 2 hours)"},
	} {
		hs.clock.Advance(step.after)
		fields(t, hs.ok("ann", "show "+id).Reply, map[string]string{label: step.want})
	}
}

// TestCalendarDaysLeft: an answer limit in calendar days is counted in
// days, weekends included.
func TestCalendarDaysLeft(t *testing.T) {
	p, err := policyfile.Load("standard")
	if err != nil {
		t.Fatal(err)
	}
	p.Deadlines.Answer, p.Deadlines.AnswerCap = calendar.Duration{N: 20, Unit: calendar.UnitCalendarDays}, calendar.Duration{}
	hs := MustHarnessFor(t, p)
	id := hs.open() // Mon 23 Nov 2026 09:00 UTC
	fields(t, hs.ok("ann", "show "+id).Reply, map[string]string{"First answer by": "Sun 13 Dec 2026 23:59 UTC (20 days left)"})
	hs.clock.Set(time.Date(2026, 12, 13, 8, 0, 0, 0, time.UTC))
	fields(t, hs.ok("ann", "show "+id).Reply, map[string]string{"First answer by": "Sun 13 Dec 2026 23:59 UTC (due today)"})
	hs.clock.Set(time.Date(2026, 12, 15, 8, 0, 0, 0, time.UTC))
	fields(t, hs.ok("ann", "show "+id).Reply, map[string]string{"First answer by": "Sun 13 Dec 2026 23:59 UTC (overdue by 2 days)"})
}
