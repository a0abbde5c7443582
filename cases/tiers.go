package cases

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/ombud/ombud/cases/calendar"
)

// EscalationInput is the customer's request to move a case up a tier: the
// escalated complaint, with what it carries.
type EscalationInput struct {
	Reason  string      // why the answer did not satisfy
	Expects string      // what the customer expects to be done
	Via     Channel     // how the escalated complaint came
	From    Complainant // who escalated, where the escalated complaint says
	Subject string      // the domain name(s), service or order, where it says
}

// Escalate records, on the customer's behalf and inside the escalation window,
// that they want the first answer reviewed. The case waits for a senior to
// claim it.
func (s *Service) Escalate(ctx context.Context, actor Actor, id string, in EscalationInput) (*Case, error) {
	if err := in.fit(); err != nil {
		return nil, err
	}
	return s.change(ctx, actor, id, step{action: ActionEscalate, role: RoleAgent, text: in.Reason, dated: true,
		check: func(cur *Case, pr procedure, now time.Time) error {
			if !pr.HasTier(TierReview) {
				return Errorf(ECONFLICT, "%s has no escalation tier; resolve the case instead", pr.named())
			}
			if err := requireFields(pr.Policy, cur, in); err != nil {
				return err
			}
			return windowOpen(cur, pr, DeadlineEscalationWindow, now)
		},
		apply: func(c *Case, pr procedure, now time.Time) error {
			c.climb(pr, TierReview, DeadlineEscalationWindow, DeadlineReview, pr.Deadlines.Review, actor, in, now)
			return nil
		},
		notices: escalationNotice})
}

// RequestFinal records, on the customer's behalf and inside the final-review
// window, that they want a final internal review of the review answer.
func (s *Service) RequestFinal(ctx context.Context, actor Actor, id, reason string) (*Case, error) {
	if err := needText(reason, "the customer's reason for a final review"); err != nil {
		return nil, err
	}
	return s.change(ctx, actor, id, step{action: ActionFinal, role: RoleAgent, text: reason, dated: true,
		check: func(cur *Case, pr procedure, now time.Time) error {
			if !pr.HasTier(TierFinal) {
				return Errorf(ECONFLICT, "%s has no final-review tier; the review answer was its last word, so decide the case", pr.named())
			}
			return windowOpen(cur, pr, DeadlineFinalWindow, now)
		},
		apply: func(c *Case, pr procedure, now time.Time) error {
			c.climb(pr, TierFinal, DeadlineFinalWindow, DeadlineFinal, pr.Deadlines.Final, actor, EscalationInput{Reason: reason}, now)
			return nil
		},
		notices: escalationNotice})
}

// escalationNotice is the notice to the escalations channel that c, just
// escalated, waits for a senior to claim it.
func escalationNotice(c *Case, now time.Time) []Notice {
	n := c.notice(NoticeEscalation, ToEscalations, fmt.Sprintf("v%d-escalation", c.Version), now)
	n.Tier = c.Tier
	return []Notice{n}
}

// climb moves c up to tier: the window closes, nobody holds the tier yet,
// and the tier's answer deadline starts, and at the review tier the
// escalated complaint's acknowledgement.
func (c *Case) climb(pr procedure, tier Tier, window, answer DeadlineKind, limit calendar.Duration, by Actor, in EscalationInput, now time.Time) {
	c.meet(now, window)
	c.Tier = tier
	c.Reviewer = Person{}
	c.Escalations = append(c.Escalations, Escalation{Tier: tier, Reason: in.Reason, Expects: in.Expects,
		Via: in.Via, From: in.From, Subject: in.Subject, By: by.Person, At: now})
	if tier == TierReview {
		c.setDeadline(pr, DeadlineAcknowledge, now, pr.Deadlines.ReviewAcknowledge)
	}
	c.setDeadline(pr, answer, now, limit)
}

// escalationFields returns what an escalation of c with in holds of each
// field: what the escalated complaint gives, or else what the case already
// knows.
func escalationFields(c *Case, in EscalationInput) map[Field]string {
	or := func(a, b string) string {
		if strings.TrimSpace(a) != "" {
			return a
		}
		return b
	}
	return map[Field]string{
		FieldName: or(in.From.Name, c.Complainant.Name), FieldContact: or(in.From.Contact, c.Complainant.Contact),
		FieldAccount: or(in.From.Account, c.Complainant.Account), FieldSubject: or(in.Subject, c.Subject),
		FieldReason: in.Reason, FieldExpects: in.Expects,
	}
}

// MissingOnEscalation returns the fields the escalated complaint in of case
// c lacks that policy p (c's procedure) requires, and those it asks for.
func (p *Policy) MissingOnEscalation(c *Case, in EscalationInput) (required, asked []Field) {
	return p.Escalation.missing(escalationFields(c, in))
}

// requireFields checks that an escalation carries what the policy requires
// and, where the policy says so, came in writing.
func requireFields(p *Policy, c *Case, in EscalationInput) error {
	if required, _ := p.MissingOnEscalation(c, in); len(required) > 0 {
		return Errorf(EINVALID, "policy %s requires on the escalated complaint: %s", p.Name, join(required))
	}
	if p.Escalation.Written {
		return inWriting(p, "escalated complaints", in.Via)
	}
	return nil
}

// windowOpen refuses when c's window of the given kind has closed.
func windowOpen(c *Case, pr procedure, kind DeadlineKind, now time.Time) error {
	if w, ok := c.Deadline(kind); ok && w.Pending() && now.After(w.Due) {
		return Errorf(ECONFLICT, "the customer's window to ask for this closed on %s, so %s is finished; reopen it if there is good reason",
			When(w.Due, pr.cal.Location()), c.ID)
	}
	return nil
}

// Claim makes actor, a senior, the reviewer of the tier a case waits at. The
// senior must not have been involved in the case before; the check and the
// claim are one store write, so of two seniors claiming at once exactly one
// becomes the reviewer.
func (s *Service) Claim(ctx context.Context, actor Actor, id string) (*Case, error) {
	return s.change(ctx, actor, id, step{action: ActionClaim, role: RoleSenior,
		taker: func(*Case) *Actor { return &actor },
		apply: func(c *Case, pr procedure, now time.Time) error {
			c.Reviewer = actor.Person
			c.setDeadline(pr, DeadlineUpdate, now, pr.Deadlines.Update)
			return nil
		}})
}

// Review records the reviewer's answer to an escalation. Where the policy has
// a final review, the customer's window to ask for it opens.
func (s *Service) Review(ctx context.Context, actor Actor, id string, outcome Outcome, text string) (*Case, error) {
	if err := needOutcome(outcome, text, "the review answer's text"); err != nil {
		return nil, err
	}
	return s.change(ctx, actor, id, step{action: ActionReview, role: RoleSenior, text: text,
		check: reviewerOnly(actor),
		apply: func(c *Case, pr procedure, now time.Time) error {
			c.meet(now, DeadlineAcknowledge, DeadlineReview, DeadlineUpdate, DeadlineReferral)
			c.Resolution = Resolution{Outcome: outcome, Summary: text, At: now}
			if pr.HasTier(TierFinal) {
				c.setDeadline(pr, DeadlineFinalWindow, now, pr.Deadlines.FinalWindow)
			}
			return nil
		}})
}

// Decide records the company's final position. The internal procedure ends,
// and the policy's external bodies are named in the resolution.
func (s *Service) Decide(ctx context.Context, actor Actor, id string, outcome Outcome, position string) (*Case, error) {
	if err := needOutcome(outcome, position, "the final position's text"); err != nil {
		return nil, err
	}
	return s.change(ctx, actor, id, step{action: ActionDecide, role: RoleSenior, text: position,
		check: func(cur *Case, pr procedure, now time.Time) error {
			if w, ok := cur.Deadline(DeadlineFinalWindow); ok && cur.Status == StatusReviewed && w.Pending() && !now.After(w.Due) {
				return Errorf(ECONFLICT, "the customer may ask for a final review of %s until %s; if they don't, the case closes by itself then",
					cur.ID, When(w.Due, pr.cal.Location()))
			}
			return reviewerOnly(actor)(cur, pr, now)
		},
		apply: func(c *Case, pr procedure, now time.Time) error {
			c.meetAll(now)
			c.Resolution = Resolution{Outcome: outcome, Summary: position, ExternalBodies: externalNames(pr.Policy), At: now}
			return nil
		}})
}

// needOutcome checks the outcome and the text of a tier's answer.
func needOutcome(outcome Outcome, text, what string) error {
	if _, err := ParseOutcome(string(outcome)); err != nil {
		return err
	}
	return needText(text, what)
}

// reviewerOnly returns a check that refuses the step to anyone but the senior
// holding the case's current tier.
func reviewerOnly(actor Actor) func(*Case, procedure, time.Time) error {
	return func(c *Case, _ procedure, _ time.Time) error {
		if c.Reviewer.Key != actor.Key {
			return Errorf(EFORBIDDEN, "%s is reviewed by %s; only they can answer at this tier (a manager can reassign it)", c.ID, c.Reviewer.Name)
		}
		return nil
	}
}

func externalNames(p *Policy) []string {
	names := make([]string, len(p.External))
	for i, b := range p.External {
		names[i] = b.Name
	}
	return names
}

// CloseInput is the register entry made when a decided case is closed.
type CloseInput struct {
	RootCause string
	Remedy    string
	Lessons   string
}

// Close files a decided case in the register with its root cause, remedy and
// lessons learned; those the policy requires at closing must be given,
// unless the customer withdrew.
func (s *Service) Close(ctx context.Context, actor Actor, id string, in CloseInput) (*Case, error) {
	if err := registerFits(in.RootCause, in.Remedy, in.Lessons); err != nil {
		return nil, err
	}
	return s.change(ctx, actor, id, step{action: ActionClose, role: RoleSenior, text: in.RootCause,
		check: func(cur *Case, pr procedure, _ time.Time) error {
			return registerEntries(pr.Policy, cur.Resolution.Outcome, in.RootCause, in.Remedy, in.Lessons)
		},
		apply: func(c *Case, _ procedure, _ time.Time) error {
			c.Resolution.RootCause, c.Resolution.Remedy, c.Resolution.Lessons = in.RootCause, in.Remedy, in.Lessons
			return nil
		}})
}

// Reopen brings a closed case back to the frontline, with a new answer
// deadline from now. Its involvement record stays, so reviewers stay
// independent.
func (s *Service) Reopen(ctx context.Context, actor Actor, id, reason string) (*Case, error) {
	if err := needText(reason, "the reason for reopening"); err != nil {
		return nil, err
	}
	return s.change(ctx, actor, id, step{action: ActionReopen, role: RoleSenior, text: reason,
		apply: func(c *Case, pr procedure, now time.Time) error {
			c.Tier, c.Reviewer, c.Resolution, c.Draft = TierFrontline, Person{}, Resolution{}, Draft{}
			c.setDeadline(pr, DeadlineAnswer, now, pr.Deadlines.Answer)
			c.setDeadline(pr, DeadlineUpdate, now, pr.Deadlines.Update)
			c.capAnswer(pr, now)
			return nil
		}})
}

// Lapse closes a case whose customer let the escalation or final-review
// window pass. The scheduler calls it; it refuses while the window is open.
func (s *Service) Lapse(ctx context.Context, id string) (*Case, error) {
	return s.change(ctx, System, id, step{action: ActionLapse, role: RoleSystem, text: "the customer's window lapsed; the matter is closed",
		check: func(cur *Case, pr procedure, now time.Time) error {
			if w, ok := lapsing(cur); !ok || !now.After(w.Due) {
				return Errorf(ECONFLICT, "%s has no window that has lapsed", cur.ID)
			}
			return nil
		},
		apply: func(c *Case, _ procedure, now time.Time) error {
			c.meetAll(now)
			return nil
		},
		notices: func(c *Case, now time.Time) []Notice {
			n := c.notice(NoticeLapsed, ToThread, fmt.Sprintf("v%d-lapsed", c.Version), now)
			for i := len(c.Deadlines) - 1; i >= 0; i-- { // the window, met just now
				if d := c.Deadlines[i]; d.Kind.IsWindow() {
					n.Deadline, n.Due = d.Kind, d.Due
					break
				}
			}
			return []Notice{n}
		}})
}

// lapsing returns the window the customer holds while c waits in its
// status, if it is open.
func lapsing(c *Case) (*Deadline, bool) {
	w, ok := c.Deadline(map[Status]DeadlineKind{StatusAnswered: DeadlineEscalationWindow, StatusReviewed: DeadlineFinalWindow}[c.Status])
	return w, ok && w.Pending()
}
