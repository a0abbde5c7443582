package cases

import (
	"time"
)

// A step recorded after the fact, such as an acknowledgement given by phone
// an hour before anyone typed it, is dated when it happened: Actor.At says
// when. Its deadlines count from then, its timeline entry and involvement
// are dated then, and the entry also records when it was entered. Only the
// steps that tell the customer something or take their request can be
// dated so (see step.dated); a step cannot be dated before the case's
// previous step, nor in the future.

// stepTime returns when actor's step st on cur took place: now, or the
// earlier time actor.At gives, checked against the case's previous step.
func stepTime(cur *Case, st step, actor Actor, pr procedure, now time.Time) (time.Time, error) {
	if actor.At.IsZero() {
		return now, nil
	}
	loc := pr.cal.Location()
	if !st.dated {
		return time.Time{}, Errorf(EINVALID, "%s is recorded when it is entered, so it cannot be dated earlier; leave out the time", st.action)
	}
	if actor.At.After(now.Add(clockSkew)) {
		return time.Time{}, Errorf(EINVALID, "%s is in the future; give the time the %s happened, such as %s",
			When(actor.At, loc), st.action, now.In(loc).Add(-time.Hour).Format("2006-01-02T15:04Z07:00"))
	}
	if prev, what := cur.lastStep(); actor.At.Before(prev) {
		return time.Time{}, Errorf(EINVALID, "%s cannot be dated %s: its previous step, %s, is dated %s, and steps are recorded in the order they happened",
			cur.ID, When(actor.At, loc), what, When(prev, loc))
	}
	if actor.At.After(now) {
		return now, nil // within the clocks' skew: now
	}
	return actor.At, nil
}

// lastStep returns when the latest step on c happened, and what it was.
// Notes are remarks about the case, not steps of it, so a step may be dated
// before a note; the opening happened when the complaint was received.
func (c *Case) lastStep() (time.Time, Action) {
	last, what := c.ReceivedAt, ActionOpen
	for _, e := range c.Timeline {
		switch {
		case e.Action == ActionNote, e.Action == ActionOpen:
		case e.At.After(last):
			last, what = e.At, e.Action
		}
	}
	return last, what
}
