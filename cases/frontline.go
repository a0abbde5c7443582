package cases

import (
	"context"
	"slices"
	"time"

	"github.com/ombud/ombud/cases/calendar"
)

// Acknowledge records that the customer was told their complaint, or their
// escalated complaint, arrived; where the policy gives a receipt, it was
// given.
func (s *Service) Acknowledge(ctx context.Context, actor Actor, id, note string) (*Case, error) {
	if err := fits(note, "the acknowledgement's note", MaxText); err != nil {
		return nil, err
	}
	return s.change(ctx, actor, id, step{action: ActionAcknowledge, role: RoleAgent, text: note, dated: true,
		apply: func(c *Case, _ procedure, now time.Time) error {
			c.meet(now, DeadlineAcknowledge, DeadlineReferral)
			return nil
		}})
}

// Note adds an internal note to the timeline.
func (s *Service) Note(ctx context.Context, actor Actor, id, text string) (*Case, error) {
	if err := needText(text, "the note's text"); err != nil {
		return nil, err
	}
	return s.change(ctx, actor, id, step{action: ActionNote, role: RoleAgent, text: text})
}

// Update records that the customer was told how their complaint progresses;
// the next progress update falls due one policy period later.
func (s *Service) Update(ctx context.Context, actor Actor, id, text string) (*Case, error) {
	if err := needText(text, "what the customer was told"); err != nil {
		return nil, err
	}
	return s.change(ctx, actor, id, step{action: ActionUpdate, role: RoleAgent, text: text, dated: true,
		check: handledBy(actor),
		apply: func(c *Case, pr procedure, now time.Time) error {
			c.meet(now, DeadlineReferral)
			c.setDeadline(pr, DeadlineUpdate, now, pr.Deadlines.Update)
			return nil
		}})
}

// Assign hands a case to someone. At the frontline anyone on the team can be
// given it, and becomes involved in it only once they act on it; at a
// claimed review tier it goes to another senior, who must be independent of
// the case as the claimant was, and is involved from then on.
func (s *Service) Assign(ctx context.Context, actor Actor, id string, to Actor) (*Case, error) {
	if to.Key == "" {
		return nil, Errorf(EINVALID, "say who to assign the case to, such as @alice")
	}
	return s.change(ctx, actor, id, step{action: ActionAssign, role: RoleAgent, text: "assigned to " + to.Name,
		check: func(cur *Case, pr procedure, now time.Time) error {
			if !underReview(cur) {
				return nil
			}
			if !to.Role.AtLeast(RoleSenior) {
				return Errorf(EFORBIDDEN, "%s is under review and can only go to a senior; %s is %s %s", cur.ID, to.Name, article(to.Role), to.Role)
			}
			return handledBy(actor)(cur, pr, now)
		},
		taker: func(cur *Case) *Actor {
			if underReview(cur) {
				return &to
			}
			return nil
		},
		apply: func(c *Case, _ procedure, now time.Time) error {
			if !underReview(c) {
				c.Assignee = to.Person
				return nil
			}
			c.Reviewer = to.Person
			c.Involved = append(c.Involved, Involvement{Person: to.Person, Tier: c.Tier, How: ActionClaim, At: now})
			return nil
		}})
}

// underReview reports whether a senior holds c's current review tier.
func underReview(c *Case) bool { return c.Tier > TierFrontline && !c.Reviewer.IsZero() }

// maxExtension is the most business days one extension may add.
const maxExtension = 60

// Extend moves the first-answer deadline later by days business days, up to
// the policy's cap; a policy that sets no cap allows no extension. The
// reason goes on the timeline; the customer is to be told the new date. A
// deadline already missed stays on record, met late, as a breach, and the
// extended one is recorded after it.
func (s *Service) Extend(ctx context.Context, actor Actor, id string, days int, reason string) (*Case, error) {
	if days < 1 || days > maxExtension {
		return nil, Errorf(EINVALID, "extend by 1 to %d business days, not %d", maxExtension, days)
	}
	if err := needText(reason, "the reason for the extension"); err != nil {
		return nil, err
	}
	return s.change(ctx, actor, id, step{action: ActionExtend, role: RoleAgent, text: reason, once: true,
		apply: func(c *Case, pr procedure, now time.Time) error {
			d, ok := c.Deadline(DeadlineAnswer)
			if !ok || !d.Pending() {
				return Errorf(ECONFLICT, "%s has no first-answer deadline to extend: policy %s sets none", c.ID, pr.Name)
			}
			due, err := extended(c, pr, *d, days, now)
			if err != nil {
				return err
			}
			c.Extensions = append(c.Extensions, Extension{Deadline: DeadlineAnswer, Days: days, Reason: reason, From: d.Due, To: due, By: actor.Person, At: now})
			next := *d
			next.Due, next.Warn = due, pr.warnAt(d.Start, due, d.Unit)
			if d.Overdue(now) {
				d.Met = now
				c.Deadlines = append(c.Deadlines, next)
				return nil
			}
			*d = next
			return nil
		}})
}

// extended returns when d, c's pending answer deadline, falls due once
// extended by days business days at now, or why it cannot be.
func extended(c *Case, pr procedure, d Deadline, days int, now time.Time) (time.Time, error) {
	loc := pr.cal.Location()
	if d.Cap.IsZero() {
		return time.Time{}, Errorf(ECONFLICT, "policy %s does not let the first answer be extended, so %s's answer is due %s as it stands",
			pr.Name, c.ID, When(d.Due, loc))
	}
	due := pr.cal.Add(d.Due, calendar.Duration{N: days, Unit: calendar.UnitBusinessDays})
	if now.After(due) {
		return time.Time{}, Errorf(EINVALID, "extending %s by %d business days would move the answer to %s, which has passed; extend by at least %d",
			c.ID, days, When(due, loc), daysPast(pr.cal, d.Due, now))
	}
	if due.After(d.Cap) {
		return time.Time{}, Errorf(EINVALID, "extending %s by %d business days would move the answer to %s, past policy %s's limit of %s; you can extend by at most %d more",
			c.ID, days, When(due, loc), pr.Name, When(d.Cap, loc), daysBefore(pr.cal, d.Due, d.Cap))
	}
	return due, nil
}

// daysPast returns by how many business days a deadline due at due must at
// least be extended not to be past at now.
func daysPast(cal *calendar.Calendar, due, now time.Time) int {
	n := 1
	for n < maxExtension && now.After(cal.Add(due, calendar.Duration{N: n, Unit: calendar.UnitBusinessDays})) {
		n++
	}
	return n
}

// daysBefore returns by how many business days a deadline due at due can be
// extended without passing limit.
func daysBefore(cal *calendar.Calendar, due, limit time.Time) int {
	n := 0
	for n < maxExtension && !cal.Add(due, calendar.Duration{N: n + 1, Unit: calendar.UnitBusinessDays}).After(limit) {
		n++
	}
	return n
}

// Pause stops a case's clocks while the team waits for the customer.
func (s *Service) Pause(ctx context.Context, actor Actor, id, reason string) (*Case, error) {
	if err := needText(reason, "what you are waiting for"); err != nil {
		return nil, err
	}
	return s.change(ctx, actor, id, step{action: ActionPause, role: RoleAgent, text: reason,
		check: handledBy(actor),
		apply: func(c *Case, _ procedure, now time.Time) error {
			c.Pauses = append(c.Pauses, Pause{Reason: reason, From: now, By: actor.Person})
			return nil
		}})
}

// Resume restarts the clocks of a paused case; its pending deadlines move
// later by the business time the pause lasted.
func (s *Service) Resume(ctx context.Context, actor Actor, id string) (*Case, error) {
	return s.change(ctx, actor, id, step{action: ActionResume, role: RoleAgent,
		check: func(cur *Case, pr procedure, now time.Time) error {
			if len(cur.Pauses) == 0 {
				return Errorf(EINTERNAL, "%s is paused but has no record of the pause", cur.ID)
			}
			return handledBy(actor)(cur, pr, now)
		},
		apply: func(c *Case, pr procedure, now time.Time) error {
			p := &c.Pauses[len(c.Pauses)-1]
			p.To = now
			c.ResumeTo = ""
			c.shiftPending(pr, p.From, now)
			return nil
		}})
}

// Answer records the first answer to the customer. It meets the acknowledge
// and answer deadlines and opens the customer's escalation window. Where the
// policy has a senior sign off the answer first, it is recorded as a draft
// instead, and SignOff sends it.
func (s *Service) Answer(ctx context.Context, actor Actor, id, text string) (*Case, error) {
	if err := needText(text, "the answer's text"); err != nil {
		return nil, err
	}
	cur, err := s.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	if signed, err := s.NeedsSignOff(cur); err != nil || signed {
		if err != nil {
			return nil, err
		}
		if !actor.At.IsZero() {
			return nil, Errorf(EINVALID, "policy %s has a senior sign off the answer to %s before it is sent, so it cannot have gone out earlier; answer it without a time, for sign-off", cur.Policy, cur.ID)
		}
		return s.draft(ctx, actor, id, text)
	}
	return s.change(ctx, actor, id, step{action: ActionAnswer, role: RoleAgent, text: text, dated: true,
		check: func(cur *Case, pr procedure, _ time.Time) error {
			if pr.needsSignOff(cur) { // the case moved under a sign-off channel since it was read
				return Errorf(ECONFLICT, "%s's answer must be signed off by a senior before it is sent; answer it again to draft it", cur.ID)
			}
			return receiptGiven(cur, pr)
		},
		apply: func(c *Case, pr procedure, now time.Time) error {
			c.answered(pr, now)
			return nil
		}})
}

// answered records on c that the first answer went out at now.
func (c *Case) answered(pr procedure, now time.Time) {
	c.meet(now, DeadlineAcknowledge, DeadlineAnswer, DeadlineNotice, DeadlineUpdate, DeadlineReferral)
	if pr.HasTier(TierReview) {
		c.setDeadline(pr, DeadlineEscalationWindow, now, pr.Deadlines.EscalationWindow)
	}
}

// receiptGiven refuses to answer or resolve c before it was acknowledged
// when its policy gives a receipt for complaints that came its way.
func receiptGiven(c *Case, pr procedure) error {
	if !slices.Contains(pr.Receipt, c.Channel) || slices.ContainsFunc(c.Timeline, func(e Event) bool { return e.Action == ActionAcknowledge }) {
		return nil
	}
	return Errorf(ECONFLICT, "policy %s gives a receipt for complaints that come %s; give it and acknowledge %s first, then answer or resolve it",
		pr.Name, channelPhrase(c.Channel), c.ID)
}

// channelPhrase says how a complaint came through ch: "in person", "by e-mail".
func channelPhrase(ch Channel) string {
	switch ch {
	case ChannelInPerson:
		return "in person"
	case ChannelEmail:
		return "by e-mail"
	case ChannelWeb:
		return "through the web form"
	default:
		return "by " + string(ch)
	}
}

// handledBy returns a check that refuses the step when the case is at a
// claimed review tier and actor is neither its reviewer nor a manager.
func handledBy(actor Actor) func(*Case, procedure, time.Time) error {
	return func(c *Case, _ procedure, _ time.Time) error {
		if c.Tier == TierFrontline || c.Reviewer.IsZero() || c.Reviewer.Key == actor.Key || actor.Role.AtLeast(RoleManager) {
			return nil
		}
		return Errorf(EFORBIDDEN, "%s is under review by %s; only they or a manager can do that now", c.ID, c.Reviewer.Name)
	}
}
