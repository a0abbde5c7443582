package cases_test

import (
	"testing"

	"github.com/ombud/ombud/cases"
	"github.com/ombud/ombud/cases/casetest"
	"github.com/ombud/ombud/cases/sqlitestore/sqlitetest"
)

// The standard policy counts in UTC, open 08:00 to 16:00: a complaint
// received on Monday 2 March 2026 at 09:00 is to be acknowledged by
// Wednesday 4 March 16:00 and answered by Monday 16 March 16:00.
const (
	received = "2026-03-02T09:00:00Z"
	ackDue   = "2026-03-04T16:00:00Z"
)

// wantStep checks a step's state and business days.
func wantStep(tb testing.TB, what string, got cases.Step, state cases.StepState, days float64) {
	tb.Helper()
	if got.State != state || got.Days != days {
		tb.Errorf("%s = %s after %v business days, want %s after %v", what, got.State, got.Days, state, days)
	}
}

// TestFiguresStepDoneAtItsDueTime: a step done exactly when it falls due is
// on time, and a second later it is late.
func TestFiguresStepDoneAtItsDueTime(t *testing.T) {
	t.Parallel()
	ok := okFor(t)
	svc, clk := MustService(t, "standard", received)
	onTime, late := MustOpen(t, svc, received), MustOpen(t, svc, received)
	if f := onTime.Figures; f.Acknowledge.State != cases.StepPending || !f.Acknowledge.Due.Equal(at(t, ackDue)) || f.ReceivedDay != "2026-03-02" || f.ReceivedWeek != "2026-W10" {
		t.Fatalf("opened: %+v", f)
	}
	clk.Set(at(t, ackDue))
	c := ok(svc.Acknowledge(ctx, ann, onTime.ID, ""))
	wantStep(t, "acknowledged at the due time", c.Figures.Acknowledge, cases.StepOnTime, 2.875) // 7h + 8h + 8h
	wantStep(t, "not yet answered", c.Figures.Answer, cases.StepPending, 0)
	if c.Figures.Late != 0 {
		t.Errorf("late %d after acknowledging at the due time, want 0", c.Figures.Late)
	}
	clk.Set(at(t, ackDue).Add(1e6)) // a millisecond late, which the store keeps
	c = ok(svc.Acknowledge(ctx, ann, late.ID, ""))
	wantStep(t, "acknowledged a millisecond late", c.Figures.Acknowledge, cases.StepLate, 2.875)
	if c.Figures.Late != 1 || !c.Figures.ObligationDue.Equal(at(t, "2026-03-09T16:00:00Z")) || c.Figures.ObligationKind != cases.DeadlineUpdate {
		t.Errorf("late %d, next obligation %s %v; want 1, update 9 Mar 16:00", c.Figures.Late, c.Figures.ObligationKind, c.Figures.ObligationDue)
	}
}

// TestFiguresResolvedOnTheSpot: resolving at the frontline acknowledges and
// answers the case, and closes it.
func TestFiguresResolvedOnTheSpot(t *testing.T) {
	t.Parallel()
	ok := okFor(t)
	svc, clk := MustService(t, "standard", received)
	c := MustOpen(t, svc, received)
	clk.Set(at(t, "2026-03-02T13:00:00Z"))
	c = ok(svc.Resolve(ctx, ann, c.ID, cases.ResolveInput{Outcome: cases.OutcomeUpheld, Summary: "refunded", RootCause: "  Double   BILLING ", Lessons: "check the run"}))
	f := c.Figures
	wantStep(t, "acknowledged", f.Acknowledge, cases.StepOnTime, 0.5)
	wantStep(t, "answered", f.Answer, cases.StepOnTime, 0.5)
	if f.Answers != 1 || f.ClosedDay != "2026-03-02" || !f.ClosedAt.Equal(at(t, "2026-03-02T13:00:00Z")) || f.RootCause != "double billing" || f.Lessons != "check the run" {
		t.Errorf("figures = %+v", f)
	}
	if !f.ObligationDue.IsZero() {
		t.Errorf("a closed case has an obligation due %v", f.ObligationDue)
	}
	c = ok(svc.Reopen(ctx, sam, c.ID, "the refund bounced"))
	if f := c.Figures; !f.ClosedAt.IsZero() || f.ClosedDay != "" || f.Answer.State != cases.StepPending || f.Acknowledge.State != cases.StepOnTime {
		t.Errorf("reopened: %+v", f)
	}
}

// TestFiguresWithdrawn: a step the customer withdrew before it fell due
// is moot, and stays moot when the case is reopened; a withdrawal after
// the due time leaves the step late.
func TestFiguresWithdrawn(t *testing.T) {
	t.Parallel()
	ok := okFor(t)
	svc, clk := MustService(t, "standard", received)
	early, after := MustOpen(t, svc, received), MustOpen(t, svc, received)
	withdraw := cases.ResolveInput{Outcome: cases.OutcomeWithdrawn, Summary: "customer withdrew"}
	clk.Set(at(t, "2026-03-03T09:00:00Z"))
	c := ok(svc.Resolve(ctx, ann, early.ID, withdraw))
	if f := c.Figures; f.Acknowledge.State != cases.StepMoot || f.Answer.State != cases.StepMoot || f.Acknowledge.Done() || f.Answers != 0 || f.Late != 0 {
		t.Errorf("withdrawn early: %+v", f)
	}
	c = ok(svc.Reopen(ctx, sam, early.ID, "customer changed their mind"))
	if f := c.Figures; f.Acknowledge.State != cases.StepMoot || f.Answer.State != cases.StepPending {
		t.Errorf("reopened: acknowledge %s, answer %s; want moot, pending", f.Acknowledge.State, f.Answer.State)
	}
	clk.Set(at(t, "2026-03-05T09:00:00Z"))
	c = ok(svc.Resolve(ctx, ann, after.ID, withdraw))
	if f := c.Figures; f.Acknowledge.State != cases.StepLate || f.Answer.State != cases.StepMoot || f.Late != 1 {
		t.Errorf("withdrawn after the acknowledge deadline: %+v", f)
	}
}

// TestFiguresPaused: a paused case has nothing due, so nothing overdue;
// paused time does not count towards the time a step took.
func TestFiguresPaused(t *testing.T) {
	t.Parallel()
	ok := okFor(t)
	svc, clk := MustService(t, "standard", received)
	c := MustOpen(t, svc, received)
	clk.Set(at(t, "2026-03-02T10:00:00Z"))
	c = ok(svc.Pause(ctx, ann, c.ID, "waiting for the invoice"))
	if f := c.Figures; !f.Acknowledge.Due.IsZero() || !f.ObligationDue.IsZero() || f.Acknowledge.State != cases.StepPending {
		t.Errorf("paused: %+v", f)
	}
	clk.Set(at(t, "2026-03-03T10:00:00Z")) // a whole business day later
	c = ok(svc.Resume(ctx, ann, c.ID))
	if f := c.Figures; !f.Acknowledge.Due.Equal(at(t, "2026-03-05T16:00:00Z")) {
		t.Errorf("resumed: acknowledge due %v, want 5 Mar 16:00", f.Acknowledge.Due)
	}
	clk.Set(at(t, "2026-03-03T12:00:00Z"))
	c = ok(svc.Acknowledge(ctx, ann, c.ID, ""))
	wantStep(t, "acknowledged", c.Figures.Acknowledge, cases.StepOnTime, 0.375) // 1h before the pause, 2h after
}

// TestRefigureAll works out the figures of cases stored without them, as
// an ombud from before figures kept them, and gets what the service kept on
// every change.
func TestRefigureAll(t *testing.T) {
	t.Parallel()
	p := MustPolicy(t, "standard")
	store := sqlitetest.MustStore(t)
	clk := casetest.NewClock(at(t, "2026-03-31T12:00:00Z"))
	svc, err := cases.NewService(cases.Config{Store: store, Policy: p, Now: clk.Now})
	if err != nil {
		t.Fatal(err)
	}
	fx := &fixture{t: t, svc: svc, set: func(s string) {}, ids: map[string]string{}}
	fx.open("C1", ann, "03-02T09:00", cases.KindComplaint, cases.ChannelEmail)
	fx.open("C2", ann, "03-03T09:00", cases.KindAbuse, cases.ChannelPhone)
	okFor(t)(svc.Acknowledge(ctx, ann, fx.ids["C1"], ""))
	okFor(t)(svc.Resolve(ctx, ann, fx.ids["C2"], cases.ResolveInput{Outcome: cases.OutcomeWithdrawn, Summary: "withdrew"}))
	kept := map[string]cases.Figures{}
	for _, id := range fx.ids {
		c, err := svc.Get(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		kept[id] = c.Figures
		if err := store.PutFigures(ctx, id, c.Version, cases.Figures{}); err != nil { // as an earlier ombud stored it
			t.Fatal(err)
		}
	}
	done, unknown, err := svc.RefigureAll(ctx)
	if err != nil || done != 2 || unknown != 0 {
		t.Fatalf("RefigureAll = %d, %d, %v; want 2, 0", done, unknown, err)
	}
	for id, want := range kept {
		if c, _ := svc.Get(ctx, id); c.Figures != want {
			t.Errorf("%s: refigured %+v, kept %+v", id, c.Figures, want)
		}
	}
	if done, _, err := svc.RefigureAll(ctx); done != 0 || err != nil {
		t.Errorf("a second RefigureAll = %d, %v; want nothing to do", done, err)
	}
}

// TestRefigure works out a stored case's figures afresh and gets what the
// service kept on every change.
func TestRefigure(t *testing.T) {
	t.Parallel()
	fx := MustFixture(t)
	for name, id := range fx.ids {
		c, err := fx.svc.Get(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		kept := c.Figures
		c.Figures = cases.Figures{}
		if err := fx.svc.Refigure(c); err != nil {
			t.Fatal(err)
		}
		if c.Figures != kept {
			t.Errorf("%s: refigured %+v, kept %+v", name, c.Figures, kept)
		}
	}
}

// TestRefigureFollowsTheCasePolicy works a case's figures out under the
// policy it was opened under, not a later policy of the same name: here
// the later one moved the desk to Hanoi, where 20:00 UTC is the next day.
func TestRefigureFollowsTheCasePolicy(t *testing.T) {
	t.Parallel()
	store := sqlitetest.MustStore(t)
	before, _ := MustServiceOn(t, store, ownPolicy(nil), "2026-03-02T21:00:00Z")
	c := MustOpen(t, before, "2026-03-02T20:00:00Z")
	hanoi := ownPolicy(func(p *cases.Policy) { p.Calendar.Zone = "Asia/Ho_Chi_Minh" })
	after, _ := MustServiceOn(t, store, hanoi, "2026-03-02T21:00:00Z")
	c.Figures = cases.Figures{}
	if err := after.Refigure(c); err != nil {
		t.Fatal(err)
	}
	if c.Figures.ReceivedDay != "2026-03-02" {
		t.Errorf("received on %s, want 2026-03-02 in the zone of the policy the case was opened under", c.Figures.ReceivedDay)
	}
}
