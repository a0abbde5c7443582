package cases_test

import (
	"context"
	"strings"
	"testing"

	"github.com/ombud/ombud/cases"
)

var ctx = context.Background()

// TestMainLine works a complaint through every tier of the standard policy,
// checking each status, deadline and the timeline.
func TestMainLine(t *testing.T) {
	t.Parallel()
	ok := okFor(t)
	svc, clk := MustService(t, "standard", "2026-03-02T10:00:00Z")
	c := MustOpen(t, svc, "2026-03-02T09:00:00Z") // a Monday
	if c.ID != "C-2026-0001" || c.Status != cases.StatusOpen || c.Tier != cases.TierFrontline || c.Assignee.Key != ann.Key {
		t.Fatalf("opened %s %s tier %d assignee %q", c.ID, c.Status, c.Tier, c.Assignee.Key)
	}
	wantTime(t, "acknowledge", due(t, c, cases.DeadlineAcknowledge), "2026-03-04T16:00:00Z")
	wantTime(t, "answer", due(t, c, cases.DeadlineAnswer), "2026-03-16T16:00:00Z")
	wantTime(t, "first update", due(t, c, cases.DeadlineUpdate), "2026-03-09T16:00:00Z")
	answer, _ := c.Deadline(cases.DeadlineAnswer)
	wantTime(t, "answer cap", answer.Cap, "2026-03-30T16:00:00Z")

	clk.Set(at(t, "2026-03-03T10:00:00Z"))
	c = ok(svc.Acknowledge(ctx, ann, c.ID, "sent the receipt"))
	if d, _ := c.Deadline(cases.DeadlineAcknowledge); d.Pending() {
		t.Error("acknowledge deadline still pending after ack")
	}
	clk.Set(at(t, "2026-03-03T11:00:00Z"))
	c = ok(svc.Answer(ctx, ann, c.ID, "renewal failed; renewed now"))
	wantTime(t, "escalation window", due(t, c, cases.DeadlineEscalationWindow), "2026-03-31T23:59:59Z")

	clk.Set(at(t, "2026-03-04T09:00:00Z"))
	c = ok(svc.Escalate(ctx, ann, c.ID, cases.EscalationInput{Reason: "lost traffic for a day", Expects: "a refund"}))
	if c.Status != cases.StatusEscalated || c.Tier != cases.TierReview || !c.Reviewer.IsZero() {
		t.Fatalf("escalated: %s tier %d reviewer %q", c.Status, c.Tier, c.Reviewer.Key)
	}
	wantTime(t, "review", due(t, c, cases.DeadlineReview), "2026-03-18T16:00:00Z")

	clk.Set(at(t, "2026-03-04T10:00:00Z"))
	c = ok(svc.Claim(ctx, sam, c.ID))
	clk.Set(at(t, "2026-03-05T10:00:00Z"))
	c = ok(svc.Review(ctx, sam, c.ID, cases.OutcomePartly, "refund of one month"))
	wantTime(t, "final window", due(t, c, cases.DeadlineFinalWindow), "2026-04-02T23:59:59Z")

	clk.Set(at(t, "2026-03-06T09:00:00Z"))
	c = ok(svc.RequestFinal(ctx, ann, c.ID, "wants a full year refunded"))
	wantTime(t, "final", due(t, c, cases.DeadlineFinal), "2026-03-20T16:00:00Z")
	_, err := svc.Claim(ctx, sam, c.ID)
	wantRefused(t, err, cases.EFORBIDDEN, "you claimed this case on 4 Mar")
	c = ok(svc.Claim(ctx, sue, c.ID))
	c = ok(svc.Decide(ctx, sue, c.ID, cases.OutcomePartly, "one month refunded; our position is final"))
	c = ok(svc.Close(ctx, sue, c.ID, cases.CloseInput{RootCause: "expired card not flagged", Lessons: "warn before renewal"}))

	if c.Status != cases.StatusClosed || c.Resolution.Outcome != cases.OutcomePartly || c.Resolution.RootCause == "" {
		t.Errorf("closed case: %s %+v", c.Status, c.Resolution)
	}
	want := []cases.Action{"open", "acknowledge", "answer", "escalate", "claim", "review", "final", "claim", "decide", "close"}
	if len(c.Timeline) != len(want) || c.Version != len(want) {
		t.Fatalf("timeline has %d events, version %d; want %d", len(c.Timeline), c.Version, len(want))
	}
	for i, a := range want {
		if c.Timeline[i].Action != a {
			t.Errorf("event %d is %s, want %s", i, c.Timeline[i].Action, a)
		}
	}
	for _, d := range c.Deadlines {
		if d.Pending() {
			t.Errorf("deadline %s still pending on a closed case", d.Kind)
		}
	}
}

// TestRefusedTransitions checks that an action the lifecycle does not allow
// is refused with a message naming the status and what is possible, and that
// nothing is written.
func TestRefusedTransitions(t *testing.T) {
	t.Parallel()
	ok := okFor(t)
	svc, _ := MustService(t, "standard", "2026-03-02T10:00:00Z")
	c := MustOpen(t, svc, "2026-03-02T09:00:00Z")
	tests := []struct {
		name string
		do   func() (*cases.Case, error)
		says string
	}{
		{"claim an open case", func() (*cases.Case, error) { return svc.Claim(ctx, sam, c.ID) }, "is open, so you cannot claim it now"},
		{"escalate before the answer", func() (*cases.Case, error) {
			return svc.Escalate(ctx, ann, c.ID, cases.EscalationInput{Reason: "r", Expects: "e"})
		}, "cannot escalate"},
		{"review an open case", func() (*cases.Case, error) { return svc.Review(ctx, sam, c.ID, cases.OutcomeUpheld, "x") }, "cannot review"},
		{"decide an open case", func() (*cases.Case, error) { return svc.Decide(ctx, sam, c.ID, cases.OutcomeUpheld, "x") }, "cannot decide"},
		{"resume a running case", func() (*cases.Case, error) { return svc.Resume(ctx, ann, c.ID) }, "cannot resume"},
		{"reopen an open case", func() (*cases.Case, error) { return svc.Reopen(ctx, sam, c.ID, "x") }, "cannot reopen"},
		{"close an open case", func() (*cases.Case, error) { return svc.Close(ctx, sam, c.ID, cases.CloseInput{RootCause: "x"}) }, "cannot close"},
		{"final before a review", func() (*cases.Case, error) { return svc.RequestFinal(ctx, ann, c.ID, "x") }, "cannot final"},
	}
	for _, tt := range tests {
		_, err := tt.do()
		wantRefused(t, err, cases.ECONFLICT, tt.says, "From here you can: acknowledge, answer")
	}
	if got := ok(svc.Get(ctx, c.ID)); got.Version != 1 || len(got.Timeline) != 1 {
		t.Errorf("refusals wrote to the case: version %d, %d events", got.Version, len(got.Timeline))
	}
}

// lifecycle is the expected lifecycle, written out by hand from the issue:
// for each status, every action it allows and the status that follows ("="
// keeps it). Every other action must be refused.
var lifecycle = map[cases.Status]string{
	"open":            "acknowledge>acknowledged answer>answered note update assign extend pause>paused resolve>closed refer draft signoff>answered",
	"acknowledged":    "answer>answered note update assign extend pause>paused resolve>closed refer draft signoff>answered",
	"paused":          "resume>open note assign resolve>closed",
	"answered":        "escalate>escalated resolve>closed note assign lapse>closed",
	"escalated":       "claim>reviewing note resolve>closed acknowledge",
	"reviewing":       "review>reviewed note update assign pause>paused resolve>closed acknowledge refer",
	"reviewed":        "final>final-requested decide>decided note assign resolve>closed lapse>closed",
	"final-requested": "claim>final-reviewing note resolve>closed",
	"final-reviewing": "decide>decided note update assign pause>paused resolve>closed refer",
	"decided":         "close>closed note",
	"closed":          "reopen>open note",
}

// TestLifecycle checks every status against every action: allowed ones
// lead where the table says, refused ones are a TransitionError that names
// the status and the possible actions.
func TestLifecycle(t *testing.T) {
	t.Parallel()
	all := []cases.Action{"acknowledge", "note", "update", "assign", "extend", "pause", "resume", "answer", "resolve",
		"escalate", "claim", "review", "final", "decide", "close", "reopen", "lapse", "refer", "draft", "signoff"}
	for _, s := range cases.Statuses {
		want := map[cases.Action]cases.Status{}
		for _, f := range strings.Fields(lifecycle[s]) {
			action, to, moves := strings.Cut(f, ">")
			if !moves {
				to = string(s)
			}
			want[cases.Action(action)] = cases.Status(to)
		}
		for _, a := range all {
			got, err := cases.Next(&cases.Case{ID: "C-2026-0001", Status: s, ResumeTo: cases.StatusOpen}, a)
			to, allowed := want[a]
			switch {
			case allowed && (err != nil || got != to):
				t.Errorf("%s then %s = %q, %v; want %s", s, a, got, err, to)
			case !allowed && cases.ErrorCode(err) != cases.ECONFLICT:
				t.Errorf("%s then %s: err %v; want a refusal", s, a, err)
			case !allowed && !strings.Contains(cases.ErrorMessage(err), "is "+string(s)+", so you cannot "+string(a)):
				t.Errorf("%s then %s: message %q does not explain", s, a, cases.ErrorMessage(err))
			}
		}
	}
}

// TestRoles checks that the service, not the platform, enforces roles.
func TestRoles(t *testing.T) {
	t.Parallel()
	ok := okFor(t)
	svc, _ := MustService(t, "standard", "2026-03-02T10:00:00Z")
	c := MustOpen(t, svc, "2026-03-02T09:00:00Z")
	ok(svc.Answer(ctx, ann, c.ID, "answered"))
	ok(svc.Escalate(ctx, bob, c.ID, cases.EscalationInput{Reason: "r", Expects: "e"}))
	_, err := svc.Claim(ctx, bob, c.ID)
	wantRefused(t, err, cases.EFORBIDDEN, "only a senior can claim", "you are an agent")
	_, err = svc.Summary(ctx, sam, march(t, "Z"))
	wantRefused(t, err, cases.EFORBIDDEN, "summaries are for managers")
	ok(svc.Claim(ctx, sam, c.ID))
	_, err = svc.Review(ctx, sue, c.ID, cases.OutcomeUpheld, "not mine to give")
	wantRefused(t, err, cases.EFORBIDDEN, "reviewed by Sam")
	_, err = svc.Update(ctx, bob, c.ID, "told them")
	wantRefused(t, err, cases.EFORBIDDEN, "under review by Sam")
	ok(svc.Update(ctx, maria, c.ID, "manager told them")) // managers may step in
}

// TestResolve checks resolving at the frontline, and that only a withdrawal
// ends a case under review.
func TestResolve(t *testing.T) {
	t.Parallel()
	ok := okFor(t)
	svc, _ := MustService(t, "standard", "2026-03-02T10:00:00Z")
	first := MustOpen(t, svc, "2026-03-02T09:00:00Z")
	_, err := svc.Resolve(ctx, ann, first.ID, cases.ResolveInput{Outcome: cases.OutcomeUpheld, Summary: "renewed"})
	wantRefused(t, err, cases.EINVALID, "root cause is missing")
	first = ok(svc.Resolve(ctx, ann, first.ID, cases.ResolveInput{Outcome: cases.OutcomeUpheld, Summary: "renewed", RootCause: "card expired"}))
	if first.Status != cases.StatusClosed || first.Resolution.RootCause != "card expired" {
		t.Errorf("resolved case: %s %+v", first.Status, first.Resolution)
	}

	second := MustOpen(t, svc, "2026-03-02T09:00:00Z")
	ok(svc.Answer(ctx, ann, second.ID, "answered"))
	ok(svc.Escalate(ctx, ann, second.ID, cases.EscalationInput{Reason: "r", Expects: "e"}))
	ok(svc.Claim(ctx, sam, second.ID))
	_, err = svc.Resolve(ctx, sam, second.ID, cases.ResolveInput{Outcome: cases.OutcomeUpheld, Summary: "x", RootCause: "y"})
	wantRefused(t, err, cases.ECONFLICT, "only outcome:withdrawn")
	second = ok(svc.Resolve(ctx, sam, second.ID, cases.ResolveInput{Outcome: cases.OutcomeWithdrawn, Summary: "customer withdrew"}))
	if second.Status != cases.StatusClosed {
		t.Errorf("withdrawn case is %s", second.Status)
	}
}

// TestOpenValidation checks intake against the policy.
func TestOpenValidation(t *testing.T) {
	t.Parallel()
	p := MustPolicy(t, "registrar-no")
	p.Intake = cases.FieldRules{Require: []cases.Field{cases.FieldName, cases.FieldContact, cases.FieldSubject}}
	svc, _ := MustServiceFor(t, p, "2026-03-02T10:00:00+01:00")
	_, err := svc.Open(ctx, ann, cases.OpenInput{Description: "no contact given", Complainant: cases.Complainant{Name: "Kari"}})
	wantRefused(t, err, cases.EINVALID, "registrar-no requires at intake: contact, subject")
	_, err = svc.Open(ctx, ann, cases.OpenInput{Kind: cases.KindAbuse, Description: "spam"})
	wantRefused(t, err, cases.EINVALID, "does not handle abuse cases")
	_, err = svc.Open(ctx, ann, cases.OpenInput{
		Description: "x", Complainant: cases.Complainant{Name: "K", Contact: "k@example.no"}, Subject: "example.no",
		ReceivedAt: at(t, "2026-03-03T10:00:00+01:00"),
	})
	wantRefused(t, err, cases.EINVALID, "is in the future")
	_, err = svc.Get(ctx, "C-42")
	wantRefused(t, err, cases.EINVALID, "write it as C-2026-0042")
	_, err = svc.Get(ctx, "c-2026-9999")
	wantRefused(t, err, cases.ENOTFOUND, "C-2026-9999")
}
