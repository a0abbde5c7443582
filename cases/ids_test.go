package cases_test

import (
	"testing"

	"github.com/ombud/ombud/cases"
)

// TestShortIDs: a case is found by its full ID in any letter case and with
// fewer digits, by its year and number, or by its number alone in the
// current year; a number alone that could also be last year's open case is
// refused with both IDs, and a missing one says what to write.
func TestShortIDs(t *testing.T) {
	t.Parallel()
	ok := okFor(t)
	svc, clk := MustOwnService(t, "2025-12-30T10:00:00Z", nil)
	old1 := MustOpen(t, svc, "2025-12-30T09:00:00Z") // C-2025-0001, stays open
	old2 := MustOpen(t, svc, "2025-12-30T09:00:00Z") // C-2025-0002, resolved
	ok(svc.Resolve(ctx, ann, old2.ID, cases.ResolveInput{Outcome: cases.OutcomeUpheld, Summary: "renewed"}))
	MustOpen(t, svc, "2025-12-30T09:00:00Z") // C-2025-0003
	clk.Set(at(t, "2026-01-05T10:00:00Z"))
	MustOpen(t, svc, "2026-01-05T09:00:00Z") // C-2026-0001
	MustOpen(t, svc, "2026-01-05T09:00:00Z") // C-2026-0002

	for typed, want := range map[string]string{
		"C-2026-0002": "C-2026-0002", "c-2026-2": "C-2026-0002", " 2026-2 ": "C-2026-0002", "2": "C-2026-0002",
		"0002": "C-2026-0002", "2025-1": old1.ID, "C-2025-0001": old1.ID,
	} {
		if c, err := svc.Get(ctx, typed); err != nil || c.ID != want {
			t.Errorf("Get(%q) = %v, %v; want %s", typed, c, err, want)
		}
	}
	_, err := svc.Get(ctx, "1")
	wantRefused(t, err, cases.EINVALID, "1 could be C-2026-0001 or last year's C-2025-0001, which is still open; write 2026-1 or 2025-1")
	_, err = svc.Get(ctx, "3")
	wantRefused(t, err, cases.ENOTFOUND, "there is no case C-2026-0003 this year; last year's is C-2025-0003: write 2025-3")
	_, err = svc.Get(ctx, "9")
	wantRefused(t, err, cases.ENOTFOUND, "there is no case C-2026-0009; for an earlier year's, write the year too, such as 2025-9")
	_, err = svc.Get(ctx, "0")
	wantRefused(t, err, cases.EINVALID, "case numbers start at 1")
	_, err = svc.Get(ctx, "C-42")
	wantRefused(t, err, cases.EINVALID, "write it as C-2026-0042, or shortened to 2026-42, or to 42 for this year's")
	c := ok(svc.Acknowledge(ctx, ann, "2026-2", "by phone"))
	if c.ID != "C-2026-0002" || c.Status != cases.StatusAcknowledged {
		t.Errorf("acknowledged %s (%s) by its short ID", c.ID, c.Status)
	}
}
