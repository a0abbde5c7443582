package mongostore_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/ombud/ombud/cases"
	"github.com/ombud/ombud/cases/mongostore"
	"github.com/ombud/ombud/cases/mongostore/mongotest"
)

// claim returns the change by which by claims the review of c, a case
// waiting for a senior at its tier, with c's version and status as the
// precondition and, as the domain sends it, by at no earlier tier.
func claim(c *cases.Case, by cases.Person) cases.Change {
	next := c.Clone()
	next.Status = cases.StatusReviewing
	if c.Tier == cases.TierFinal {
		next.Status = cases.StatusFinalReviewing
	}
	next.Reviewer, next.Version, next.UpdatedAt = by, c.Version+1, day(6)
	next.Involved = append(next.Involved, cases.Involvement{Person: by, Tier: c.Tier, How: cases.ActionClaim, At: day(6)})
	next.Timeline = nil // ignored by Apply
	return cases.Change{
		Case:          next,
		Event:         cases.Event{At: day(6), Actor: by, Tier: c.Tier, Action: cases.ActionClaim, Status: next.Status},
		ExpectVersion: c.Version,
		ExpectStatus:  c.Status,
		NotInvolved:   earlier(c, by.Key),
	}
}

// teamClaim is claim under a team policy: no one of by's team at an earlier
// tier either.
func teamClaim(c *cases.Case, by cases.Person) cases.Change {
	ch := claim(c, by)
	ch.NotTeams = earlier(c, by.Team)
	return ch
}

// earlier returns the involvement keys of who at every tier before c's, one
// per tier, as the domain's independence rule sends them.
func earlier(c *cases.Case, who string) []string {
	var keys []string
	for t := cases.TierFrontline; t < c.Tier; t++ {
		keys = append(keys, cases.InvolvementKey(1, t, who))
	}
	return keys
}

// involve returns c with p recorded as involved at tier t.
func involve(c *cases.Case, p cases.Person, t cases.Tier) *cases.Case {
	c.Involved = append(c.Involved, cases.Involvement{Person: p, Tier: t, How: cases.ActionNote, At: day(5)})
	return c
}

// MustEscalated stores a fully populated escalated case and returns it.
func MustEscalated(tb testing.TB, s *mongostore.Store) *cases.Case {
	tb.Helper()
	c := fullCase("C-2026-0042")
	MustCreate(tb, s, c)
	return c
}

func TestApply(t *testing.T) {
	s := mongotest.MustStore(t)
	c := MustEscalated(t, s)
	ch := claim(c, senior)
	got, err := s.Apply(context.Background(), ch)
	if err != nil {
		t.Fatal(err)
	}
	want := ch.Case.Clone()
	want.Timeline = append(c.Clone().Timeline, ch.Event)
	diffCase(t, got, want)
	diffCase(t, MustGet(t, s, c.ID), want)
}

func TestApplyEmptyTimeline(t *testing.T) {
	s := mongotest.MustStore(t)
	c := minimalCase("C-2026-0001")
	MustCreate(t, s, c)
	next := c.Clone()
	next.Version++
	ev := cases.Event{At: day(1), Actor: agent, Tier: cases.TierFrontline, Action: cases.ActionNote, Status: c.Status, Text: "called back"}
	got, err := s.Apply(context.Background(), cases.Change{Case: next, Event: ev, ExpectVersion: c.Version, ExpectStatus: c.Status})
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Timeline) != 1 || got.Timeline[0] != ev || got.Version != c.Version+1 {
		t.Errorf("after Apply: version %d, timeline %+v", got.Version, got.Timeline)
	}
}

// Some people and teams for the independence tests. agent (frontline) took
// part at tier 1 of fullCase, and reviewer (review) also at tier 2 of
// finalCase.
var (
	colleague = cases.Person{Key: "slack:UCOLLEAGUE", Name: "Cal Colleague", Team: agent.Team}
	auditor   = cases.Person{Key: "slack:UAUDITOR", Name: "Aud Itor", Team: "audit"}
)

func TestApplyRefused(t *testing.T) {
	review := func() *cases.Case { return fullCase("C-2026-0042") }
	final := func() *cases.Case { return finalCase("C-2026-0042") }
	tests := []struct {
		name   string
		stored func() *cases.Case
		change func(c *cases.Case) cases.Change
		code   string
	}{
		{"stale version", review, func(c *cases.Case) cases.Change {
			ch := claim(c, senior)
			ch.ExpectVersion--
			return ch
		}, cases.ECONFLICT},
		{"wrong status", review, func(c *cases.Case) cases.Change {
			ch := claim(c, senior)
			ch.ExpectStatus = cases.StatusAnswered
			return ch
		}, cases.ECONFLICT},
		{"person involved at an earlier tier", review, func(c *cases.Case) cases.Change { return claim(c, agent) }, cases.ECONFLICT},
		{"team involved at an earlier tier", review, func(c *cases.Case) cases.Change { return teamClaim(c, colleague) }, cases.ECONFLICT},
		// Two earlier tiers: an $and of two $ne per array, the one that
		// fails now first, now second.
		{"person involved at the first of two earlier tiers", final,
			func(c *cases.Case) cases.Change { return claim(c, agent) }, cases.ECONFLICT},
		{"person involved at the second of two earlier tiers", final,
			func(c *cases.Case) cases.Change { return claim(c, reviewer) }, cases.ECONFLICT},
		{"team involved at the first of two earlier tiers", final,
			func(c *cases.Case) cases.Change { return teamClaim(c, colleague) }, cases.ECONFLICT},
		{"team involved at the second of two earlier tiers", final,
			func(c *cases.Case) cases.Change { return teamClaim(c, senior) }, cases.ECONFLICT},
		{"person involved at the middle one of three keys", func() *cases.Case {
			return involve(final(), senior, cases.TierReview)
		}, func(c *cases.Case) cases.Change {
			ch := claim(c, senior)
			ch.NotInvolved = append(ch.NotInvolved, cases.InvolvementKey(1, cases.TierFinal, "slack:UNOBODY"))
			return ch
		}, cases.ECONFLICT},
		{"missing case", review, func(c *cases.Case) cases.Change {
			ch := claim(c, senior)
			ch.Case.ID = "C-2026-0404"
			return ch
		}, cases.ENOTFOUND},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := mongotest.MustStore(t)
			c := tt.stored()
			MustCreate(t, s, c)
			cur, err := s.Apply(context.Background(), tt.change(c))
			wantCode(t, err, tt.code)
			stored := MustGet(t, s, c.ID)
			diffCase(t, stored, c)
			if tt.code == cases.ECONFLICT {
				diffCase(t, cur, stored)
			} else if cur != nil {
				t.Errorf("Apply returned a case with %s", tt.code)
			}
		})
	}
}

// TestApplyIndependenceAllows checks that the keys are tier-qualified: taking
// part at the tier a case is at does not stop a claim, and neither does an
// earlier tier's key of someone else.
func TestApplyIndependenceAllows(t *testing.T) {
	review := func() *cases.Case { return fullCase("C-2026-0042") }
	final := func() *cases.Case { return finalCase("C-2026-0042") }
	tests := []struct {
		name   string
		stored func() *cases.Case
		change func(c *cases.Case) cases.Change
	}{
		{"person not involved", review, func(c *cases.Case) cases.Change { return claim(c, senior) }},
		{"team not involved", review, func(c *cases.Case) cases.Change { return teamClaim(c, senior) }},
		{"person involved at the current tier", func() *cases.Case { return involve(review(), senior, cases.TierReview) },
			func(c *cases.Case) cases.Change { return claim(c, senior) }},
		{"team involved at the current tier", func() *cases.Case { return involve(review(), reviewer, cases.TierReview) },
			func(c *cases.Case) cases.Change { return teamClaim(c, senior) }},
		{"neither at two earlier tiers", final, func(c *cases.Case) cases.Change { return teamClaim(c, auditor) }},
		{"person involved at the current tier of three", func() *cases.Case { return involve(final(), senior, cases.TierFinal) },
			func(c *cases.Case) cases.Change { return claim(c, senior) }},
		{"team involved at the current tier of three", func() *cases.Case {
			return involve(final(), cases.Person{Key: "slack:UAUDIT2", Name: "Al Auditor", Team: auditor.Team}, cases.TierFinal)
		}, func(c *cases.Case) cases.Change { return teamClaim(c, auditor) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := mongotest.MustStore(t)
			c := tt.stored()
			MustCreate(t, s, c)
			ch := tt.change(c)
			got, err := s.Apply(context.Background(), ch)
			if err != nil {
				t.Fatalf("Apply: %v", err)
			}
			want := ch.Case.Clone()
			want.Timeline = append(c.Clone().Timeline, ch.Event)
			diffCase(t, got, want)
		})
	}
}

// TestConcurrentClaim has 50 seniors claim the same case at once, at the
// review and at the final tier. Ten of them took part at an earlier tier,
// five at the tier the case is at: exactly one senior wins, and not one of
// the ten.
func TestConcurrentClaim(t *testing.T) {
	for _, c := range []*cases.Case{fullCase("C-2026-0042"), finalCase("C-2026-0042")} {
		t.Run(fmt.Sprintf("tier %d", c.Tier), func(t *testing.T) { testConcurrentClaim(t, c) })
	}
}

func testConcurrentClaim(t *testing.T, c *cases.Case) {
	s := mongotest.MustStore(t)
	crowd := make([]cases.Person, 50)
	refused := map[string]bool{}
	for i := range crowd {
		crowd[i] = cases.Person{Key: fmt.Sprintf("slack:USENIOR%02d", i), Name: fmt.Sprintf("Senior %d", i), Team: "review"}
		switch i % 10 {
		case 0:
			involve(c, crowd[i], cases.TierFrontline)
			refused[crowd[i].Key] = true
		case 5:
			involve(c, crowd[i], c.Tier-1)
			refused[crowd[i].Key] = true
		case 7:
			involve(c, crowd[i], c.Tier)
		}
	}
	MustCreate(t, s, c)

	// The involved seniors alone, so nobody beats them to it: all refused.
	claimAll(t, s, c, crowd, func(p cases.Person) bool { return refused[p.Key] })
	diffCase(t, MustGet(t, s, c.ID), c)

	winners := claimAll(t, s, c, crowd, func(cases.Person) bool { return true })
	if len(winners) != 1 || refused[winners[0].Key] {
		t.Fatalf("winners %v, want one senior not involved at an earlier tier", winners)
	}
	got := MustGet(t, s, c.ID)
	if got.Version != c.Version+1 || len(got.Timeline) != len(c.Timeline)+1 || got.Reviewer != winners[0] {
		t.Errorf("stored version %d, %d events, reviewer %v; want %d, %d, %v",
			got.Version, len(got.Timeline), got.Reviewer, c.Version+1, len(c.Timeline)+1, winners[0])
	}
}

// claimAll has every senior of crowd that pick selects claim c at the same
// time and returns the ones whose claim was applied. Every other claim must
// fail with ECONFLICT.
func claimAll(t *testing.T, s *mongostore.Store, c *cases.Case, crowd []cases.Person, pick func(cases.Person) bool) []cases.Person {
	t.Helper()
	var (
		mu      sync.Mutex
		winners []cases.Person
		wg      sync.WaitGroup
		start   = make(chan struct{})
	)
	for _, p := range crowd {
		if !pick(p) {
			continue
		}
		wg.Go(func() {
			<-start
			_, err := s.Apply(context.Background(), claim(c, p))
			if err == nil {
				mu.Lock()
				winners = append(winners, p)
				mu.Unlock()
			} else if code := cases.ErrorCode(err); code != cases.ECONFLICT {
				t.Errorf("claim by %s: %v (%s), want ECONFLICT", p.Key, err, code)
			}
		})
	}
	close(start)
	wg.Wait()
	return winners
}
