package mongostore

import (
	"maps"
	"time"

	"github.com/ombud/ombud/cases"
)

// toDoc converts a case to its stored form.
func toDoc(c *cases.Case) caseDoc {
	threads := map[string]string{} // never null, so that SetThread can set a field in it
	maps.Copy(threads, c.Threads)
	d := caseDoc{ID: c.ID, Fields: toFields(c), Timeline: mapSlice(c.Timeline, toEvent),
		Outbox: outboxDoc{Notices: mapSlice(c.Notices, toNotice), Threads: threads, NoticeDue: cases.Never, LeaseUntil: epoch}}
	if len(c.Notices) > 0 {
		d.Outbox.NoticeDue = c.Notices[0].NextTry
	}
	return d
}

// epoch is the lease expiry of a case no one has leased.
var epoch = time.Unix(0, 0).UTC()

// toFields converts everything of a case but its ID and timeline, and
// derives the query fields.
func toFields(c *cases.Case) caseFields {
	f := caseFields{
		Policy: c.Policy, PolicyRef: c.PolicyRef, Kind: c.Kind, Complainant: complainantDoc(c.Complainant),
		Subject: c.Subject, Description: c.Description, Channel: c.Channel,
		Category: c.Category, Priority: c.Priority, Queue: c.Queue,
		ReceivedAt: c.ReceivedAt, CreatedAt: c.CreatedAt, UpdatedAt: c.UpdatedAt,
		Status: c.Status, ResumeTo: c.ResumeTo, Tier: c.Tier,
		Assignee: personDoc(c.Assignee), Reviewer: personDoc(c.Reviewer),
		Involved:    mapSlice(c.Involved, toInvolvement),
		Deadlines:   mapSlice(c.Deadlines, toDeadline),
		Extensions:  mapSlice(c.Extensions, toExtension),
		Pauses:      mapSlice(c.Pauses, toPause),
		Escalations: mapSlice(c.Escalations, toEscalation),
		Referrals:   mapSlice(c.Referrals, toReferral),
		Draft:       draftDoc{Text: c.Draft.Text, By: personDoc(c.Draft.By), At: c.Draft.At},
		Resolution:  resolutionDoc(c.Resolution),
		Origin:      originDoc(c.Origin),
		Notified:    c.Notified,
		Figures:     toFigures(c.Figures),
		Version:     c.Version,

		InvolvedIDs:   c.InvolvedKeys(),
		InvolvedTeams: c.InvolvedTeams(),
		People:        people(c),
	}
	if due := c.NextDue(); !due.IsZero() {
		f.NextDue = &due
	} else {
		f.NoDue = true
	}
	if !c.Wake.IsZero() {
		f.Wake = &c.Wake
	}
	return f
}

// people returns the keys of the case's assignee and reviewer, leaving out
// the empty ones.
func people(c *cases.Case) []string {
	var keys []string
	for _, p := range []cases.Person{c.Assignee, c.Reviewer} {
		if !p.IsZero() {
			keys = append(keys, p.Key)
		}
	}
	return keys
}

// fromDoc converts a stored case back to the domain type. Empty arrays come
// back as nil slices; the driver already reads dates in UTC; an outcome an
// earlier release stored reads as it is called now.
func fromDoc(d *caseDoc) *cases.Case {
	f := &d.Fields
	r := cases.Resolution(f.Resolution)
	r.Outcome = r.Outcome.Stored()
	if len(r.ExternalBodies) == 0 {
		r.ExternalBodies = nil
	}
	var wake time.Time
	if f.Wake != nil {
		wake = *f.Wake
	}
	threads := d.Outbox.Threads
	if len(threads) == 0 {
		threads = nil
	}
	return &cases.Case{
		ID: d.ID, Policy: f.Policy, PolicyRef: f.PolicyRef, Kind: f.Kind, Complainant: cases.Complainant(f.Complainant),
		Subject: f.Subject, Description: f.Description, Channel: f.Channel,
		Category: f.Category, Priority: f.Priority, Queue: f.Queue,
		ReceivedAt: f.ReceivedAt, CreatedAt: f.CreatedAt, UpdatedAt: f.UpdatedAt,
		Status: f.Status, ResumeTo: f.ResumeTo, Tier: f.Tier,
		Assignee: cases.Person(f.Assignee), Reviewer: cases.Person(f.Reviewer),
		Involved:    mapSlice(f.Involved, fromInvolvement),
		Deadlines:   mapSlice(f.Deadlines, fromDeadline),
		Extensions:  mapSlice(f.Extensions, fromExtension),
		Pauses:      mapSlice(f.Pauses, fromPause),
		Escalations: mapSlice(f.Escalations, fromEscalation),
		Referrals:   mapSlice(f.Referrals, fromReferral),
		Draft:       cases.Draft{Text: f.Draft.Text, By: cases.Person(f.Draft.By), At: f.Draft.At},
		Resolution:  r,
		Figures:     fromFigures(f.Figures),
		Timeline:    mapSlice(d.Timeline, fromEvent),
		Origin:      cases.Origin(f.Origin),
		Notified:    mapSlice(f.Notified, func(k string) string { return k }),
		Wake:        wake,
		Notices:     mapSlice(d.Outbox.Notices, fromNotice),
		Threads:     threads,
		Version:     f.Version,
	}
}

func toNotice(n cases.Notice) noticeDoc {
	return noticeDoc{ID: n.ID, Kind: n.Kind, To: n.To, Platform: n.Platform, Event: n.Event, Tier: n.Tier,
		Deadline: n.Deadline, Due: n.Due, Who: personDoc(n.Who), Created: n.Created, Attempts: n.Attempts, NextTry: n.NextTry}
}

func fromNotice(d noticeDoc) cases.Notice {
	return cases.Notice{ID: d.ID, Kind: d.Kind, To: d.To, Platform: d.Platform, Event: d.Event, Tier: d.Tier,
		Deadline: d.Deadline, Due: d.Due, Who: cases.Person(d.Who), Created: d.Created, Attempts: d.Attempts, NextTry: d.NextTry}
}

// mapSlice applies f to every element of in; it returns nil for an empty in.
func mapSlice[T, U any](in []T, f func(T) U) []U {
	if len(in) == 0 {
		return nil
	}
	out := make([]U, len(in))
	for i, v := range in {
		out[i] = f(v)
	}
	return out
}

func toInvolvement(in cases.Involvement) involvementDoc {
	return involvementDoc{Person: personDoc(in.Person), Tier: in.Tier, How: in.How, At: in.At}
}

func fromInvolvement(d involvementDoc) cases.Involvement {
	return cases.Involvement{Person: cases.Person(d.Person), Tier: d.Tier, How: d.How, At: d.At}
}

func toDeadline(d cases.Deadline) deadlineDoc { return deadlineDoc(d) }

func fromDeadline(d deadlineDoc) cases.Deadline { return cases.Deadline(d) }

func toExtension(e cases.Extension) extensionDoc {
	return extensionDoc{Deadline: e.Deadline, Days: e.Days, Reason: e.Reason, From: e.From, To: e.To,
		By: personDoc(e.By), At: e.At}
}

func fromExtension(d extensionDoc) cases.Extension {
	return cases.Extension{Deadline: d.Deadline, Days: d.Days, Reason: d.Reason, From: d.From,
		To: d.To, By: cases.Person(d.By), At: d.At}
}

func toPause(p cases.Pause) pauseDoc {
	return pauseDoc{Reason: p.Reason, From: p.From, To: p.To, By: personDoc(p.By)}
}

func fromPause(d pauseDoc) cases.Pause {
	return cases.Pause{Reason: d.Reason, From: d.From, To: d.To, By: cases.Person(d.By)}
}

func toEscalation(e cases.Escalation) escalationDoc {
	return escalationDoc{Tier: e.Tier, Reason: e.Reason, Expects: e.Expects, Via: e.Via, From: complainantDoc(e.From),
		Subject: e.Subject, By: personDoc(e.By), At: e.At}
}

func fromEscalation(d escalationDoc) cases.Escalation {
	return cases.Escalation{Tier: d.Tier, Reason: d.Reason, Expects: d.Expects, Via: d.Via, From: cases.Complainant(d.From),
		Subject: d.Subject, By: cases.Person(d.By), At: d.At}
}

func toReferral(r cases.Referral) referralDoc {
	return referralDoc{To: personDoc(r.To), Reason: r.Reason, Tier: r.Tier, By: personDoc(r.By), At: r.At}
}

func fromReferral(d referralDoc) cases.Referral {
	return cases.Referral{To: cases.Person(d.To), Reason: d.Reason, Tier: d.Tier, By: cases.Person(d.By), At: d.At}
}

func toEvent(e cases.Event) eventDoc {
	return eventDoc{At: e.At, Actor: personDoc(e.Actor), Tier: e.Tier, Action: e.Action, Status: e.Status,
		Text: e.Text, Entered: e.Entered}
}

func fromEvent(d eventDoc) cases.Event {
	return cases.Event{At: d.At, Actor: cases.Person(d.Actor), Tier: d.Tier, Action: d.Action,
		Status: d.Status, Text: d.Text, Entered: d.Entered}
}

func toFigures(f cases.Figures) figuresDoc {
	return figuresDoc{
		ReceivedDay: f.ReceivedDay, ReceivedWeek: f.ReceivedWeek,
		ClosedAt: orNull(f.ClosedAt), ClosedDay: f.ClosedDay, ClosedWeek: f.ClosedWeek,
		Agent: f.Agent, Reviewer: f.Reviewer, TierReached: f.TierReached, Answers: f.Answers,
		Acknowledge: toStep(f.Acknowledge), Answer: toStep(f.Answer), Late: f.Late,
		ObligationDue: orNull(f.ObligationDue), ObligationKind: f.ObligationKind,
		RootCause: f.RootCause, Lessons: f.Lessons,
	}
}

func fromFigures(d figuresDoc) cases.Figures {
	return cases.Figures{
		ReceivedDay: d.ReceivedDay, ReceivedWeek: d.ReceivedWeek,
		ClosedAt: orZero(d.ClosedAt), ClosedDay: d.ClosedDay, ClosedWeek: d.ClosedWeek,
		Agent: d.Agent, Reviewer: d.Reviewer, TierReached: d.TierReached, Answers: d.Answers,
		Acknowledge: fromStep(d.Acknowledge), Answer: fromStep(d.Answer), Late: d.Late,
		ObligationDue: orZero(d.ObligationDue), ObligationKind: d.ObligationKind,
		RootCause: d.RootCause, Lessons: d.Lessons,
	}
}

func toStep(s cases.Step) stepDoc {
	return stepDoc{State: s.State, Due: orNull(s.Due), At: s.At, Days: s.Days}
}

func fromStep(d stepDoc) cases.Step {
	return cases.Step{State: d.State, Due: orZero(d.Due), At: d.At, Days: d.Days}
}

// orNull returns nil for the zero time, so that it is stored as null.
func orNull(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

// orZero returns the time t points to, or the zero time for nil.
func orZero(t *time.Time) time.Time {
	if t == nil {
		return time.Time{}
	}
	return *t
}
