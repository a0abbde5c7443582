package cases

import (
	"context"
	"slices"
	"time"
)

// Draft is a first answer written and waiting for a senior to sign it off
// before it is sent.
type Draft struct {
	Text string
	By   Person
	At   time.Time
}

// IsZero reports whether there is no draft.
func (d Draft) IsZero() bool { return d.By.IsZero() }

// needsSignOff reports whether the first answer to c must be signed off by
// a senior before it is sent: the policy says so for the channel c came
// through, and c is at the frontline.
func (p *Policy) needsSignOff(c *Case) bool {
	return c.Tier == TierFrontline && c.Channel != "" && slices.Contains(p.SignOff, c.Channel)
}

// unanswered reports whether c, paused or not, still waits for its first
// answer.
func (c *Case) unanswered() bool {
	s := c.Status
	if s == StatusPaused {
		s = c.ResumeTo
	}
	return s == StatusOpen || s == StatusAcknowledged
}

// NeedsSignOff reports whether case c's first answer must be signed off by a
// senior before it is sent, under its procedure.
func (s *Service) NeedsSignOff(c *Case) (bool, error) {
	pr, err := s.procedureOf(c)
	if err != nil {
		return false, err
	}
	return pr.needsSignOff(c), nil
}

// draft records text as the first answer to c, waiting for sign-off. A
// second draft replaces the first.
func (s *Service) draft(ctx context.Context, actor Actor, id, text string) (*Case, error) {
	return s.change(ctx, actor, id, step{action: ActionDraft, role: RoleAgent, text: text,
		check: func(cur *Case, pr procedure, _ time.Time) error {
			if !pr.needsSignOff(cur) {
				return Errorf(ECONFLICT, "%s's answer needs no sign-off; answer it", cur.ID)
			}
			return receiptGiven(cur, pr)
		},
		apply: func(c *Case, _ procedure, now time.Time) error {
			c.Draft = Draft{Text: text, By: actor.Person, At: now}
			return nil
		}})
}

// SignOff records that actor, a senior other than the one who drafted it,
// signed off the drafted first answer of case id, and that it was sent:
// the case is answered as by Answer, and the timeline shows who signed.
func (s *Service) SignOff(ctx context.Context, actor Actor, id string) (*Case, error) {
	return s.change(ctx, actor, id, step{action: ActionSignoff, role: RoleSenior,
		check: func(cur *Case, pr procedure, _ time.Time) error {
			switch {
			case !pr.needsSignOff(cur):
				return Errorf(ECONFLICT, "%s's answer needs no sign-off under policy %s", cur.ID, pr.Name)
			case cur.Draft.IsZero():
				return Errorf(ECONFLICT, "%s has no drafted answer to sign off; the handler drafts it with answer first", cur.ID)
			case cur.Draft.By.Key == actor.Key:
				return Errorf(EFORBIDDEN, "you drafted the answer to %s, so you cannot sign it off; a superior who did not write it signs", cur.ID)
			}
			return nil
		},
		apply: func(c *Case, pr procedure, now time.Time) error {
			c.Draft = Draft{}
			c.answered(pr, now)
			return nil
		},
		textOf: func(cur *Case) string { return cur.Draft.Text },
	})
}
