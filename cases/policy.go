package cases

import (
	"fmt"
	"maps"
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

// TierSpec describes one tier of a policy's procedure.
type TierSpec struct {
	Name  string // short name, e.g. "frontline", "senior-review", "ombudsman"
	Title string // what the customer-facing text calls it
	// Reviewer is who may take this tier, for a tier above the frontline;
	// empty means the policy's Independence.
	Reviewer Independence
}

// Deadlines are the time limits a policy sets. A zero Duration means the
// procedure sets no such limit.
type Deadlines struct {
	Acknowledge       calendar.Duration // from receipt
	Answer            calendar.Duration // first answer, from receipt
	AnswerCap         calendar.Duration // the latest the answer may be extended to, from receipt
	Notice            calendar.Duration // answer, or tell the customer when to expect it, from receipt
	Update            calendar.Duration // progress update to the customer, every
	Referral          calendar.Duration // reply to the customer after a case is referred, unless the referral sets its own
	EscalationWindow  calendar.Duration // the customer may escalate this long after the answer
	ReviewAcknowledge calendar.Duration // acknowledge the escalated complaint, from escalation
	Review            calendar.Duration // review answer, from escalation
	FinalWindow       calendar.Duration // the customer may ask for a final review this long after the review answer
	Final             calendar.Duration // final answer, from the final-review request
	// PauseMovesCap makes a pause move AnswerCap later as it moves the
	// deadlines. Without it the cap stays where receipt put it, and a pause
	// moves no deadline past it.
	PauseMovesCap bool
}

// ExternalBody is an organisation outside the company that a customer can take
// a complaint to once the internal procedure ends.
type ExternalBody struct {
	Name    string
	URL     string // empty for a kind of body rather than one organisation
	Handles string
}

// KindRules is how a policy handles one kind of case where it differs from
// the policy's own procedure. A nil or empty field keeps the policy's.
type KindRules struct {
	Queue      string      // where cases of the kind go, such as "abuse"
	Tiers      []TierSpec  // the kind's own tiers
	Deadlines  *Deadlines  // the kind's own limits; a zero Deadlines sets none
	Intake     *FieldRules // what the kind's intake asks for and requires
	Escalation *FieldRules // what an escalation of the kind must carry
}

// Policy is a complaint procedure: its tiers, time limits, calendar, the
// fields it asks for and requires, and the external bodies it names.
type Policy struct {
	Name         string
	Title        string
	Source       string // where the procedure comes from
	Tiers        []TierSpec
	Kinds        []Kind
	PerKind      map[Kind]KindRules // kinds handled otherwise than the policy's own procedure
	Queue        string             // where new cases go, unless PerKind says otherwise; may be empty
	Channels     []Channel
	Categories   []string
	Independence Independence // who may review a tier that names no Reviewer
	Deadlines    Deadlines
	WarnAt       float64           // fraction of the allowed time after which to warn, for a limit shorter than WarnBefore; 0.75 when unset
	WarnBefore   calendar.Duration // how long before a deadline falls due to warn; 1 business day when unset
	ClaimWithin  calendar.Duration // how long a tier may wait for a reviewer before seniors are asked in turn; 4 business hours when unset
	Calendar     calendar.Spec
	Intake       FieldRules // when a case is opened
	Escalation   FieldRules // when a case is escalated
	Closing      []Field    // register entries required when a case ends: cause, remedy, lessons
	SignOff      []Channel  // the first answer to a complaint that came through these is signed off by a senior
	Spot         []Channel  // complaints that came through these may be resolved on the spot
	Receipt      []Channel  // complaints that came through these get a receipt, recorded as the acknowledgement
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

// ReviewerRule returns who may take tier t: the tier's own rule, or the
// policy's.
func (p *Policy) ReviewerRule(t Tier) Independence {
	if p.HasTier(t) && p.Tiers[t-1].Reviewer != "" {
		return p.Tiers[t-1].Reviewer
	}
	return p.Independence
}

// Allows reports whether the policy handles cases of kind k.
func (p *Policy) Allows(k Kind) bool { return len(p.Kinds) == 0 || slices.Contains(p.Kinds, k) }

// For returns the procedure the policy sets for cases of kind k: the
// policy itself, or a copy with the kind's own queue, tiers, limits and
// fields in place of the policy's.
func (p *Policy) For(k Kind) *Policy {
	r, ok := p.PerKind[k]
	if !ok {
		return p
	}
	q := *p
	q.PerKind = nil
	if r.Queue != "" {
		q.Queue = r.Queue
	}
	if r.Tiers != nil {
		q.Tiers = r.Tiers
	}
	if r.Deadlines != nil {
		q.Deadlines = *r.Deadlines
	}
	if r.Intake != nil {
		q.Intake = *r.Intake
	}
	if r.Escalation != nil {
		q.Escalation = *r.Escalation
	}
	return &q
}

// KindsWithRules returns the kinds the policy handles otherwise than by its
// own procedure, in the order of Kinds.
func (p *Policy) KindsWithRules() []Kind {
	var out []Kind
	for _, k := range p.Kinds {
		if _, ok := p.PerKind[k]; ok {
			out = append(out, k)
		}
	}
	for _, k := range slices.Sorted(maps.Keys(p.PerKind)) {
		if !slices.Contains(out, k) {
			out = append(out, k)
		}
	}
	return out
}

// DefaultWarnBefore is how long before a deadline ombud warns when a policy
// does not say.
var DefaultWarnBefore = calendar.Duration{N: 1, Unit: calendar.UnitBusinessDays}

// DefaultClaimWithin is how long an escalation may wait for a reviewer
// before ombud asks the seniors in turn, when a policy does not say.
var DefaultClaimWithin = calendar.Duration{N: 4, Unit: calendar.UnitBusinessHours}

// WarnLead returns how long before a deadline falls due to warn: the
// policy's warn_before, or DefaultWarnBefore.
func (p *Policy) WarnLead() calendar.Duration {
	if p.WarnBefore.IsZero() {
		return DefaultWarnBefore
	}
	return p.WarnBefore
}

// ClaimTime returns how long a tier may wait for a reviewer before ombud
// asks a senior, and again after each ask: the policy's claim_within, or
// DefaultClaimWithin.
func (p *Policy) ClaimTime() calendar.Duration {
	if p.ClaimWithin.IsZero() {
		return DefaultClaimWithin
	}
	return p.ClaimWithin
}

// WarnFraction returns the policy's warn-at fraction, or DefaultWarnAt.
func (p *Policy) WarnFraction() float64 {
	if p.WarnAt == 0 {
		return DefaultWarnAt
	}
	return p.WarnAt
}
