package cases

import (
	"fmt"
	"slices"
	"strings"

	"github.com/ombud/ombud/cases/calendar"
)

// PolicyError is a mistake in a policy. Key says where, as a dotted path
// into the policy file, such as "deadlines.answer_cap", "tiers.1" (the
// second tier) or "kinds.feedback.deadlines", so that a loader can point at
// the line.
type PolicyError struct {
	Key     string
	Message string // what is wrong and what to write instead
}

// Error implements the error interface.
func (e *PolicyError) Error() string { return e.Message }

// Unwrap lets ErrorCode and ErrorMessage see a policy error as EINVALID.
func (e *PolicyError) Unwrap() error { return &Error{Code: EINVALID, Message: e.Message} }

// Validate checks the policy for mistakes a policy author can make and says
// what to write instead. It returns the first of Problems, or nil.
func (p *Policy) Validate() error {
	if probs := p.Problems(); len(probs) > 0 {
		return probs[0]
	}
	return nil
}

// Problems returns every mistake in the policy, in the order of the policy
// file's sections, each once.
func (p *Policy) Problems() []*PolicyError {
	cal, calErr := calendar.New(p.Calendar)
	v := &validator{p: p, cal: cal}
	if p.Name == "" {
		v.add("name", "policy has no name; set name:")
	}
	v.tiers(p, "")
	v.kinds()
	v.channels()
	v.fields(p, "")
	v.closing()
	if p.WarnAt < 0 || p.WarnAt >= 1 {
		v.add("warn_at", "warn_at %v is out of range; use a fraction between 0 and 1, such as 0.75", p.WarnAt)
	}
	if calErr != nil {
		v.add("calendar", "%s", ErrorMessage(calErr))
	} else {
		v.deadlines(p, "")
	}
	for _, k := range p.KindsWithRules() {
		v.kind(k)
	}
	return v.probs
}

// validator collects a policy's problems.
type validator struct {
	p     *Policy
	cal   *calendar.Calendar // nil when the calendar is wrong
	probs []*PolicyError
}

// add records a problem at key, once, naming the policy.
func (v *validator) add(key, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if v.p.Name != "" {
		msg = "policy " + v.p.Name + ": " + msg
	}
	if !slices.ContainsFunc(v.probs, func(e *PolicyError) bool { return e.Message == msg }) {
		v.probs = append(v.probs, &PolicyError{Key: key, Message: msg})
	}
}

// tiers checks the tiers of q, the policy or one kind's procedure; prefix
// is the key of q's section ("" or "kinds.abuse.").
func (v *validator) tiers(q *Policy, prefix string) {
	if n := len(q.Tiers); n < 1 || n > 3 {
		v.add(prefix+"tiers", "the procedure%s has %d tiers; list 1 to 3 (frontline, review, final review)", ofKind(prefix), n)
		return
	}
	if !knownIndependence(v.p.Independence, true) {
		v.add("independence", "independence %q is not known; use person or team", v.p.Independence)
	}
	for i, t := range q.Tiers {
		key := fmt.Sprintf("%stiers.%d", prefix, i)
		switch {
		case t.Name == "":
			v.add(key, "tier %d%s has no name; give it one, such as name: frontline", i+1, ofKind(prefix))
		case !knownIndependence(t.Reviewer, true):
			v.add(key+".reviewer", "tier %s%s: reviewer %q is not known; use person or team", t.Name, ofKind(prefix), t.Reviewer)
		case i > 0 && q.ReviewerRule(Tier(i+1)) == "":
			v.add(key, "tier %s%s has no reviewer rule, so nobody could be trusted to review it; add reviewer: person (anyone not involved in an earlier tier) or reviewer: team (nobody from a team involved before), or set independence: for every tier",
				t.Name, ofKind(prefix))
		}
	}
}

// knownIndependence reports whether i is a reviewer rule, or empty when
// empty is allowed.
func knownIndependence(i Independence, emptyOK bool) bool {
	return i == IndependentPerson || i == IndependentTeam || (emptyOK && i == "")
}

// ofKind returns " for KIND" for a kind's key prefix, and "" for the
// policy's own procedure.
func ofKind(prefix string) string {
	if k, ok := strings.CutPrefix(prefix, "kinds."); ok {
		return " for " + strings.TrimSuffix(k, ".")
	}
	return ""
}

// kinds checks the kinds and their own procedures.
func (v *validator) kinds() {
	for _, k := range v.p.Kinds {
		if !slices.Contains(Kinds, k) {
			v.add("kinds."+string(k), "kind %q is not known; use complaint, abuse or feedback", k)
		}
	}
	for _, k := range v.p.KindsWithRules() {
		if !v.p.Allows(k) {
			v.add("kinds."+string(k), "rules are set for %s, which the policy does not handle; add it to kinds", k)
		}
	}
}

// kind checks what the procedure for kind k sets of its own, and its limits
// against its tiers when it has its own of either.
func (v *validator) kind(k Kind) {
	prefix, r, q := "kinds."+string(k)+".", v.p.PerKind[k], v.p.For(k)
	if r.Tiers != nil {
		v.tiers(q, prefix)
	}
	if r.Intake != nil || r.Escalation != nil {
		v.fields(q, prefix)
	}
	if v.cal != nil && (r.Tiers != nil || r.Deadlines != nil) {
		v.deadlines(q, prefix)
	}
}

// channels checks every list of channels and that the lists for sign-off,
// spot resolution and receipts name channels the policy takes.
func (v *validator) channels() {
	for _, c := range v.p.Channels {
		if !slices.Contains(Channels, c) {
			v.add("channels."+string(c), "channel %q is not known; use email, phone, chat, post, web or in-person", c)
		}
	}
	for _, l := range []struct {
		key  string
		list []Channel
	}{{"sign_off", v.p.SignOff}, {"spot", v.p.Spot}, {"receipt", v.p.Receipt}} {
		for _, c := range l.list {
			switch {
			case !slices.Contains(Channels, c):
				v.add(l.key+"."+string(c), "%s: channel %q is not known; use email, phone, chat, post, web or in-person", l.key, c)
			case len(v.p.Channels) > 0 && !slices.Contains(v.p.Channels, c):
				v.add(l.key+"."+string(c), "%s names %s, which is not among the policy's channels (%s); add it there or remove it here", l.key, c, join(v.p.Channels))
			}
		}
	}
}

// fields checks what q asks for and requires at intake and on escalation.
func (v *validator) fields(q *Policy, prefix string) {
	v.fieldRules(prefix+"intake", q.Intake, IntakeFields)
	v.fieldRules(prefix+"escalation", q.Escalation, EscalationFields)
}

// fieldRules checks one set of field rules against the fields allowed there.
func (v *validator) fieldRules(key string, r FieldRules, allowed []Field) {
	for _, l := range []struct {
		sub  string
		list []Field
	}{{"require", r.Require}, {"ask", r.Ask}} {
		for _, f := range l.list {
			switch {
			case !slices.Contains(allowed, f):
				v.add(key+"."+l.sub+"."+string(f), "%s.%s: field %q is not known; use %s", key, l.sub, f, join(allowed))
			case l.sub == "ask" && slices.Contains(r.Require, f):
				v.add(key+".ask."+string(f), "%s: %s is both required and asked for; list it once, under require or under ask", key, f)
			}
		}
	}
}

// closing checks the register entries required at closing.
func (v *validator) closing() {
	for _, f := range v.p.Closing {
		if !slices.Contains(ClosingFields, f) {
			v.add("closing."+string(f), "closing field %q is not known; use %s", f, join(ClosingFields))
		}
	}
}

// deadlines checks q's limits against its tiers and each other.
func (v *validator) deadlines(q *Policy, prefix string) {
	d, key := q.Deadlines, prefix+"deadlines."
	switch {
	case !d.AnswerCap.IsZero() && d.Answer.IsZero():
		v.add(key+"answer_cap", "answer_cap is set without answer%s; set answer too, or remove answer_cap", ofKind(prefix))
	case !d.AnswerCap.IsZero() && v.cal.Shorter(d.AnswerCap, d.Answer):
		v.add(key+"answer_cap", "answer_cap %s%s is shorter than answer %s, so the answer would be due after the latest it may come; make answer_cap at least %s",
			d.AnswerCap, ofKind(prefix), d.Answer, d.Answer)
	case d.PauseMovesCap && d.AnswerCap.IsZero():
		v.add(key+"pause_moves_cap", "pause_moves_cap is set without answer_cap%s; set answer_cap, or remove pause_moves_cap", ofKind(prefix))
	}
	for _, l := range []struct {
		name  string
		limit calendar.Duration
		tier  Tier
	}{
		{"escalation_window", d.EscalationWindow, TierReview}, {"review_acknowledge", d.ReviewAcknowledge, TierReview},
		{"review", d.Review, TierReview}, {"final_window", d.FinalWindow, TierFinal}, {"final", d.Final, TierFinal},
	} {
		if !l.limit.IsZero() && !q.HasTier(l.tier) {
			v.add(key+l.name, "%s is set, but the procedure%s has no tier %d for it; add the tier or remove the limit", l.name, ofKind(prefix), l.tier)
		}
	}
}
