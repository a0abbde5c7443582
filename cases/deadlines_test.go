package cases_test

import (
	"testing"

	"github.com/ombud/ombud/cases"
)

// TestExtend extends the answer deadline up to the policy's cap, and is
// refused past it with how much is left.
func TestExtend(t *testing.T) {
	t.Parallel()
	ok := okFor(t)
	svc, _ := MustService(t, "standard", "2026-03-02T10:00:00Z")
	c := MustOpen(t, svc, "2026-03-02T09:00:00Z") // answer due Mon 16 Mar, cap Mon 30 Mar
	c = ok(svc.Extend(ctx, ann, c.ID, 6, "waiting for the registry"))
	wantTime(t, "answer after 6bd", due(t, c, cases.DeadlineAnswer), "2026-03-24T16:00:00Z")
	_, err := svc.Extend(ctx, ann, c.ID, 5, "more time")
	wantRefused(t, err, cases.EINVALID, "past policy standard's limit of Mon 30 Mar 2026 16:00 UTC", "at most 4 more")
	c = ok(svc.Extend(ctx, ann, c.ID, 4, "registry still silent"))
	wantTime(t, "answer at the cap", due(t, c, cases.DeadlineAnswer), "2026-03-30T16:00:00Z")
	_, err = svc.Extend(ctx, ann, c.ID, 1, "one more day")
	wantRefused(t, err, cases.EINVALID, "at most 0 more")
	if len(c.Extensions) != 2 || c.Extensions[1].Reason != "registry still silent" {
		t.Errorf("extensions recorded: %+v", c.Extensions)
	}
	_, err = svc.Extend(ctx, ann, c.ID, 0, "none")
	wantRefused(t, err, cases.EINVALID, "extend by 1 to 60 business days")

	vn, _ := MustService(t, "registrar-vn", "2026-03-02T10:00:00+07:00")
	v := MustOpen(t, vn, "2026-03-02T09:00:00+07:00") // 5bd: Mon 9 Mar; never beyond 20 days: 22 Mar 09:00
	_, err = vn.Extend(ctx, ann, v.ID, 11, "complex")
	wantRefused(t, err, cases.EINVALID, "past policy registrar-vn's limit")
	v = ok(vn.Extend(ctx, ann, v.ID, 9, "complex")) // Fri 20 Mar 16:00, inside the 20 days
	wantTime(t, "registrar-vn answer", due(t, v, cases.DeadlineAnswer), "2026-03-20T16:00:00+07:00")
}

// TestPauseResume checks that a pause stops the clocks: on resume every
// pending deadline moves by the business time the pause lasted, and the
// answer's cap stays.
func TestPauseResume(t *testing.T) {
	t.Parallel()
	ok := okFor(t)
	svc, clk := MustService(t, "standard", "2026-03-02T10:00:00Z")
	c := MustOpen(t, svc, "2026-03-02T09:00:00Z")
	clk.Set(at(t, "2026-03-03T10:00:00Z"))
	c = ok(svc.Pause(ctx, ann, c.ID, "waiting for the customer's invoice number"))
	if c.Status != cases.StatusPaused || c.ResumeTo != cases.StatusOpen {
		t.Fatalf("paused: %s, resumes to %s", c.Status, c.ResumeTo)
	}
	_, err := svc.Answer(ctx, ann, c.ID, "too early")
	wantRefused(t, err, cases.ECONFLICT, "is paused", "resume")
	clk.Set(at(t, "2026-03-05T11:00:00Z")) // two business days and an hour lost
	c = ok(svc.Resume(ctx, ann, c.ID))
	if c.Status != cases.StatusOpen || c.Pauses[0].To.IsZero() {
		t.Fatalf("resumed: %s, pause %+v", c.Status, c.Pauses[0])
	}
	wantTime(t, "acknowledge", due(t, c, cases.DeadlineAcknowledge), "2026-03-09T09:00:00Z")
	wantTime(t, "answer", due(t, c, cases.DeadlineAnswer), "2026-03-19T09:00:00Z")
	wantTime(t, "update", due(t, c, cases.DeadlineUpdate), "2026-03-12T09:00:00Z")
	a, _ := c.Deadline(cases.DeadlineAnswer)
	wantTime(t, "cap", a.Cap, "2026-03-30T16:00:00Z")
}

// TestWindowLapse checks the escalation window: escalating after it closed is
// refused, ombud closes the case, and a senior can reopen it.
func TestWindowLapse(t *testing.T) {
	t.Parallel()
	ok := okFor(t)
	svc, clk := MustService(t, "standard", "2026-03-03T11:00:00Z")
	c := MustOpen(t, svc, "2026-03-02T09:00:00Z")
	c = ok(svc.Answer(ctx, ann, c.ID, "answered")) // window closes at the end of Tue 31 Mar
	clk.Set(at(t, "2026-03-31T23:59:59Z"))
	_, err := svc.Lapse(ctx, c.ID)
	wantRefused(t, err, cases.ECONFLICT, "no window that has lapsed")
	clk.Set(at(t, "2026-04-01T00:00:00Z"))
	_, err = svc.Escalate(ctx, ann, c.ID, cases.EscalationInput{Reason: "late", Expects: "x"})
	wantRefused(t, err, cases.ECONFLICT, "closed on Tue 31 Mar 2026 23:59 UTC")
	c = ok(svc.Lapse(ctx, c.ID))
	if last := c.Timeline[len(c.Timeline)-1]; c.Status != cases.StatusClosed || last.Actor.Key != cases.System.Key {
		t.Fatalf("lapsed: %s by %s", c.Status, last.Actor.Key)
	}
	_, err = svc.Reopen(ctx, ann, c.ID, "customer wrote back")
	wantRefused(t, err, cases.EFORBIDDEN, "only a senior can reopen")
	c = ok(svc.Reopen(ctx, sam, c.ID, "customer wrote back with new facts"))
	if c.Status != cases.StatusOpen || c.Tier != cases.TierFrontline {
		t.Fatalf("reopened: %s tier %d", c.Status, c.Tier)
	}
	wantTime(t, "new answer", due(t, c, cases.DeadlineAnswer), "2026-04-15T16:00:00Z") // 10 bd from Wed 1 Apr
}
