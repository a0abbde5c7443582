package cases

import (
	"fmt"
	"slices"

	"github.com/ombud/ombud/cases/calendar"
)

// Independence is how far apart from a case's earlier tiers a reviewer must be.
type Independence string

// Independence scopes.
const (
	// IndependentPerson: the reviewer must not appear in the involvement record
	// of any earlier tier.
	IndependentPerson Independence = "person"
	// IndependentTeam: in addition, nobody from the reviewer's team may appear
	// there.
	IndependentTeam Independence = "team"
)

// Field is an intake or escalation field a policy can require.
type Field string

// Fields a policy can require at intake or on escalation.
const (
	FieldName        Field = "name"
	FieldContact     Field = "contact"
	FieldAccount     Field = "account"
	FieldSubject     Field = "subject"
	FieldDescription Field = "description"
	FieldReason      Field = "reason"
	FieldExpects     Field = "expects"
)

// TierSpec describes one tier of a policy's procedure.
type TierSpec struct {
	Name  string // short name, e.g. "frontline", "senior-review", "ombudsman"
	Title string // what the customer-facing text calls it
}

// Deadlines are the time limits a policy sets. A zero Duration means the
// procedure sets no such limit.
type Deadlines struct {
	Acknowledge      calendar.Duration // from receipt
	Answer           calendar.Duration // first answer, from receipt
	AnswerCap        calendar.Duration // the latest the answer may be extended to, from receipt
	Update           calendar.Duration // progress update to the customer, every
	EscalationWindow calendar.Duration // the customer may escalate this long after the answer
	Review           calendar.Duration // review answer, from escalation
	FinalWindow      calendar.Duration // the customer may ask for a final review this long after the review answer
	Final            calendar.Duration // final answer, from the final-review request
	// PauseMovesCap makes a pause move AnswerCap later as it moves the
	// deadlines. Without it the cap stays where receipt put it, and a pause
	// moves no deadline past it.
	PauseMovesCap bool
}

// ExternalBody is an organisation outside the company that a customer can take
// a complaint to once the internal procedure ends.
type ExternalBody struct {
	Name    string
	URL     string
	Handles string
}

// Policy is a complaint procedure: its tiers, time limits, calendar, the
// fields it requires and the external bodies it names.
type Policy struct {
	Name         string
	Title        string
	Source       string // where the procedure comes from
	Tiers        []TierSpec
	Kinds        []Kind
	Channels     []Channel
	Categories   []string
	Independence Independence
	Deadlines    Deadlines
	WarnAt       float64 // fraction of the allowed time after which to warn; 0.75 when unset
	Calendar     calendar.Spec
	Intake       []Field // required when a case is opened
	Escalation   []Field // required when a case is escalated
	External     []ExternalBody
}

// DefaultWarnAt is the warn-at fraction used when a policy sets none.
const DefaultWarnAt = 0.75

// HasTier reports whether the policy's procedure has tier t.
func (p *Policy) HasTier(t Tier) bool { return int(t) >= 1 && int(t) <= len(p.Tiers) }

// TierName returns the policy's name for tier t.
func (p *Policy) TierName(t Tier) string {
	if !p.HasTier(t) {
		return fmt.Sprintf("tier %d", t)
	}
	return p.Tiers[t-1].Name
}

// Allows reports whether the policy handles cases of kind k.
func (p *Policy) Allows(k Kind) bool { return len(p.Kinds) == 0 || slices.Contains(p.Kinds, k) }

// Validate checks the policy for mistakes a policy author can make and says
// what to write instead.
func (p *Policy) Validate() error {
	switch {
	case p.Name == "":
		return Errorf(EINVALID, "policy has no name; set name:")
	case len(p.Tiers) < 1 || len(p.Tiers) > 3:
		return Errorf(EINVALID, "policy %s has %d tiers; list 1 to 3 (frontline, review, final review)", p.Name, len(p.Tiers))
	case p.Independence != IndependentPerson && p.Independence != IndependentTeam:
		return Errorf(EINVALID, "policy %s: independence %q is not known; use person or team", p.Name, p.Independence)
	case p.WarnAt < 0 || p.WarnAt >= 1:
		return Errorf(EINVALID, "policy %s: warn_at %v is out of range; use a fraction between 0 and 1, such as 0.75", p.Name, p.WarnAt)
	case !p.Deadlines.AnswerCap.IsZero() && p.Deadlines.Answer.IsZero():
		return Errorf(EINVALID, "policy %s sets answer_cap without answer; set answer too", p.Name)
	case p.Deadlines.PauseMovesCap && p.Deadlines.AnswerCap.IsZero():
		return Errorf(EINVALID, "policy %s sets pause_moves_cap without answer_cap; set answer_cap, or remove pause_moves_cap", p.Name)
	case len(p.Tiers) < 2 && (!p.Deadlines.EscalationWindow.IsZero() || !p.Deadlines.Review.IsZero()):
		return Errorf(EINVALID, "policy %s sets escalation limits but has no second tier; add the tier or remove the limits", p.Name)
	case len(p.Tiers) < 3 && (!p.Deadlines.FinalWindow.IsZero() || !p.Deadlines.Final.IsZero()):
		return Errorf(EINVALID, "policy %s sets final-review limits but has no third tier; add the tier or remove the limits", p.Name)
	}
	for _, k := range p.Kinds {
		if !slices.Contains(Kinds, k) {
			return Errorf(EINVALID, "policy %s: kind %q is not known; use complaint, abuse or feedback", p.Name, k)
		}
	}
	for _, c := range p.Channels {
		if !slices.Contains(Channels, c) {
			return Errorf(EINVALID, "policy %s: channel %q is not known; use email, phone, chat, post, web or in-person", p.Name, c)
		}
	}
	for _, f := range p.Intake {
		if !slices.Contains([]Field{FieldName, FieldContact, FieldAccount, FieldSubject, FieldDescription}, f) {
			return Errorf(EINVALID, "policy %s: intake field %q is not known; use name, contact, account, subject or description", p.Name, f)
		}
	}
	for _, f := range p.Escalation {
		if f != FieldReason && f != FieldExpects {
			return Errorf(EINVALID, "policy %s: escalation field %q is not known; use reason or expects", p.Name, f)
		}
	}
	_, err := calendar.New(p.Calendar)
	if err != nil {
		return fmt.Errorf("policy %s: %w", p.Name, err)
	}
	return nil
}

// WarnFraction returns the policy's warn-at fraction, or DefaultWarnAt.
func (p *Policy) WarnFraction() float64 {
	if p.WarnAt == 0 {
		return DefaultWarnAt
	}
	return p.WarnAt
}
