package storetest

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/ombud/ombud/cases"
	"github.com/ombud/ombud/cases/calendar"
)

// T0 is the fixed time the fixtures are built around. Stores keep
// milliseconds, so the fixtures use no finer precision.
var T0 = time.Date(2026, 3, 2, 9, 30, 0, 125e6, time.UTC)

// People the fixtures use: Agent took part at the frontline of FullCase,
// Reviewer also at the review tier of FinalCase; Senior has taken no part.
var (
	Agent    = cases.Person{Key: "slack:UAGENT", Name: "Ada Agent", Team: "frontline"}
	Senior   = cases.Person{Key: "slack:USENIOR", Name: "Sam Senior", Team: "review"}
	Reviewer = cases.Person{Key: "slack:UOLD", Name: "Old Reviewer", Team: "review"}
)

// Day returns T0 plus n days.
func Day(n int) time.Time { return T0.AddDate(0, 0, n) }

// FullCase returns a case with every field set, answered and escalated to
// the review tier.
func FullCase(id string) *cases.Case {
	return &cases.Case{
		ID: id, Policy: "uk-fca", PolicyRef: "sha256:0123", Kind: cases.KindComplaint,
		Complainant: cases.Complainant{Name: "Pat Customer", Contact: "pat@example.com", Account: "ACC-1"},
		Subject:     "Card declined", Description: "Declined twice abroad.",
		Channel: cases.ChannelEmail, Category: "cards", Priority: cases.PriorityHigh, Queue: "complaints",
		ReceivedAt: T0, CreatedAt: T0.Add(time.Minute), UpdatedAt: Day(5),
		Status: cases.StatusEscalated, ResumeTo: cases.StatusAcknowledged, Tier: cases.TierReview,
		Assignee: Agent, Reviewer: Reviewer,
		Involved: []cases.Involvement{
			{Person: Agent, Tier: cases.TierFrontline, How: cases.ActionAcknowledge, At: Day(1)},
			{Person: Agent, Tier: cases.TierFrontline, How: cases.ActionAnswer, At: Day(3)},
		},
		Deadlines: []cases.Deadline{
			{Kind: cases.DeadlineAcknowledge, Unit: calendar.UnitBusinessDays, Start: T0, Due: Day(3), Warn: Day(2), Met: Day(1)},
			{Kind: cases.DeadlineAnswer, Unit: calendar.UnitBusinessDays, Start: T0, Due: Day(56), Warn: Day(50),
				Cap: Day(70), Met: Day(3)},
			{Kind: cases.DeadlineReview, Unit: calendar.UnitBusinessDays, Start: Day(4), Due: Day(14), Warn: Day(12)},
		},
		Extensions: []cases.Extension{{Deadline: cases.DeadlineAnswer, Days: 5, Reason: "awaiting statement",
			From: Day(51), To: Day(56), By: Senior, At: Day(2)}},
		Pauses: []cases.Pause{
			{Reason: "waiting for receipts", From: Day(1), To: Day(2), By: Agent},
			{Reason: "still waiting", From: Day(4), By: Agent},
		},
		Escalations: []cases.Escalation{{Tier: cases.TierReview, Reason: "not satisfied", Expects: "refund",
			Via: cases.ChannelPost, From: cases.Complainant{Name: "Pat", Contact: "pat@example.org", Account: "ACC-2"},
			Subject: "card 4711", By: Agent, At: Day(4)}},
		Referrals: []cases.Referral{{To: cases.TeamPerson("cards"), Reason: "card rules", Tier: cases.TierFrontline, By: Agent, At: Day(2)}},
		Draft:     cases.Draft{Text: "we refund the fee", By: Agent, At: Day(2)},
		Resolution: cases.Resolution{Outcome: cases.OutcomePartly, Summary: "fee refunded", RootCause: "fraud rule",
			Remedy: "refund", Lessons: "tune rule", ExternalBodies: []string{"FOS"}, Spot: true, At: Day(3)},
		Timeline: []cases.Event{
			{At: T0, Actor: Agent, Tier: cases.TierFrontline, Action: cases.ActionOpen, Status: cases.StatusOpen, Text: "opened"},
			{At: Day(4), Actor: Agent, Tier: cases.TierReview, Action: cases.ActionEscalate, Status: cases.StatusEscalated,
				Entered: Day(4).Add(90 * time.Minute)},
		},
		Origin:   cases.Origin{Platform: "slack", ChannelID: "CSUPPORT"},
		Notified: []string{"warn|acknowledge|2026-03-04T09:30:00.125Z", "claim|2|2026-03-06T09:30:00.125Z|1|slack:USENIOR"},
		Wake:     Day(13),
		Notices: []cases.Notice{
			Notice("v7-header", Day(4)),
			{ID: "claim|2|x|2", Kind: cases.NoticeClaimPing, To: cases.ToEscalations, Platform: "slack", Event: 1, Tier: cases.TierReview,
				Deadline: cases.DeadlineReview, Due: Day(14), Who: Senior, Created: Day(5), Attempts: 2, NextTry: Day(5).Add(time.Minute)},
		},
		Threads: map[string]string{"slack": "CSUPPORT/1700000000.000001", "discord": "1/2/3"},
		Figures: cases.Figures{ReceivedDay: "2026-03-02", ReceivedWeek: "2026-W10", Agent: "Ada Agent", Reviewer: "Old Reviewer",
			TierReached: cases.TierReview, Answers: 1, Late: 1,
			Acknowledge:   cases.Step{State: cases.StepOnTime, At: Day(1), Days: 0.875},
			Answer:        cases.Step{State: cases.StepLate, At: Day(3), Days: 2.5},
			ObligationDue: Day(14), ObligationKind: cases.DeadlineReview, RootCause: "fraud rule", Lessons: "tune rule"},
		Version: 7,
	}
}

// Notice returns a header notice with the ID id, written and to be tried at
// at, for the thread on Slack.
func Notice(id string, at time.Time) cases.Notice {
	return cases.Notice{ID: id, Kind: cases.NoticeHeader, To: cases.ToThread, Platform: "slack", Created: at, NextTry: at}
}

// FinalCase returns FullCase moved on to the final tier, where it waits for
// a senior to claim it, after Reviewer answered the review.
func FinalCase(id string) *cases.Case {
	c := FullCase(id)
	c.Status, c.Tier = cases.StatusFinalRequested, cases.TierFinal
	c.Involved = append(c.Involved, cases.Involvement{Person: Reviewer, Tier: cases.TierReview, How: cases.ActionReview, At: Day(5)})
	return c
}

// MinimalCase returns a new open case with nothing but what intake sets.
func MinimalCase(id string) *cases.Case {
	return &cases.Case{ID: id, Policy: "uk-fca", Kind: cases.KindFeedback, Subject: "Nice app",
		ReceivedAt: T0, CreatedAt: T0, UpdatedAt: T0, Status: cases.StatusOpen, Tier: cases.TierFrontline, Version: 1}
}

// Claim returns the change by which by claims the review of c, a case
// waiting for a senior at its tier, with c's version and status as the
// precondition and, as the domain sends it, by at no earlier tier.
func Claim(c *cases.Case, by cases.Person) cases.Change {
	next := c.Clone()
	next.Status = cases.StatusReviewing
	if c.Tier == cases.TierFinal {
		next.Status = cases.StatusFinalReviewing
	}
	next.Reviewer, next.Version, next.UpdatedAt = by, c.Version+1, Day(6)
	next.Involved = append(next.Involved, cases.Involvement{Person: by, Tier: c.Tier, How: cases.ActionClaim, At: Day(6)})
	next.Timeline = nil // ignored by Apply
	return cases.Change{
		Case:          next,
		Event:         cases.Event{At: Day(6), Actor: by, Tier: c.Tier, Action: cases.ActionClaim, Status: next.Status},
		ExpectVersion: c.Version,
		ExpectStatus:  c.Status,
		NotInvolved:   earlier(c, by.Key),
	}
}

// Note returns the change by which by notes text on c: its version moves
// on, its status stays.
func Note(c *cases.Case, by cases.Person, text string, at time.Time) cases.Change {
	next := c.Clone()
	next.Version, next.UpdatedAt, next.Timeline = c.Version+1, at, nil
	return cases.Change{
		Case:          next,
		Event:         cases.Event{At: at, Actor: by, Tier: c.Tier, Action: cases.ActionNote, Status: c.Status, Text: text},
		ExpectVersion: c.Version,
		ExpectStatus:  c.Status,
	}
}

// Applied returns the case a store holds after ch was applied to c: ch's
// case, with c's timeline and notices and ch's event and notices after
// them, and c's threads.
func Applied(c *cases.Case, ch cases.Change) *cases.Case {
	want := ch.Case.Clone()
	want.Timeline = c.Clone().Timeline
	if !ch.Event.At.IsZero() {
		want.Timeline = append(want.Timeline, ch.Event)
	}
	want.Notices = append(c.Clone().Notices, ch.Notices...)
	want.Threads = c.Clone().Threads
	return want
}

// earlier returns the involvement keys of who at every tier before c's, one
// per tier, as the domain's independence rule sends them.
func earlier(c *cases.Case, who string) []string {
	var keys []string
	for t := cases.TierFrontline; t < c.Tier; t++ {
		keys = append(keys, cases.InvolvementKey(c.Cycle(), t, who))
	}
	return keys
}

// MustCreate stores c and fails the test if it cannot.
func MustCreate(tb testing.TB, s cases.Store, c *cases.Case) {
	tb.Helper()
	if err := s.Create(context.Background(), c); err != nil {
		tb.Fatalf("create %s: %v", c.ID, err)
	}
}

// MustGet reads the case id and fails the test if it cannot.
func MustGet(tb testing.TB, s cases.Store, id string) *cases.Case {
	tb.Helper()
	c, err := s.Get(context.Background(), id)
	if err != nil {
		tb.Fatalf("get %s: %v", id, err)
	}
	return c
}

// MustApply applies ch and fails the test if it cannot.
func MustApply(tb testing.TB, s cases.Store, ch cases.Change) *cases.Case {
	tb.Helper()
	c, err := s.Apply(context.Background(), ch)
	if err != nil {
		tb.Fatalf("apply to %s: %v", ch.Case.ID, err)
	}
	return c
}

// WantCode fails the test unless err carries the error code.
func WantCode(tb testing.TB, err error, code string) {
	tb.Helper()
	if got := cases.ErrorCode(err); got != code {
		tb.Fatalf("error %v has code %q, want %q", err, got, code)
	}
}

// DiffCase fails the test unless got equals want, naming each field that
// differs.
func DiffCase(tb testing.TB, got, want *cases.Case) {
	tb.Helper()
	if got == nil || want == nil {
		if got != want {
			tb.Errorf("got case %v, want %v", got, want)
		}
		return
	}
	g, w := reflect.ValueOf(got).Elem(), reflect.ValueOf(want).Elem()
	for i := range g.NumField() {
		if !reflect.DeepEqual(g.Field(i).Interface(), w.Field(i).Interface()) {
			tb.Errorf("%s:\n got %+v\nwant %+v", g.Type().Field(i).Name, g.Field(i).Interface(), w.Field(i).Interface())
		}
	}
}
