package cases

import (
	"context"
	"time"

	"github.com/ombud/ombud/cases/calendar"
)

// ExpectAnswer records that the customer was told, with text, to expect the
// first answer on the local date of by, as a policy with a notice limit
// requires when the answer takes longer than it. The notice is met, the
// answer falls due at close of business that day, and the next progress
// update runs from now.
func (s *Service) ExpectAnswer(ctx context.Context, actor Actor, id, text string, by time.Time) (*Case, error) {
	if err := needText(text, "what the customer was told"); err != nil {
		return nil, err
	}
	return s.change(ctx, actor, id, step{action: ActionUpdate, role: RoleAgent, text: text, dated: true,
		check: func(cur *Case, pr procedure, now time.Time) error {
			if n, ok := cur.Deadline(DeadlineNotice); !ok || !n.Pending() {
				return Errorf(ECONFLICT, "%s has no pending notice of when to expect the answer (policy %s sets none, or it was given); update it without due:", cur.ID, pr.Name)
			}
			due := pr.cal.CloseOn(by)
			if !due.After(now) {
				return Errorf(EINVALID, "the customer cannot be told to expect the answer on %s: that is past; give a later date", by.In(pr.cal.Location()).Format("2 Jan 2006"))
			}
			if a, ok := cur.Deadline(DeadlineAnswer); ok && a.Pending() && !a.Cap.IsZero() && due.After(a.Cap) {
				return Errorf(EINVALID, "the customer cannot be told to expect the answer on %s: policy %s's limit for it is %s; give that date or an earlier one",
					by.In(pr.cal.Location()).Format("2 Jan 2006"), pr.Name, When(a.Cap, pr.cal.Location()))
			}
			return handledBy(actor)(cur, pr, now)
		},
		apply: func(c *Case, pr procedure, now time.Time) error {
			var limit time.Time // the answer's cap holds for the date promised
			if a, ok := c.Deadline(DeadlineAnswer); ok && a.Pending() {
				limit = a.Cap
			}
			c.meet(now, DeadlineNotice, DeadlineReferral)
			c.meet(now, DeadlineAnswer)
			due := pr.cal.CloseOn(by)
			c.Deadlines = append(c.Deadlines, Deadline{Kind: DeadlineAnswer, Unit: calendar.UnitBusinessDays, Start: now, Due: due,
				Warn: pr.warnAt(now, due, calendar.UnitBusinessDays), Cap: limit})
			c.setDeadline(pr, DeadlineUpdate, now, pr.Deadlines.Update)
			return nil
		}})
}
