package cases_test

import (
	"testing"
	"time"

	"github.com/ombud/ombud/cases"
)

// dated returns actor taking their next step as of the RFC 3339 time when.
func dated(tb testing.TB, actor cases.Actor, when string) cases.Actor {
	tb.Helper()
	actor.At = at(tb, when)
	return actor
}

// last returns the latest entry of c's timeline.
func last(c *cases.Case) cases.Event { return c.Timeline[len(c.Timeline)-1] }

// TestDatedSteps records the frontline's steps after the fact: each is dated
// when it happened, remembers when it was entered, and its deadlines count
// from when it happened.
func TestDatedSteps(t *testing.T) {
	t.Parallel()
	ok := okFor(t)
	svc, _ := MustOwnService(t, "2026-03-04T11:00:00Z", nil)
	c := MustOpen(t, svc, "2026-03-02T09:00:00Z")
	if e := c.Timeline[0]; !e.At.Equal(c.ReceivedAt) || !e.Entered.Equal(at(t, "2026-03-04T11:00:00Z")) {
		t.Errorf("opening dated %s, entered %s; want the receipt, entered now", e.At, e.Entered)
	}

	c = ok(svc.Acknowledge(ctx, dated(t, ann, "2026-03-02T10:00:00Z"), c.ID, "by phone"))
	if d, _ := c.Deadline(cases.DeadlineAcknowledge); !d.Met.Equal(at(t, "2026-03-02T10:00:00Z")) {
		t.Errorf("acknowledgement met %s, want when it was given", d.Met)
	}
	if e := last(c); !e.At.Equal(at(t, "2026-03-02T10:00:00Z")) || !e.Entered.Equal(at(t, "2026-03-04T11:00:00Z")) {
		t.Errorf("timeline entry dated %s, entered %s", e.At, e.Entered)
	}
	if in := c.Involved[len(c.Involved)-1]; !in.At.Equal(at(t, "2026-03-02T10:00:00Z")) {
		t.Errorf("involvement dated %s, want when it happened", in.At)
	}

	c = ok(svc.Update(ctx, dated(t, ann, "2026-03-02T11:00:00Z"), c.ID, "told them we are on it"))
	wantTime(t, "next update", due(t, c, cases.DeadlineUpdate), "2026-03-09T16:00:00Z") // from now: Wed 11 Mar

	c = ok(svc.Answer(ctx, dated(t, ann, "2026-03-02T15:00:00Z"), c.ID, "renewed it"))
	wantTime(t, "escalation window", due(t, c, cases.DeadlineEscalationWindow), "2026-03-30T23:59:59Z")
	if d, _ := c.Deadline(cases.DeadlineAnswer); !d.Met.Equal(at(t, "2026-03-02T15:00:00Z")) {
		t.Errorf("answer met %s, want when it was sent", d.Met)
	}
	if !c.UpdatedAt.Equal(at(t, "2026-03-04T11:00:00Z")) {
		t.Errorf("updated %s, want when it was entered", c.UpdatedAt)
	}
}

// TestDatedEscalationInTime: a letter that asked for the review on the
// window's last day is in time, though it is entered the day after.
func TestDatedEscalationInTime(t *testing.T) {
	t.Parallel()
	ok := okFor(t)
	svc, clk := MustOwnService(t, "2026-03-02T15:00:00Z", nil)
	c := MustOpen(t, svc, "2026-03-02T09:00:00Z")
	ok(svc.Answer(ctx, ann, c.ID, "renewed it")) // the window closes at the end of Mon 30 Mar
	clk.Set(at(t, "2026-03-31T10:00:00Z"))
	in := cases.EscalationInput{Reason: "unhappy", Expects: "a refund"}
	_, err := svc.Escalate(ctx, ann, c.ID, in)
	wantRefused(t, err, cases.ECONFLICT, "closed on Mon 30 Mar")
	_, err = svc.Escalate(ctx, dated(t, ann, "2026-03-31T00:00:00Z"), c.ID, in)
	wantRefused(t, err, cases.ECONFLICT, "closed on Mon 30 Mar")
	c = ok(svc.Escalate(ctx, dated(t, ann, "2026-03-30T23:59:59Z"), c.ID, in))
	wantTime(t, "review", due(t, c, cases.DeadlineReview), "2026-04-13T16:00:00Z")
	if got := c.Escalations[0].At; !got.Equal(at(t, "2026-03-30T23:59:59Z")) {
		t.Errorf("escalation recorded at %s, want when the letter came", got)
	}
}

// TestDatedOrder: a step cannot be dated before the case's previous step,
// nor before the complaint came in, nor in the future beyond the clocks'
// skew; a note is no step, so a step may be dated before one.
func TestDatedOrder(t *testing.T) {
	t.Parallel()
	ok := okFor(t)
	svc, _ := MustOwnService(t, "2026-03-04T11:00:00Z", nil)
	c := MustOpen(t, svc, "2026-03-02T09:00:00Z")
	_, err := svc.Acknowledge(ctx, dated(t, ann, "2026-03-02T08:59:59Z"), c.ID, "")
	wantRefused(t, err, cases.EINVALID, "cannot be dated Mon 2 Mar 2026 08:59 UTC", "previous step, open", "Mon 2 Mar 2026 09:00 UTC")
	ok(svc.Note(ctx, ann, c.ID, "called the customer yesterday"))
	ok(svc.Acknowledge(ctx, dated(t, ann, "2026-03-02T09:00:00Z"), c.ID, "")) // the moment it came in
	ok(svc.Update(ctx, dated(t, ann, "2026-03-03T12:00:00Z"), c.ID, "on it"))
	_, err = svc.Answer(ctx, dated(t, ann, "2026-03-03T11:59:59Z"), c.ID, "renewed")
	wantRefused(t, err, cases.EINVALID, "previous step, update", "Tue 3 Mar 2026 12:00 UTC")

	_, err = svc.Answer(ctx, dated(t, ann, "2026-03-04T11:05:01Z"), c.ID, "renewed")
	wantRefused(t, err, cases.EINVALID, "in the future")
	c = ok(svc.Answer(ctx, dated(t, ann, "2026-03-04T11:05:00Z"), c.ID, "renewed")) // within the skew: now
	if e := last(c); !e.At.Equal(at(t, "2026-03-04T11:00:00Z")) || !e.Entered.IsZero() {
		t.Errorf("a step dated within the skew is dated %s, entered %s; want now, and no separate entry time", e.At, e.Entered)
	}
}

// TestUndatedSteps: the steps that are recorded when they are entered
// refuse a time, and say so.
func TestUndatedSteps(t *testing.T) {
	t.Parallel()
	svc, _ := MustOwnService(t, "2026-03-04T11:00:00Z", nil)
	c := MustOpen(t, svc, "2026-03-02T09:00:00Z")
	before := dated(t, ann, "2026-03-03T09:00:00Z")
	_, err := svc.Note(ctx, before, c.ID, "noted")
	wantRefused(t, err, cases.EINVALID, "note is recorded when it is entered, so it cannot be dated earlier")
	_, err = svc.Pause(ctx, before, c.ID, "waiting")
	wantRefused(t, err, cases.EINVALID, "pause is recorded when it is entered")
	_, err = svc.Extend(ctx, before, c.ID, 2, "busy")
	wantRefused(t, err, cases.EINVALID, "extend is recorded when it is entered")
	if got := okFor(t)(svc.Get(ctx, c.ID)); got.Version != c.Version {
		t.Errorf("a refused step changed the case: version %d, want %d", got.Version, c.Version)
	}
}

// TestDatedResolveEndsThePause: resolving a paused case as of an earlier
// moment ends the pause then, and the deadlines are met then.
func TestDatedResolveEndsThePause(t *testing.T) {
	t.Parallel()
	ok := okFor(t)
	svc, clk := MustOwnService(t, "2026-03-02T10:00:00Z", nil)
	c := MustOpen(t, svc, "2026-03-02T09:00:00Z")
	ok(svc.Pause(ctx, ann, c.ID, "waiting for the customer"))
	clk.Set(at(t, "2026-03-06T10:00:00Z"))
	c = ok(svc.Resolve(ctx, dated(t, ann, "2026-03-03T10:00:00Z"), c.ID,
		cases.ResolveInput{Outcome: cases.OutcomeUpheld, Summary: "renewed", RootCause: "expired card"}))
	if p := c.Pauses[0]; !p.To.Equal(at(t, "2026-03-03T10:00:00Z")) {
		t.Errorf("pause ended %s, want when the case was resolved", p.To)
	}
	if !c.Resolution.At.Equal(at(t, "2026-03-03T10:00:00Z")) {
		t.Errorf("resolved %s", c.Resolution.At)
	}
	for _, d := range c.Deadlines {
		if !d.Met.Equal(at(t, "2026-03-03T10:00:00Z")) {
			t.Errorf("%s met %s, want when the case was resolved", d.Kind, d.Met)
		}
	}
}

// TestDatedNotBeforeReopen: a step of the new run of the procedure cannot be
// dated into the run before it, where independence was already decided.
func TestDatedNotBeforeReopen(t *testing.T) {
	t.Parallel()
	ok := okFor(t)
	svc, clk := MustOwnService(t, "2026-03-02T10:00:00Z", nil)
	c := MustOpen(t, svc, "2026-03-02T09:00:00Z")
	ok(svc.Resolve(ctx, ann, c.ID, cases.ResolveInput{Outcome: cases.OutcomeUpheld, Summary: "renewed", RootCause: "card"}))
	clk.Set(at(t, "2026-03-05T10:00:00Z"))
	ok(svc.Reopen(ctx, sam, c.ID, "it lapsed again"))
	clk.Advance(time.Hour)
	_, err := svc.Acknowledge(ctx, dated(t, ann, "2026-03-05T09:59:00Z"), c.ID, "")
	wantRefused(t, err, cases.EINVALID, "previous step, reopen")
}

// TestDatedAnswerUnderSignOff: an answer a senior signs off before it is
// sent cannot have gone out earlier.
func TestDatedAnswerUnderSignOff(t *testing.T) {
	t.Parallel()
	svc, _ := MustService(t, "registrar-vn", "2026-03-03T10:00:00+07:00")
	c := okFor(t)(svc.Open(ctx, ann, cases.OpenInput{Description: "Domain not renewed", Channel: cases.ChannelEmail,
		ReceivedAt: at(t, "2026-03-02T09:00:00+07:00")}))
	_, err := svc.Answer(ctx, dated(t, ann, "2026-03-02T15:00:00+07:00"), c.ID, "renewed")
	wantRefused(t, err, cases.EINVALID, "sign off the answer", "cannot have gone out earlier")
}
