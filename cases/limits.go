package cases

import (
	"fmt"
	"strings"
)

// Limits on what a case holds, so that no one input, careless or hostile,
// can make a case too big to store or to show.
const (
	// MaxText is the most bytes a free text may have: a note, an answer, a
	// reason, a summary, a description, a register entry.
	MaxText = 4096
	// MaxField is the most bytes a short field of a complaint may have: the
	// complainant's name, contact and account, the subject, the category.
	MaxField = 256
	// MaxTimeline is the most entries a case's timeline may have before it
	// takes only the steps that finish it (see finishes).
	MaxTimeline = 1000
)

// needText returns EINVALID when text is blank or longer than MaxText,
// naming what is wrong.
func needText(text, what string) error {
	if strings.TrimSpace(text) == "" {
		return Errorf(EINVALID, "%s is missing", what)
	}
	return fits(text, what, MaxText)
}

// fits returns EINVALID when text, which may be empty, is longer than
// limit bytes.
func fits(text, what string, limit int) error {
	if len(text) <= limit {
		return nil
	}
	size := fmt.Sprintf("%d bytes", limit)
	if limit%1024 == 0 {
		size += fmt.Sprintf(" (%d KB)", limit/1024)
	}
	return Errorf(EINVALID, "%s is %d bytes long; ombud keeps at most %s there, so shorten it", what, len(text), size)
}

// registerFits checks the lengths of a register entry's root cause, remedy
// and lessons learned.
func registerFits(cause, remedy, lessons string) error {
	return allFit(MaxText, labelled{"the root cause", cause}, labelled{"the remedy", remedy}, labelled{"the lessons learned", lessons})
}

// fieldsFit checks the lengths of a new case's description and short fields.
func (in *OpenInput) fieldsFit() error {
	if err := fits(in.Description, "the description", MaxText); err != nil {
		return err
	}
	return allFit(MaxField, labelled{"the complainant's name", in.Complainant.Name},
		labelled{"the complainant's contact", in.Complainant.Contact}, labelled{"the complainant's account", in.Complainant.Account},
		labelled{"the subject", in.Subject}, labelled{"the category", in.Category})
}

// fit checks the lengths of an escalation's texts and fields.
func (in EscalationInput) fit() error {
	if err := allFit(MaxText, labelled{"the customer's reason", in.Reason}, labelled{"what the customer expects", in.Expects}); err != nil {
		return err
	}
	return allFit(MaxField, labelled{"the complainant's name", in.From.Name}, labelled{"the complainant's contact", in.From.Contact},
		labelled{"the complainant's account", in.From.Account}, labelled{"the subject", in.Subject})
}

// labelled is a text with what it is, for messages.
type labelled struct{ what, text string }

// allFit checks each text against limit, in order.
func allFit(limit int, texts ...labelled) error {
	for _, t := range texts {
		if err := fits(t.text, t.what, limit); err != nil {
			return err
		}
	}
	return nil
}

// roomFor refuses action on c, as the store returned it with its whole
// timeline, when the timeline is full, unless action finishes the case. It
// counts the entries, not the version: a sweep's changes (warnings, claim
// rounds, reminders) move the version and add no entry.
func roomFor(c *Case, action Action) error {
	if len(c.Timeline) < MaxTimeline || finishes(action) {
		return nil
	}
	return Errorf(ECONFLICT, "%s has %d timeline entries, the most a case keeps, so it takes no more notes or changes; finish it (review, decide, close or resolve it), or open a new case that refers to it",
		c.ID, len(c.Timeline))
}

// finishes reports whether action moves a case towards closed without any
// way back that does not take a step finishes refuses, so that a full
// timeline grows by a few entries at most: review, decide, close, resolve
// and lapse.
func finishes(action Action) bool {
	switch action {
	case ActionReview, ActionDecide, ActionClose, ActionResolve, ActionLapse:
		return true
	}
	return false
}
