package storetest

import (
	"context"
	"fmt"
	"testing"

	"github.com/ombud/ombud/cases"
)

// Some people and teams for the independence tests, besides the fixtures'.
var (
	colleague = cases.Person{Key: "slack:UCOLLEAGUE", Name: "Cal Colleague", Team: Agent.Team}
	auditor   = cases.Person{Key: "slack:UAUDITOR", Name: "Aud Itor", Team: "audit"}
)

// teamClaim is Claim under a team policy: no one of by's team at an earlier
// tier either.
func teamClaim(c *cases.Case, by cases.Person) cases.Change {
	ch := Claim(c, by)
	ch.NotTeams = earlier(c, by.Team)
	return ch
}

// involve returns c with p recorded as involved at tier t.
func involve(c *cases.Case, p cases.Person, t cases.Tier) *cases.Case {
	c.Involved = append(c.Involved, cases.Involvement{Person: p, Tier: t, How: cases.ActionNote, At: Day(5)})
	return c
}

func testApply(t *testing.T, open Open) {
	s := open(t)
	c := FullCase("C-2026-0042")
	MustCreate(t, s, c)
	ch := Claim(c, Senior)
	want := Applied(c, ch)
	DiffCase(t, MustApply(t, s, ch), want)
	DiffCase(t, MustGet(t, s, c.ID), want)
}

func testApplyEmptyTimeline(t *testing.T, open Open) {
	s := open(t)
	c := MinimalCase("C-2026-0001")
	MustCreate(t, s, c)
	ch := Note(c, Agent, "called back", Day(1))
	got := MustApply(t, s, ch)
	if len(got.Timeline) != 1 || got.Timeline[0] != ch.Event || got.Version != c.Version+1 {
		t.Errorf("after Apply: version %d, timeline %+v", got.Version, got.Timeline)
	}
}

// testApplyKeepsTimelineOrder appends events that share a time: they come
// back in the order they were applied.
func testApplyKeepsTimelineOrder(t *testing.T, open Open) {
	s := open(t)
	c := MinimalCase("C-2026-0001")
	c.Timeline = []cases.Event{{At: T0, Actor: Agent, Tier: cases.TierFrontline, Action: cases.ActionOpen, Status: c.Status, Text: "0"}}
	MustCreate(t, s, c)
	for i := 1; i <= 25; i++ {
		c = MustApply(t, s, Note(c, Agent, fmt.Sprint(i), Day(1)))
	}
	got := MustGet(t, s, c.ID)
	if len(got.Timeline) != 26 {
		t.Fatalf("%d events, want 26", len(got.Timeline))
	}
	for i, ev := range got.Timeline {
		if ev.Text != fmt.Sprint(i) {
			t.Fatalf("event %d says %q, want %d", i, ev.Text, i)
		}
	}
	DiffCase(t, got, c)
}

// applyCase is a case a test stores, and the change it then applies.
type applyCase struct {
	name   string
	stored func() *cases.Case
	change func(c *cases.Case) cases.Change
}

func review() *cases.Case { return FullCase("C-2026-0042") }
func final() *cases.Case  { return FinalCase("C-2026-0042") }

// claimBy returns a change by which p claims.
func claimBy(p cases.Person) func(*cases.Case) cases.Change {
	return func(c *cases.Case) cases.Change { return Claim(c, p) }
}

// teamClaimBy returns a change by which p claims under a team policy.
func teamClaimBy(p cases.Person) func(*cases.Case) cases.Change {
	return func(c *cases.Case) cases.Change { return teamClaim(c, p) }
}

// refusals are changes whose precondition fails, with the code Apply gives.
// The independence ones are the traps of FerretDB v1 (conditions on array
// paths and $and of several $ne).
var refusals = []struct {
	applyCase
	code string
}{
	{applyCase{"stale version", review, func(c *cases.Case) cases.Change {
		ch := Claim(c, Senior)
		ch.ExpectVersion--
		return ch
	}}, cases.ECONFLICT},
	{applyCase{"newer version", review, func(c *cases.Case) cases.Change {
		ch := Claim(c, Senior)
		ch.ExpectVersion++
		return ch
	}}, cases.ECONFLICT},
	{applyCase{"wrong status", review, func(c *cases.Case) cases.Change {
		ch := Claim(c, Senior)
		ch.ExpectStatus = cases.StatusAnswered
		return ch
	}}, cases.ECONFLICT},
	{applyCase{"person involved at an earlier tier", review, claimBy(Agent)}, cases.ECONFLICT},
	{applyCase{"team involved at an earlier tier", review, teamClaimBy(colleague)}, cases.ECONFLICT},
	{applyCase{"person involved at the first of two earlier tiers", final, claimBy(Agent)}, cases.ECONFLICT},
	{applyCase{"person involved at the second of two earlier tiers", final, claimBy(Reviewer)}, cases.ECONFLICT},
	{applyCase{"team involved at the first of two earlier tiers", final, teamClaimBy(colleague)}, cases.ECONFLICT},
	{applyCase{"team involved at the second of two earlier tiers", final, teamClaimBy(Senior)}, cases.ECONFLICT},
	{applyCase{"person involved at the middle one of three keys",
		func() *cases.Case { return involve(final(), Senior, cases.TierReview) },
		func(c *cases.Case) cases.Change {
			ch := Claim(c, Senior)
			ch.NotInvolved = append(ch.NotInvolved, cases.InvolvementKey(1, cases.TierFinal, "slack:UNOBODY"))
			return ch
		}}, cases.ECONFLICT},
	{applyCase{"missing case", review, func(c *cases.Case) cases.Change {
		ch := Claim(c, Senior)
		ch.Case.ID = "C-2026-0404"
		return ch
	}}, cases.ENOTFOUND},
}

// testApplyRefused applies each of refusals: the stored case stays as it
// was, and with ECONFLICT Apply returns it as stored.
func testApplyRefused(t *testing.T, open Open) {
	for _, tt := range refusals {
		t.Run(tt.name, func(t *testing.T) {
			s := open(t)
			c := tt.stored()
			MustCreate(t, s, c)
			cur, err := s.Apply(context.Background(), tt.change(c))
			WantCode(t, err, tt.code)
			stored := MustGet(t, s, c.ID)
			DiffCase(t, stored, c)
			if tt.code == cases.ECONFLICT {
				DiffCase(t, cur, stored)
			} else if cur != nil {
				t.Errorf("Apply returned a case with %s", tt.code)
			}
		})
	}
}

// allowed are changes whose precondition holds: the keys are tier-qualified,
// so taking part at the tier a case is at does not stop a claim, and neither
// does an earlier tier's key of someone else.
var allowed = []applyCase{
	{"person not involved", review, claimBy(Senior)},
	{"team not involved", review, teamClaimBy(Senior)},
	{"person involved at the current tier", func() *cases.Case { return involve(review(), Senior, cases.TierReview) }, claimBy(Senior)},
	{"team involved at the current tier", func() *cases.Case { return involve(review(), Reviewer, cases.TierReview) }, teamClaimBy(Senior)},
	{"neither at two earlier tiers", final, teamClaimBy(auditor)},
	{"person involved at the current tier of three", func() *cases.Case { return involve(final(), Senior, cases.TierFinal) }, claimBy(Senior)},
	{"team involved at the current tier of three", func() *cases.Case {
		return involve(final(), cases.Person{Key: "slack:UAUDIT2", Name: "Al Auditor", Team: auditor.Team}, cases.TierFinal)
	}, teamClaimBy(auditor)},
}

func testApplyIndependenceAllows(t *testing.T, open Open) {
	for _, tt := range allowed {
		t.Run(tt.name, func(t *testing.T) {
			s := open(t)
			c := tt.stored()
			MustCreate(t, s, c)
			ch := tt.change(c)
			DiffCase(t, MustApply(t, s, ch), Applied(c, ch))
		})
	}
}
