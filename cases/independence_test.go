package cases_test

import (
	"sync"
	"testing"

	"github.com/ombud/ombud/cases"
)

// escalated returns a case of svc's policy answered by ann and escalated,
// with the given seniors having noted on it at the frontline.
func escalated(t *testing.T, svc *cases.Service, noters ...cases.Actor) *cases.Case {
	t.Helper()
	ok := okFor(t)
	c := MustOpen(t, svc, "2026-03-02T09:00:00+01:00")
	for _, n := range noters {
		ok(svc.Note(ctx, n, c.ID, "looked at the registry log"))
	}
	ok(svc.Answer(ctx, ann, c.ID, "answered"))
	return ok(svc.Escalate(ctx, ann, c.ID, cases.EscalationInput{Reason: "not satisfied", Expects: "a refund"}))
}

// TestIndependence checks that a senior involved at an earlier tier cannot
// take the review, and is told why.
func TestIndependence(t *testing.T) {
	t.Parallel()
	ok := okFor(t)
	svc, _ := MustService(t, "registrar-no", "2026-03-02T10:00:00+01:00")
	c := escalated(t, svc, sid)
	_, err := svc.Claim(ctx, sid, c.ID)
	wantRefused(t, err, cases.EFORBIDDEN, "You cannot review "+c.ID, "you noted on this case on 2 Mar", "not involved before")
	if got := ok(svc.Get(ctx, c.ID)); got.Status != cases.StatusEscalated || got.Version != c.Version {
		t.Fatalf("a refused claim changed the case: %s v%d", got.Status, got.Version)
	}
	c = ok(svc.Claim(ctx, sam, c.ID))
	if c.Reviewer.Key != sam.Key || c.Status != cases.StatusReviewing {
		t.Fatalf("claim by an independent senior: reviewer %q status %s", c.Reviewer.Key, c.Status)
	}
	// Handing the review to someone involved is refused the same way.
	_, err = svc.Assign(ctx, sam, c.ID, sid)
	wantRefused(t, err, cases.EFORBIDDEN, "Sid cannot review", "Sid noted on this case")
	c = ok(svc.Assign(ctx, sam, c.ID, sue))
	if c.Reviewer.Key != sue.Key {
		t.Errorf("reviewer after handover = %q, want sue", c.Reviewer.Key)
	}
}

// TestTeamIndependence checks a policy that widens the rule to teams: the
// retail ombudsman must be independent of customer service.
func TestTeamIndependence(t *testing.T) {
	t.Parallel()
	ok := okFor(t)
	svc, _ := MustService(t, "retail-no", "2026-03-02T10:00:00+01:00")
	c := escalated(t, svc)
	_, err := svc.Claim(ctx, sid, c.ID) // sid is a senior of ann's team, never involved himself
	wantRefused(t, err, cases.EFORBIDDEN, "Ann, of team service, opened this case on 2 Mar")
	c = ok(svc.Claim(ctx, sam, c.ID))
	if c.Reviewer.Key != sam.Key {
		t.Errorf("reviewer = %q, want sam", c.Reviewer.Key)
	}
}

// TestConcurrentClaim has many seniors click Claim at once: exactly one
// becomes the reviewer, and none of those involved earlier ever does.
func TestConcurrentClaim(t *testing.T) {
	t.Parallel()
	ok := okFor(t)
	svc, _ := MustService(t, "standard", "2026-03-02T10:00:00Z")
	var involved, independent []cases.Actor
	for i := range 5 {
		involved = append(involved, person("console:inv"+string(rune('a'+i)), "senior", ""))
	}
	for i := range 25 {
		independent = append(independent, person("console:ind"+string(rune('a'+i)), "senior", ""))
	}
	c := escalated(t, svc, involved...)

	var winners []string
	for _, w := range claimAtOnce(t, svc, c.ID, append(append([]cases.Actor{}, involved...), independent...)) {
		winners = append(winners, w.Key)
	}
	if len(winners) != 1 {
		t.Fatalf("%d seniors won the claim: %v", len(winners), winners)
	}
	for _, s := range involved {
		if winners[0] == s.Key {
			t.Fatalf("involved senior %s won the claim", s.Key)
		}
	}
	got := ok(svc.Get(ctx, c.ID))
	claims := 0
	for _, e := range got.Timeline {
		if e.Action == cases.ActionClaim {
			claims++
		}
	}
	if got.Reviewer.Key != winners[0] || got.Version != c.Version+1 || claims != 1 {
		t.Errorf("stored reviewer %q version %d claims %d; want %s, %d, 1", got.Reviewer.Key, got.Version, claims, winners[0], c.Version+1)
	}
}

// claimAtOnce has every senior of crowd claim case id at the same moment and
// returns those who won. Every loser must get a conflict or a refusal.
func claimAtOnce(t *testing.T, svc *cases.Service, id string, crowd []cases.Actor) []cases.Actor {
	t.Helper()
	type result struct {
		who cases.Actor
		err error
	}
	results := make(chan result, len(crowd))
	var start, done sync.WaitGroup
	start.Add(1)
	for _, s := range crowd {
		done.Add(1)
		go func() {
			defer done.Done()
			start.Wait()
			_, err := svc.Claim(ctx, s, id)
			results <- result{s, err}
		}()
	}
	start.Done()
	done.Wait()
	close(results)
	var winners []cases.Actor
	for r := range results {
		switch code := cases.ErrorCode(r.err); {
		case r.err == nil:
			winners = append(winners, r.who)
		case code != cases.ECONFLICT && code != cases.EFORBIDDEN:
			t.Errorf("%s: unexpected error %v", r.who.Key, r.err)
		}
	}
	return winners
}

// TestRefusalCapitalisesAnyName: the refusal starts with the name of the
// senior it refuses, capitalised however the name begins.
func TestRefusalCapitalisesAnyName(t *testing.T) {
	t.Parallel()
	ok := okFor(t)
	svc, _ := MustService(t, "standard", "2026-03-02T10:00:00Z")
	for name, want := range map[string]string{"øyvind": "Øyvind", "đức": "Đức", "ǆemal": "ǅemal", "1st": "1st"} {
		s := cases.Actor{Person: cases.Person{Key: "console:" + name, Name: name}, Role: cases.RoleSenior}
		c := escalated(t, svc, s)
		ok(svc.Claim(ctx, sam, c.ID))
		_, err := svc.Assign(ctx, sam, c.ID, s)
		wantRefused(t, err, cases.EFORBIDDEN, want+" cannot review "+c.ID)
	}
}

// TestAssignmentAloneIsNoInvolvement: a frontline assignment involves the
// assignee only once they act on the case, so handing a case on and on does
// not use up the seniors (or, under a team policy, the teams) who could
// review it.
func TestAssignmentAloneIsNoInvolvement(t *testing.T) {
	t.Parallel()
	ok := okFor(t)
	svc, _ := MustService(t, "standard", "2026-03-02T10:00:00Z")
	c := MustOpen(t, svc, "2026-03-02T09:00:00Z")
	ok(svc.Assign(ctx, maria, c.ID, sid))
	ok(svc.Assign(ctx, maria, c.ID, sue))
	ok(svc.Note(ctx, sue, c.ID, "looked at it"))
	ok(svc.Assign(ctx, maria, c.ID, bob))
	ok(svc.Answer(ctx, bob, c.ID, "answered"))
	ok(svc.Escalate(ctx, bob, c.ID, cases.EscalationInput{Reason: "unhappy", Expects: "a refund"}))
	_, err := svc.Claim(ctx, sue, c.ID)
	wantRefused(t, err, cases.EFORBIDDEN, "you noted on this case on 2 Mar")
	if c = ok(svc.Claim(ctx, sid, c.ID)); c.Reviewer.Key != sid.Key {
		t.Errorf("reviewer = %q, want sid, who was only assigned the case", c.Reviewer.Key)
	}

	retail, _ := MustService(t, "retail-no", "2026-03-02T10:00:00+01:00")
	r := MustOpen(t, retail, "2026-03-02T09:00:00+01:00")
	ok(retail.Assign(ctx, maria, r.ID, sam)) // of team review, by mistake
	ok(retail.Assign(ctx, maria, r.ID, bob)) // of team service
	ok(retail.Answer(ctx, bob, r.ID, "answered"))
	ok(retail.Escalate(ctx, bob, r.ID, cases.EscalationInput{Reason: "unhappy", Expects: "a refund"}))
	if r = ok(retail.Claim(ctx, sue, r.ID)); r.Reviewer.Key != sue.Key {
		t.Errorf("reviewer = %q, want sue, of the team whose member was only assigned the case", r.Reviewer.Key)
	}
}

// TestResolveUnderReview: once a case has climbed past the frontline, only
// its reviewer or a manager can end it, so an agent can neither withdraw a
// case under review nor overwrite a review's outcome.
func TestResolveUnderReview(t *testing.T) {
	t.Parallel()
	ok := okFor(t)
	svc, _ := MustService(t, "registrar-no", "2026-03-02T10:00:00+01:00")
	withdrawn := cases.ResolveInput{Outcome: cases.OutcomeWithdrawn, Summary: "customer withdrew"}
	upheld := cases.ResolveInput{Outcome: cases.OutcomeUpheld, Summary: "refunded after all", RootCause: "billing"}

	c := escalated(t, svc)
	_, err := svc.Resolve(ctx, ann, c.ID, withdrawn)
	wantRefused(t, err, cases.EFORBIDDEN, c.ID+" waits for a senior to claim its review", "only a manager")
	_, err = svc.Resolve(ctx, sid, c.ID, withdrawn)
	wantRefused(t, err, cases.EFORBIDDEN, "only a manager")
	ok(svc.Claim(ctx, sam, c.ID))
	_, err = svc.Resolve(ctx, ann, c.ID, withdrawn)
	wantRefused(t, err, cases.EFORBIDDEN, c.ID+" is reviewed by Sam; only they or a manager can resolve it")
	ok(svc.Review(ctx, sam, c.ID, cases.OutcomeRejected, "the notice was sent in time"))
	_, err = svc.Resolve(ctx, ann, c.ID, upheld)
	wantRefused(t, err, cases.EFORBIDDEN, "only they or a manager can resolve it")
	if got := ok(svc.Get(ctx, c.ID)); got.Resolution.Outcome != cases.OutcomeRejected || got.Status != cases.StatusReviewed {
		t.Fatalf("a refused resolve changed the review: %s, outcome %s", got.Status, got.Resolution.Outcome)
	}
	if c = ok(svc.Resolve(ctx, sam, c.ID, upheld)); c.Resolution.Outcome != cases.OutcomeUpheld {
		t.Errorf("the reviewer's resolve: outcome %s", c.Resolution.Outcome)
	}

	waiting := escalated(t, svc)
	ok(svc.Resolve(ctx, maria, waiting.ID, withdrawn))
}
