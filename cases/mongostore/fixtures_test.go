package mongostore_test

import (
	"context"
	"os"
	"reflect"
	"testing"
	"time"

	"github.com/ombud/ombud/cases"
	"github.com/ombud/ombud/cases/calendar"
	"github.com/ombud/ombud/cases/mongostore"
	"github.com/ombud/ombud/cases/mongostore/mongotest"
)

// TestMain runs the tests against the server named by
// OMBUD_TEST_MONGODB_URI or, when it is unset, one embedded FerretDB.
func TestMain(m *testing.M) { os.Exit(mongotest.Main(m)) }

// t0 is the fixed time the fixtures are built around. Stored times keep
// milliseconds, so the fixtures use no finer precision.
var t0 = time.Date(2026, 3, 2, 9, 30, 0, 125e6, time.UTC)

var (
	agent    = cases.Person{Key: "slack:UAGENT", Name: "Ada Agent", Team: "frontline"}
	senior   = cases.Person{Key: "slack:USENIOR", Name: "Sam Senior", Team: "review"}
	reviewer = cases.Person{Key: "slack:UOLD", Name: "Old Reviewer", Team: "review"}
)

// day returns t0 plus n days.
func day(n int) time.Time { return t0.AddDate(0, 0, n) }

// fullCase returns a case with every field set, answered and escalated to
// the review tier.
func fullCase(id string) *cases.Case {
	return &cases.Case{
		ID: id, Policy: "uk-fca", Kind: cases.KindComplaint,
		Complainant: cases.Complainant{Name: "Pat Customer", Contact: "pat@example.com", Account: "ACC-1"},
		Subject:     "Card declined", Description: "Declined twice abroad.",
		Channel: cases.ChannelEmail, Category: "cards", Priority: cases.PriorityHigh, Queue: "complaints",
		ReceivedAt: t0, CreatedAt: t0.Add(time.Minute), UpdatedAt: day(5),
		Status: cases.StatusEscalated, ResumeTo: cases.StatusAcknowledged, Tier: cases.TierReview,
		Assignee: agent, Reviewer: reviewer,
		Involved: []cases.Involvement{
			{Person: agent, Tier: cases.TierFrontline, How: cases.ActionAcknowledge, At: day(1)},
			{Person: agent, Tier: cases.TierFrontline, How: cases.ActionAnswer, At: day(3)},
		},
		Deadlines: []cases.Deadline{
			{Kind: cases.DeadlineAcknowledge, Unit: calendar.UnitBusinessDays, Start: t0, Due: day(3), Warn: day(2), Met: day(1)},
			{Kind: cases.DeadlineAnswer, Unit: calendar.UnitBusinessDays, Start: t0, Due: day(56), Warn: day(50),
				Cap: day(70), Met: day(3)},
			{Kind: cases.DeadlineReview, Unit: calendar.UnitBusinessDays, Start: day(4), Due: day(14), Warn: day(12)},
		},
		Extensions: []cases.Extension{{Deadline: cases.DeadlineAnswer, Days: 5, Reason: "awaiting statement",
			From: day(51), To: day(56), By: senior, At: day(2)}},
		Pauses: []cases.Pause{
			{Reason: "waiting for receipts", From: day(1), To: day(2), By: agent},
			{Reason: "still waiting", From: day(4), By: agent},
		},
		Escalations: []cases.Escalation{{Tier: cases.TierReview, Reason: "not satisfied", Expects: "refund",
			Via: cases.ChannelPost, From: cases.Complainant{Name: "Pat", Contact: "pat@example.org", Account: "ACC-2"},
			Subject: "card 4711", By: agent, At: day(4)}},
		Referrals: []cases.Referral{{To: cases.TeamPerson("cards"), Reason: "card rules", Tier: cases.TierFrontline, By: agent, At: day(2)}},
		Draft:     cases.Draft{Text: "we refund the fee", By: agent, At: day(2)},
		Resolution: cases.Resolution{Outcome: cases.OutcomePartly, Summary: "fee refunded", RootCause: "fraud rule",
			Remedy: "refund", Lessons: "tune rule", ExternalBodies: []string{"FOS"}, Spot: true, At: day(3)},
		Timeline: []cases.Event{
			{At: t0, Actor: agent, Tier: cases.TierFrontline, Action: cases.ActionOpen, Status: cases.StatusOpen, Text: "opened"},
			{At: day(4), Actor: agent, Tier: cases.TierReview, Action: cases.ActionEscalate, Status: cases.StatusEscalated},
		},
		Version: 7,
	}
}

// finalCase returns fullCase moved on to the final tier, where it waits for
// a senior to claim it, after reviewer answered the review.
func finalCase(id string) *cases.Case {
	c := fullCase(id)
	c.Status, c.Tier = cases.StatusFinalRequested, cases.TierFinal
	c.Involved = append(c.Involved, cases.Involvement{Person: reviewer, Tier: cases.TierReview, How: cases.ActionReview, At: day(5)})
	return c
}

// minimalCase returns a new open case with nothing but what intake sets.
func minimalCase(id string) *cases.Case {
	return &cases.Case{ID: id, Policy: "uk-fca", Kind: cases.KindFeedback, Subject: "Nice app",
		ReceivedAt: t0, CreatedAt: t0, UpdatedAt: t0, Status: cases.StatusOpen, Tier: cases.TierFrontline, Version: 1}
}

// MustCreate stores c and fails the test if it cannot.
func MustCreate(tb testing.TB, s *mongostore.Store, c *cases.Case) {
	tb.Helper()
	if err := s.Create(context.Background(), c); err != nil {
		tb.Fatalf("create %s: %v", c.ID, err)
	}
}

// MustGet reads the case id and fails the test if it cannot.
func MustGet(tb testing.TB, s *mongostore.Store, id string) *cases.Case {
	tb.Helper()
	c, err := s.Get(context.Background(), id)
	if err != nil {
		tb.Fatalf("get %s: %v", id, err)
	}
	return c
}

// wantCode fails the test unless err carries the error code.
func wantCode(tb testing.TB, err error, code string) {
	tb.Helper()
	if got := cases.ErrorCode(err); got != code {
		tb.Fatalf("error %v has code %q, want %q", err, got, code)
	}
}

// diffCase fails the test unless got equals want, naming the first field
// that differs.
func diffCase(tb testing.TB, got, want *cases.Case) {
	tb.Helper()
	g, w := reflect.ValueOf(got).Elem(), reflect.ValueOf(want).Elem()
	for i := range g.NumField() {
		if !reflect.DeepEqual(g.Field(i).Interface(), w.Field(i).Interface()) {
			tb.Errorf("%s:\n got %+v\nwant %+v", g.Type().Field(i).Name, g.Field(i).Interface(), w.Field(i).Interface())
		}
	}
}
