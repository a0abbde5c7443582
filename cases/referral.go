package cases

import (
	"context"
	"strings"
	"time"

	"github.com/ombud/ombud/cases/calendar"
)

// Referral records that a case was passed, inside its tier, to a superior
// or another department for help. It is not a tier: the case stays where
// it is, with whoever holds it, and the customer asks for nothing.
type Referral struct {
	To     Person // the person, or for a team TeamPerson(team)
	Reason string
	Tier   Tier
	By     Person
	At     time.Time
}

// teamKeyPrefix starts the key of a team as TeamPerson names it.
const teamKeyPrefix = "team:"

// TeamPerson returns the Person a referral to a whole team or department
// records: its key is "team:NAME" and its team NAME, so that under a policy
// with independence team nobody of that team may review a later tier.
func TeamPerson(team string) Person {
	return Person{Key: teamKeyPrefix + team, Name: "team " + team, Team: team}
}

// IsTeam reports whether p stands for a whole team, as TeamPerson makes.
func (p Person) IsTeam() bool { return strings.HasPrefix(p.Key, teamKeyPrefix) }

// ReferInput is a referral: who to, why, and, optionally, its own time
// limit for replying to the customer.
type ReferInput struct {
	To     Person
	Reason string
	// Reply, when set, is how soon the customer is to hear from the team,
	// in place of the policy's referral limit.
	Reply calendar.Duration
}

// Refer passes case id to a superior or another department inside its tier.
// The referee counts as involved in the tier, so they cannot review a later
// one. When the referral or the policy sets a time limit, the customer is
// to hear from the team within it: an acknowledgement, an update, the answer
// or the resolution meets it.
func (s *Service) Refer(ctx context.Context, actor Actor, id string, in ReferInput) (*Case, error) {
	if in.To.Key == "" {
		return nil, Errorf(EINVALID, "say who to refer the case to: @person, or a team's name")
	}
	if err := needText(in.Reason, "the reason for the referral"); err != nil {
		return nil, err
	}
	return s.change(ctx, actor, id, step{action: ActionRefer, role: RoleAgent, text: "referred to " + in.To.Name + ": " + in.Reason,
		check: func(cur *Case, pr procedure, now time.Time) error {
			if in.To.Key == actor.Key {
				return Errorf(EINVALID, "you cannot refer %s to yourself; name a superior or another department", cur.ID)
			}
			return handledBy(actor)(cur, pr, now)
		},
		apply: func(c *Case, pr procedure, now time.Time) error {
			c.Referrals = append(c.Referrals, Referral{To: in.To, Reason: in.Reason, Tier: c.Tier, By: actor.Person, At: now})
			c.Involved = append(c.Involved, Involvement{Person: in.To, Tier: c.Tier, How: ActionReferredTo, At: now})
			limit := in.Reply
			if limit.IsZero() {
				limit = pr.Deadlines.Referral
			}
			c.setDeadline(pr, DeadlineReferral, now, limit)
			return nil
		}})
}
