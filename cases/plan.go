package cases

import (
	"strings"
	"time"

	"github.com/ombud/ombud/cases/calendar"
)

// Milestone is one deadline of a policy's procedure, worked out in advance for
// a complaint received at a given moment.
type Milestone struct {
	Key   string    // stable name, used as the JSON key: "acknowledge", "answer", …
	Label string    // for people: "Acknowledge", "First answer", …
	After string    // the milestone it runs from: "receipt", "answer", …
	Due   time.Time // in the calendar's zone
}

// Plan returns every deadline policy p sets for a complaint received at
// received, in procedure order. A deadline that runs from an earlier
// milestone is computed as if that milestone happened the moment it fell due:
// the escalation window from the answer's due time, the review from the
// window's close (or from the answer when the policy sets no window), and so
// on. Where the policy sets no answer limit but a notice, the answer is
// taken to come when the notice falls due. A first answer that would fall
// due after its cap falls due at the cap. The customer's windows run to the
// end of their last day. Limits the policy does not set are left out, and
// so is everything that runs from a milestone with no due time.
func Plan(p *Policy, cal *calendar.Calendar, received time.Time) []Milestone {
	d := p.Deadlines
	var out []Milestone
	add := func(key, label, after string, from time.Time, limit calendar.Duration) time.Time {
		if limit.IsZero() || from.IsZero() {
			return time.Time{}
		}
		due := cal.Add(from, limit)
		if strings.HasSuffix(key, "_window") {
			due = cal.Until(from, limit)
		}
		out = append(out, Milestone{Key: key, Label: label, After: after, Due: due})
		return due
	}
	add("acknowledge", "Acknowledge", "receipt", received, d.Acknowledge)
	answered := add("answer", "First answer", "receipt", received, d.Answer)
	if capped := add("answer_cap", "First answer, if extended to the limit", "receipt", received, d.AnswerCap); !capped.IsZero() && answered.After(capped) {
		answered = capped
		out[len(out)-2].Due = capped // the answer's milestone, just before the cap's
	}
	notice := add("answer_notice", "Answer, or say when to expect it", "receipt", received, d.Notice)
	answered = orElse(answered, notice)
	add("first_update", "First progress update", "receipt", received, d.Update)
	if !p.HasTier(TierReview) {
		return out
	}
	escalated := orElse(add("escalation_window", "Escalation window closes", "answer", answered, d.EscalationWindow), answered)
	add("review_acknowledge", "Acknowledge the escalation", "escalation", escalated, d.ReviewAcknowledge)
	reviewed := add("review", "Review answer", "escalation", escalated, d.Review)
	if !p.HasTier(TierFinal) {
		return out
	}
	requested := orElse(add("final_window", "Final-review window closes", "review answer", reviewed, d.FinalWindow), reviewed)
	add("final", "Final answer", "final-review request", requested, d.Final)
	return out
}

// orElse returns t, or fallback when t is zero.
func orElse(t, fallback time.Time) time.Time {
	if t.IsZero() {
		return fallback
	}
	return t
}
