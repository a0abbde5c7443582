package casetest

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/ombud/ombud/cases"
)

// DeskStart is the Monday the cases of MustDesk are received from, and
// DeskNow the moment after its year of work, when it is summed up.
var (
	DeskStart = time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)
	DeskNow   = time.Date(2027, 1, 4, 12, 0, 0, 0, time.UTC)
)

// deskWeeks is how many weeks the copies are spread over, so that the
// last of their steps fall before DeskNow.
const deskWeeks = 49

// deskTemplates is how many cases MustDesk takes through the procedure
// for real; the others are copies of them, a whole number of weeks later.
const deskTemplates = 60

// The people of the desk.
var (
	deskAgents  = []cases.Actor{deskActor("ann", cases.RoleAgent), deskActor("bob", cases.RoleAgent), deskActor("cem", cases.RoleAgent)}
	deskSeniors = []cases.Actor{deskActor("sue", cases.RoleSenior), deskActor("sid", cases.RoleSenior)}
	deskCauses  = []string{"double billing", "registry delay", "renewal not sent", "DNS change lost", "slow support"}
)

func deskActor(name string, r cases.Role) cases.Actor {
	return cases.Actor{Person: cases.Person{Key: "console:" + name, Name: name}, Role: r}
}

// MustDesk stores n cases of a year of a desk's work under svc, which must
// follow the standard policy, with clock as svc's clock: every
// lifecycle (resolved on the spot, answered late, escalated to the final
// review, withdrawn, paused, extended, left overdue), every channel, kinds
// and categories, three agents and two reviewers, received over 49 weeks
// from DeskStart. The first cases go through svc; save stores the copies,
// a batch at a time. It leaves clock at DeskNow.
func MustDesk(tb testing.TB, svc *cases.Service, clock *Clock, n int, save func([]*cases.Case) error) {
	tb.Helper()
	ctx := context.Background()
	var templates []*cases.Case
	for i := range min(n, deskTemplates) {
		clock.Set(DeskStart.Add(time.Duration(i%5) * 24 * time.Hour))
		templates = append(templates, mustLifecycle(tb, ctx, svc, clock, i))
	}
	var batch []*cases.Case
	for i := len(templates); i < n; i++ {
		c := shifted(templates[i%len(templates)], 7*(i/len(templates)%deskWeeks))
		c.ID = fmt.Sprintf("B-%d-%06d", c.ReceivedAt.Year(), i)
		if err := svc.Refigure(c); err != nil {
			tb.Fatal(err)
		}
		if batch = append(batch, c); len(batch) == deskBatch || i == n-1 {
			if err := save(batch); err != nil {
				tb.Fatalf("store the copies up to %d: %v", i, err)
			}
			batch = nil
		}
	}
	clock.Set(DeskNow)
}

// deskBatch is how many copies MustDesk saves at a time.
const deskBatch = 1000

// mustLifecycle opens the i-th template case and takes it through one of
// the lifecycles, and returns it as stored.
func mustLifecycle(tb testing.TB, ctx context.Context, svc *cases.Service, clock *Clock, i int) *cases.Case {
	tb.Helper()
	agent, senior := deskAgents[i%len(deskAgents)], deskSeniors[i%len(deskSeniors)]
	c, err := svc.Open(ctx, agent, cases.OpenInput{
		Kind:        []cases.Kind{cases.KindComplaint, cases.KindComplaint, cases.KindAbuse, cases.KindFeedback}[i%4],
		Description: strings.Repeat("The domain was not renewed although the invoice was paid. ", 6),
		Complainant: cases.Complainant{Name: fmt.Sprintf("Customer %d", i), Contact: fmt.Sprintf("c%d@example.no", i), Account: fmt.Sprint(10000 + i)},
		Subject:     fmt.Sprintf("example-%d.no", i), Channel: cases.Channels[i%len(cases.Channels)],
		Category: []string{"billing", "dns", "renewal", ""}[i%4], ReceivedAt: clock.Now(),
	})
	if err != nil {
		tb.Fatalf("open template %d: %v", i, err)
	}
	s := stepper{tb: tb, ctx: ctx, svc: svc, clock: clock, id: c.ID}
	cause := deskCauses[i%len(deskCauses)]
	resolve := cases.ResolveInput{Outcome: cases.OutcomeUpheld, Summary: "sorted", RootCause: cause, Lessons: "check " + cause}
	switch i % 8 {
	case 0: // resolved on the spot
		s.do(2*time.Hour, func() (*cases.Case, error) { return svc.Resolve(ctx, agent, c.ID, resolve) })
	case 1: // acknowledged and answered on time, left in the escalation window
		s.do(3*time.Hour, func() (*cases.Case, error) { return svc.Acknowledge(ctx, agent, c.ID, "") })
		s.do(48*time.Hour, func() (*cases.Case, error) { return svc.Answer(ctx, agent, c.ID, "we fixed it") })
	case 2: // acknowledged late, answered late, rejected
		resolve.Outcome = cases.OutcomeRejected
		s.do(80*time.Hour, func() (*cases.Case, error) { return svc.Acknowledge(ctx, agent, c.ID, "") })
		s.do(400*time.Hour, func() (*cases.Case, error) { return svc.Answer(ctx, agent, c.ID, "no") })
		s.do(time.Hour, func() (*cases.Case, error) { return svc.Resolve(ctx, agent, c.ID, resolve) })
	case 3: // escalated to the final review, decided and closed
		s.escalated(agent, senior)
	case 4: // withdrawn
		resolve = cases.ResolveInput{Outcome: cases.OutcomeWithdrawn, Summary: "withdrawn"}
		s.do(5*time.Hour, func() (*cases.Case, error) { return svc.Resolve(ctx, agent, c.ID, resolve) })
	case 5: // paused and left so
		s.do(time.Hour, func() (*cases.Case, error) { return svc.Pause(ctx, agent, c.ID, "waiting for papers") })
	case 6: // extended, then answered
		s.do(2*time.Hour, func() (*cases.Case, error) { return svc.Acknowledge(ctx, agent, c.ID, "") })
		s.do(24*time.Hour, func() (*cases.Case, error) { return svc.Extend(ctx, agent, c.ID, 5, "waiting for the registry") })
		s.do(300*time.Hour, func() (*cases.Case, error) { return svc.Answer(ctx, agent, c.ID, "done") })
	default: // never touched again: overdue
	}
	got, err := svc.Get(ctx, c.ID)
	if err != nil {
		tb.Fatal(err)
	}
	return got
}

// stepper takes one case through steps, moving the clock before each.
type stepper struct {
	tb    testing.TB
	ctx   context.Context
	svc   *cases.Service
	clock *Clock
	id    string
}

// do moves the clock on by after and runs step.
func (s stepper) do(after time.Duration, step func() (*cases.Case, error)) {
	s.tb.Helper()
	s.clock.Set(s.clock.Now().Add(after))
	if _, err := step(); err != nil {
		s.tb.Fatalf("%s: %v", s.id, err)
	}
}

// escalated answers the case, escalates it, has senior review it, asks
// for the final review, has the other senior decide it, and closes it.
func (s stepper) escalated(agent, senior cases.Actor) {
	svc, ctx, id := s.svc, s.ctx, s.id
	other := deskSeniors[0]
	if other.Key == senior.Key {
		other = deskSeniors[1]
	}
	s.do(4*time.Hour, func() (*cases.Case, error) { return svc.Answer(ctx, agent, id, "no refund") })
	s.do(24*time.Hour, func() (*cases.Case, error) {
		return svc.Escalate(ctx, agent, id, cases.EscalationInput{Reason: "wants a refund", Expects: "a refund"})
	})
	s.do(2*time.Hour, func() (*cases.Case, error) { return svc.Claim(ctx, senior, id) })
	s.do(48*time.Hour, func() (*cases.Case, error) { return svc.Review(ctx, senior, id, cases.OutcomePartly, "half") })
	s.do(24*time.Hour, func() (*cases.Case, error) { return svc.RequestFinal(ctx, agent, id, "wants all of it") })
	s.do(time.Hour, func() (*cases.Case, error) { return svc.Claim(ctx, other, id) })
	s.do(72*time.Hour, func() (*cases.Case, error) { return svc.Decide(ctx, other, id, cases.OutcomePartly, "half stands") })
	s.do(time.Hour, func() (*cases.Case, error) {
		return svc.Close(ctx, other, id, cases.CloseInput{RootCause: "registry delay", Remedy: "credit", Lessons: "tell customers sooner"})
	})
}
