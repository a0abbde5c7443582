package cases

import (
	"fmt"
	"time"
)

// Origin is where a case began: the platform and the channel of the
// request that opened it. The case's thread is there, and notices about
// the case go to that platform.
type Origin struct {
	Platform  string // "slack", "discord", "console"
	ChannelID string // the platform's ID of the channel
}

// NoticeKind says what a notice tells.
type NoticeKind string

// Notice kinds, and what each uses of the Notice's fields.
const (
	NoticeHeader     NoticeKind = "header"          // the head of the case's thread, showing where the case stands now
	NoticeChange     NoticeKind = "change"          // a change someone made (Event), in the thread: a copy of the reply they saw
	NoticeEscalation NoticeKind = "escalation"      // a tier (Tier) waits for a reviewer: to the escalations channel
	NoticeWarning    NoticeKind = "warning"         // a deadline (Deadline, Due) falls due soon, naming the assignee
	NoticeBreach     NoticeKind = "breach"          // a deadline (Deadline, Due) passed, naming the assignee and any reviewer
	NoticeClaimPing  NoticeKind = "claim-ping"      // nobody claimed a tier (Tier) in time: a senior (Who) is asked to
	NoticeLapsed     NoticeKind = "lapsed"          // the customer's window (Deadline, Due) closed, and so did the case
	NoticeUpdate     NoticeKind = "update-reminder" // a progress update (Due) is overdue: the assignee (Who) is reminded
	NoticeDigest     NoticeKind = "digest"          // the weekly digest for the week starting Due; about no one case
)

// Where a notice goes: a team channel, each platform mapping it to one of
// its own, or the case's thread.
const (
	ToThread      = ""            // the thread of the notice's case
	ToEscalations = "escalations" // escalations waiting for a reviewer
	ToAlerts      = "alerts"      // deadline breaches
	ToManagers    = "managers"    // the weekly digest
)

// Notice is a notification ombud owes someone: written with the change
// that calls for it, in the same store write, and removed once a platform
// has taken it, so that nothing is lost to an outage, a rate limit or a
// crash. What it says is worked out when it is delivered, from the case as
// it is then and from the fields below.
type Notice struct {
	ID       string       // idempotency key, unique within its case, or among notices about no case
	Kind     NoticeKind   // what it tells
	To       string       // ToThread or a team channel
	Platform string       // the platform it goes to
	Event    int          // the index in the case's timeline of the change it reports
	Tier     Tier         // the tier it is about
	Deadline DeadlineKind // the deadline it is about
	Due      time.Time    // that deadline's due time, or the week a digest starts
	Who      Person       // whom it asks or reminds
	Created  time.Time    // when it was written
	Attempts int          // failed deliveries so far
	NextTry  time.Time    // no delivery is tried before this
}

// Never is what a store keeps for "not at any time" where it needs a time
// that orders after every real one.
var Never = time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)

// notices returns the notices a change to c makes at now, for the event at
// index event of its timeline, done by actor: the thread's header, where
// the case stands now, and a copy of the change for the thread, or, for a
// change ombud made by itself, nothing a person was shown.
func (c *Case) notices(actor Actor, event int, now time.Time) []Notice {
	head := c.notice(NoticeHeader, ToThread, fmt.Sprintf("v%d-header", c.Version), now)
	if actor.Key == System.Key {
		return []Notice{head}
	}
	change := c.notice(NoticeChange, ToThread, fmt.Sprintf("v%d-change", c.Version), now)
	change.Event = event
	return []Notice{head, change}
}

// notice returns a notice of kind about c, to to, with the ID id, on the
// platform where c began.
func (c *Case) notice(kind NoticeKind, to, id string, now time.Time) Notice {
	return Notice{ID: id, Kind: kind, To: to, Platform: c.Origin.Platform, Created: now, NextTry: now}
}
