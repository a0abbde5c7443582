package cases

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"
)

// Kind is what sort of matter a case is.
type Kind string

// Kinds of case.
const (
	KindComplaint Kind = "complaint"
	KindAbuse     Kind = "abuse"
	KindFeedback  Kind = "feedback"
)

// Kinds lists every kind, in the order help text shows them.
var Kinds = []Kind{KindComplaint, KindAbuse, KindFeedback}

// Channel is how a complaint reached the team.
type Channel string

// Intake channels.
const (
	ChannelEmail    Channel = "email"
	ChannelPhone    Channel = "phone"
	ChannelChat     Channel = "chat"
	ChannelPost     Channel = "post"
	ChannelWeb      Channel = "web"
	ChannelInPerson Channel = "in-person"
)

// Channels lists every intake channel.
var Channels = []Channel{ChannelEmail, ChannelPhone, ChannelChat, ChannelPost, ChannelWeb, ChannelInPerson}

// Priority orders work within a queue.
type Priority string

// Priorities.
const (
	PriorityLow    Priority = "low"
	PriorityNormal Priority = "normal"
	PriorityHigh   Priority = "high"
)

// Priorities lists every priority.
var Priorities = []Priority{PriorityLow, PriorityNormal, PriorityHigh}

// Outcome is the result of a complaint at the tier that settled it. Its
// value is the word agents type, so it reads back as it was given.
type Outcome string

// Outcomes.
const (
	OutcomeUpheld    Outcome = "upheld"
	OutcomePartly    Outcome = "partly"   // partly upheld
	OutcomeRejected  Outcome = "rejected" // not upheld
	OutcomeWithdrawn Outcome = "withdrawn"
)

// Outcomes lists every outcome.
var Outcomes = []Outcome{OutcomeUpheld, OutcomePartly, OutcomeRejected, OutcomeWithdrawn}

// earlierOutcomes maps the values earlier releases stored to the outcomes
// they mean.
var earlierOutcomes = map[Outcome]Outcome{"partly-upheld": OutcomePartly, "not-upheld": OutcomeRejected}

// ParseOutcome parses an outcome as typed, in any letter case.
func ParseOutcome(s string) (Outcome, error) {
	o := Outcome(strings.ToLower(strings.TrimSpace(s)))
	if slices.Contains(Outcomes, o) {
		return o, nil
	}
	return "", Errorf(EINVALID, "%q is not an outcome; use upheld, partly, rejected or withdrawn", s)
}

// Stored returns the outcome a stored value means: o itself, or for a value
// an earlier release stored ("partly-upheld", "not-upheld") the outcome it
// is called now. Stores call it on every case they read.
func (o Outcome) Stored() Outcome {
	if now, ok := earlierOutcomes[o]; ok {
		return now
	}
	return o
}

// Tier is the level of the procedure a case is at: 1 is the frontline, 2 the
// escalation review, 3 the final review. Policies name their tiers.
type Tier int

// Tiers of the procedure.
const (
	TierFrontline Tier = 1
	TierReview    Tier = 2
	TierFinal     Tier = 3
)

// Complainant is the person or organisation who complained. Contact is
// personal data: it is stored, shown to the team, and never logged.
type Complainant struct {
	Name    string
	Contact string
	Account string
}

// Involvement records that someone took part in a case, at which tier and how.
// The independence rule reads it. The record only grows; an entry whose How
// is ActionReopen ends a cycle of the procedure (see Case.Cycle).
type Involvement struct {
	Person Person
	Tier   Tier
	How    Action
	At     time.Time
}

// Escalation is a customer's request to move the case up a tier, with what
// the escalated complaint carried.
type Escalation struct {
	Tier    Tier
	Reason  string
	Expects string
	Via     Channel     // how the escalated complaint came; empty when not recorded
	From    Complainant // who escalated, as the escalated complaint gives it; empty fields were not given
	Subject string      // the domain name(s), service or order, as the escalated complaint gives them
	By      Person
	At      time.Time
}

// Extension records that a deadline was moved, by whom and why.
type Extension struct {
	Deadline DeadlineKind
	Days     int
	Reason   string
	From     time.Time
	To       time.Time
	By       Person
	At       time.Time
}

// Pause records a period in which the clocks stopped while the team waited for
// the customer.
type Pause struct {
	Reason string
	From   time.Time
	To     time.Time // zero while the pause lasts
	By     Person
}

// Resolution is how a case ended: its outcome and the register entries a
// complaint procedure keeps.
type Resolution struct {
	Outcome        Outcome
	Summary        string
	RootCause      string
	Remedy         string
	Lessons        string
	ExternalBodies []string
	Spot           bool // resolved on the spot at first contact; Summary holds the minutes
	At             time.Time
}

// Event is one entry of a case's append-only timeline.
type Event struct {
	At     time.Time // when it happened
	Actor  Person
	Tier   Tier
	Action Action
	Status Status // the status after the event
	Text   string
	// Entered is when the event was recorded, where that was later than
	// At: a step dated back to when it happened, or a complaint opened
	// after it was received. Zero when it was recorded as it happened, and
	// then left out of the stored JSON.
	Entered time.Time `json:",omitzero"`
}

// Case is one complaint, abuse report or piece of feedback, from intake to
// closing. ID is typed and said aloud by agents, for example "C-2026-0042".
type Case struct {
	ID          string
	Policy      string // the name of the policy the case follows
	PolicyRef   string // the Ref of its PolicySnapshot; empty for cases opened before snapshots were kept
	Kind        Kind
	Complainant Complainant
	Subject     string
	Description string
	Channel     Channel
	Category    string
	Priority    Priority
	Queue       string // where the policy routes cases of this kind, such as "abuse"; may be empty
	ReceivedAt  time.Time
	CreatedAt   time.Time
	UpdatedAt   time.Time

	Status      Status
	ResumeTo    Status // the status a paused case returns to
	Tier        Tier
	Assignee    Person
	Reviewer    Person // the senior who claimed the current tier
	Involved    []Involvement
	Deadlines   []Deadline
	Extensions  []Extension
	Pauses      []Pause
	Escalations []Escalation
	Referrals   []Referral
	Draft       Draft // an answer waiting for a senior's sign-off; zero when none
	Resolution  Resolution
	Timeline    []Event

	Origin   Origin    // where the case began; its thread and its notices go there
	Notified []string  // the keys of the alarms ombud has handled (Alarm.Key), each handled once
	Wake     time.Time // when ombud next owes the case something by itself; zero for never. Every change sets it

	// Notices are the case's pending notifications, oldest first, and
	// Threads the reference of its thread on each platform, by platform.
	// The store keeps both apart from the rest: Create stores them, Apply
	// appends Change.Notices and writes neither, the dispatcher removes
	// notices as they are delivered, and SetThread records threads.
	Notices []Notice
	Threads map[string]string
	// Figures are what summaries and the register count, worked out by
	// the service on every change; stores keep them for aggregation.
	Figures Figures

	// Version increases by one with every change; the store uses it as the
	// precondition of a write.
	Version int
}

// Deadline returns the case's latest deadline of the given kind and whether
// it has one. Earlier ones of the kind stay in Deadlines, met, as history.
func (c *Case) Deadline(kind DeadlineKind) (*Deadline, bool) {
	for i := len(c.Deadlines) - 1; i >= 0; i-- {
		if c.Deadlines[i].Kind == kind {
			return &c.Deadlines[i], true
		}
	}
	return nil, false
}

// NextDue returns the earliest due time among the case's pending deadlines,
// or the zero time when none is pending. While the case is paused its clocks
// are stopped, so only a deadline already missed when the pause began
// counts.
func (c *Case) NextDue() time.Time {
	var next time.Time
	for _, d := range c.Deadlines {
		if !d.Pending() || c.stopped(d) {
			continue
		}
		if next.IsZero() || d.Due.Before(next) {
			next = d.Due
		}
	}
	return next
}

// InvolvementKey names who (a person key or a team) took part at tier t of
// the case's cycle, as the store's flat precondition arrays hold it:
// "2|1|slack:U024BE7LH" is the frontline of the first reopening.
func InvolvementKey(cycle int, t Tier, who string) string {
	return fmt.Sprintf("%d|%d|%s", cycle, t, who)
}

// Cycle returns which run of the procedure c is in: 1 until it is first
// reopened, then one more for every reopening. Each reopening is in the
// involvement record, so the record tells the cycle of every entry.
func (c *Case) Cycle() int {
	n := 1
	for _, in := range c.Involved {
		if in.How == ActionReopen {
			n++
		}
	}
	return n
}

// eachInvolvement calls f with every entry of c's involvement record and the
// cycle it belongs to. A reopening belongs to the cycle it ends.
func (c *Case) eachInvolvement(f func(in Involvement, cycle int)) {
	cycle := 1
	for _, in := range c.Involved {
		f(in, cycle)
		if in.How == ActionReopen {
			cycle++
		}
	}
}

// InvolvedKeys returns InvolvementKey(cycle, tier, person key) for everyone
// in the involvement record, once each, in the order they first appear.
func (c *Case) InvolvedKeys() []string { return c.involvedBy(func(p Person) string { return p.Key }) }

// InvolvedTeams returns InvolvementKey(cycle, tier, team) for the teams of
// everyone in the involvement record, once each, leaving out people with no
// team.
func (c *Case) InvolvedTeams() []string { return c.involvedBy(func(p Person) string { return p.Team }) }

func (c *Case) involvedBy(field func(Person) string) []string {
	seen := map[string]bool{}
	var out []string
	c.eachInvolvement(func(in Involvement, cycle int) {
		v := field(in.Person)
		if v == "" {
			return
		}
		if k := InvolvementKey(cycle, in.Tier, v); !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	})
	return out
}

// Clone returns a deep copy of c, so a change can be prepared without touching
// the original.
func (c *Case) Clone() *Case {
	d := *c
	d.Involved = append([]Involvement(nil), c.Involved...)
	d.Deadlines = append([]Deadline(nil), c.Deadlines...)
	d.Extensions = append([]Extension(nil), c.Extensions...)
	d.Pauses = append([]Pause(nil), c.Pauses...)
	d.Escalations = append([]Escalation(nil), c.Escalations...)
	d.Referrals = append([]Referral(nil), c.Referrals...)
	d.Resolution.ExternalBodies = append([]string(nil), c.Resolution.ExternalBodies...)
	d.Timeline = append([]Event(nil), c.Timeline...)
	d.Notified = append([]string(nil), c.Notified...)
	d.Notices = append([]Notice(nil), c.Notices...)
	if c.Threads != nil {
		d.Threads = maps.Clone(c.Threads)
	}
	return &d
}
