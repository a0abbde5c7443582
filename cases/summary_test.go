package cases_test

import (
	"context"
	"reflect"
	"testing"

	"github.com/ombud/ombud/cases"
	"github.com/ombud/ombud/cases/sqlitestore/sqlitetest"
)

// march is March 2026 in the zone offset zone ("Z", "+01:00").
func march(tb testing.TB, zone string) cases.SummaryQuery {
	return cases.SummaryQuery{From: at(tb, "2026-03-01T00:00:00"+zone), To: at(tb, "2026-04-01T00:00:00"+zone)}
}

// MustSummary returns maria's summary of q.
func MustSummary(tb testing.TB, svc *cases.Service, q cases.SummaryQuery) *cases.Summary {
	tb.Helper()
	s, err := svc.Summary(ctx, maria, q)
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

// fixture is a set of cases under the standard policy (UTC, open 08:00 to
// 16:00; acknowledge in 2 business days, answer in 10, an update every 5,
// review and final answer in 10), built by the steps below in time order,
// and hand-counted in TestSummaryFixture.
type fixture struct {
	t   *testing.T
	svc *cases.Service
	set func(string)
	ids map[string]string // fixture name to case ID
}

// MustFixture builds the fixture, leaving the clock at Tue 31 Mar 12:00.
func MustFixture(t *testing.T) *fixture {
	t.Helper()
	svc, clk := MustService(t, "standard", "2026-02-27T09:00:00Z")
	fx := &fixture{t: t, svc: svc, set: func(s string) { clk.Set(at(t, "2026-"+s+":00Z")) }, ids: map[string]string{}}
	ok := okFor(t)
	id := func(name string) string { return fx.ids[name] }
	resolve := func(name string, o cases.Outcome, cause, lessons string) {
		ok(svc.Resolve(ctx, ann, id(name), cases.ResolveInput{Outcome: o, Summary: "done", RootCause: cause, Lessons: lessons}))
	}
	escalate := func(name string) {
		ok(svc.Escalate(ctx, ann, id(name), cases.EscalationInput{Reason: "not satisfied", Expects: "a refund"}))
	}
	fx.open("C9", ann, "02-27T09:00", cases.KindComplaint, cases.ChannelPost) // received before the period, closed in it
	fx.set("03-02T09:00")
	fx.open("C1", ann, "03-02T09:00", cases.KindComplaint, cases.ChannelEmail)
	fx.open("C2", ann, "03-02T09:00", cases.KindComplaint, cases.ChannelPhone)
	fx.open("C12", ann, "03-02T09:00", cases.KindComplaint, cases.ChannelPhone)
	fx.set("03-02T10:00")
	resolve("C9", cases.OutcomeUpheld, "billing", "")
	fx.set("03-02T13:00")
	resolve("C1", cases.OutcomeUpheld, "Double billing", "check the billing run") // on the spot
	fx.set("03-03T09:00")
	fx.open("C3", ann, "03-03T09:00", cases.KindAbuse, cases.ChannelChat)
	fx.set("03-03T10:00")
	ok(svc.Acknowledge(ctx, ann, id("C3"), ""))
	fx.set("03-04T09:00")
	fx.open("C4", ann, "03-04T09:00", cases.KindComplaint, cases.ChannelPost)
	fx.set("03-04T09:30")
	ok(svc.Acknowledge(ctx, ann, id("C4"), ""))
	fx.set("03-04T10:00")
	ok(svc.Extend(ctx, ann, id("C3"), 5, "waiting on the registry")) // answer due 17 Mar moves to 24 Mar
	fx.set("03-04T16:00")
	ok(svc.Acknowledge(ctx, ann, id("C2"), "")) // exactly at its due time
	fx.set("03-05T09:00")
	ok(svc.Answer(ctx, ann, id("C4"), "no"))
	fx.open("C5", ann, "03-05T09:00", cases.KindComplaint, cases.ChannelWeb)
	fx.set("03-05T10:00")
	ok(svc.Acknowledge(ctx, ann, id("C12"), "")) // late, and never answered
	fx.set("03-06T09:00")
	escalate("C4")
	fx.set("03-09T09:00")
	ok(svc.Claim(ctx, sue, id("C4")))
	fx.open("C6", ann, "03-09T09:00", cases.KindComplaint, cases.ChannelEmail)
	fx.set("03-09T10:00")
	ok(svc.Update(ctx, ann, id("C3"), "still waiting"))
	ok(svc.Pause(ctx, ann, id("C6"), "waiting for the invoice"))
	fx.set("03-10T09:00")
	ok(svc.Pause(ctx, ann, id("C5"), "waiting for the contract")) // its acknowledgement was due on 9 Mar: missed before the pause
	fx.open("C10", ann, "03-10T09:00", cases.KindComplaint, cases.ChannelEmail)
	fx.set("03-10T10:00")
	ok(svc.Resume(ctx, ann, id("C6"))) // paused one business day: acknowledge by 12 Mar
	fx.set("03-10T12:00")
	ok(svc.Answer(ctx, ann, id("C10"), "no"))
	fx.set("03-11T09:00")
	ok(svc.Review(ctx, sue, id("C4"), cases.OutcomePartly, "in part"))
	escalate("C10") // never claimed: its review was due on 25 Mar
	fx.set("03-12T09:00")
	ok(svc.RequestFinal(ctx, ann, id("C4"), "still not satisfied"))
	fx.set("03-12T10:00")
	ok(svc.Claim(ctx, sid, id("C4")))
	fx.set("03-16T09:00")
	ok(svc.Decide(ctx, sid, id("C4"), cases.OutcomePartly, "our final position"))
	fx.open("C7", ann, "03-16T09:00", cases.KindComplaint, cases.ChannelPhone)
	fx.open("C13", ann, "03-16T09:00", cases.KindComplaint, cases.ChannelEmail)
	fx.set("03-16T10:00")
	ok(svc.Close(ctx, sid, id("C4"), cases.CloseInput{RootCause: "Registry delay", Remedy: "credit note", Lessons: "tell customers about registry delays"}))
	ok(svc.Update(ctx, ann, id("C3"), "still waiting"))
	fx.set("03-16T11:00")
	resolve("C7", cases.OutcomeWithdrawn, "", "")
	ok(svc.Pause(ctx, ann, id("C13"), "waiting for the customer")) // its deadlines fall due during the pause
	fx.set("03-17T10:00")
	ok(svc.Answer(ctx, ann, id("C2"), "no")) // answer due 16 Mar; its update was due 9 Mar
	fx.set("03-17T11:00")
	resolve("C2", cases.OutcomeRejected, "double  billing ", "")
	fx.set("03-23T10:00")
	ok(svc.Answer(ctx, ann, id("C3"), "sorted")) // after the first due time, before the extended one
	fx.set("03-27T09:00")
	fx.open("C11", ann, "03-27T09:00", cases.KindComplaint, cases.ChannelWeb)
	fx.set("03-27T10:00")
	ok(svc.Answer(ctx, ann, id("C11"), "no"))
	fx.set("03-30T09:00")
	escalate("C11")
	fx.open("C8", bob, "03-30T09:00", cases.KindComplaint, cases.ChannelChat) // nothing due yet
	fx.set("03-30T10:00")
	ok(svc.Claim(ctx, sue, id("C11")))
	fx.set("03-31T12:00")
	return fx
}

// open opens the fixture case name as who, received at received.
func (fx *fixture) open(name string, who cases.Actor, received string, kind cases.Kind, via cases.Channel) {
	fx.t.Helper()
	c, err := fx.svc.Open(ctx, who, cases.OpenInput{Kind: kind, Description: "a complaint", Channel: via,
		ReceivedAt: at(fx.t, "2026-"+received+":00Z"), Complainant: cases.Complainant{Name: "Kari", Contact: "kari@example.no"}})
	if err != nil {
		fx.t.Fatalf("open %s: %v", name, err)
	}
	fx.ids[name] = c.ID
}

// TestSummaryFixture checks every figure of the summary against the
// fixture, counted by hand: every outcome, every tier, a pause, an
// extension, and a step done exactly at its due time.
func TestSummaryFixture(t *testing.T) {
	t.Parallel()
	fx := MustFixture(t)
	s := MustSummary(t, fx.svc, march(t, "Z"))
	check := func(what string, got, want any) {
		t.Helper()
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s = %+v, want %+v", what, got, want)
		}
	}
	check("received, closed, open now", []int{s.Received, s.Closed, s.OpenNow}, []int{12, 5, 8})
	check("by status", s.ByStatus, map[cases.Status]int{cases.StatusClosed: 4, cases.StatusAnswered: 1, cases.StatusPaused: 2,
		cases.StatusOpen: 2, cases.StatusAcknowledged: 1, cases.StatusEscalated: 1, cases.StatusReviewing: 1})
	check("by tier", s.ByTier, map[cases.Tier]int{1: 9, 2: 2, 3: 1})
	// Acknowledged on time: C1, C2 (at its due time), C3, C4, C10, C11; C12
	// late; C6 overdue, and C5, missed before its pause; not C13, whose due
	// time came during its pause, C7, withdrawn first, or C8, not yet due.
	check("acknowledged", s.Acknowledge, cases.Measure{OnTime: 6, Counted: 9, Timed: 7, Median: 0.375, P90: 2.975})
	// Answered on time: C1, C3 (extended), C4, C10, C11; C2 late; C6 and C12
	// overdue.
	check("answered", s.Answer, cases.Measure{OnTime: 5, Counted: 8, Timed: 6, Median: 0.75, P90: 12.625})
	check("breaches", s.Breaches, 5) // C2, C5, C6, C10, C12 (late and overdue, counted once); not C13, paused in time
	check("overdue", s.Overdue, []cases.Overdue{
		{ID: fx.ids["C12"], Kind: cases.DeadlineUpdate, Due: at(t, "2026-03-09T16:00:00Z"), Agent: "Ann"},
		{ID: fx.ids["C5"], Kind: cases.DeadlineAcknowledge, Due: at(t, "2026-03-09T16:00:00Z"), Agent: "Ann"},
		{ID: fx.ids["C6"], Kind: cases.DeadlineAcknowledge, Due: at(t, "2026-03-12T16:00:00Z"), Agent: "Ann"},
		{ID: fx.ids["C10"], Kind: cases.DeadlineReview, Due: at(t, "2026-03-25T16:00:00Z"), Agent: "Ann"},
	})
	check("answered, escalated, reviewed, final", []int{s.Answered, s.Escalated, s.Reviewed, s.FinalReviews}, []int{6, 3, 1, 1})
	check("outcomes", s.Outcomes, map[cases.Outcome]int{cases.OutcomeUpheld: 1, cases.OutcomePartly: 1, cases.OutcomeRejected: 1, cases.OutcomeWithdrawn: 1})
	check("root causes", s.RootCauses, []cases.Count{{Name: "double billing", N: 2}, {Name: "registry delay", N: 1}})
	check("lessons", s.Lessons, []cases.Lesson{
		{ID: fx.ids["C4"], Text: "tell customers about registry delays", ClosedAt: at(t, "2026-03-16T10:00:00Z")},
		{ID: fx.ids["C1"], Text: "check the billing run", ClosedAt: at(t, "2026-03-02T13:00:00Z")},
	})
	check("agent load", s.AgentLoad, []cases.Count{{Name: "Ann", N: 5}, {Name: "Bob", N: 1}})
	check("reviewer load", s.ReviewerLoad, []cases.Count{{Name: "Sue", N: 1}})
	check("unclaimed", s.Unclaimed, 1)
	check("groups", s.Groups, []cases.Group(nil))
}

// TestSummaryByChannel breaks the fixture down by intake channel.
func TestSummaryByChannel(t *testing.T) {
	t.Parallel()
	fx := MustFixture(t)
	q := march(t, "Z")
	q.By = cases.ByChannel
	s := MustSummary(t, fx.svc, q)
	m := func(onTime, counted, timed int, median, p90 float64) cases.Measure {
		return cases.Measure{OnTime: onTime, Counted: counted, Timed: timed, Median: median, P90: p90}
	}
	want := []cases.Group{
		{Value: "email", Received: 4, Closed: 1, Breaches: 2, Acknowledge: m(2, 3, 2, 0.4375, 0.4875), Answer: m(2, 3, 2, 0.4375, 0.4875)},
		{Value: "phone", Received: 3, Closed: 2, Breaches: 2, Acknowledge: m(1, 2, 2, 3, 3.1), Answer: m(0, 2, 1, 11.125, 11.125)},
		{Value: "chat", Received: 2, Closed: 0, Breaches: 0, Acknowledge: m(1, 1, 1, 0.125, 0.125), Answer: m(1, 1, 1, 14.125, 14.125)},
		{Value: "web", Received: 2, Closed: 0, Breaches: 1, Acknowledge: m(1, 2, 1, 0.125, 0.125), Answer: m(1, 1, 1, 0.125, 0.125)},
		{Value: "post", Received: 1, Closed: 2, Breaches: 0, Acknowledge: m(1, 1, 1, 0.0625, 0.0625), Answer: m(1, 1, 1, 1, 1)},
	}
	if !reflect.DeepEqual(s.Groups, want) {
		t.Errorf("groups =\n%+v\nwant\n%+v", s.Groups, want)
	}
	if s.Received != 12 || s.Breaches != 5 {
		t.Errorf("totals with a breakdown: received %d, breaches %d; want 12, 5", s.Received, s.Breaches)
	}
}

// TestTrend counts the fixture per day and per week.
func TestTrend(t *testing.T) {
	t.Parallel()
	fx := MustFixture(t)
	q := march(t, "Z")
	days, err := fx.svc.Trend(ctx, maria, q.From, q.To, true)
	if err != nil {
		t.Fatal(err)
	}
	if len(days) != 31 {
		t.Fatalf("%d daily buckets, want 31", len(days))
	}
	strip := func(b cases.Bucket) cases.Bucket { b.Start = b.Start.UTC(); return b }
	for _, want := range []cases.Bucket{
		{Start: at(t, "2026-03-02T00:00:00Z"), Key: "2026-03-02", Received: 3, Closed: 2, OnTime: 3, Counted: 6},
		{Start: at(t, "2026-03-09T00:00:00Z"), Key: "2026-03-09", Received: 1, Closed: 0, OnTime: 0, Counted: 2},
		{Start: at(t, "2026-03-16T00:00:00Z"), Key: "2026-03-16", Received: 2, Closed: 2, OnTime: 0, Counted: 0},
		{Start: at(t, "2026-03-17T00:00:00Z"), Key: "2026-03-17", Received: 0, Closed: 1, OnTime: 0, Counted: 0},
	} {
		if got := strip(days[want.Start.Day()-1]); got != want {
			t.Errorf("day %s = %+v, want %+v", want.Key, got, want)
		}
	}
	weeks, err := fx.svc.Trend(ctx, maria, q.From, q.To, false)
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, w := range weeks {
		keys = append(keys, w.Key)
	}
	if !reflect.DeepEqual(keys, []string{"2026-W09", "2026-W10", "2026-W11", "2026-W12", "2026-W13", "2026-W14"}) {
		t.Errorf("weeks = %v", keys)
	}
	want := cases.Bucket{Start: at(t, "2026-03-02T00:00:00Z"), Key: "2026-W10", Received: 6, Closed: 2, OnTime: 7, Counted: 11}
	if got := strip(weeks[1]); got != want {
		t.Errorf("week 10 = %+v, want %+v", got, want)
	}
	if _, err := fx.svc.Trend(ctx, ann, q.From, q.To, false); cases.ErrorCode(err) != cases.EFORBIDDEN {
		t.Errorf("an agent's trend: %v, want EFORBIDDEN", err)
	}
}

// TestSummaryWithoutAnswerLimit checks that a policy with no answer limit
// still counts answered cases, so its escalation rate means something.
func TestSummaryWithoutAnswerLimit(t *testing.T) {
	t.Parallel()
	svc, _ := MustService(t, "registrar-no", "2026-03-03T10:00:00+01:00")
	c := escalated(t, svc)
	s := MustSummary(t, svc, march(t, "+01:00"))
	if s.Answered != 1 || s.Escalated != 1 || s.Answer.Counted != 0 || s.Answer.Timed != 1 {
		t.Errorf("%s: answered %d escalated %d answer %+v", c.ID, s.Answered, s.Escalated, s.Answer)
	}
}

// TestSummaryRefusals: only managers, a period that is not empty, and a
// breakdown that exists.
func TestSummaryRefusals(t *testing.T) {
	t.Parallel()
	svc, _ := MustService(t, "standard", "2026-03-03T10:00:00Z")
	_, err := svc.Summary(ctx, sam, march(t, "Z"))
	wantRefused(t, err, cases.EFORBIDDEN, "summaries are for managers, and you are a senior")
	q := march(t, "Z")
	q.To = q.From
	_, err = svc.Summary(ctx, maria, q)
	wantRefused(t, err, cases.EINVALID, "the period is empty")
	q = march(t, "Z")
	q.By = "colour"
	_, err = svc.Summary(ctx, maria, q)
	wantRefused(t, err, cases.EINVALID, `"colour" is not a breakdown; use by:kind, by:category, by:via, by:agent or by:tier`)
}

// earlierOutcomes is a store that tallies outcomes by the names an earlier
// release stored, as a MongoDB holding its cases does.
type earlierOutcomes struct{ cases.Store }

// Tally renames the outcomes it counts to their earlier names.
func (s earlierOutcomes) Tally(ctx context.Context, f cases.FigureFilter, by ...cases.Figure) ([]cases.Tally, error) {
	rows, err := s.Store.Tally(ctx, f, by...)
	for _, r := range rows {
		for i, fig := range by {
			if earlier, ok := map[string]string{"rejected": "not-upheld", "partly": "partly-upheld"}[r.Values[i]]; ok && fig == cases.FigureOutcome {
				r.Values[i] = earlier
			}
		}
	}
	return rows, err
}

// TestSummaryReadsEarlierOutcomes: outcomes a store holds under an earlier
// release's names are counted under today's.
func TestSummaryReadsEarlierOutcomes(t *testing.T) {
	t.Parallel()
	ok := okFor(t)
	svc, _ := MustServiceOn(t, earlierOutcomes{sqlitetest.MustStore(t)}, MustPolicy(t, "standard"), "2026-03-02T10:00:00Z")
	for _, o := range []cases.Outcome{cases.OutcomeRejected, cases.OutcomePartly, cases.OutcomeRejected} {
		c := MustOpen(t, svc, "2026-03-02T09:00:00Z")
		ok(svc.Resolve(ctx, ann, c.ID, cases.ResolveInput{Outcome: o, Summary: "settled", RootCause: "billing"}))
	}
	s := MustSummary(t, svc, march(t, "Z"))
	if want := map[cases.Outcome]int{cases.OutcomeRejected: 2, cases.OutcomePartly: 1}; !reflect.DeepEqual(s.Outcomes, want) {
		t.Errorf("outcomes = %v, want %v", s.Outcomes, want)
	}
}
