package storetest

import (
	"context"
	"slices"
	"testing"

	"github.com/ombud/ombud/cases"
	"github.com/ombud/ombud/cases/calendar"
)

// ListCase returns a case with the given status, assignee and reviewer,
// received days after T0, and one deadline due dueDays after T0 that is
// still pending when pending is set.
func ListCase(id string, st cases.Status, assignee, reviewer cases.Person, received, dueDays int, pending bool) *cases.Case {
	c := MinimalCase(id)
	c.Status, c.Assignee, c.Reviewer, c.ReceivedAt = st, assignee, reviewer, Day(received)
	d := cases.Deadline{Kind: cases.DeadlineAnswer, Unit: calendar.UnitBusinessDays, Start: Day(received), Due: Day(dueDays)}
	if !pending {
		d.Met = Day(received + 1)
	}
	c.Deadlines = []cases.Deadline{d}
	return c
}

// listed are the cases the list and count tests store.
func listed() []*cases.Case {
	other := cases.Person{Key: "discord:42", Name: "Oli Other", Team: "frontline"}
	paused := ListCase("C-2026-0005", cases.StatusPaused, other, cases.Person{}, 4, 1, true)
	paused.ResumeTo = cases.StatusOpen
	return []*cases.Case{
		ListCase("C-2026-0001", cases.StatusOpen, Agent, cases.Person{}, 0, 10, true),
		ListCase("C-2026-0002", cases.StatusEscalated, colleague, Senior, 1, 5, true),
		ListCase("C-2026-0003", cases.StatusClosed, Agent, cases.Person{}, 2, 8, false),
		ListCase("C-2026-0004", cases.StatusAcknowledged, other, cases.Person{}, 3, 20, true),
		// Paused: its clocks are stopped, so it has no next deadline.
		paused,
	}
}

// queries are what the list and count tests ask, with the case numbers
// List returns, in order; Count returns as many, whatever the limit.
var queries = []struct {
	name  string
	q     cases.Query
	want  []string
	count int
}{
	{"everything, earliest due first, undated last", cases.Query{}, []string{"0002", "0001", "0004", "0003", "0005"}, 5},
	{"statuses", cases.Query{Statuses: []cases.Status{cases.StatusOpen, cases.StatusEscalated}}, []string{"0002", "0001"}, 2},
	{"one status", cases.Query{Statuses: []cases.Status{cases.StatusPaused}}, []string{"0005"}, 1},
	{"person as assignee", cases.Query{Person: Agent.Key}, []string{"0001", "0003"}, 2},
	{"person as reviewer", cases.Query{Person: Senior.Key}, []string{"0002"}, 1},
	{"person with nothing", cases.Query{Person: "slack:UNOBODY"}, nil, 0},
	{"due before, inclusive", cases.Query{DueBefore: Day(10)}, []string{"0002", "0001"}, 2},
	{"due before skips met deadlines and paused cases", cases.Query{DueBefore: Day(9)}, []string{"0002"}, 1},
	{"received from, inclusive", cases.Query{ReceivedFrom: Day(1)}, []string{"0002", "0004", "0003", "0005"}, 4},
	{"received to, exclusive", cases.Query{ReceivedTo: Day(2)}, []string{"0002", "0001"}, 2},
	{"received range", cases.Query{ReceivedFrom: Day(1), ReceivedTo: Day(3)}, []string{"0002", "0003"}, 2},
	{"limit", cases.Query{Limit: 3}, []string{"0002", "0001", "0004"}, 5},
	{"limit past the end", cases.Query{Limit: 9}, []string{"0002", "0001", "0004", "0003", "0005"}, 5},
	{"combined", cases.Query{Statuses: []cases.Status{cases.StatusOpen, cases.StatusClosed}, Person: Agent.Key,
		DueBefore: Day(30)}, []string{"0001"}, 1},
	{"combined with a limit", cases.Query{Statuses: []cases.Status{cases.StatusOpen, cases.StatusClosed}, Person: Agent.Key,
		Limit: 1}, []string{"0001"}, 2},
}

// mustListed returns a store holding listed.
func mustListed(t *testing.T, open Open) (cases.Store, []*cases.Case) {
	s := open(t)
	all := listed()
	for _, c := range all {
		MustCreate(t, s, c)
	}
	return s, all
}

func testList(t *testing.T, open Open) {
	s, all := mustListed(t, open)
	for _, tt := range queries {
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
		got, err := s.List(context.Background(), cases.Query{Person: Senior.Key})
		if err != nil || len(got) != 1 {
			t.Fatalf("List = %v, %v", got, err)
		}
		DiffCase(t, got[0], all[1])
	})
}

func testCount(t *testing.T, open Open) {
	s, _ := mustListed(t, open)
	for _, tt := range queries {
		t.Run(tt.name, func(t *testing.T) {
			if got, err := s.Count(context.Background(), tt.q); err != nil || got != tt.count {
				t.Errorf("Count = %d, %v; want %d", got, err, tt.count)
			}
		})
	}
}

// testListAfterApply checks that Apply keeps the query fields in step: the
// reviewer and the next deadline it clears stop matching, the status it
// sets starts to.
func testListAfterApply(t *testing.T, open Open) {
	s := open(t)
	ctx := context.Background()
	c := ListCase("C-2026-0001", cases.StatusReviewing, Agent, Senior, 0, 5, true)
	MustCreate(t, s, c)
	next := c.Clone()
	next.Status, next.Reviewer, next.Version = cases.StatusReviewed, cases.Person{}, c.Version+1
	next.Deadlines[0].Met = Day(4)
	ev := cases.Event{At: Day(4), Actor: Senior, Tier: cases.TierReview, Action: cases.ActionReview, Status: next.Status}
	MustApply(t, s, cases.Change{Case: next, Event: ev, ExpectVersion: c.Version, ExpectStatus: c.Status})
	for _, q := range []cases.Query{{Person: Senior.Key}, {DueBefore: Day(100)}, {Statuses: []cases.Status{cases.StatusReviewing}}} {
		if got, err := s.List(ctx, q); err != nil || len(got) != 0 {
			t.Errorf("List(%+v) = %d cases, %v; want none", q, len(got), err)
		}
		if n, err := s.Count(ctx, q); err != nil || n != 0 {
			t.Errorf("Count(%+v) = %d, %v; want 0", q, n, err)
		}
	}
	if n, err := s.Count(ctx, cases.Query{Statuses: []cases.Status{cases.StatusReviewed}}); err != nil || n != 1 {
		t.Errorf("Count(reviewed) = %d, %v; want 1", n, err)
	}
}
