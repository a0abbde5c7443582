package scheduler_test

import (
	"testing"
	"time"

	"github.com/ombud/ombud/cases/casetest"
	"github.com/ombud/ombud/cases/sqlitestore/sqlitetest"
)

// TestWarningsOnTheRightDay sweeps just before and at the warn point of
// deadlines that fall due after a daylight-saving change, over Christmas
// and over Tết: the warning comes once, at close of business on the
// business day before the due date, saying when in the policy's zone. The
// dates were checked against a calendar: Norway's public holidays are 25
// and 26 December, not the 24th; Tết 2026 runs from its eve, Monday 16
// February, to Friday 20 February.
func TestWarningsOnTheRightDay(t *testing.T) {
	tests := []struct {
		name, policy, received, warn, title string
	}{
		{"autumn DST week", "registrar-no", "2026-10-19T10:00:00+02:00", "2026-10-23T16:00:00+02:00",
			"C-2026-0001: acknowledgement due in 1 business day, Mon 26 Oct 16:00 CET"},
		{"spring DST week", "registrar-no", "2026-03-23T10:00:00+01:00", "2026-03-27T16:00:00+01:00",
			"C-2026-0001: acknowledgement due in 1 business day, Mon 30 Mar 16:00 CEST"},
		{"Christmas", "registrar-no", "2026-12-18T10:00:00+01:00", "2026-12-24T16:00:00+01:00",
			"C-2026-0001: acknowledgement due in 1 business day, Mon 28 Dec 16:00 CET"},
		{"Tết", "registrar-vn", "2026-02-09T10:00:00+07:00", "2026-02-13T16:00:00+07:00",
			"C-2026-0001: first answer due in 1 business day, Mon 23 Feb 16:00 +07"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			received, _ := time.Parse(time.RFC3339, tt.received)
			warn, _ := time.Parse(time.RFC3339, tt.warn)
			clock := casetest.NewClock(received)
			w := MustWorld(t, sqlitetest.MustStore(t), tt.policy, clock.Now)
			w.open(tt.received)
			before := len(w.log.all())
			clock.Set(warn.Add(-time.Second))
			w.mustSweep()
			if got := w.log.titles()[before:]; len(got) != 0 {
				t.Errorf("a second before the warn point: %q", got)
			}
			clock.Set(warn)
			w.mustSweep()
			clock.Set(warn.Add(time.Hour))
			w.mustSweep()
			if got := w.log.titles()[before:]; len(got) != 1 || got[0] != "C-2026-0001 "+tt.title {
				t.Errorf("at the warn point: %q, want %q once", got, tt.title)
			}
		})
	}
}
