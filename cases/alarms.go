package cases

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ombud/ombud/cases/calendar"
)

// AlarmKind is what ombud does by itself when an alarm goes off.
type AlarmKind string

// Alarm kinds.
const (
	AlarmWarning AlarmKind = "warn"   // warn that a deadline falls due soon
	AlarmBreach  AlarmKind = "breach" // say that a deadline passed
	AlarmLapse   AlarmKind = "lapse"  // close the case: the customer's window closed unused
	AlarmClaim   AlarmKind = "claim"  // ask a senior to claim the tier that waits for a reviewer
	AlarmUpdate  AlarmKind = "update" // remind whoever handles the case of an overdue progress update
)

// Alarm is a moment at which ombud owes a case something by itself. Each
// is handled once: its Key goes into Case.Notified in the write that
// handles it. A deadline that moves is a new deadline with new alarms.
type Alarm struct {
	Key      string    // "warn|answer|2026-11-24T15:00:00Z", "claim|2|…|3|slack:U9", …
	Kind     AlarmKind // what to do
	At       time.Time // when it goes off
	Deadline Deadline  // the deadline it is about (all but Claim)
	Tier     Tier      // Claim: the tier that waits
	Since    time.Time // Claim: when the tier began to wait
	Round    int       // Claim and Update: which time it goes off, from 1
}

// passed returns the first moment the stores can tell apart from t that
// is after it: a deadline is breached once it has passed, not at its due
// time.
func passed(t time.Time) time.Time { return t.Add(time.Millisecond) }

// stamp formats t for alarm keys: UTC, to the millisecond, as stores keep it.
func stamp(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000Z") }

// alarms returns the alarms of c, each the next of its kind not yet
// handled, soonest first. A closed case has none, nor has a deadline whose
// clock a pause stopped.
func (c *Case) alarms(pr procedure) []Alarm {
	if c.Status == StatusClosed {
		return nil
	}
	var out []Alarm
	for _, d := range c.running() {
		out = append(out, c.deadlineAlarms(pr, d)...)
	}
	if a, ok := c.claimAlarm(pr); ok {
		out = append(out, a)
	}
	out = slices.DeleteFunc(out, func(a Alarm) bool { return slices.Contains(c.Notified, a.Key) })
	slices.SortStableFunc(out, func(a, b Alarm) int { return a.At.Compare(b.At) })
	return out
}

// deadlineAlarms returns the alarms of d, one of c's pending deadlines: a
// window lapses when it closes with the case still waiting in it; a
// progress update reminds when it passes, and every update period after;
// any other deadline warns at its warn point and alerts when it passes.
func (c *Case) deadlineAlarms(pr procedure, d Deadline) []Alarm {
	due := stamp(d.Due)
	switch {
	case d.Kind.IsWindow():
		if (d.Kind == DeadlineEscalationWindow && c.Status == StatusAnswered) || (d.Kind == DeadlineFinalWindow && c.Status == StatusReviewed) {
			return []Alarm{{Key: "lapse|" + string(d.Kind) + "|" + due, Kind: AlarmLapse, At: passed(d.Due), Deadline: d}}
		}
		return nil
	case d.Kind == DeadlineUpdate:
		n := c.lastRound(updatePrefix(d)) + 1
		return []Alarm{{Key: updatePrefix(d) + strconv.Itoa(n), Kind: AlarmUpdate, At: updateRound(pr, d, n), Deadline: d, Round: n}}
	}
	out := []Alarm{{Key: "breach|" + string(d.Kind) + "|" + due, Kind: AlarmBreach, At: passed(d.Due), Deadline: d}}
	if !d.Warn.IsZero() && d.Warn.Before(d.Due) {
		out = append(out, Alarm{Key: "warn|" + string(d.Kind) + "|" + due, Kind: AlarmWarning, At: d.Warn, Deadline: d})
	}
	return out
}

// updatePrefix is the start of the keys of the reminders of the progress
// update d; the round follows it.
func updatePrefix(d Deadline) string { return "update|" + stamp(d.Due) + "|" }

// updateRound returns when the n-th reminder of the progress update d goes
// off: when it passes, and every update period after.
func updateRound(pr procedure, d Deadline, n int) time.Time {
	every := pr.Deadlines.Update
	if n == 1 || every.IsZero() {
		return passed(d.Due)
	}
	return passed(pr.cal.Add(d.Due, calendar.Duration{N: (n - 1) * every.N, Unit: every.Unit}))
}

// claimAlarm returns the next time ombud asks a senior to claim the tier c
// waits at for a reviewer: every claim_within of the policy since it began
// to wait.
func (c *Case) claimAlarm(pr procedure) (Alarm, bool) {
	if c.Status != StatusEscalated && c.Status != StatusFinalRequested {
		return Alarm{}, false
	}
	since, ok := c.waitingSince()
	if !ok {
		return Alarm{}, false
	}
	prefix := claimPrefix(c.Tier, since)
	n := c.lastRound(prefix) + 1
	return Alarm{Key: prefix + strconv.Itoa(n), Kind: AlarmClaim, At: claimRound(pr, since, n), Tier: c.Tier, Since: since, Round: n}, true
}

// claimRound returns when the n-th senior is asked to claim a tier that has
// waited since since.
func claimRound(pr procedure, since time.Time, n int) time.Time {
	every := pr.ClaimTime()
	return pr.cal.Add(since, calendar.Duration{N: n * every.N, Unit: every.Unit})
}

// claimPrefix starts the keys of the claim alarms of tier t waiting since
// since: "claim|2|2026-11-24T09:00:00.000Z|".
func claimPrefix(t Tier, since time.Time) string { return fmt.Sprintf("claim|%d|%s|", t, stamp(since)) }

// waitingSince returns when c began to wait at its tier for a reviewer:
// when it was escalated to it.
func (c *Case) waitingSince() (time.Time, bool) {
	for i := len(c.Escalations) - 1; i >= 0; i-- {
		if c.Escalations[i].Tier == c.Tier {
			return c.Escalations[i].At, true
		}
	}
	return time.Time{}, false
}

// lastRound returns the highest round among the handled alarms whose keys
// start with prefix and go on with the round, or 0 for none.
func (c *Case) lastRound(prefix string) int {
	last := 0
	for _, k := range c.Notified {
		rest, ok := strings.CutPrefix(k, prefix)
		if !ok {
			continue
		}
		round, _, _ := strings.Cut(rest, "|")
		if n, err := strconv.Atoi(round); err == nil && n > last {
			last = n
		}
	}
	return last
}

// Asked returns the keys of the seniors ombud has asked to claim the tier c
// waits at, since it began to wait, most recent last.
func (c *Case) Asked() []string {
	since, ok := c.waitingSince()
	if !ok {
		return nil
	}
	var out []string
	prefix := claimPrefix(c.Tier, since)
	for _, k := range c.Notified {
		if rest, ok := strings.CutPrefix(k, prefix); ok {
			if _, who, ok := strings.Cut(rest, "|"); ok && who != "" {
				out = append(out, who)
			}
		}
	}
	return out
}

// running returns c's deadlines whose clocks run: those pending, but for
// those a pause stopped.
func (c *Case) running() []Deadline {
	var out []Deadline
	for _, d := range c.Deadlines {
		if d.Pending() && !c.stopped(d) {
			out = append(out, d)
		}
	}
	return out
}

// wake returns when c's first alarm goes off, or the zero time when it has
// none.
func (c *Case) wake(pr procedure) time.Time {
	if as := c.alarms(pr); len(as) > 0 {
		return as[0].At
	}
	return time.Time{}
}
