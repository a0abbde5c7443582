package cases_test

import (
	"testing"
	"time"

	"github.com/ombud/ombud/cases"
	"github.com/ombud/ombud/cases/casetest"
)

// noUpdates leaves out the progress updates, so that only the deadlines a
// test is about can be breached.
func noUpdates(p *cases.Policy) { p.Deadlines.Update = cases.Deadlines{}.Update }

// answerOnly returns a service on the tests' own policy whose only
// deadline of the team's is the first answer, so that the tests about it
// see no other breach, and its clock.
func answerOnly(t *testing.T) (*cases.Service, *casetest.Clock) {
	t.Helper()
	return MustOwnService(t, "2026-03-02T10:00:00Z", func(p *cases.Policy) {
		noUpdates(p)
		p.Deadlines.Acknowledge = cases.Deadlines{}.Acknowledge
	})
}

// breaches returns the number of breaches the summary of March 2026 counts.
func breaches(t *testing.T, svc *cases.Service) int {
	t.Helper()
	s, err := svc.Summary(ctx, maria, march(t, "Z"))
	if err != nil {
		t.Fatal(err)
	}
	return s.Breaches
}

// TestExtendOverdueKeepsBreach: extending a deadline already missed keeps
// the miss on record as a breach, and an extension that would still leave
// the answer overdue is refused.
func TestExtendOverdueKeepsBreach(t *testing.T) {
	t.Parallel()
	ok := okFor(t)
	svc, clk := answerOnly(t)
	c := MustOpen(t, svc, "2026-03-02T09:00:00Z") // answer due Mon 16 Mar 16:00
	clk.Set(at(t, "2026-03-17T10:00:00Z"))
	c = ok(svc.Extend(ctx, ann, c.ID, 5, "waiting for the registry"))
	wantTime(t, "extended answer", due(t, c, cases.DeadlineAnswer), "2026-03-23T16:00:00Z")
	if got := breaches(t, svc); got != 1 {
		t.Errorf("breaches after extending a missed answer = %d, want 1", got)
	}
	var missed []cases.Deadline
	for _, d := range c.Deadlines {
		if d.Kind == cases.DeadlineAnswer && !d.Pending() {
			missed = append(missed, d)
		}
	}
	if len(missed) != 1 || !missed[0].Due.Equal(at(t, "2026-03-16T16:00:00Z")) || !missed[0].Met.Equal(at(t, "2026-03-17T10:00:00Z")) {
		t.Errorf("the missed answer deadline on record: %+v", missed)
	}
	clk.Set(at(t, "2026-03-26T10:00:00Z"))
	_, err := svc.Extend(ctx, ann, c.ID, 2, "still waiting")
	wantRefused(t, err, cases.EINVALID, "would move the answer to Wed 25 Mar 2026 16:00 UTC, which has passed; extend by at least 3")
	clk.Set(at(t, "2026-03-25T16:00:00Z")) // exactly when an extension by 2 falls due: not yet past
	c = ok(svc.Extend(ctx, ann, c.ID, 2, "still waiting"))
	wantTime(t, "extended again", due(t, c, cases.DeadlineAnswer), "2026-03-25T16:00:00Z")
	// The summary counts each case once (issue 9); the case's figures keep
	// both misses.
	if got := breaches(t, svc); got != 1 || c.Figures.Late != 2 {
		t.Errorf("after a second missed answer deadline: %d breaches, %d deadlines met late; want 1 case, 2 deadlines", got, c.Figures.Late)
	}
}

// TestNoCapNoExtension: a policy that sets no answer_cap does not let the
// first answer be extended at all.
func TestNoCapNoExtension(t *testing.T) {
	t.Parallel()
	svc, _ := MustOwnService(t, "2026-03-02T10:00:00Z", func(p *cases.Policy) { p.Deadlines.AnswerCap = cases.Deadlines{}.AnswerCap })
	c := MustOpen(t, svc, "2026-03-02T09:00:00Z")
	_, err := svc.Extend(ctx, ann, c.ID, 1, "need a day")
	wantRefused(t, err, cases.ECONFLICT, "policy own does not let the first answer be extended", "due Mon 16 Mar 2026 16:00 UTC")
}

// TestPauseIsExact: a pause moves each pending deadline by the business time
// it lasted, to the minute, and leaves the cap where it is, so no deadline
// moves past it, unless the policy says pauses move the cap too.
func TestPauseIsExact(t *testing.T) {
	t.Parallel()
	ok := okFor(t)
	svc, clk := MustOwnService(t, "2026-03-03T10:00:00Z", nil)
	c := MustOpen(t, svc, "2026-03-02T09:00:00Z") // answer due Mon 16 Mar 16:00, cap Mon 30 Mar 16:00
	ok(svc.Pause(ctx, ann, c.ID, "waiting for the invoice number"))
	clk.Set(at(t, "2026-03-03T12:00:00Z")) // two business hours
	c = ok(svc.Resume(ctx, ann, c.ID))
	wantTime(t, "acknowledge", due(t, c, cases.DeadlineAcknowledge), "2026-03-05T10:00:00Z")
	wantTime(t, "answer", due(t, c, cases.DeadlineAnswer), "2026-03-17T10:00:00Z")
	a, _ := c.Deadline(cases.DeadlineAnswer)
	wantTime(t, "cap", a.Cap, "2026-03-30T16:00:00Z")

	long := func(svc *cases.Service, clk interface{ Set(time.Time) }) *cases.Case {
		clk.Set(at(t, "2026-03-03T10:00:00Z"))
		c := MustOpen(t, svc, "2026-03-02T09:00:00Z")
		ok(svc.Pause(ctx, ann, c.ID, "waiting for the customer"))
		clk.Set(at(t, "2026-03-20T10:00:00Z")) // 13 business days
		return ok(svc.Resume(ctx, ann, c.ID))
	}
	c = long(svc, clk)
	wantTime(t, "answer after a long pause, held at the cap", due(t, c, cases.DeadlineAnswer), "2026-03-30T16:00:00Z")
	a, _ = c.Deadline(cases.DeadlineAnswer)
	wantTime(t, "cap after a long pause", a.Cap, "2026-03-30T16:00:00Z")

	moving, movingClk := MustOwnService(t, "2026-03-03T10:00:00Z", func(p *cases.Policy) { p.Deadlines.PauseMovesCap = true })
	c = long(moving, movingClk)
	wantTime(t, "answer after a long pause that moves the cap", due(t, c, cases.DeadlineAnswer), "2026-04-02T16:00:00Z")
	a, _ = c.Deadline(cases.DeadlineAnswer)
	wantTime(t, "moved cap", a.Cap, "2026-04-16T16:00:00Z")
}

// TestPausedCaseHasNoBreaches: while a case is paused, nothing falls due, so
// a deadline that passes during the pause is no breach, in the summary as in
// show and list; one missed before the pause still is. Resolving a paused
// case does not turn the deadlines that passed during the pause into
// breaches either.
func TestPausedCaseHasNoBreaches(t *testing.T) {
	t.Parallel()
	ok := okFor(t)
	svc, clk := MustOwnService(t, "2026-03-02T10:00:00Z", noUpdates)
	paused := MustOpen(t, svc, "2026-03-02T09:00:00Z") // acknowledge due Wed 4 Mar 16:00
	ok(svc.Pause(ctx, ann, paused.ID, "waiting for the customer"))
	clk.Set(at(t, "2026-03-04T16:00:00Z")) // paused the moment it falls due: nothing was left, so it stays due then
	atDue := MustOpen(t, svc, "2026-03-02T09:00:00Z")
	ok(svc.Pause(ctx, ann, atDue.ID, "waiting for the customer"))
	clk.Set(at(t, "2026-03-05T10:00:00Z"))
	late := MustOpen(t, svc, "2026-03-02T09:00:00Z")
	ok(svc.Pause(ctx, ann, late.ID, "waiting for the customer"))
	clk.Set(at(t, "2026-03-09T10:00:00Z"))
	if got := breaches(t, svc); got != 2 {
		t.Errorf("breaches while paused = %d, want 2 (the acknowledgements not made before the pause)", got)
	}
	if got := ok(svc.Get(ctx, late.ID)).NextDue(); !got.Equal(at(t, "2026-03-04T16:00:00Z")) {
		t.Errorf("next due of a case paused after a miss = %s, want the missed deadline", got)
	}
	if got := ok(svc.Get(ctx, paused.ID)).NextDue(); !got.IsZero() {
		t.Errorf("next due of a case paused in time = %s, want none", got)
	}
	ok(svc.Resolve(ctx, ann, paused.ID, cases.ResolveInput{Outcome: cases.OutcomeWithdrawn, Summary: "the customer withdrew"}))
	if got := breaches(t, svc); got != 2 {
		t.Errorf("breaches after resolving the case paused in time = %d, want 2", got)
	}
}

// TestReceivedRange: a complaint may be recorded as received up to two years
// before now and up to five minutes after, for clocks that are a little off;
// anything else is refused with what to do.
func TestReceivedRange(t *testing.T) {
	t.Parallel()
	svc, _ := MustOwnService(t, "2026-03-02T10:00:00Z", nil)
	open := func(received string) error {
		_, err := svc.Open(ctx, ann, cases.OpenInput{Description: "d", ReceivedAt: at(t, received)})
		return err
	}
	for _, ok := range []string{"2024-03-02T10:00:00Z", "2026-03-02T10:05:00Z"} {
		if err := open(ok); err != nil {
			t.Errorf("received %s: %v", ok, err)
		}
	}
	wantRefused(t, open("2024-03-02T09:59:59Z"), cases.EINVALID, "more than 2 years ago", "no earlier than 2 Mar 2024")
	wantRefused(t, open("0001-01-01T00:00:01Z"), cases.EINVALID, "more than 2 years ago")
	wantRefused(t, open("2026-03-02T10:05:01Z"), cases.EINVALID, "is in the future")
}

// TestDueTimeIsNotOverdue holds the boundary of Overdue: a deadline is met
// at its due time and missed a second later, for the list's overdue cases,
// the register and extend alike. Extending exactly at the due time records
// no breach; a second later it keeps one.
func TestDueTimeIsNotOverdue(t *testing.T) {
	t.Parallel()
	ok := okFor(t)
	svc, clk := answerOnly(t)
	onTime, late := MustOpen(t, svc, "2026-03-02T09:00:00Z"), MustOpen(t, svc, "2026-03-02T09:00:00Z")
	answerDue := at(t, "2026-03-16T16:00:00Z")
	d, _ := onTime.Deadline(cases.DeadlineAnswer)
	if !d.Due.Equal(answerDue) {
		t.Fatalf("answer due %s, want %s", d.Due, answerDue)
	}
	if onTime.Overdue(*d, answerDue) || !onTime.Overdue(*d, answerDue.Add(time.Second)) {
		t.Errorf("Overdue at the due time %v, a second later %v; want false, true",
			onTime.Overdue(*d, answerDue), onTime.Overdue(*d, answerDue.Add(time.Second)))
	}
	clk.Set(answerDue)
	ok(svc.Extend(ctx, ann, onTime.ID, 2, "waiting for the registry"))
	if got := breaches(t, svc); got != 0 {
		t.Errorf("breaches after extending at the due time = %d, want 0", got)
	}
	clk.Set(answerDue.Add(time.Second))
	ok(svc.Extend(ctx, ann, late.ID, 2, "waiting for the registry"))
	if got := breaches(t, svc); got != 1 {
		t.Errorf("breaches after extending a second past the due time = %d, want 1", got)
	}
}
