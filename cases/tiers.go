package cases

import (
	"context"
	"time"

	"github.com/ombud/ombud/cases/calendar"
)

// EscalationInput is the customer's request to move a case up a tier.
type EscalationInput struct {
	Reason  string // why the answer did not satisfy
	Expects string // what the customer expects to be done
}

// Escalate records, on the customer's behalf and inside the escalation window,
// that they want the first answer reviewed. The case waits for a senior to
// claim it.
func (s *Service) Escalate(ctx context.Context, actor Actor, id string, in EscalationInput) (*Case, error) {
	if err := allFit(MaxText, labelled{"the customer's reason", in.Reason}, labelled{"what the customer expects", in.Expects}); err != nil {
		return nil, err
	}
	return s.change(ctx, actor, id, step{action: ActionEscalate, role: RoleAgent, text: in.Reason,
		check: func(cur *Case, pr procedure, now time.Time) error {
			if !pr.HasTier(TierReview) {
				return Errorf(ECONFLICT, "policy %s has no escalation tier; resolve the case instead", pr.Name)
			}
			if err := requireFields(pr.Policy, in); err != nil {
				return err
			}
			return windowOpen(cur, pr, DeadlineEscalationWindow, now)
		},
		apply: func(c *Case, pr procedure, now time.Time) error {
			c.climb(pr, TierReview, DeadlineEscalationWindow, DeadlineReview, pr.Deadlines.Review, actor, in, now)
			return nil
		}})
}

// RequestFinal records, on the customer's behalf and inside the final-review
// window, that they want a final internal review of the review answer.
func (s *Service) RequestFinal(ctx context.Context, actor Actor, id, reason string) (*Case, error) {
	if err := needText(reason, "the customer's reason for a final review"); err != nil {
		return nil, err
	}
	return s.change(ctx, actor, id, step{action: ActionFinal, role: RoleAgent, text: reason,
		check: func(cur *Case, pr procedure, now time.Time) error {
			if !pr.HasTier(TierFinal) {
				return Errorf(ECONFLICT, "policy %s has no final-review tier; the review answer was its last word, so decide the case", pr.Name)
			}
			return windowOpen(cur, pr, DeadlineFinalWindow, now)
		},
		apply: func(c *Case, pr procedure, now time.Time) error {
			c.climb(pr, TierFinal, DeadlineFinalWindow, DeadlineFinal, pr.Deadlines.Final, actor, EscalationInput{Reason: reason}, now)
			return nil
		}})
}

// climb moves c up to tier: the window closes, nobody holds the tier yet,
// and the tier's answer deadline starts.
func (c *Case) climb(pr procedure, tier Tier, window, answer DeadlineKind, limit calendar.Duration, by Actor, in EscalationInput, now time.Time) {
	c.meet(now, window)
	c.Tier = tier
	c.Reviewer = Person{}
	c.Escalations = append(c.Escalations, Escalation{Tier: tier, Reason: in.Reason, Expects: in.Expects, By: by.Person, At: now})
	c.setDeadline(pr, answer, now, limit)
}

// requireFields checks that an escalation carries what the policy requires.
func requireFields(p *Policy, in EscalationInput) error {
	have := map[Field]string{FieldReason: in.Reason, FieldExpects: in.Expects}
	for _, f := range p.Escalation {
		if have[f] == "" {
			return Errorf(EINVALID, "policy %s requires the customer's %s to escalate", p.Name, f)
		}
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
			c.meet(now, DeadlineReview, DeadlineUpdate)
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
// lessons learned.
func (s *Service) Close(ctx context.Context, actor Actor, id string, in CloseInput) (*Case, error) {
	if err := needText(in.RootCause, "the root cause"); err != nil {
		return nil, err
	}
	if err := registerFits(in.RootCause, in.Remedy, in.Lessons); err != nil {
		return nil, err
	}
	return s.change(ctx, actor, id, step{action: ActionClose, role: RoleSenior, text: in.RootCause,
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
			c.Tier, c.Reviewer, c.Resolution = TierFrontline, Person{}, Resolution{}
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
			w, ok := cur.Deadline(map[Status]DeadlineKind{StatusAnswered: DeadlineEscalationWindow, StatusReviewed: DeadlineFinalWindow}[cur.Status])
			if !ok || !w.Pending() || !now.After(w.Due) {
				return Errorf(ECONFLICT, "%s has no window that has lapsed", cur.ID)
			}
			return nil
		},
		apply: func(c *Case, _ procedure, now time.Time) error {
			c.meetAll(now)
			return nil
		}})
}
