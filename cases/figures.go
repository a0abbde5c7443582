package cases

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
)

// StepState is how a measured step of the procedure (acknowledging a case,
// answering it) stands against its deadline.
type StepState string

// Step states.
const (
	StepNone    StepState = ""        // the policy sets no deadline for the step
	StepPending StepState = "pending" // not done yet
	StepOnTime  StepState = "on-time" // done at or before its due time
	StepLate    StepState = "late"    // done after its due time
	StepMoot    StepState = "moot"    // the customer withdrew before it fell due
)

// Step is how a case stands on one measured step.
type Step struct {
	State StepState
	// Due is when the step falls due while it is pending and its clock
	// runs, or it was missed before the case's pause began; zero
	// otherwise (see Case.Overdue).
	Due time.Time
	// At is when the step was done, whether or not the policy sets a
	// deadline for it; zero while it is not.
	At time.Time
	// Days is how many business days of the policy's calendar the step
	// took from receipt, with paused time left out; 0 while not done.
	Days float64
}

// Done reports whether the step has been taken.
func (s Step) Done() bool { return !s.At.IsZero() }

// Figures are what the manager summary and the register count on a case.
// The service works them out every time the case changes, in its policy's
// calendar, so that a store can count and group them without reading whole
// cases.
type Figures struct {
	ReceivedDay  string    // the local date of receipt: "2026-11-23"
	ReceivedWeek string    // its ISO week: "2026-W48"
	ClosedAt     time.Time // when the case was closed; zero while it is not
	ClosedDay    string    // ClosedAt's local date; "" while open
	ClosedWeek   string    // ClosedAt's ISO week; "" while open
	Agent        string    // the assignee's name
	Reviewer     string    // the name of the senior holding a review tier; "" when none does
	TierReached  Tier      // the highest tier the case has been at
	// Answers counts the tiers answered: 1 once the customer had a first
	// answer (or the case was resolved at the frontline), 2 once a review
	// answer was given, 3 once a final review was decided.
	Answers     int
	Acknowledge Step
	Answer      Step // the first answer
	// Late counts the team's deadlines (not the customer's windows) met
	// after they fell due.
	Late int
	// ObligationDue is when the earliest of the team's pending deadlines
	// falls due, and ObligationKind its kind; zero and "" when none is
	// pending. While the case is paused only a deadline missed before the
	// pause began counts: the others' clocks are stopped (see
	// Case.Overdue).
	ObligationDue  time.Time
	ObligationKind DeadlineKind
	RootCause      string // the root cause in lower case, spaces collapsed, to count alike causes as one
	Lessons        string // the lessons learned, as entered
}

// refreshFigures works out c's figures after a change, given its whole
// timeline including the change's event, and the figures before it.
func (c *Case) refreshFigures(pr procedure, events []Event, prev Figures) {
	loc := pr.cal.Location()
	f := Figures{
		ReceivedDay: dayKey(c.ReceivedAt, loc), ReceivedWeek: weekKey(c.ReceivedAt, loc),
		Agent: c.Assignee.Name, TierReached: c.Tier, Lessons: c.Resolution.Lessons,
		RootCause: strings.ToLower(strings.Join(strings.Fields(c.Resolution.RootCause), " ")),
	}
	if c.Tier > TierFrontline {
		f.Reviewer = c.Reviewer.Name
	}
	for _, e := range c.Escalations {
		f.TierReached = max(f.TierReached, e.Tier)
	}
	if f.ClosedAt = closedAt(events); !f.ClosedAt.IsZero() {
		f.ClosedDay, f.ClosedWeek = dayKey(f.ClosedAt, loc), weekKey(f.ClosedAt, loc)
	}
	ack, answer := c.stepTimes(events)
	f.Answers = c.answers(events, !answer.IsZero())
	f.Acknowledge = c.step(pr, DeadlineAcknowledge, ack, prev.Acknowledge.State)
	f.Answer = c.step(pr, DeadlineAnswer, answer, prev.Answer.State)
	f.Late, f.ObligationDue, f.ObligationKind = c.obligations()
	c.Figures = f
}

// dayKey returns t's local date in loc: "2026-11-23".
func dayKey(t time.Time, loc *time.Location) string { return t.In(loc).Format(time.DateOnly) }

// weekKey returns t's ISO week in loc: "2026-W48".
func weekKey(t time.Time, loc *time.Location) string {
	y, w := t.In(loc).ISOWeek()
	return fmt.Sprintf("%04d-W%02d", y, w)
}

// closedAt returns when the case the events are of was last closed, or
// the zero time when it is not closed now.
func closedAt(events []Event) time.Time {
	var at time.Time
	was := StatusOpen
	for _, e := range events {
		switch {
		case e.Status != StatusClosed:
			at = time.Time{}
		case was != StatusClosed:
			at = e.At
		}
		was = e.Status
	}
	return at
}

// stepTimes returns when c was first acknowledged and first answered: an
// answer also acknowledges, and so does resolving the case at the frontline
// unless the customer withdrew.
func (c *Case) stepTimes(events []Event) (ack, answer time.Time) {
	for _, e := range events {
		answered := e.Action == ActionAnswer || (e.Action == ActionResolve && e.Tier == TierFrontline && c.resolvedBy(e))
		if ack.IsZero() && (answered || e.Action == ActionAcknowledge) {
			ack = e.At
		}
		if answer.IsZero() && answered {
			answer = e.At
		}
	}
	return ack, answer
}

// resolvedBy reports whether e is the event that gave c the resolution it
// has, and that resolution is not a withdrawal.
func (c *Case) resolvedBy(e Event) bool {
	r := c.Resolution
	return r.Outcome != "" && r.Outcome != OutcomeWithdrawn && e.At.Equal(r.At)
}

// answers counts the tiers of c that were answered; see Figures.Answers.
func (c *Case) answers(events []Event, firstAnswered bool) int {
	n := 0
	if firstAnswered {
		n = 1
	}
	for _, e := range events {
		switch {
		case e.Action == ActionReview:
			n = max(n, 2)
		case e.Action == ActionDecide && e.Tier == TierFinal:
			n = 3
		}
	}
	return n
}

// step measures c's step whose deadlines are of kind, done at done (zero
// when not done), given its state before the change. A step counts as late
// when any of its deadlines was met late, so that extending or reopening
// does not wipe out a breach; it is moot when the customer withdrew before
// it fell due, and stays so until a new deadline of its kind starts.
func (c *Case) step(pr procedure, kind DeadlineKind, done time.Time, prev StepState) Step {
	s := Step{At: done}
	if !done.IsZero() {
		s.Days = c.businessDays(pr, done)
	}
	var last *Deadline
	for i := range c.Deadlines {
		d := &c.Deadlines[i]
		if d.Kind != kind {
			continue
		}
		last = d
		if !d.Pending() && d.Met.After(d.Due) {
			s.State = StepLate
		}
	}
	switch {
	case last == nil || s.State == StepLate:
	case last.Pending():
		s.State = StepPending
		if !c.stopped(*last) {
			s.Due = last.Due
		}
	case prev == StepMoot || c.withdrawnAt(last.Met):
		s.State = StepMoot
	default:
		s.State = StepOnTime
	}
	return s
}

// withdrawnAt reports whether c was withdrawn at t.
func (c *Case) withdrawnAt(t time.Time) bool {
	return c.Resolution.Outcome == OutcomeWithdrawn && t.Equal(c.Resolution.At)
}

// businessDays returns the business days from c's receipt to t in its
// policy's calendar, leaving out the business time c was paused.
func (c *Case) businessDays(pr procedure, t time.Time) float64 {
	days := pr.cal.BusinessDays(c.ReceivedAt, t)
	for _, p := range c.Pauses {
		to := p.To
		if to.IsZero() || to.After(t) {
			to = t
		}
		days -= pr.cal.BusinessDays(later(p.From, c.ReceivedAt), to)
	}
	return max(days, 0)
}

// later returns the later of a and b.
func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// obligations returns how many of the team's deadlines on c were met late,
// and the earliest pending one whose clock runs, or that was missed before
// c's pause began.
func (c *Case) obligations() (late int, due time.Time, kind DeadlineKind) {
	for _, d := range c.Deadlines {
		switch {
		case d.Kind.IsWindow():
		case !d.Pending():
			if d.Met.After(d.Due) {
				late++
			}
		case !c.stopped(d) && (due.IsZero() || d.Due.Before(due)):
			due, kind = d.Due, d.Kind
		}
	}
	return late, due, kind
}

// Refigure works out c's figures afresh from its whole record, in place:
// for a case stored before figures were kept, or made outside the service
// (a benchmark's copies).
func (s *Service) Refigure(c *Case) error {
	pr, err := s.procedureOf(c)
	if err != nil {
		return err
	}
	c.refreshFigures(pr, c.Timeline, Figures{})
	return nil
}

// refigureBatch is how many cases RefigureAll asks the store for at a time.
const refigureBatch = 500

// RefigureAll works out and stores the figures of every case stored by an
// ombud from before it kept them. It returns how many it did, and how many
// it left without because their policy is not to be found (Lookup). A case
// that changes meanwhile gets its figures from that change instead.
func (s *Service) RefigureAll(ctx context.Context) (done, unknown int, err error) {
	left := map[string]bool{} // without a policy
	for {
		batch, err := s.store.Figures(ctx, FigureFilter{Unfigured: true}, ByID, refigureBatch+len(left))
		if err != nil {
			return done, len(left), err
		}
		progress := false
		for _, f := range batch {
			if left[f.ID] {
				continue
			}
			progress = true
			switch err := s.refigureStored(ctx, f.ID); {
			case err == nil:
				done++
			case errors.Is(err, errNoPolicy):
				left[f.ID] = true
			case ErrorCode(err) != ECONFLICT:
				return done, len(left), err
			}
		}
		if !progress {
			return done, len(left), nil
		}
	}
}

// errNoPolicy says that a case's policy is not to be found.
var errNoPolicy = errors.New("the case's policy is not to be found")

// refigureStored works out and stores the figures of case id. It returns
// ECONFLICT when the case changed meanwhile, and errNoPolicy when its
// policy is not to be found.
func (s *Service) refigureStored(ctx context.Context, id string) error {
	c, err := s.store.Get(ctx, id)
	if err != nil {
		return err
	}
	if err := s.Refigure(c); err != nil {
		return fmt.Errorf("%s: %w: %w", id, errNoPolicy, err)
	}
	return s.store.PutFigures(ctx, id, c.Version, c.Figures)
}
