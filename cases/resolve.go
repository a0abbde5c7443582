package cases

import (
	"context"
	"slices"
	"strings"
	"time"
)

// ResolveInput is how a case ended early: the outcome, a summary, and the
// register entries.
type ResolveInput struct {
	Outcome   Outcome
	Summary   string // for a spot resolution, the minutes of the result
	RootCause string
	Remedy    string
	Lessons   string
	// Spot marks a complaint settled at first contact, where the policy
	// allows it: Summary is filed as the minutes, and no acknowledgement or
	// receipt is due.
	Spot bool
}

// Resolve closes a case the customer is satisfied with, at the frontline or
// after the review answer, or one the customer withdrew at any point. The
// register entries the policy requires at closing must be given, unless the
// customer withdrew. Past the frontline only the case's reviewer or a
// manager may resolve it.
func (s *Service) Resolve(ctx context.Context, actor Actor, id string, in ResolveInput) (*Case, error) {
	if err := needOutcome(in.Outcome, in.Summary, "the summary of how it was resolved"); err != nil {
		return nil, err
	}
	if err := registerFits(in.RootCause, in.Remedy, in.Lessons); err != nil {
		return nil, err
	}
	return s.change(ctx, actor, id, step{action: ActionResolve, role: RoleAgent, text: in.Summary, dated: true,
		check: func(cur *Case, pr procedure, _ time.Time) error {
			if err := reviewerOrManager(cur, actor); err != nil {
				return err
			}
			settled := cur.Tier == TierFrontline || cur.Status == StatusReviewed
			switch {
			case !settled && in.Outcome != OutcomeWithdrawn:
				return Errorf(ECONFLICT, "%s is at tier %d and not yet answered there; only outcome:withdrawn can end it now. Otherwise finish the tier with review or decide.", cur.ID, cur.Tier)
			case in.Spot:
				if err := onTheSpot(cur, pr); err != nil {
					return err
				}
			case in.Outcome != OutcomeWithdrawn:
				if pr.needsSignOff(cur) && cur.unanswered() {
					return Errorf(ECONFLICT, "policy %s has a senior sign off the answer to %s before it is sent, and resolving it now would send one unsigned; answer it (a senior signs it off), then resolve it, or resolve it as outcome:withdrawn",
						pr.Name, cur.ID)
				}
				if err := receiptGiven(cur, pr); err != nil {
					return err
				}
			}
			return registerEntries(pr.Policy, in.Outcome, in.RootCause, in.Remedy, in.Lessons)
		},
		apply: func(c *Case, pr procedure, now time.Time) error {
			if in.Spot {
				c.Deadlines = slices.DeleteFunc(c.Deadlines, func(d Deadline) bool { return d.Kind == DeadlineAcknowledge && d.Pending() })
			}
			if n := len(c.Pauses); n > 0 && c.Pauses[n-1].To.IsZero() {
				c.Pauses[n-1].To = now
				c.shiftPending(pr, c.Pauses[n-1].From, now)
			}
			c.meetAll(now)
			c.ResumeTo, c.Draft = "", Draft{} // a draft left waiting is never sent, and no later cycle may sign it off
			c.Resolution = Resolution{Outcome: in.Outcome, Summary: in.Summary, RootCause: in.RootCause, Remedy: in.Remedy,
				Lessons: in.Lessons, Spot: in.Spot, At: now}
			return nil
		}})
}

// reviewerOrManager refuses actor a step that, once c has climbed past the
// frontline, only its reviewer or a manager may take: while no senior has
// claimed the tier, only a manager.
func reviewerOrManager(c *Case, actor Actor) error {
	switch {
	case c.Tier == TierFrontline || actor.Role.AtLeast(RoleManager) || (!c.Reviewer.IsZero() && c.Reviewer.Key == actor.Key):
		return nil
	case c.Reviewer.IsZero():
		return Errorf(EFORBIDDEN, "%s waits for a senior to claim its review; only a manager can resolve it until then, and after that its reviewer or a manager", c.ID)
	default:
		return Errorf(EFORBIDDEN, "%s is reviewed by %s; only they or a manager can resolve it", c.ID, c.Reviewer.Name)
	}
}

// onTheSpot refuses a spot resolution of c unless its policy allows one for
// the channel c came through and c is still as it was opened, settled at
// first contact.
func onTheSpot(c *Case, pr procedure) error {
	switch {
	case len(pr.Spot) == 0:
		return Errorf(EINVALID, "policy %s does not resolve complaints on the spot; resolve %s without spot:true", pr.Name, c.ID)
	case c.Status != StatusOpen || c.Tier != TierFrontline:
		return Errorf(ECONFLICT, "only a complaint settled at first contact is resolved on the spot, and %s is %s; resolve it without spot:true", c.ID, c.Status)
	case !slices.Contains(pr.Spot, c.Channel):
		came := "does not say how it came"
		if c.Channel != "" {
			came = "came " + channelPhrase(c.Channel)
		}
		phrases := make([]string, len(pr.Spot))
		for i, ch := range pr.Spot {
			phrases[i] = channelPhrase(ch)
		}
		return Errorf(EINVALID, "policy %s resolves on the spot only complaints that come %s, and %s %s; resolve it without spot:true",
			pr.Name, strings.Join(phrases, " or "), c.ID, came)
	}
	return nil
}

// closingNames names the register entries for messages.
var closingNames = map[Field]string{FieldCause: "root cause", FieldRemedy: "remedy", FieldLessons: "lessons learned"}

// registerEntries refuses an ending with outcome that lacks register
// entries policy p requires at closing; a withdrawal needs none.
func registerEntries(p *Policy, outcome Outcome, cause, remedy, lessons string) error {
	if outcome == OutcomeWithdrawn {
		return nil
	}
	have := map[Field]string{FieldCause: cause, FieldRemedy: remedy, FieldLessons: lessons}
	var missing []string
	for _, f := range p.Closing {
		if strings.TrimSpace(have[f]) == "" {
			missing = append(missing, closingNames[f])
		}
	}
	switch {
	case len(missing) == 0:
		return nil
	case len(missing) == 1 && missing[0] != closingNames[FieldLessons]:
		return Errorf(EINVALID, "the %s is missing; the register needs it for every outcome but withdrawn", missing[0])
	default:
		return Errorf(EINVALID, "the %s are missing; the register needs them for every outcome but withdrawn", strings.Join(missing, " and the "))
	}
}
