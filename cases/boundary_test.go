package cases_test

import (
	"context"
	"sync/atomic"
	"testing"

	"github.com/ombud/ombud/cases"
	"github.com/ombud/ombud/cases/sqlitestore/sqlitetest"
)

// The customer's windows run up to and including the moment they close:
// at exactly that moment the customer is still in time, and ombud may not
// yet close the case nor the reviewer decide it. These tests stand at that
// moment and one second after, so that turning any "after" of the rule
// into "at or after" (or the other way) fails them.

// TestEscalationWindowBoundary: escalating at the moment the window closes
// is in time; a second later it is not.
func TestEscalationWindowBoundary(t *testing.T) {
	t.Parallel()
	ok := okFor(t)
	svc, clk := MustOwnService(t, "2026-03-03T11:00:00Z", nil)
	inTime, late := MustOpen(t, svc, "2026-03-02T09:00:00Z"), MustOpen(t, svc, "2026-03-02T09:00:00Z")
	for _, c := range []*cases.Case{inTime, late} {
		ok(svc.Answer(ctx, ann, c.ID, "answered")) // window closes at the end of Tue 31 Mar
	}
	in := cases.EscalationInput{Reason: "unhappy", Expects: "a refund"}
	clk.Set(at(t, "2026-03-31T23:59:59Z"))
	ok(svc.Escalate(ctx, ann, inTime.ID, in))
	clk.Set(at(t, "2026-04-01T00:00:00Z"))
	_, err := svc.Escalate(ctx, ann, late.ID, in)
	wantRefused(t, err, cases.ECONFLICT, "closed on Tue 31 Mar 2026 23:59 UTC")
}

// TestLapseBoundary: ombud cannot close a case at the moment its window
// closes, only after; for the escalation and the final-review window alike.
func TestLapseBoundary(t *testing.T) {
	t.Parallel()
	ok := okFor(t)
	svc, clk := MustOwnService(t, "2026-03-03T11:00:00Z", nil)
	answered := MustOpen(t, svc, "2026-03-02T09:00:00Z")
	ok(svc.Answer(ctx, ann, answered.ID, "answered")) // window closes at the end of Tue 31 Mar
	reviewed := reviewed(t, svc, sam)                 // final window closes at the end of Tue 31 Mar too
	for _, c := range []*cases.Case{answered, reviewed} {
		clk.Set(at(t, "2026-03-31T23:59:59Z"))
		_, err := svc.Lapse(ctx, c.ID)
		wantRefused(t, err, cases.ECONFLICT, "no window that has lapsed")
		clk.Set(at(t, "2026-04-01T00:00:00Z"))
		if c = ok(svc.Lapse(ctx, c.ID)); c.Status != cases.StatusClosed {
			t.Errorf("lapsed %s is %s", c.ID, c.Status)
		}
	}
}

// TestDecideBoundary: the reviewer cannot decide while the customer may
// still ask for a final review, which they may up to the moment the window
// closes.
func TestDecideBoundary(t *testing.T) {
	t.Parallel()
	ok := okFor(t)
	svc, clk := MustOwnService(t, "2026-03-03T11:00:00Z", nil)
	c := reviewed(t, svc, sam) // final window closes at the end of Tue 31 Mar
	clk.Set(at(t, "2026-03-31T23:59:59Z"))
	_, err := svc.Decide(ctx, sam, c.ID, cases.OutcomeRejected, "final")
	wantRefused(t, err, cases.ECONFLICT, "may ask for a final review of "+c.ID+" until Tue 31 Mar 2026 23:59 UTC")
	clk.Set(at(t, "2026-04-01T00:00:00Z"))
	ok(svc.Decide(ctx, sam, c.ID, cases.OutcomeRejected, "final"))
}

// TestExtendOnce: two agents extend the same answer at once, each by three
// days. The one whose write lands second is refused rather than retried on
// the newer case, so the answer moves by three days, not six.
func TestExtendOnce(t *testing.T) {
	t.Parallel()
	ok := okFor(t)
	store := &interleaved{Store: sqlitetest.MustStore(t)}
	svc, _ := MustServiceOn(t, store, ownPolicy(nil), "2026-03-02T10:00:00Z")
	c := MustOpen(t, svc, "2026-03-02T09:00:00Z") // answer due Mon 16 Mar 16:00
	var bobs *cases.Case
	store.before = func() { bobs = ok(svc.Extend(ctx, bob, c.ID, 3, "waiting for the registry")) }
	_, err := svc.Extend(ctx, ann, c.ID, 3, "waiting for the registry too")
	wantRefused(t, err, cases.ECONFLICT, "changed while you were working on it")
	got := ok(svc.Get(ctx, c.ID))
	wantTime(t, "answer", due(t, got, cases.DeadlineAnswer), "2026-03-19T16:00:00Z")
	if len(got.Extensions) != 1 || got.Extensions[0].By.Key != bob.Key || got.Version != bobs.Version {
		t.Errorf("extensions %+v, version %d; want only bob's, version %d", got.Extensions, got.Version, bobs.Version)
	}
}

// interleaved is a store that runs before, once, just ahead of the first
// write it is given, as another user's change landing at that moment would.
// The writes before makes go to the store as they are.
type interleaved struct {
	cases.Store
	before func()
	ran    atomic.Bool
}

func (s *interleaved) Apply(ctx context.Context, ch cases.Change) (*cases.Case, error) {
	if s.before != nil && !s.ran.Swap(true) {
		s.before()
	}
	return s.Store.Apply(ctx, ch)
}
