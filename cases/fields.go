package cases

import (
	"slices"
	"strings"
)

// Field is something a policy asks for or requires: at intake, on an
// escalation, or in the register when a case ends.
type Field string

// Fields a policy can ask for or require.
const (
	FieldName        Field = "name"        // the complainant's name
	FieldContact     Field = "contact"     // their e-mail address or phone number
	FieldAccount     Field = "account"     // their account or customer number
	FieldSubject     Field = "subject"     // the domain name(s), service, product or order
	FieldDescription Field = "description" // what the complaint is about
	FieldReason      Field = "reason"      // why the answer did not satisfy (escalation)
	FieldExpects     Field = "expects"     // what the customer expects to be done (escalation)
	FieldCause       Field = "cause"       // the root cause (closing)
	FieldRemedy      Field = "remedy"      // what was done to put it right (closing)
	FieldLessons     Field = "lessons"     // what the team learned (closing)
)

// Fields allowed where: at intake, on an escalation and at closing.
var (
	IntakeFields     = []Field{FieldName, FieldContact, FieldAccount, FieldSubject, FieldDescription}
	EscalationFields = []Field{FieldName, FieldContact, FieldAccount, FieldSubject, FieldReason, FieldExpects}
	ClosingFields    = []Field{FieldCause, FieldRemedy, FieldLessons}
)

// FieldRules says what a request to enter a tier must carry (Require), what
// the team asks the customer for without refusing the request when it is
// missing (Ask), and whether it must arrive in writing.
type FieldRules struct {
	Require []Field
	Ask     []Field
	Written bool // by e-mail, post or the web form
}

// missing returns the required and the asked-for fields that have holds
// no value for.
func (r FieldRules) missing(have map[Field]string) (required, asked []Field) {
	for _, f := range r.Require {
		if strings.TrimSpace(have[f]) == "" {
			required = append(required, f)
		}
	}
	for _, f := range r.Ask {
		if strings.TrimSpace(have[f]) == "" {
			asked = append(asked, f)
		}
	}
	return required, asked
}

// writtenChannels are the intake channels that bring a complaint in writing.
var writtenChannels = []Channel{ChannelEmail, ChannelPost, ChannelWeb}

// Written reports whether a complaint that came through ch came in writing:
// by e-mail, post or the web form.
func (ch Channel) Written() bool { return slices.Contains(writtenChannels, ch) }

// inWriting refuses a request that policy p wants in writing when via is
// not a written channel; what names the request for the message.
func inWriting(p *Policy, what string, via Channel) error {
	switch {
	case via == "":
		return Errorf(EINVALID, "policy %s takes %s in writing only; say how it came: via:email, via:post or via:web", p.Name, what)
	case !via.Written():
		return Errorf(EINVALID, "policy %s takes %s in writing only, and via:%s is not writing; ask the customer to write (e-mail, post or the web form)", p.Name, what, via)
	}
	return nil
}
