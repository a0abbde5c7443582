package cases_test

import (
	"testing"

	"github.com/ombud/ombud/cases"
)

// reviewed returns a case of svc's policy escalated and reviewed by reviewer.
func reviewed(t *testing.T, svc *cases.Service, reviewer cases.Actor) *cases.Case {
	t.Helper()
	ok := okFor(t)
	c := escalated(t, svc)
	ok(svc.Claim(ctx, reviewer, c.ID))
	return ok(svc.Review(ctx, reviewer, c.ID, cases.OutcomeRejected, "the renewal notice was sent in time"))
}

// TestDecideWithoutFinalWindow: registrar-no offers a final review "on
// request" with no window, so the reviewer can state the final position,
// and the external bodies are named.
func TestDecideWithoutFinalWindow(t *testing.T) {
	t.Parallel()
	ok := okFor(t)
	svc, _ := MustService(t, "registrar-no", "2026-03-02T10:00:00+01:00")
	c := reviewed(t, svc, sam)
	c = ok(svc.Decide(ctx, sam, c.ID, cases.OutcomeRejected, "our position stands"))
	if c.Status != cases.StatusDecided || len(c.Resolution.ExternalBodies) == 0 {
		t.Errorf("decided: %s, external bodies %v", c.Status, c.Resolution.ExternalBodies)
	}
}

// TestDecideRefusedWhileFinalWindowOpen: under standard the customer may
// still ask for a final review, so the case cannot be decided yet.
func TestDecideRefusedWhileFinalWindowOpen(t *testing.T) {
	t.Parallel()
	svc, _ := MustService(t, "standard", "2026-03-02T10:00:00Z")
	c := reviewed(t, svc, sam)
	_, err := svc.Decide(ctx, sam, c.ID, cases.OutcomeRejected, "final")
	wantRefused(t, err, cases.ECONFLICT, "may ask for a final review of "+c.ID+" until Mon 30 Mar 2026 23:59 UTC")
}

// TestFinalTierRefusals covers the refusals at the tiers above the
// frontline: a claimed case cannot be claimed again, a review tier cannot be
// resolved except by withdrawal, and the final window closes.
func TestFinalTierRefusals(t *testing.T) {
	t.Parallel()
	ok := okFor(t)
	svc, clk := MustService(t, "standard", "2026-03-02T10:00:00Z")
	c := escalated(t, svc)
	ok(svc.Claim(ctx, sam, c.ID))
	_, err := svc.Claim(ctx, sue, c.ID)
	wantRefused(t, err, cases.ECONFLICT, "is reviewing, so you cannot claim it now")
	ok(svc.Review(ctx, sam, c.ID, cases.OutcomeRejected, "no"))
	clk.Set(at(t, "2026-03-31T09:00:00Z")) // final window closed 30 Mar 16:00
	_, err = svc.RequestFinal(ctx, ann, c.ID, "still unhappy")
	wantRefused(t, err, cases.ECONFLICT, "closed on Mon 30 Mar 2026 23:59 UTC")
	c = ok(svc.Lapse(ctx, c.ID))
	if c.Status != cases.StatusClosed {
		t.Errorf("after the final window lapsed: %s", c.Status)
	}
}

// TestTeamHandover: under retail-no the ombudsman may hand the review to a
// colleague of the ombudsman team, but not to customer service, and someone
// in no team cannot review at all.
func TestTeamHandover(t *testing.T) {
	t.Parallel()
	ok := okFor(t)
	svc, _ := MustService(t, "retail-no", "2026-03-02T10:00:00+01:00")
	c := escalated(t, svc)
	_, err := svc.Claim(ctx, person("console:nora", "senior", ""), c.ID)
	wantRefused(t, err, cases.EFORBIDDEN, "requires a reviewer from a team not involved before, and you are in no team")
	ok(svc.Claim(ctx, sam, c.ID))
	c = ok(svc.Assign(ctx, maria, c.ID, sue)) // sue is of sam's team, review
	if c.Reviewer.Key != sue.Key {
		t.Fatalf("reviewer after handover = %q, want sue", c.Reviewer.Key)
	}
	_, err = svc.Assign(ctx, maria, c.ID, sid) // sid is of ann's team, service
	wantRefused(t, err, cases.EFORBIDDEN, "Sid cannot review", "Ann, of team service, opened this case")
}

// TestNoteAtTheCurrentTierIsNoBar: the rule concerns earlier tiers, so a
// senior who commented on an escalation waiting for a reviewer may claim it.
func TestNoteAtTheCurrentTierIsNoBar(t *testing.T) {
	t.Parallel()
	ok := okFor(t)
	svc, _ := MustService(t, "standard", "2026-03-02T10:00:00Z")
	c := escalated(t, svc)
	ok(svc.Note(ctx, sam, c.ID, "I can take this one"))
	if c = ok(svc.Claim(ctx, sam, c.ID)); c.Reviewer.Key != sam.Key {
		t.Errorf("reviewer = %q, want sam", c.Reviewer.Key)
	}
}

// TestConcurrentTeamClaim: under retail-no, seniors of the team that
// answered and of the independent team click Claim at once; exactly one
// of the independent team wins.
func TestConcurrentTeamClaim(t *testing.T) {
	t.Parallel()
	svc, _ := MustService(t, "retail-no", "2026-03-02T10:00:00+01:00")
	c := escalated(t, svc)
	var crowd []cases.Actor
	for _, team := range []string{"service", "review"} {
		for i := range 8 {
			crowd = append(crowd, person("console:"+team+string(rune('a'+i)), "senior", team))
		}
	}
	winners := claimAtOnce(t, svc, c.ID, crowd)
	if len(winners) != 1 || winners[0].Team != "review" {
		t.Fatalf("winners %v; want one senior of team review", winners)
	}
}

// TestPausedReview: a paused review is resumed by its reviewer, and a pause
// after a missed deadline does not undo the breach.
func TestPausedReview(t *testing.T) {
	t.Parallel()
	ok := okFor(t)
	svc, clk := MustService(t, "standard", "2026-03-04T10:00:00Z")
	c := escalated(t, svc) // review due Wed 18 Mar 16:00
	ok(svc.Claim(ctx, sam, c.ID))
	clk.Set(at(t, "2026-03-18T16:30:00Z"))
	ok(svc.Pause(ctx, sam, c.ID, "waiting for the customer's logs"))
	_, err := svc.Resume(ctx, bob, c.ID)
	wantRefused(t, err, cases.EFORBIDDEN, "under review by Sam")
	_, err = svc.Assign(ctx, bob, c.ID, bob)
	wantRefused(t, err, cases.EFORBIDDEN, "can only go to a senior")
	clk.Set(at(t, "2026-03-23T10:00:00Z"))
	c = ok(svc.Resume(ctx, sam, c.ID))
	wantTime(t, "review after a pause that began past due", due(t, c, cases.DeadlineReview), "2026-03-18T16:00:00Z")
	if c.Status != cases.StatusReviewing {
		t.Errorf("resumed to %s", c.Status)
	}
}

// TestResolveWhilePaused closes the open pause with the case.
func TestResolveWhilePaused(t *testing.T) {
	t.Parallel()
	ok := okFor(t)
	svc, clk := MustService(t, "standard", "2026-03-02T10:00:00Z")
	c := MustOpen(t, svc, "2026-03-02T09:00:00Z")
	ok(svc.Pause(ctx, ann, c.ID, "waiting"))
	clk.Set(at(t, "2026-03-03T10:00:00Z"))
	c = ok(svc.Resolve(ctx, ann, c.ID, cases.ResolveInput{Outcome: cases.OutcomeWithdrawn, Summary: "customer withdrew"}))
	if c.Status != cases.StatusClosed || !c.Pauses[0].To.Equal(at(t, "2026-03-03T10:00:00Z")) {
		t.Errorf("resolved while paused: %s, pause %+v", c.Status, c.Pauses[0])
	}
}

// TestLateUpdateIsABreach: an update given after it fell due is kept, met
// late, so the summary counts it.
func TestLateUpdateIsABreach(t *testing.T) {
	t.Parallel()
	ok := okFor(t)
	svc, clk := MustService(t, "standard", "2026-03-02T10:00:00Z")
	c := MustOpen(t, svc, "2026-03-02T09:00:00Z") // update due Mon 9 Mar 16:00
	ok(svc.Acknowledge(ctx, ann, c.ID, ""))
	clk.Set(at(t, "2026-03-10T10:00:00Z"))
	c = ok(svc.Update(ctx, ann, c.ID, "still looking into it"))
	wantTime(t, "next update", due(t, c, cases.DeadlineUpdate), "2026-03-17T16:00:00Z")
	if s := MustSummary(t, svc, march(t, "Z")); s.Breaches != 1 {
		t.Errorf("breaches = %d, want 1 (the late update)", s.Breaches)
	}
}
