package cases_test

import (
	"context"
	"slices"
	"testing"

	"github.com/ombud/ombud/cases"
	"github.com/ombud/ombud/cases/sqlitestore/sqlitetest"
)

// sol is a senior who takes no part in a case until the test says so.
var sol = person("console:sol", "senior", "review")

// decidedAndReopened works a complaint of svc's policy through every tier
// and closes it: sam reviews, sid asks for the final review on the
// customer's behalf, sue decides and closes, and maria reopens it. It
// returns the case answered again and escalated, at the review tier of its
// second cycle.
func decidedAndReopened(t *testing.T, svc *cases.Service) *cases.Case {
	t.Helper()
	ok := okFor(t)
	c := reviewed(t, svc, sam)
	ok(svc.RequestFinal(ctx, sid, c.ID, "wants a full refund"))
	ok(svc.Claim(ctx, sue, c.ID))
	ok(svc.Decide(ctx, sue, c.ID, cases.OutcomeRejected, "our position stands"))
	ok(svc.Close(ctx, sue, c.ID, cases.CloseInput{RootCause: "none found"}))
	ok(svc.Reopen(ctx, maria, c.ID, "the customer sent new facts"))
	ok(svc.Answer(ctx, bob, c.ID, "answered again"))
	return ok(svc.Escalate(ctx, bob, c.ID, cases.EscalationInput{Reason: "still not satisfied", Expects: "a refund"}))
}

// TestReopenedCaseKeepsEarlierCyclesOut: after a reopen, everyone who acted
// on the case before, at any tier, is involved in the new cycle: the earlier
// reviewer, the senior who asked for the final review, the decider and
// closer and the manager who reopened it can claim none of its tiers.
func TestReopenedCaseKeepsEarlierCyclesOut(t *testing.T) {
	t.Parallel()
	ok := okFor(t)
	svc, _ := MustService(t, "standard", "2026-03-02T10:00:00Z")
	c := decidedAndReopened(t, svc)
	if c.Tier != cases.TierReview || c.Cycle() != 2 {
		t.Fatalf("reopened and escalated: tier %d, cycle %d; want 2, 2", c.Tier, c.Cycle())
	}
	for _, tt := range []struct {
		who  cases.Actor
		said string
	}{
		{sam, "you claimed this case on 2 Mar, before it was reopened"},
		{sid, "you asked for the final review of this case on 2 Mar, before it was reopened"},
		{sue, "you claimed this case on 2 Mar, before it was reopened"},
		{maria, "you reopened this case on 2 Mar"},
	} {
		_, err := svc.Claim(ctx, tt.who, c.ID)
		wantRefused(t, err, cases.EFORBIDDEN, "You cannot review "+c.ID, tt.said)
	}
	ok(svc.Claim(ctx, sol, c.ID))
	ok(svc.Review(ctx, sol, c.ID, cases.OutcomeRejected, "still no"))
	ok(svc.RequestFinal(ctx, bob, c.ID, "wants it looked at again"))
	_, err := svc.Claim(ctx, sue, c.ID)
	wantRefused(t, err, cases.EFORBIDDEN, "you claimed this case on 2 Mar, before it was reopened")
	_, err = svc.Claim(ctx, sol, c.ID)
	wantRefused(t, err, cases.EFORBIDDEN, "you claimed this case on 2 Mar. Policy")
}

// TestClosingInvolves: whoever closed a case cannot review it once it is
// reopened, even if that was all they did.
func TestClosingInvolves(t *testing.T) {
	t.Parallel()
	ok := okFor(t)
	svc, _ := MustService(t, "registrar-no", "2026-03-02T10:00:00+01:00")
	c := reviewed(t, svc, sam)
	ok(svc.Decide(ctx, sam, c.ID, cases.OutcomeRejected, "our position stands"))
	ok(svc.Close(ctx, maria, c.ID, cases.CloseInput{RootCause: "none found"}))
	ok(svc.Reopen(ctx, sam, c.ID, "new facts"))
	ok(svc.Answer(ctx, ann, c.ID, "answered again"))
	ok(svc.Escalate(ctx, ann, c.ID, cases.EscalationInput{Reason: "still unhappy", Expects: "a refund"}))
	_, err := svc.Claim(ctx, maria, c.ID)
	wantRefused(t, err, cases.EFORBIDDEN, "you closed this case on 2 Mar, before it was reopened")
}

// TestStoreKeepsEarlierCyclesOut checks the second line of the rule: the
// store's precondition. A service that reads the case through a store that
// forgets the involvement record (but not the reopens) passes its own check,
// and the write must still be refused by the store.
func TestStoreKeepsEarlierCyclesOut(t *testing.T) {
	t.Parallel()
	ok := okFor(t)
	store := sqlitetest.MustStore(t)
	svc, _ := MustServiceOn(t, store, ownPolicy(nil), "2026-03-02T10:00:00Z")
	c := decidedAndReopened(t, svc)
	blind, _ := MustServiceOn(t, forgetful{store}, ownPolicy(nil), "2026-03-02T10:00:00Z")
	for _, s := range []cases.Actor{sam, sue, sid} {
		_, err := blind.Claim(ctx, s, c.ID)
		wantRefused(t, err, cases.EFORBIDDEN, "before it was reopened")
	}
	if got := ok(svc.Get(ctx, c.ID)); got.Version != c.Version || !got.Reviewer.IsZero() {
		t.Errorf("a claim the store should have refused was written: version %d, reviewer %q", got.Version, got.Reviewer.Key)
	}
}

// forgetful is a store whose Get returns a case with every involvement but
// the reopens left out, as a faulty read would; every write goes to the
// store as it is.
type forgetful struct{ cases.Store }

func (f forgetful) Get(ctx context.Context, id string) (*cases.Case, error) {
	c, err := f.Store.Get(ctx, id)
	if c != nil {
		c.Involved = slices.DeleteFunc(c.Involved, func(in cases.Involvement) bool { return in.How != cases.ActionReopen })
	}
	return c, err
}
