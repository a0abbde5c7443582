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

// claim returns the change by which by claims the review of c, an escalated
// case, with c's version and status as the precondition.
func claim(c *cases.Case, by cases.Person) cases.Change {
	next := c.Clone()
	next.Status, next.Reviewer, next.Version, next.UpdatedAt = cases.StatusReviewing, by, c.Version+1, day(6)
	next.Involved = append(next.Involved, cases.Involvement{Person: by, Tier: cases.TierReview, How: cases.ActionClaim, At: day(6)})
	next.Timeline = nil // ignored by Apply
	return cases.Change{
		Case:          next,
		Event:         cases.Event{At: day(6), Actor: by, Tier: cases.TierReview, Action: cases.ActionClaim, Status: next.Status},
		ExpectVersion: c.Version,
		ExpectStatus:  c.Status,
		NotInvolved:   by.Key,
	}
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

func TestApplyRefused(t *testing.T) {
	other := cases.Person{Key: "slack:UOTHER", Name: "Oli Other", Team: "review"}
	tests := []struct {
		name   string
		change func(c *cases.Case) cases.Change
		code   string
	}{
		{"stale version", func(c *cases.Case) cases.Change {
			ch := claim(c, senior)
			ch.ExpectVersion--
			return ch
		}, cases.ECONFLICT},
		{"wrong status", func(c *cases.Case) cases.Change {
			ch := claim(c, senior)
			ch.ExpectStatus = cases.StatusAnswered
			return ch
		}, cases.ECONFLICT},
		{"involved person", func(c *cases.Case) cases.Change { return claim(c, agent) }, cases.ECONFLICT},
		{"involved team", func(c *cases.Case) cases.Change {
			ch := claim(c, other)
			ch.NotTeam = agent.Team
			return ch
		}, cases.ECONFLICT},
		{"missing case", func(c *cases.Case) cases.Change {
			ch := claim(c, senior)
			ch.Case.ID = "C-2026-0404"
			return ch
		}, cases.ENOTFOUND},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := mongotest.MustStore(t)
			c := MustEscalated(t, s)
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

func TestApplyIndependenceAllows(t *testing.T) {
	tests := []struct {
		name string
		edit func(*cases.Change)
	}{
		{"person not involved", func(*cases.Change) {}},
		{"team not involved", func(ch *cases.Change) { ch.NotTeam = senior.Team }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := mongotest.MustStore(t)
			ch := claim(MustEscalated(t, s), senior)
			tt.edit(&ch)
			got, err := s.Apply(context.Background(), ch)
			if err != nil || got.Reviewer != senior || got.Version != ch.Case.Version {
				t.Fatalf("Apply = reviewer %v version %v, %v; want %v, %d", got.Reviewer, got.Version, err, senior, ch.Case.Version)
			}
		})
	}
}

// TestConcurrentClaim has 50 seniors claim the same case at once, five of
// whom were involved in it: exactly one uninvolved senior wins.
func TestConcurrentClaim(t *testing.T) {
	s := mongotest.MustStore(t)
	c := fullCase("C-2026-0042")
	crowd := make([]cases.Person, 50)
	involved := map[string]bool{}
	for i := range crowd {
		crowd[i] = cases.Person{Key: fmt.Sprintf("slack:USENIOR%02d", i), Name: fmt.Sprintf("Senior %d", i), Team: "review"}
		if i%10 == 0 {
			involved[crowd[i].Key] = true
			c.Involved = append(c.Involved, cases.Involvement{Person: crowd[i], Tier: cases.TierFrontline, How: cases.ActionNote, At: day(2)})
		}
	}
	MustCreate(t, s, c)

	// The involved seniors alone, so nobody beats them to it: all refused.
	claimAll(t, s, c, crowd, func(p cases.Person) bool { return involved[p.Key] })
	diffCase(t, MustGet(t, s, c.ID), c)

	winners := claimAll(t, s, c, crowd, func(cases.Person) bool { return true })
	if len(winners) != 1 || involved[winners[0].Key] {
		t.Fatalf("winners %v, want one uninvolved senior", winners)
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
