package cases

import (
	"fmt"
	"strings"
)

// Status is where a case stands in its lifecycle.
type Status string

// Statuses. The main line runs open, acknowledged, answered, escalated,
// reviewing, reviewed, final-requested, final-reviewing, decided, closed.
const (
	StatusOpen           Status = "open"
	StatusAcknowledged   Status = "acknowledged"
	StatusPaused         Status = "paused"
	StatusAnswered       Status = "answered"
	StatusEscalated      Status = "escalated"       // waiting for a senior to claim the review
	StatusReviewing      Status = "reviewing"       // claimed by a senior
	StatusReviewed       Status = "reviewed"        // review answer given
	StatusFinalRequested Status = "final-requested" // waiting for a senior to claim the final review
	StatusFinalReviewing Status = "final-reviewing" // claimed by a senior
	StatusDecided        Status = "decided"         // internal process complete
	StatusClosed         Status = "closed"
)

// Statuses lists every status in lifecycle order.
var Statuses = []Status{
	StatusOpen, StatusAcknowledged, StatusPaused, StatusAnswered, StatusEscalated, StatusReviewing,
	StatusReviewed, StatusFinalRequested, StatusFinalReviewing, StatusDecided, StatusClosed,
}

// Active reports whether a case in status s still needs work or may still
// move; only closed cases are not active.
func (s Status) Active() bool { return s != StatusClosed }

// Action is something that happens to a case. Each is one step of the
// lifecycle and one entry in the timeline.
type Action string

// Actions.
const (
	ActionOpen        Action = "open"
	ActionAcknowledge Action = "acknowledge"
	ActionNote        Action = "note"
	ActionUpdate      Action = "update"
	ActionAssign      Action = "assign"
	ActionExtend      Action = "extend"
	ActionPause       Action = "pause"
	ActionResume      Action = "resume"
	ActionAnswer      Action = "answer"
	ActionResolve     Action = "resolve"
	ActionEscalate    Action = "escalate"
	ActionClaim       Action = "claim"
	ActionReview      Action = "review"
	ActionFinal       Action = "final"
	ActionDecide      Action = "decide"
	ActionClose       Action = "close"
	ActionReopen      Action = "reopen"
	ActionLapse       Action = "lapse"
	ActionRefer       Action = "refer"
	ActionDraft       Action = "draft"
	ActionSignoff     Action = "signoff"
)

// ActionReferredTo is how a referral involves the person or team it went
// to; it is a record of involvement, never a step of the lifecycle.
const ActionReferredTo Action = "referred-to"

// stay marks a transition that keeps the status.
const stay Status = ""

// resumed marks the transition out of a pause, which returns to Case.ResumeTo.
const resumed Status = "(resumed)"

// transitions is the lifecycle: for each status, the actions allowed in it and
// the status each leads to. Rules that depend on more than the status (roles,
// policy tiers, windows, independence) live in the Service.
var transitions = map[Status][]struct {
	action Action
	to     Status
}{
	StatusOpen: {
		{ActionAcknowledge, StatusAcknowledged}, {ActionAnswer, StatusAnswered}, {ActionNote, stay},
		{ActionUpdate, stay}, {ActionAssign, stay}, {ActionExtend, stay}, {ActionPause, StatusPaused},
		{ActionResolve, StatusClosed}, {ActionRefer, stay}, {ActionDraft, stay}, {ActionSignoff, StatusAnswered},
	},
	StatusAcknowledged: {
		{ActionAnswer, StatusAnswered}, {ActionNote, stay}, {ActionUpdate, stay}, {ActionAssign, stay},
		{ActionExtend, stay}, {ActionPause, StatusPaused}, {ActionResolve, StatusClosed},
		{ActionRefer, stay}, {ActionDraft, stay}, {ActionSignoff, StatusAnswered},
	},
	StatusPaused: {
		{ActionResume, resumed}, {ActionNote, stay}, {ActionAssign, stay}, {ActionResolve, StatusClosed},
	},
	StatusAnswered: {
		{ActionEscalate, StatusEscalated}, {ActionResolve, StatusClosed}, {ActionNote, stay},
		{ActionAssign, stay}, {ActionLapse, StatusClosed},
	},
	StatusEscalated: {
		{ActionClaim, StatusReviewing}, {ActionNote, stay}, {ActionResolve, StatusClosed}, {ActionAcknowledge, stay},
	},
	StatusReviewing: {
		{ActionReview, StatusReviewed}, {ActionNote, stay}, {ActionUpdate, stay}, {ActionAssign, stay},
		{ActionPause, StatusPaused}, {ActionResolve, StatusClosed}, {ActionAcknowledge, stay}, {ActionRefer, stay},
	},
	StatusReviewed: {
		{ActionFinal, StatusFinalRequested}, {ActionDecide, StatusDecided}, {ActionNote, stay},
		{ActionAssign, stay}, {ActionResolve, StatusClosed}, {ActionLapse, StatusClosed},
	},
	StatusFinalRequested: {
		{ActionClaim, StatusFinalReviewing}, {ActionNote, stay}, {ActionResolve, StatusClosed},
	},
	StatusFinalReviewing: {
		{ActionDecide, StatusDecided}, {ActionNote, stay}, {ActionUpdate, stay}, {ActionAssign, stay},
		{ActionPause, StatusPaused}, {ActionResolve, StatusClosed}, {ActionRefer, stay},
	},
	StatusDecided: {
		{ActionClose, StatusClosed}, {ActionNote, stay},
	},
	StatusClosed: {
		{ActionReopen, StatusOpen}, {ActionNote, stay},
	},
}

// Next returns the status case c moves to when action a happens, or a
// *TransitionError when the lifecycle does not allow a in c's status.
func Next(c *Case, a Action) (Status, error) {
	for _, t := range transitions[c.Status] {
		if t.action != a {
			continue
		}
		switch t.to {
		case stay:
			return c.Status, nil
		case resumed:
			if c.ResumeTo == "" {
				return "", Errorf(EINTERNAL, "%s is paused but does not say what it was doing", c.ID)
			}
			return c.ResumeTo, nil
		default:
			return t.to, nil
		}
	}
	return "", &TransitionError{CaseID: c.ID, Status: c.Status, Action: a, Possible: Possible(c.Status)}
}

// Possible returns the actions the lifecycle allows in status s, leaving out
// the ones nobody asks for by name: a lapse, which only ombud performs, and
// a draft, which answer makes where the policy has answers signed off.
func Possible(s Status) []Action {
	var out []Action
	for _, t := range transitions[s] {
		if t.action != ActionLapse && t.action != ActionDraft {
			out = append(out, t.action)
		}
	}
	return out
}

// TransitionError says that an action is not possible in a case's current
// status, and what is.
type TransitionError struct {
	CaseID   string
	Status   Status
	Action   Action
	Possible []Action
}

// Error implements the error interface with a message for the agent.
func (e *TransitionError) Error() string {
	names := make([]string, len(e.Possible))
	for i, a := range e.Possible {
		names[i] = string(a)
	}
	return fmt.Sprintf("%s is %s, so you cannot %s it now. From here you can: %s.",
		e.CaseID, e.Status, e.Action, strings.Join(names, ", "))
}

// Unwrap lets ErrorCode and ErrorMessage see a transition error as ECONFLICT.
func (e *TransitionError) Unwrap() error { return &Error{Code: ECONFLICT, Message: e.Error()} }
