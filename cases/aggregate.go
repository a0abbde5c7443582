package cases

import "time"

// Figure names a field of a case that a store can group cases by in a
// Tally: a few of the case's own fields, and most of its Figures.
type Figure string

// Figures a Tally can group by. A Tally gives their values as text: a
// number in decimal, and "" for an empty or missing value.
const (
	FigureKind         Figure = "kind"
	FigureCategory     Figure = "category"
	FigureChannel      Figure = "channel"
	FigureStatus       Figure = "status"
	FigureTier         Figure = "tier"
	FigureOutcome      Figure = "outcome"
	FigureAgent        Figure = "agent"
	FigureReviewer     Figure = "reviewer"
	FigureTierReached  Figure = "tier_reached"
	FigureAnswers      Figure = "answers"
	FigureAcknowledge  Figure = "ack"    // the state of the acknowledge step
	FigureAnswer       Figure = "answer" // the state of the first-answer step
	FigureLate         Figure = "late"
	FigureRootCause    Figure = "root_cause"
	FigureReceivedDay  Figure = "received_day"
	FigureReceivedWeek Figure = "received_week"
	FigureClosedDay    Figure = "closed_day"
	FigureClosedWeek   Figure = "closed_week"
)

// AllFigures lists every Figure, for stores to check that they map each.
var AllFigures = []Figure{
	FigureKind, FigureCategory, FigureChannel, FigureStatus, FigureTier, FigureOutcome, FigureAgent,
	FigureReviewer, FigureTierReached, FigureAnswers, FigureAcknowledge, FigureAnswer, FigureLate,
	FigureRootCause, FigureReceivedDay, FigureReceivedWeek, FigureClosedDay, FigureClosedWeek,
}

// DueTime names one of the due times in a case's figures.
type DueTime string

// Due times a FigureFilter can compare.
const (
	DueAcknowledge DueTime = "ack"        // Figures.Acknowledge.Due
	DueAnswer      DueTime = "answer"     // Figures.Answer.Due
	DueObligation  DueTime = "obligation" // Figures.ObligationDue
)

// FigureFilter selects the cases a Tally counts or Figures returns. Zero
// fields do not restrict.
type FigureFilter struct {
	ReceivedFrom, ReceivedTo time.Time // received at or after From and before To
	ClosedFrom, ClosedTo     time.Time // closed at or after From and before To
	Active                   bool      // not closed
	Acknowledged             bool      // the acknowledge step was done
	WithLessons              bool      // lessons learned were recorded
	// Unfigured selects the cases whose figures were never worked out:
	// those stored by an ombud from before it kept them.
	Unfigured bool
	// Due and DueBefore select the cases whose due time named by Due is
	// before DueBefore; a due time that is not running never matches.
	Due       DueTime
	DueBefore time.Time
}

// Tally is how many cases share one combination of values of the figures
// a Tally groups by.
type Tally struct {
	Values []string // the figures' values, in the order they were named
	N      int
}

// FigureOrder is the order in which Store.Figures returns cases.
type FigureOrder int

// Orders of Store.Figures.
const (
	ByID            FigureOrder = iota // case ID
	ByObligationDue                    // earliest pending obligation first, then ID
	ByClosedLatest                     // latest closed first, then ID
)

// CaseFigures is a case's figures as Store.Figures returns them, with the
// fields of the case a summary breaks figures down by.
type CaseFigures struct {
	ID       string
	Kind     Kind
	Category string
	Channel  Channel
	Figures
}
