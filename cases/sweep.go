package cases

import (
	"context"
	"strconv"
	"time"
)

// Picker chooses the senior to ask to claim the tier case c waits at, as
// alarm a says: someone who may review it. It returns false when nobody
// may.
type Picker func(ctx context.Context, c *Case, a Alarm) (Person, bool, error)

// Sweep does what ombud owes case c by itself now, as its alarms say, and
// returns the case as it is afterwards. A case whose customer let a window
// close is closed (see Lapse). Otherwise each alarm that has gone off is
// recorded in Notified, with the notices it calls for, in one conditional
// write that leaves the timeline alone: warnings and breaches in the
// case's thread, breaches in the alerts channel too, reminders of overdue
// progress updates, and the senior pick chooses asked to claim a tier that
// waits for a reviewer. c is the case as last read; when it changed since,
// Sweep reads it again.
func (s *Service) Sweep(ctx context.Context, c *Case, pick Picker) (*Case, error) {
	for attempt := 1; ; attempt++ {
		out, err := s.sweepOnce(ctx, c, pick)
		if ErrorCode(err) != ECONFLICT || out == nil || attempt == maxAttempts {
			return out, err
		}
		c = out
	}
}

// sweepOnce is one attempt of Sweep.
func (s *Service) sweepOnce(ctx context.Context, c *Case, pick Picker) (*Case, error) {
	pr, err := s.procedureOf(c)
	if err != nil {
		return nil, err
	}
	pr = pr.atTier(c.Tier)
	now := s.now()
	due := c.due(pr, now)
	for _, a := range due {
		if a.Kind == AlarmLapse {
			return s.Lapse(ctx, c.ID)
		}
	}
	next := c.Clone()
	var notices []Notice
	for _, a := range due {
		ns, err := next.raise(ctx, a, due, now, pick)
		if err != nil {
			return nil, err
		}
		notices = append(notices, ns...)
	}
	next.Wake = next.wake(pr)
	if len(due) == 0 && next.Wake.UnixMilli() == c.Wake.UnixMilli() {
		return c, nil
	}
	next.Version = c.Version + 1
	return s.store.Apply(ctx, Change{Case: next, ExpectVersion: c.Version, ExpectStatus: c.Status, Notices: notices})
}

// due returns c's alarms that have gone off by now, soonest first. An
// alarm that repeats (asking seniors to claim, reminding of an update) is
// given the last round that has gone off: after an outage ombud asks once,
// not once for every round it missed.
func (c *Case) due(pr procedure, now time.Time) []Alarm {
	var out []Alarm
	for _, a := range c.alarms(pr) {
		if a.At.After(now) {
			break
		}
		switch a.Kind {
		case AlarmClaim:
			for claimRound(pr, a.Since, a.Round+1).Compare(now) <= 0 {
				a.Round++
			}
			a.Key = claimPrefix(a.Tier, a.Since) + strconv.Itoa(a.Round)
		case AlarmUpdate:
			for updateRound(pr, a.Deadline, a.Round+1).Compare(now) <= 0 {
				a.Round++
			}
			a.Key = updatePrefix(a.Deadline) + strconv.Itoa(a.Round)
		}
		out = append(out, a)
	}
	return out
}

// raise records on c that alarm a, one of due, went off, and returns the
// notices it calls for. A warning is recorded without a word when the
// deadline it warns of has passed too: the breach says more.
func (c *Case) raise(ctx context.Context, a Alarm, due []Alarm, now time.Time, pick Picker) ([]Notice, error) {
	key := a.Key
	var out []Notice
	switch a.Kind {
	case AlarmWarning:
		if !breached(due, a.Deadline) {
			out = append(out, c.alarmNotice(NoticeWarning, ToThread, key, a, now))
		}
	case AlarmBreach:
		out = append(out, c.alarmNotice(NoticeBreach, ToThread, key, a, now), c.alarmNotice(NoticeBreach, ToAlerts, key+"|alerts", a, now))
	case AlarmUpdate:
		out = append(out, c.alarmNotice(NoticeUpdate, ToThread, key, a, now))
	case AlarmClaim:
		who, ok, err := pick(ctx, c, a)
		if err != nil {
			return nil, err
		}
		n := c.alarmNotice(NoticeClaimPing, ToAlerts, key, a, now) // nobody to ask: the alerts channel hears of it
		n.Who = Person{}
		if ok {
			n.To, n.Who = ToEscalations, who
		}
		key += "|" + n.Who.Key
		out = append(out, n)
	}
	c.Notified = append(c.Notified, key)
	return out, nil
}

// breached reports whether due holds the breach of deadline d.
func breached(due []Alarm, d Deadline) bool {
	for _, a := range due {
		if a.Kind == AlarmBreach && a.Deadline.Kind == d.Kind && a.Deadline.Due.Equal(d.Due) {
			return true
		}
	}
	return false
}

// alarmNotice returns the notice of kind, to to, with the ID id, that
// alarm a of c calls for, naming whoever handles c now.
func (c *Case) alarmNotice(kind NoticeKind, to, id string, a Alarm, now time.Time) Notice {
	n := c.notice(kind, to, id, now)
	n.Deadline, n.Due, n.Tier, n.Who = a.Deadline.Kind, a.Deadline.Due, c.Tier, c.handler()
	return n
}

// handler returns who handles c now: its reviewer under review, otherwise
// its assignee.
func (c *Case) handler() Person {
	if underReview(c) {
		return c.Reviewer
	}
	return c.Assignee
}

// MayClaim reports whether who may claim the tier case c waits at: a
// senior whom the independence rule, as Claim applies it, allows.
func (s *Service) MayClaim(c *Case, who Actor) bool {
	if !who.Role.AtLeast(RoleSenior) {
		return false
	}
	pr, err := s.procedureOf(c)
	if err != nil {
		return false
	}
	_, _, err = independent(c, pr.atTier(c.Tier), who, who.Key, s.now())
	return err == nil
}
