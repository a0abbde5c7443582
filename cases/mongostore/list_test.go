package mongostore_test

import (
	"context"
	"slices"
	"testing"

	"github.com/ombud/ombud/cases"
	"github.com/ombud/ombud/cases/calendar"
	"github.com/ombud/ombud/cases/mongostore/mongotest"
)

// listCase returns a case with the given status, assignee and reviewer,
// received days after t0, and one deadline due after dueDays that is still
// pending when pending is set.
func listCase(id string, st cases.Status, assignee, reviewer cases.Person, received, dueDays int, pending bool) *cases.Case {
	c := minimalCase(id)
	c.Status, c.Assignee, c.Reviewer, c.ReceivedAt = st, assignee, reviewer, day(received)
	d := cases.Deadline{Kind: cases.DeadlineAnswer, Unit: calendar.UnitBusinessDays, Start: day(received), Due: day(dueDays)}
	if !pending {
		d.Met = day(received + 1)
	}
	c.Deadlines = []cases.Deadline{d}
	return c
}

func TestList(t *testing.T) {
	s := mongotest.MustStore(t)
	other := cases.Person{Key: "discord:42", Name: "Oli Other", Team: "frontline"}
	colleague := cases.Person{Key: "slack:UCOLLEAGUE", Name: "Cal Colleague", Team: "frontline"}
	all := []*cases.Case{
		listCase("C-2026-0001", cases.StatusOpen, agent, cases.Person{}, 0, 10, true),
		listCase("C-2026-0002", cases.StatusEscalated, colleague, senior, 1, 5, true),
		listCase("C-2026-0003", cases.StatusClosed, agent, cases.Person{}, 2, 8, false),
		listCase("C-2026-0004", cases.StatusAcknowledged, other, cases.Person{}, 3, 20, true),
	}
	for _, c := range all {
		MustCreate(t, s, c)
	}
	tests := []struct {
		name string
		q    cases.Query
		want []string // case numbers, in order
	}{
		{"everything, earliest due first, undated last", cases.Query{}, []string{"0002", "0001", "0004", "0003"}},
		{"statuses", cases.Query{Statuses: []cases.Status{cases.StatusOpen, cases.StatusEscalated}}, []string{"0002", "0001"}},
		{"person as assignee", cases.Query{Person: agent.Key}, []string{"0001", "0003"}},
		{"person as reviewer", cases.Query{Person: senior.Key}, []string{"0002"}},
		{"person with nothing", cases.Query{Person: "slack:UNOBODY"}, nil},
		{"due before, inclusive", cases.Query{DueBefore: day(10)}, []string{"0002", "0001"}},
		{"due before skips met deadlines", cases.Query{DueBefore: day(9)}, []string{"0002"}},
		{"received from", cases.Query{ReceivedFrom: day(1)}, []string{"0002", "0004", "0003"}},
		{"received to, exclusive", cases.Query{ReceivedTo: day(2)}, []string{"0002", "0001"}},
		{"received range", cases.Query{ReceivedFrom: day(1), ReceivedTo: day(3)}, []string{"0002", "0003"}},
		{"limit", cases.Query{Limit: 3}, []string{"0002", "0001", "0004"}},
		{"combined", cases.Query{Statuses: []cases.Status{cases.StatusOpen, cases.StatusClosed}, Person: agent.Key,
			DueBefore: day(30)}, []string{"0001"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := s.List(context.Background(), tt.q)
			if err != nil {
				t.Fatal(err)
			}
			var ids []string
			for _, c := range got {
				ids = append(ids, c.ID[len("C-2026-"):])
			}
			if !slices.Equal(ids, tt.want) {
				t.Errorf("List = %v, want %v", ids, tt.want)
			}
		})
	}
	t.Run("returns whole cases", func(t *testing.T) {
		got, err := s.List(context.Background(), cases.Query{Person: senior.Key})
		if err != nil || len(got) != 1 {
			t.Fatalf("List = %v, %v", got, err)
		}
		diffCase(t, got[0], all[1])
	})
}

// TestListAfterApply checks that Apply keeps the query fields in step: the
// reviewer and the next deadline it clears stop matching.
func TestListAfterApply(t *testing.T) {
	s := mongotest.MustStore(t)
	ctx := context.Background()
	c := listCase("C-2026-0001", cases.StatusReviewing, agent, senior, 0, 5, true)
	MustCreate(t, s, c)
	next := c.Clone()
	next.Status, next.Reviewer, next.Version = cases.StatusReviewed, cases.Person{}, c.Version+1
	next.Deadlines[0].Met = day(4)
	ev := cases.Event{At: day(4), Actor: senior, Tier: cases.TierReview, Action: cases.ActionReview, Status: next.Status}
	if _, err := s.Apply(ctx, cases.Change{Case: next, Event: ev, ExpectVersion: c.Version, ExpectStatus: c.Status}); err != nil {
		t.Fatal(err)
	}
	for _, q := range []cases.Query{{Person: senior.Key}, {DueBefore: day(100)}} {
		if got, err := s.List(ctx, q); err != nil || len(got) != 0 {
			t.Errorf("List(%+v) = %d cases, %v; want none", q, len(got), err)
		}
	}
}
