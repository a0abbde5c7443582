package commands

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/ombud/ombud/bot"
	"github.com/ombud/ombud/cases"
	"github.com/ombud/ombud/cases/calendar"
)

// idArg is the case ID every case subcommand starts with.
var idArg = Arg{Name: "id", Required: true}

// change is a Service method that changes one case, given free text.
type change func(svc *cases.Service, ctx context.Context, actor cases.Actor, id, text string) (*cases.Case, error)

// idOnly adapts a Service method that takes no text to a change.
func idOnly(do func(svc *cases.Service, ctx context.Context, actor cases.Actor, id string) (*cases.Case, error)) change {
	return func(svc *cases.Service, ctx context.Context, actor cases.Actor, id, _ string) (*cases.Case, error) {
		return do(svc, ctx, actor, id)
	}
}

// caseCommand returns a subcommand "name <id> [text]" that makes one change
// and tells the channel, with done as the title's verb. A text Arg with no
// Name means the subcommand takes no text.
func caseCommand(name, summary string, text Arg, done string, do change) *Command {
	args := []Arg{idArg}
	if text.Name != "" {
		text.Rest = true
		args = append(args, text)
	}
	return &Command{Name: name, Summary: summary, Args: args,
		Run: func(ctx context.Context, env *Env, in Input) (bot.Response, error) {
			c, err := do(env.Service, ctx, env.Actor, in.Args[idArg.Name], in.Args[text.Name])
			if err != nil {
				return bot.Response{}, err
			}
			return changed(env, c, done, in.Args[text.Name])
		}}
}

// changed returns the public reply to a change of case c: the title says
// what happened, the fields give the status, who did it and the deadlines
// now pending, and text is what they wrote. Its topic is the case, whose
// thread hears of the change through the notices the change wrote. It
// never shows the complainant's details.
func changed(env *Env, c *cases.Case, done, text string, extra ...bot.Field) (bot.Response, error) {
	if when, ok, err := happened(env, c); err != nil {
		return bot.Response{}, err
	} else if ok {
		extra = append([]bot.Field{when}, extra...)
	}
	r, err := changeReply(env, c, c.Status, done, text, env.Actor.Name, extra...)
	return bot.Response{Reply: r}, err
}

// changeReply returns the public reply to a change of case c, after which
// it stood at status, by the person named by, as changed describes it.
func changeReply(env *Env, c *cases.Case, st cases.Status, done, text, by string, extra ...bot.Field) (bot.Reply, error) {
	status, err := statusAt(env, c, st)
	if err != nil {
		return bot.Reply{}, err
	}
	deadlines, err := deadlineFields(env, c)
	if err != nil {
		return bot.Reply{}, err
	}
	fields := append([]bot.Field{{Name: "Status", Value: status}, {Name: "By", Value: by}}, extra...)
	return bot.Reply{Title: c.ID + " " + done, Text: text, Fields: append(fields, deadlines...), Visibility: bot.Public, Topic: c.ID}, nil
}

// header returns the message that heads case c's thread: what the case is
// about, where it stands, who has it, its next deadline, and the buttons of
// its next frontline steps. It never shows the complainant's details.
func header(env *Env, c *cases.Case) (bot.Reply, error) {
	status, err := statusOf(env, c)
	if err != nil {
		return bot.Reply{}, err
	}
	fields := []bot.Field{{Name: "Status", Value: status}, {Name: "Assigned to", Value: orDash(c.Assignee.Name)}}
	if !c.Reviewer.IsZero() {
		fields = append(fields, bot.Field{Name: "Reviewer", Value: c.Reviewer.Name})
	}
	if next, ok := nextDeadline(c); ok {
		cal, err := env.Service.Calendar(c)
		if err != nil {
			return bot.Reply{}, err
		}
		fields = append(fields, bot.Field{Name: label(next.Kind), Value: due(cal, env.Service.Now(), c, next)})
	}
	r := bot.Reply{Title: c.ID + ": " + firstLine(c.Description, 80), Fields: fields, Visibility: bot.Public, Buttons: stepButtons(c)}
	return r, nil
}

// stepButtons are the buttons of case c's next frontline steps: Acknowledge
// while it waits for that, and Answer, which asks for the answer in a form,
// until it is answered or its drafted answer waits for sign-off.
func stepButtons(c *cases.Case) []bot.Button {
	var b []bot.Button
	if c.Status == cases.StatusOpen {
		b = append(b, bot.Button{Label: "Acknowledge " + c.ID, Command: "ack " + c.ID})
	}
	if (c.Status == cases.StatusOpen || c.Status == cases.StatusAcknowledged) && c.Draft.IsZero() {
		b = append(b, bot.Button{Label: "Answer " + c.ID, Command: "answer " + c.ID})
	}
	return b
}

// private returns a reply for the caller alone.
func private(title, text string, fields ...bot.Field) bot.Response {
	return bot.Response{Reply: bot.Reply{Title: title, Text: text, Fields: fields, Visibility: bot.Private}}
}

// statusOf describes where c stands: its status and, past the frontline,
// the policy's name for its tier.
func statusOf(env *Env, c *cases.Case) (string, error) { return statusAt(env, c, c.Status) }

// statusAt describes case c at status st, at its tier: the status and,
// past the frontline, the policy's name for the tier.
func statusAt(env *Env, c *cases.Case, st cases.Status) (string, error) {
	if c.Tier == cases.TierFrontline {
		return string(st), nil
	}
	p, err := env.Service.PolicyOf(c)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("%s (%s)", st, p.TierName(c.Tier)), nil
}

// deadlineLabels names each kind of deadline for people.
var deadlineLabels = map[cases.DeadlineKind]string{
	cases.DeadlineAcknowledge:      "Acknowledge by",
	cases.DeadlineAnswer:           "First answer by",
	cases.DeadlineNotice:           "Answer, or tell the customer when to expect it, by",
	cases.DeadlineUpdate:           "Next progress update by",
	cases.DeadlineReferral:         "Reply to the customer after the referral by",
	cases.DeadlineEscalationWindow: "Customer may escalate until",
	cases.DeadlineReview:           "Review answer by",
	cases.DeadlineFinalWindow:      "Customer may ask for a final review until",
	cases.DeadlineFinal:            "Final answer by",
}

// label names deadlines of kind k for people, such as "First answer by". A
// kind it does not know, as a newer ombud may have stored, is named by
// itself: "reply by".
func label(k cases.DeadlineKind) string {
	if l, ok := deadlineLabels[k]; ok {
		return l
	}
	return strings.TrimSpace(string(k) + " by")
}

// deadlineFields returns a field for each pending deadline of c: when it
// falls due, in the policy's time zone, and the business days left.
func deadlineFields(env *Env, c *cases.Case) ([]bot.Field, error) {
	cal, err := env.Service.Calendar(c)
	if err != nil {
		return nil, err
	}
	now := env.Service.Now()
	var out []bot.Field
	for _, d := range c.Deadlines {
		if d.Pending() {
			out = append(out, bot.Field{Name: label(d.Kind), Value: due(cal, now, c, d)})
		}
	}
	return out, nil
}

// due describes when d, a deadline of c, falls due and how much time is
// left, such as "Tue 24 Nov 2026 16:00 UTC (3 business days left)".
func due(cal *calendar.Calendar, now time.Time, c *cases.Case, d cases.Deadline) string {
	left := timeLeft(cal, now, d)
	if from, ok := c.PausedSince(); ok {
		left = pausedLeft(cal, from, d)
	}
	return fmt.Sprintf("%s (%s)", cases.When(d.Due, cal.Location()), left)
}

// Plural returns "1 thing" or "n things": ombud's one way to count things
// in text, for the command line too.
func Plural(n int, thing string) string {
	if n == 1 {
		return "1 " + thing
	}
	return fmt.Sprintf("%d %ss", n, thing)
}
