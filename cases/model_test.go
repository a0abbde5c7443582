package cases_test

import (
	"slices"
	"testing"
	"time"

	"github.com/ombud/ombud/cases"
	"github.com/ombud/ombud/cases/calendar"
	"github.com/ombud/ombud/cases/sqlitestore/sqlitetest"
)

// MustOpenVia opens a complaint of kind that came through via at received,
// as ann, with the complainant's name and contact unless anonymous.
func MustOpenVia(tb testing.TB, svc *cases.Service, kind cases.Kind, via cases.Channel, received string, anonymous bool) *cases.Case {
	tb.Helper()
	in := cases.OpenInput{Kind: kind, Description: "Domain example.vn does not resolve", Channel: via, ReceivedAt: at(tb, received)}
	if !anonymous {
		in.Complainant = cases.Complainant{Name: "Lan", Contact: "lan@example.vn"}
	}
	c, err := svc.Open(ctx, ann, in)
	if err != nil {
		tb.Fatalf("open: %v", err)
	}
	return c
}

// TestWindowEndsWithItsLastDay: the customer's window runs to the end of
// its last local day, not to close of business.
func TestWindowEndsWithItsLastDay(t *testing.T) {
	t.Parallel()
	ok := okFor(t)
	svc, clk := MustService(t, "standard", "2026-03-02T10:00:00Z")
	evening, lastSecond, late := MustOpen(t, svc, "2026-03-02T09:00:00Z"), MustOpen(t, svc, "2026-03-02T09:00:00Z"), MustOpen(t, svc, "2026-03-02T09:00:00Z")
	for _, c := range []*cases.Case{evening, lastSecond, late} {
		c = ok(svc.Answer(ctx, ann, c.ID, "answered"))
		wantTime(t, "window", due(t, c, cases.DeadlineEscalationWindow), "2026-03-30T23:59:59Z") // the 20th business day
	}
	clk.Set(at(t, "2026-03-30T18:00:00Z")) // after close of business on the last day
	ok(svc.Escalate(ctx, ann, evening.ID, cases.EscalationInput{Reason: "wrote in the evening"}))
	clk.Set(at(t, "2026-03-30T23:59:59Z"))
	ok(svc.Escalate(ctx, ann, lastSecond.ID, cases.EscalationInput{Reason: "wrote at the last second"}))
	if _, err := svc.Lapse(ctx, late.ID); cases.ErrorCode(err) != cases.ECONFLICT {
		t.Errorf("lapse at the last second: %v, want a refusal", err)
	}
	clk.Set(at(t, "2026-03-31T00:00:00Z"))
	_, err := svc.Escalate(ctx, ann, late.ID, cases.EscalationInput{Reason: "wrote after midnight"})
	wantRefused(t, err, cases.ECONFLICT, "closed on Mon 30 Mar 2026 23:59 UTC")
}

// TestReferral: a referral is not a tier; it has its own time limit for
// replying to the customer, met by the next message to them, and the
// referee counts as involved.
func TestReferral(t *testing.T) {
	t.Parallel()
	ok := okFor(t)
	svc, clk := MustService(t, "hosting-vn", "2026-03-02T10:00:00+07:00")
	c := MustOpenVia(t, svc, cases.KindComplaint, cases.ChannelEmail, "2026-03-02T09:00:00+07:00", false)
	_, err := svc.Refer(ctx, ann, c.ID, cases.ReferInput{To: ann.Person, Reason: "x"})
	wantRefused(t, err, cases.EINVALID, "cannot refer "+c.ID+" to yourself")
	_, err = svc.Refer(ctx, ann, c.ID, cases.ReferInput{To: sam.Person})
	wantRefused(t, err, cases.EINVALID, "the reason for the referral is missing")

	c = ok(svc.Refer(ctx, ann, c.ID, cases.ReferInput{To: cases.TeamPerson("billing"), Reason: "a billing error"}))
	if c.Status != cases.StatusOpen || c.Tier != cases.TierFrontline || len(c.Referrals) != 1 {
		t.Fatalf("referred: %s tier %d, %d referrals", c.Status, c.Tier, len(c.Referrals))
	}
	wantTime(t, "reply after the referral", due(t, c, cases.DeadlineReferral), "2026-03-03T10:00:00+07:00") // 24 hours
	i := slices.IndexFunc(c.Involved, func(in cases.Involvement) bool { return in.How == cases.ActionReferredTo })
	if i < 0 || c.Involved[i].Person.Key != "team:billing" || c.Involved[i].Tier != cases.TierFrontline {
		t.Errorf("the referee is not involved: %+v", c.Involved)
	}
	clk.Set(at(t, "2026-03-02T15:00:00+07:00"))
	c = ok(svc.Update(ctx, ann, c.ID, "passed to billing; they will answer"))
	if d, _ := c.Deadline(cases.DeadlineReferral); d.Pending() || !d.Met.Equal(at(t, "2026-03-02T15:00:00+07:00")) {
		t.Errorf("the referral deadline after an update: %+v", d)
	}
	c = ok(svc.Refer(ctx, ann, c.ID, cases.ReferInput{To: sam.Person, Reason: "beyond my authority", Reply: calendar.Duration{N: 2, Unit: calendar.UnitBusinessDays}}))
	wantTime(t, "own limit", due(t, c, cases.DeadlineReferral), "2026-03-04T16:00:00+07:00")
}

// TestReferredSuperiorIsInvolved: under registrar-vn the superior an agent
// reported to cannot review the complaint at the complaint-resolution tier.
func TestReferredSuperiorIsInvolved(t *testing.T) {
	t.Parallel()
	ok := okFor(t)
	svc, _ := MustService(t, "registrar-vn", "2026-03-02T10:00:00+07:00")
	c := MustOpenVia(t, svc, cases.KindComplaint, cases.ChannelChat, "2026-03-02T09:00:00+07:00", false)
	ok(svc.Refer(ctx, ann, c.ID, cases.ReferInput{To: sam.Person, Reason: "beyond my authority"}))
	if _, ok := ok(svc.Get(ctx, c.ID)).Deadline(cases.DeadlineReferral); ok {
		t.Error("registrar-vn sets no referral limit, but the referral has one")
	}
	ok(svc.Answer(ctx, ann, c.ID, "fixed the DNS"))
	ok(svc.Escalate(ctx, ann, c.ID, cases.EscalationInput{Reason: "still down"}))
	_, err := svc.Claim(ctx, sam, c.ID)
	wantRefused(t, err, cases.EFORBIDDEN, "You cannot review", "you were referred this case on 2 Mar")
	ok(svc.Claim(ctx, sue, c.ID))
}

// TestSignOff: under registrar-vn the answer to a written complaint is
// drafted, then signed off by a senior who did not write it, and only then
// sent; the timeline shows who signed.
func TestSignOff(t *testing.T) {
	t.Parallel()
	ok := okFor(t)
	svc, clk := MustService(t, "registrar-vn", "2026-03-02T10:00:00+07:00")
	c := MustOpenVia(t, svc, cases.KindComplaint, cases.ChannelPost, "2026-03-02T09:00:00+07:00", false)
	_, err := svc.SignOff(ctx, sam, c.ID)
	wantRefused(t, err, cases.ECONFLICT, "no drafted answer to sign off")

	c = ok(svc.Answer(ctx, ann, c.ID, "We renewed the domain."))
	if c.Status != cases.StatusOpen || c.Draft.Text != "We renewed the domain." || c.Draft.By.Key != ann.Key {
		t.Fatalf("drafted: %s, draft %+v", c.Status, c.Draft)
	}
	if _, ok := c.Deadline(cases.DeadlineEscalationWindow); ok {
		t.Error("a draft opened the escalation window")
	}
	_, err = svc.SignOff(ctx, bob, c.ID)
	wantRefused(t, err, cases.EFORBIDDEN, "only a senior can signoff")
	ok(svc.Answer(ctx, sid, c.ID, "We renewed the domain; sorry."))
	_, err = svc.SignOff(ctx, sid, c.ID)
	wantRefused(t, err, cases.EFORBIDDEN, "you drafted the answer")

	clk.Set(at(t, "2026-03-03T10:00:00+07:00"))
	c = ok(svc.SignOff(ctx, sam, c.ID))
	last := c.Timeline[len(c.Timeline)-1]
	if c.Status != cases.StatusAnswered || !c.Draft.IsZero() || last.Action != cases.ActionSignoff || last.Actor.Key != sam.Key ||
		last.Text != "We renewed the domain; sorry." {
		t.Fatalf("signed off: %s, draft %+v, last event %+v", c.Status, c.Draft, last)
	}
	if d, _ := c.Deadline(cases.DeadlineAnswer); !d.Met.Equal(at(t, "2026-03-03T10:00:00+07:00")) {
		t.Errorf("answer met at %v, want the sign-off", d.Met)
	}
	ok(svc.Escalate(ctx, ann, c.ID, cases.EscalationInput{Reason: "still unhappy"}))
	_, err = svc.Claim(ctx, sam, c.ID)
	wantRefused(t, err, cases.EFORBIDDEN, "you signed off the answer to this case on 3 Mar")

	chat := MustOpenVia(t, svc, cases.KindComplaint, cases.ChannelChat, "2026-03-02T09:00:00+07:00", false)
	if chat = ok(svc.Answer(ctx, ann, chat.ID, "fixed")); chat.Status != cases.StatusAnswered {
		t.Errorf("a chat complaint's answer waits for sign-off: %s", chat.Status)
	}
}

// TestSpotResolution: hosting-vn lets a complaint made in person or by phone
// be settled on the spot, with minutes and no acknowledgement due; others
// need their receipt first.
func TestSpotResolution(t *testing.T) {
	t.Parallel()
	ok := okFor(t)
	p := MustPolicy(t, "hosting-vn")
	p.Deadlines.Acknowledge = calendar.Duration{N: 1, Unit: calendar.UnitBusinessDays}
	svc, _ := MustServiceFor(t, p, "2026-03-02T10:00:00+07:00")
	spot := cases.ResolveInput{Outcome: cases.OutcomeUpheld, Summary: "reset the DNS record; customer agreed", Spot: true,
		RootCause: "stale record", Lessons: "check TTLs"}

	c := MustOpenVia(t, svc, cases.KindComplaint, cases.ChannelInPerson, "2026-03-02T09:00:00+07:00", true)
	noLessons := spot
	noLessons.Lessons = ""
	_, err := svc.Resolve(ctx, ann, c.ID, noLessons)
	wantRefused(t, err, cases.EINVALID, "the lessons learned are missing")
	c = ok(svc.Resolve(ctx, ann, c.ID, spot))
	if c.Status != cases.StatusClosed || !c.Resolution.Spot || c.Resolution.Summary != spot.Summary {
		t.Fatalf("resolved on the spot: %s %+v", c.Status, c.Resolution)
	}
	if _, found := c.Deadline(cases.DeadlineAcknowledge); found {
		t.Error("a spot resolution kept its acknowledgement deadline")
	}

	email := MustOpenVia(t, svc, cases.KindComplaint, cases.ChannelEmail, "2026-03-02T09:00:00+07:00", true)
	_, err = svc.Resolve(ctx, ann, email.ID, spot)
	wantRefused(t, err, cases.EINVALID, "only complaints that come in person or by phone", "came by e-mail")

	visit := MustOpenVia(t, svc, cases.KindComplaint, cases.ChannelInPerson, "2026-03-02T09:00:00+07:00", true)
	_, err = svc.Answer(ctx, ann, visit.ID, "we fixed it")
	wantRefused(t, err, cases.ECONFLICT, "gives a receipt for complaints that come in person")
	ok(svc.Acknowledge(ctx, ann, visit.ID, "receipt form handed over"))
	_, err = svc.Resolve(ctx, ann, visit.ID, spot)
	wantRefused(t, err, cases.ECONFLICT, "only a complaint settled at first contact", "is acknowledged")
	ok(svc.Answer(ctx, ann, visit.ID, "we fixed it"))

	std, _ := MustService(t, "standard", "2026-03-02T10:00:00Z")
	c = MustOpen(t, std, "2026-03-02T09:00:00Z")
	_, err = std.Resolve(ctx, ann, c.ID, spot)
	wantRefused(t, err, cases.EINVALID, "policy standard does not resolve complaints on the spot")
}

// TestClosingFields: what the register needs at closing is the policy's.
func TestClosingFields(t *testing.T) {
	t.Parallel()
	ok := okFor(t)
	done := cases.ResolveInput{Outcome: cases.OutcomeUpheld, Summary: "renewed"}
	for _, tt := range []struct {
		policy, missing string
	}{
		{"standard", "the root cause is missing"},
		{"registrar-vn", "the root cause and the lessons learned are missing"},
		{"registrar-no", ""},
		{"retail-no", ""},
	} {
		svc, _ := MustService(t, tt.policy, "2026-03-02T10:00:00+01:00")
		c := MustOpen(t, svc, "2026-03-02T09:00:00+01:00")
		_, err := svc.Resolve(ctx, ann, c.ID, done)
		if tt.missing == "" {
			if err != nil {
				t.Errorf("%s: %v", tt.policy, err)
			}
			continue
		}
		wantRefused(t, err, cases.EINVALID, tt.missing, "every outcome but withdrawn")
		ok(svc.Resolve(ctx, ann, c.ID, cases.ResolveInput{Outcome: cases.OutcomeWithdrawn, Summary: "withdrawn"}))
	}
}

// TestNotice: under registrar-de the customer has the answer within 10
// business days, or is told by then when to expect it; that date is then
// the answer's deadline.
func TestNotice(t *testing.T) {
	t.Parallel()
	ok := okFor(t)
	svc, clk := MustService(t, "registrar-de", "2026-03-02T10:00:00+01:00")
	c := MustOpenVia(t, svc, cases.KindComplaint, cases.ChannelEmail, "2026-03-02T09:00:00+01:00", false)
	wantTime(t, "notice", due(t, c, cases.DeadlineNotice), "2026-03-16T16:00:00+01:00")
	if _, found := c.Deadline(cases.DeadlineAnswer); found {
		t.Error("the answer has a deadline of its own before the customer is told one")
	}
	berlin := time.FixedZone("CET", 3600)
	_, err := svc.ExpectAnswer(ctx, ann, c.ID, "we need the registry's reply", time.Date(2026, 3, 1, 0, 0, 0, 0, berlin))
	wantRefused(t, err, cases.EINVALID, "that is past")

	clk.Set(at(t, "2026-03-13T10:00:00+01:00"))
	c = ok(svc.ExpectAnswer(ctx, ann, c.ID, "we need the registry's reply; expect our answer on 25 March", time.Date(2026, 3, 25, 0, 0, 0, 0, berlin)))
	if d, _ := c.Deadline(cases.DeadlineNotice); d.Pending() {
		t.Error("the notice is still pending")
	}
	wantTime(t, "answer", due(t, c, cases.DeadlineAnswer), "2026-03-25T16:00:00+01:00")
	_, err = svc.ExpectAnswer(ctx, ann, c.ID, "later still", time.Date(2026, 4, 25, 0, 0, 0, 0, berlin))
	wantRefused(t, err, cases.ECONFLICT, "no pending notice")
	c = ok(svc.Answer(ctx, ann, c.ID, "answered"))
	if d, _ := c.Deadline(cases.DeadlineAnswer); d.Pending() || d.Overdue(c.UpdatedAt) {
		t.Errorf("answer deadline after the answer: %+v", d)
	}
}

// TestWrittenEscalation: registrar-de takes escalated complaints in writing
// only, with name, contact, reason and expected steps; the escalated
// complaint is acknowledged within 2 business days.
func TestWrittenEscalation(t *testing.T) {
	t.Parallel()
	ok := okFor(t)
	svc, clk := MustService(t, "registrar-de", "2026-03-02T10:00:00+01:00")
	c := MustOpenVia(t, svc, cases.KindAbuse, cases.ChannelPhone, "2026-03-02T09:00:00+01:00", true) // an anonymous abuse report
	if c.Queue != "abuse" {
		t.Errorf("queue %q, want abuse", c.Queue)
	}
	ok(svc.Answer(ctx, ann, c.ID, "the domain was suspended"))
	clk.Set(at(t, "2026-03-04T11:00:00+01:00"))
	in := cases.EscalationInput{Reason: "it is back online", Expects: "suspend it for good"}
	_, err := svc.Escalate(ctx, ann, c.ID, in)
	wantRefused(t, err, cases.EINVALID, "requires on the escalated complaint: name, contact")
	in.From = cases.Complainant{Name: "Jonas", Contact: "jonas@example.de"}
	_, err = svc.Escalate(ctx, ann, c.ID, in)
	wantRefused(t, err, cases.EINVALID, "in writing only; say how it came: via:email, via:post or via:web")
	in.Via = cases.ChannelPhone
	_, err = svc.Escalate(ctx, ann, c.ID, in)
	wantRefused(t, err, cases.EINVALID, "via:phone is not writing")
	in.Via = cases.ChannelPost
	c = ok(svc.Escalate(ctx, ann, c.ID, in))
	if e := c.Escalations[0]; e.Via != cases.ChannelPost || e.From.Name != "Jonas" {
		t.Errorf("escalation %+v", e)
	}
	wantTime(t, "acknowledge the escalation", due(t, c, cases.DeadlineAcknowledge), "2026-03-06T16:00:00+01:00")
	c = ok(svc.Acknowledge(ctx, ann, c.ID, "receipt sent"))
	if d, _ := c.Deadline(cases.DeadlineAcknowledge); d.Pending() || c.Status != cases.StatusEscalated {
		t.Errorf("after acknowledging the escalation: %s, %+v", c.Status, d)
	}
}

// TestFeedbackForwarded: registrar-de forwards feedback with no deadlines
// and no escalation.
func TestFeedbackForwarded(t *testing.T) {
	t.Parallel()
	ok := okFor(t)
	svc, _ := MustService(t, "registrar-de", "2026-03-02T10:00:00+01:00")
	c := MustOpenVia(t, svc, cases.KindFeedback, cases.ChannelEmail, "2026-03-02T09:00:00+01:00", true)
	if len(c.Deadlines) != 0 || c.Queue != "feedback" {
		t.Fatalf("feedback opened with deadlines %+v in queue %q", c.Deadlines, c.Queue)
	}
	p := ok(svc.Get(ctx, c.ID))
	pol, err := svc.PolicyOf(p)
	if err != nil || pol.TierName(cases.TierFrontline) != "forwarded" {
		t.Fatalf("feedback's tier: %v %v", pol.Tiers, err)
	}
	c = ok(svc.Answer(ctx, ann, c.ID, "forwarded to the web team"))
	if len(c.Deadlines) != 0 {
		t.Errorf("answering feedback started %+v", c.Deadlines)
	}
	_, err = svc.Escalate(ctx, ann, c.ID, cases.EscalationInput{Reason: "x", Expects: "y", Via: cases.ChannelEmail})
	wantRefused(t, err, cases.ECONFLICT, "policy registrar-de for feedback has no escalation tier")
}

// TestTierReviewerRule: a tier's own reviewer rule applies to that tier.
func TestTierReviewerRule(t *testing.T) {
	t.Parallel()
	ok := okFor(t)
	p := MustPolicy(t, "registrar-no")
	p.Tiers[1].Reviewer = cases.IndependentTeam // ann, of team service, answered
	svc, _ := MustServiceFor(t, p, "2026-03-02T10:00:00+01:00")
	c := escalated(t, svc)
	_, err := svc.Claim(ctx, sid, c.ID) // sid is of team service
	wantRefused(t, err, cases.EFORBIDDEN, "Ann, of team service, opened this case")
	c = ok(svc.Claim(ctx, sam, c.ID))
	ok(svc.Review(ctx, sam, c.ID, cases.OutcomeRejected, "no"))
	ok(svc.RequestFinal(ctx, ann, c.ID, "still unhappy"))
	ok(svc.Claim(ctx, sid, c.ID)) // the final tier keeps the policy's rule: person
}

// TestAnswerNeverPastItsCap: an answer limit in business days that a long
// run of holidays would carry past a cap in calendar days falls due at the
// cap.
func TestAnswerNeverPastItsCap(t *testing.T) {
	t.Parallel()
	p := MustPolicy(t, "registrar-vn")
	p.Deadlines.Answer = calendar.Duration{N: 15, Unit: calendar.UnitBusinessDays}
	svc, _ := MustServiceFor(t, p, "2026-02-13T11:00:00+07:00")
	c := MustOpenVia(t, svc, cases.KindComplaint, cases.ChannelChat, "2026-02-13T10:00:00+07:00", false) // before Tết
	wantTime(t, "answer", due(t, c, cases.DeadlineAnswer), "2026-03-05T23:59:59+07:00")
	a, _ := c.Deadline(cases.DeadlineAnswer)
	wantTime(t, "cap", a.Cap, "2026-03-05T23:59:59+07:00")
}

// TestPlanAnswerNeverPastItsCap: the plan shows such an answer at the cap,
// and the window that runs from it opens there.
func TestPlanAnswerNeverPastItsCap(t *testing.T) {
	t.Parallel()
	p := MustPolicy(t, "registrar-vn")
	p.Deadlines.Answer = calendar.Duration{N: 15, Unit: calendar.UnitBusinessDays}
	p.Deadlines.EscalationWindow = calendar.Duration{N: 1, Unit: calendar.UnitCalendarDays}
	cal, err := calendar.New(p.Calendar)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]time.Time{}
	for _, m := range cases.Plan(p, cal, at(t, "2026-02-13T10:00:00+07:00")) {
		got[m.Key] = m.Due
	}
	wantTime(t, "answer", got["answer"], "2026-03-05T23:59:59+07:00")
	wantTime(t, "escalation window", got["escalation_window"], "2026-03-06T23:59:59+07:00")
}

// TestSignOffFollowsTheCasePolicy: whether an answer waits for sign-off is
// the policy the case was opened under, not a later policy of the same
// name: a case opened where posted complaints are signed off is drafted
// after the policy file dropped sign-off, and one opened before sign-off
// was added is answered at once.
func TestSignOffFollowsTheCasePolicy(t *testing.T) {
	t.Parallel()
	ok := okFor(t)
	store := sqlitetest.MustStore(t)
	signed := ownPolicy(func(p *cases.Policy) { p.SignOff = []cases.Channel{cases.ChannelPost} })
	before, _ := MustServiceOn(t, store, signed, "2026-03-02T10:00:00Z")
	drafted := MustOpenVia(t, before, cases.KindComplaint, cases.ChannelPost, "2026-03-02T09:00:00Z", false)
	after, _ := MustServiceOn(t, store, ownPolicy(nil), "2026-03-02T11:00:00Z")
	if c := ok(after.Answer(ctx, ann, drafted.ID, "We renewed the domain.")); c.Status != cases.StatusOpen || c.Draft.Text != "We renewed the domain." {
		t.Errorf("answered under a policy that dropped sign-off: %s, draft %+v; want the draft its own policy asks for", c.Status, c.Draft)
	}
	answered := MustOpenVia(t, after, cases.KindComplaint, cases.ChannelPost, "2026-03-02T09:00:00Z", false)
	if c := ok(before.Answer(ctx, ann, answered.ID, "We renewed the domain.")); c.Status != cases.StatusAnswered || !c.Draft.IsZero() {
		t.Errorf("drafted under a policy that added sign-off: %s, draft %+v; want it answered", c.Status, c.Draft)
	}
}

// TestResolveDropsTheDraft: a case resolved while its drafted answer waits
// for sign-off never sends it, and after a reopen no senior can sign off
// the earlier cycle's draft as the new answer.
func TestResolveDropsTheDraft(t *testing.T) {
	t.Parallel()
	ok := okFor(t)
	svc, _ := MustOwnService(t, "2026-03-02T10:00:00Z", func(p *cases.Policy) { p.SignOff = []cases.Channel{cases.ChannelPost} })
	c := MustOpenVia(t, svc, cases.KindComplaint, cases.ChannelPost, "2026-03-02T09:00:00Z", false)
	ok(svc.Answer(ctx, ann, c.ID, "An answer that was never sent."))
	c = ok(svc.Resolve(ctx, ann, c.ID, cases.ResolveInput{Outcome: cases.OutcomeWithdrawn, Summary: "the customer withdrew"}))
	if !c.Draft.IsZero() {
		t.Errorf("resolved with a draft still waiting: %+v", c.Draft)
	}
	ok(svc.Reopen(ctx, sam, c.ID, "the customer came back"))
	_, err := svc.SignOff(ctx, sid, c.ID)
	wantRefused(t, err, cases.ECONFLICT, "no drafted answer to sign off")
}

// TestNoticeKeepsTheCap: telling the customer when to expect the answer
// cannot move it past the policy's limit for it: the date at the cap is
// taken, a day later refused, and the promised answer keeps the cap.
func TestNoticeKeepsTheCap(t *testing.T) {
	t.Parallel()
	ok := okFor(t)
	bd := func(n int) calendar.Duration { return calendar.Duration{N: n, Unit: calendar.UnitBusinessDays} }
	svc, clk := MustOwnService(t, "2026-03-02T10:00:00Z", func(p *cases.Policy) { p.Deadlines.Notice = bd(10) })
	c := MustOpen(t, svc, "2026-03-02T09:00:00Z") // answer due Mon 16 Mar, capped at Mon 30 Mar
	clk.Set(at(t, "2026-03-13T10:00:00Z"))
	_, err := svc.ExpectAnswer(ctx, ann, c.ID, "expect our answer on 31 March", time.Date(2026, 3, 31, 0, 0, 0, 0, time.UTC))
	wantRefused(t, err, cases.EINVALID, "policy own's limit for it is Mon 30 Mar 2026 16:00 UTC")
	c = ok(svc.ExpectAnswer(ctx, ann, c.ID, "expect our answer on 30 March", time.Date(2026, 3, 30, 0, 0, 0, 0, time.UTC)))
	wantTime(t, "promised answer", due(t, c, cases.DeadlineAnswer), "2026-03-30T16:00:00Z")
	if d, _ := c.Deadline(cases.DeadlineAnswer); !d.Cap.Equal(at(t, "2026-03-30T16:00:00Z")) {
		t.Errorf("the promised answer's cap is %v, want the policy's limit", d.Cap)
	}
}

// TestResolveUnderSignOff: where the answer is signed off before it is
// sent, a frontline agent cannot send one unsigned by resolving the case;
// once a senior signed the answer off, or when the customer withdrew, the
// case resolves.
func TestResolveUnderSignOff(t *testing.T) {
	t.Parallel()
	ok := okFor(t)
	svc, _ := MustOwnService(t, "2026-03-02T10:00:00Z", func(p *cases.Policy) { p.SignOff = []cases.Channel{cases.ChannelPost} })
	upheld := cases.ResolveInput{Outcome: cases.OutcomeUpheld, Summary: "refunded", RootCause: "double billing"}
	c := MustOpenVia(t, svc, cases.KindComplaint, cases.ChannelPost, "2026-03-02T09:00:00Z", false)
	_, err := svc.Resolve(ctx, ann, c.ID, upheld)
	wantRefused(t, err, cases.ECONFLICT, "would send one unsigned")
	ok(svc.Answer(ctx, ann, c.ID, "We refund the double charge."))
	ok(svc.SignOff(ctx, sam, c.ID))
	ok(svc.Resolve(ctx, ann, c.ID, upheld))
	w := MustOpenVia(t, svc, cases.KindComplaint, cases.ChannelPost, "2026-03-02T09:00:00Z", false)
	ok(svc.Resolve(ctx, ann, w.ID, cases.ResolveInput{Outcome: cases.OutcomeWithdrawn, Summary: "the customer withdrew"}))
}
