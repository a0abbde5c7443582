package cases

import (
	"time"

	"github.com/ombud/ombud/cases/calendar"
)

// DeadlineKind names one of the time limits a policy sets.
type DeadlineKind string

// Deadline kinds. The two windows are the customer's time to ask for the next
// tier; the others are the team's obligations.
const (
	DeadlineAcknowledge      DeadlineKind = "acknowledge"
	DeadlineAnswer           DeadlineKind = "answer"
	DeadlineNotice           DeadlineKind = "notice" // answer, or tell the customer when to expect the answer
	DeadlineUpdate           DeadlineKind = "update"
	DeadlineReferral         DeadlineKind = "referral" // reply to the customer after a referral
	DeadlineEscalationWindow DeadlineKind = "escalation-window"
	DeadlineReview           DeadlineKind = "review"
	DeadlineFinalWindow      DeadlineKind = "final-window"
	DeadlineFinal            DeadlineKind = "final"
)

// IsWindow reports whether k is a window the customer may act in, rather than
// an obligation of the team. A window that lapses closes the case; it is never
// breached.
func (k DeadlineKind) IsWindow() bool {
	return k == DeadlineEscalationWindow || k == DeadlineFinalWindow
}

// Deadline is one time limit on a case.
type Deadline struct {
	Kind  DeadlineKind
	Unit  calendar.Unit // the unit the limit is counted in; pauses shift it in the same unit
	Start time.Time     // when the clock started
	Due   time.Time
	Warn  time.Time // when to warn that Due approaches
	Cap   time.Time // the latest Due may be extended to; zero when it cannot be extended
	Met   time.Time // when it was met (or the window closed); zero while pending
}

// Pending reports whether the deadline is still running.
func (d Deadline) Pending() bool { return d.Met.IsZero() }

// Overdue reports whether the deadline is pending and past due at now.
func (d Deadline) Overdue(now time.Time) bool { return d.Pending() && now.After(d.Due) }
