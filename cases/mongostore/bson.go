package mongostore

import (
	"time"

	"github.com/ombud/ombud/cases"
	"github.com/ombud/ombud/cases/calendar"
)

// The documents below are how cases are stored. Types without a person in
// them mirror their domain type field for field and convert with a plain
// type conversion, so a field added to the domain type breaks the build here
// instead of being silently dropped. Times are stored as BSON dates, which
// keep milliseconds, and read back in UTC.

// caseDoc is a case as stored in the cases collection. Its _id is the case
// ID.
type caseDoc struct {
	ID       string     `bson:"_id"`
	Fields   caseFields `bson:",inline"`
	Timeline []eventDoc `bson:"timeline"`
	Outbox   outboxDoc  `bson:",inline"`
}

// outboxDoc is what a case document holds for the outbox, which Apply's
// $set never writes: the pending notices and the threads, when the first
// notice may be tried (cases.Never when none is pending; Apply lowers it
// with $min, so it is never later than that), who leases the notices until
// when, and a count of the writes that appended notices, the precondition
// of the dispatcher's rewrites of the list.
type outboxDoc struct {
	Notices    []noticeDoc       `bson:"notices"`
	Threads    map[string]string `bson:"threads"`
	NoticeDue  time.Time         `bson:"notice_due"`
	LeaseOwner string            `bson:"lease_owner"`
	LeaseUntil time.Time         `bson:"lease_until"`
	Appends    int               `bson:"appends"`
}

type noticeDoc struct {
	ID       string             `bson:"id"`
	Kind     cases.NoticeKind   `bson:"kind"`
	To       string             `bson:"to"`
	Platform string             `bson:"platform"`
	Event    int                `bson:"event"`
	Tier     cases.Tier         `bson:"tier"`
	Deadline cases.DeadlineKind `bson:"deadline"`
	Due      time.Time          `bson:"due,omitempty"`
	Who      personDoc          `bson:"who"`
	Created  time.Time          `bson:"created"`
	Attempts int                `bson:"attempts"`
	NextTry  time.Time          `bson:"next_try"`
}

type originDoc struct {
	Platform  string `bson:"platform"`
	ChannelID string `bson:"channel_id"`
}

// caseFields holds everything Apply replaces with $set: the whole case but
// its ID and timeline, plus fields derived for queries. None is omitempty, so
// that $set also clears a field that became empty.
type caseFields struct {
	Policy      string         `bson:"policy"`
	PolicyRef   string         `bson:"policy_ref"`
	Kind        cases.Kind     `bson:"kind"`
	Complainant complainantDoc `bson:"complainant"`
	Subject     string         `bson:"subject"`
	Description string         `bson:"description"`
	Channel     cases.Channel  `bson:"channel"`
	Category    string         `bson:"category"`
	Priority    cases.Priority `bson:"priority"`
	Queue       string         `bson:"queue"`
	ReceivedAt  time.Time      `bson:"received_at"`
	CreatedAt   time.Time      `bson:"created_at"`
	UpdatedAt   time.Time      `bson:"updated_at"`

	Status      cases.Status     `bson:"status"`
	ResumeTo    cases.Status     `bson:"resume_to"`
	Tier        cases.Tier       `bson:"tier"`
	Assignee    personDoc        `bson:"assignee"`
	Reviewer    personDoc        `bson:"reviewer"`
	Involved    []involvementDoc `bson:"involved"`
	Deadlines   []deadlineDoc    `bson:"deadlines"`
	Extensions  []extensionDoc   `bson:"extensions"`
	Pauses      []pauseDoc       `bson:"pauses"`
	Escalations []escalationDoc  `bson:"escalations"`
	Referrals   []referralDoc    `bson:"referrals"`
	Draft       draftDoc         `bson:"draft"`
	Resolution  resolutionDoc    `bson:"resolution"`
	Origin      originDoc        `bson:"origin"`
	Notified    []string         `bson:"notified"`
	Figures     figuresDoc       `bson:"figures"`
	Version     int              `bson:"version"`

	// Derived for queries and preconditions. Conditions on a path into an
	// array of sub-documents are wrong on FerretDB, so the involvement
	// record is also kept as flat arrays.
	InvolvedIDs   []string   `bson:"involved_ids"`
	InvolvedTeams []string   `bson:"involved_teams"`
	People        []string   `bson:"people"` // assignee and reviewer keys
	NextDue       *time.Time `bson:"next_due"`
	NoDue         bool       `bson:"no_due"` // no pending deadline; sorts such cases last
	Wake          *time.Time `bson:"wake"`   // cases.Case.Wake; null for never
}

type complainantDoc struct {
	Name    string `bson:"name"`
	Contact string `bson:"contact"`
	Account string `bson:"account"`
}

type personDoc struct {
	Key  string `bson:"key"`
	Name string `bson:"name"`
	Team string `bson:"team"`
}

type involvementDoc struct {
	Person personDoc    `bson:"person"`
	Tier   cases.Tier   `bson:"tier"`
	How    cases.Action `bson:"how"`
	At     time.Time    `bson:"at"`
}

type deadlineDoc struct {
	Kind  cases.DeadlineKind `bson:"kind"`
	Unit  calendar.Unit      `bson:"unit"`
	Start time.Time          `bson:"start"`
	Due   time.Time          `bson:"due"`
	Warn  time.Time          `bson:"warn,omitempty"`
	Cap   time.Time          `bson:"cap,omitempty"`
	Met   time.Time          `bson:"met,omitempty"`
}

type extensionDoc struct {
	Deadline cases.DeadlineKind `bson:"deadline"`
	Days     int                `bson:"days"`
	Reason   string             `bson:"reason"`
	From     time.Time          `bson:"from"`
	To       time.Time          `bson:"to"`
	By       personDoc          `bson:"by"`
	At       time.Time          `bson:"at"`
}

type pauseDoc struct {
	Reason string    `bson:"reason"`
	From   time.Time `bson:"from"`
	To     time.Time `bson:"to,omitempty"`
	By     personDoc `bson:"by"`
}

type escalationDoc struct {
	Tier    cases.Tier     `bson:"tier"`
	Reason  string         `bson:"reason"`
	Expects string         `bson:"expects"`
	Via     cases.Channel  `bson:"via"`
	From    complainantDoc `bson:"from"`
	Subject string         `bson:"subject"`
	By      personDoc      `bson:"by"`
	At      time.Time      `bson:"at"`
}

type referralDoc struct {
	To     personDoc  `bson:"to"`
	Reason string     `bson:"reason"`
	Tier   cases.Tier `bson:"tier"`
	By     personDoc  `bson:"by"`
	At     time.Time  `bson:"at"`
}

type draftDoc struct {
	Text string    `bson:"text"`
	By   personDoc `bson:"by"`
	At   time.Time `bson:"at,omitempty"`
}

type resolutionDoc struct {
	Outcome        cases.Outcome `bson:"outcome"`
	Summary        string        `bson:"summary"`
	RootCause      string        `bson:"root_cause"`
	Remedy         string        `bson:"remedy"`
	Lessons        string        `bson:"lessons"`
	ExternalBodies []string      `bson:"external_bodies"`
	Spot           bool          `bson:"spot"`
	At             time.Time     `bson:"at,omitempty"`
}

type eventDoc struct {
	At     time.Time    `bson:"at"`
	Actor  personDoc    `bson:"actor"`
	Tier   cases.Tier   `bson:"tier"`
	Action cases.Action `bson:"action"`
	Status cases.Status `bson:"status"`
	Text   string       `bson:"text"`
	// Entered is when a step dated back was recorded; absent otherwise.
	Entered time.Time `bson:"entered,omitempty"`
}

// figuresDoc holds a case's figures, which summaries count with $match and
// $group; its field names are the ones figureFields maps to.
type figuresDoc struct {
	ReceivedDay    string             `bson:"received_day"`
	ReceivedWeek   string             `bson:"received_week"`
	ClosedAt       *time.Time         `bson:"closed_at"` // null while open
	ClosedDay      string             `bson:"closed_day"`
	ClosedWeek     string             `bson:"closed_week"`
	Agent          string             `bson:"agent"`
	Reviewer       string             `bson:"reviewer"`
	TierReached    cases.Tier         `bson:"tier_reached"`
	Answers        int                `bson:"answers"`
	Acknowledge    stepDoc            `bson:"ack"`
	Answer         stepDoc            `bson:"answer"`
	Late           int                `bson:"late"`
	ObligationDue  *time.Time         `bson:"obligation_due"` // null when none is pending
	ObligationKind cases.DeadlineKind `bson:"obligation_kind"`
	RootCause      string             `bson:"root_cause"`
	Lessons        string             `bson:"lessons"`
}

// stepDoc is a cases.Step. Due is null when the step is not running, so
// that a date comparison never matches it.
type stepDoc struct {
	State cases.StepState `bson:"state"`
	Due   *time.Time      `bson:"due"`
	At    time.Time       `bson:"at,omitempty"`
	Days  float64         `bson:"days"`
}
