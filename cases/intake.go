package cases

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
)

// OpenInput is what an agent records when a complaint comes in.
type OpenInput struct {
	Kind        Kind // complaint when empty
	Description string
	Complainant Complainant
	Subject     string // domain name(s), service, product or order
	Channel     Channel
	Category    string
	Priority    Priority  // normal when empty
	ReceivedAt  time.Time // now when zero; may be earlier than now
	Origin      Origin    // where it is being opened; the case's thread starts there
}

// clockSkew is how far in the future a receipt time may lie before it is
// refused, to allow for clocks that are slightly off.
const clockSkew = 5 * time.Minute

// receivedYears is how many years back a receipt time may lie: deadlines
// counted from further back would all be long past, and a year typed wrong
// is likelier than a complaint that old.
const receivedYears = 2

// MissingIntake returns the fields the procedure of policy p for in's kind
// requires at intake that in lacks, so a platform can ask for them before
// opening the case.
func (p *Policy) MissingIntake(in OpenInput) []Field {
	required, _ := p.For(in.kind()).Intake.missing(in.fields())
	return required
}

// AskedIntake returns the fields the procedure of policy p for in's kind
// asks for at intake that in lacks: the case opens without them, and the
// team is to ask the customer.
func (p *Policy) AskedIntake(in OpenInput) []Field {
	_, asked := p.For(in.kind()).Intake.missing(in.fields())
	return asked
}

// kind returns in's kind, complaint when it is empty.
func (in OpenInput) kind() Kind {
	if in.Kind == "" {
		return KindComplaint
	}
	return in.Kind
}

// fields returns what in holds of each intake field.
func (in OpenInput) fields() map[Field]string {
	return map[Field]string{
		FieldName: in.Complainant.Name, FieldContact: in.Complainant.Contact, FieldAccount: in.Complainant.Account,
		FieldSubject: in.Subject, FieldDescription: in.Description,
	}
}

// validate fills in defaults and checks in against policy p at now, which
// loc, the zone of p's calendar, tells the date of.
func (in *OpenInput) validate(p *Policy, loc *time.Location, now time.Time) error {
	in.Kind = in.kind()
	if in.Priority == "" {
		in.Priority = PriorityNormal
	}
	if in.ReceivedAt.IsZero() {
		in.ReceivedAt = now
	}
	if err := in.fieldsFit(); err != nil {
		return err
	}
	switch {
	case !slices.Contains(Kinds, in.Kind):
		return Errorf(EINVALID, "%q is not a kind of case; use complaint, abuse or feedback", in.Kind)
	case !p.Allows(in.Kind):
		return Errorf(EINVALID, "policy %s does not handle %s cases; it handles %s", p.Name, in.Kind, join(p.Kinds))
	case in.Channel != "" && !slices.Contains(Channels, in.Channel):
		return Errorf(EINVALID, "%q is not an intake channel; use email, phone, chat, post, web or in-person", in.Channel)
	case in.Channel != "" && len(p.Channels) > 0 && !slices.Contains(p.Channels, in.Channel):
		return Errorf(EINVALID, "policy %s does not take complaints %s; it takes them %s: %s", p.Name, channelPhrase(in.Channel),
			orList(p.Channels, channelPhrase), orList(p.Channels, func(ch Channel) string { return "via:" + string(ch) }))
	case !slices.Contains(Priorities, in.Priority):
		return Errorf(EINVALID, "%q is not a priority; use low, normal or high", in.Priority)
	}
	if err := in.pickCategory(p); err != nil {
		return err
	}
	switch {
	case in.ReceivedAt.After(now.Add(clockSkew)):
		return Errorf(EINVALID, "the received time %s is in the future; give the moment the complaint arrived, such as 2026-11-20T09:30+01:00", in.ReceivedAt.Format(time.RFC3339))
	case in.ReceivedAt.Before(now.In(loc).AddDate(-receivedYears, 0, 0)):
		return Errorf(EINVALID, "the received time %s is more than %d years ago; give the moment the complaint arrived, no earlier than %s, and check the year",
			in.ReceivedAt.Format(time.RFC3339), receivedYears, now.In(loc).AddDate(-receivedYears, 0, 0).Format("2 Jan 2006 15:04 MST"))
	}
	if missing := p.MissingIntake(*in); len(missing) > 0 {
		return Errorf(EINVALID, "policy %s requires at intake: %s", p.Name, join(missing))
	}
	if p.For(in.Kind).Intake.Written {
		return inWriting(p, "complaints", in.Channel)
	}
	return nil
}

// pickCategory checks in's category against policy p's, where it has any,
// in any letter case, and writes it as the policy does.
func (in *OpenInput) pickCategory(p *Policy) error {
	if len(p.Categories) == 0 || in.Category == "" {
		return nil
	}
	i := slices.IndexFunc(p.Categories, func(c string) bool { return strings.EqualFold(c, in.Category) })
	if i < 0 {
		return Errorf(EINVALID, "%q is not a category of policy %s; use one of %s", in.Category, p.Name, strings.Join(p.Categories, ", "))
	}
	in.Category = p.Categories[i]
	return nil
}

// orList says each of xs as say does, joined as alternatives: "a, b or c".
func orList[T any](xs []T, say func(T) string) string {
	words := make([]string, len(xs))
	for i, x := range xs {
		words[i] = say(x)
	}
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " or " + words[len(words)-1]
}

// Open records a new case under the service's policy, assigned to the agent
// who opened it, with its deadlines counted from the moment it was received.
func (s *Service) Open(ctx context.Context, actor Actor, in OpenInput) (*Case, error) {
	if !actor.Role.AtLeast(RoleAgent) {
		return nil, Errorf(EFORBIDDEN, "only the team can open cases")
	}
	now := s.now()
	if err := in.validate(s.policy, s.cal.Location(), now); err != nil {
		return nil, err
	}
	pr, err := s.procedure(s.policy.Name, in.Kind)
	if err != nil {
		return nil, err
	}
	if err := s.savePolicy(ctx); err != nil {
		return nil, fmt.Errorf("open: %w", err)
	}
	year := now.In(pr.cal.Location()).Year()
	seq, err := s.store.NextSequence(ctx, fmt.Sprintf("%s-%d", s.prefix, year))
	if err != nil {
		return nil, fmt.Errorf("open: number the case: %w", err)
	}
	c := &Case{
		ID: fmt.Sprintf("%s-%d-%04d", s.prefix, year, seq), Policy: pr.Name, PolicyRef: s.snap.Ref, Kind: in.Kind,
		Complainant: in.Complainant, Subject: in.Subject, Description: in.Description,
		Channel: in.Channel, Category: in.Category, Priority: in.Priority, Queue: pr.Queue,
		ReceivedAt: in.ReceivedAt, CreatedAt: now, UpdatedAt: now,
		Status: StatusOpen, Tier: TierFrontline, Assignee: actor.Person, Version: 1,
		Involved: []Involvement{{Person: actor.Person, Tier: TierFrontline, How: ActionOpen, At: now}},
		Origin:   in.Origin,
	}
	d := pr.Deadlines
	c.setDeadline(pr, DeadlineAcknowledge, in.ReceivedAt, d.Acknowledge)
	c.setDeadline(pr, DeadlineAnswer, in.ReceivedAt, d.Answer)
	c.setDeadline(pr, DeadlineNotice, in.ReceivedAt, d.Notice)
	c.setDeadline(pr, DeadlineUpdate, in.ReceivedAt, d.Update)
	c.capAnswer(pr, in.ReceivedAt)
	c.Timeline = []Event{{At: now, Actor: actor.Person, Tier: TierFrontline, Action: ActionOpen, Status: StatusOpen, Text: in.Description}}
	if in.ReceivedAt.Before(now) {
		c.Timeline[0].At, c.Timeline[0].Entered = in.ReceivedAt, now // it came in then
	}
	c.refreshFigures(pr, c.Timeline, Figures{})
	c.Wake = c.wake(pr)
	c.Notices = c.notices(actor, 0, now)
	if err := s.store.Create(ctx, c); err != nil {
		return nil, fmt.Errorf("open %s: %w", c.ID, err)
	}
	return c, nil
}

// capAnswer sets the latest moment the answer deadline may be extended to.
// An answer that would fall due after it, as a limit in business days can
// over a long run of holidays, falls due at the cap.
func (c *Case) capAnswer(pr procedure, from time.Time) {
	a, ok := c.Deadline(DeadlineAnswer)
	if !ok || pr.Deadlines.AnswerCap.IsZero() {
		return
	}
	a.Cap = pr.cal.Add(from, pr.Deadlines.AnswerCap)
	if a.Due.After(a.Cap) {
		a.Due = a.Cap
		a.Warn = pr.warnAt(a.Start, a.Due, a.Unit)
	}
}

// join lists string-like values for messages: "a, b, c".
func join[T ~string](xs []T) string {
	s := make([]string, len(xs))
	for i, x := range xs {
		s[i] = string(x)
	}
	return strings.Join(s, ", ")
}
