package commands

import (
	"fmt"
	"time"

	"github.com/ombud/ombud/bot"
	"github.com/ombud/ombud/cases"
	"github.com/ombud/ombud/cases/calendar"
)

// deadlineNouns names what each kind of deadline asks for, in alarms: "the
// acknowledgement is due".
var deadlineNouns = map[cases.DeadlineKind]string{
	cases.DeadlineAcknowledge:      "acknowledgement",
	cases.DeadlineAnswer:           "first answer",
	cases.DeadlineNotice:           "answer, or word of when to expect it,",
	cases.DeadlineUpdate:           "progress update",
	cases.DeadlineReferral:         "reply to the customer after the referral",
	cases.DeadlineEscalationWindow: "customer's window to escalate",
	cases.DeadlineReview:           "review answer",
	cases.DeadlineFinalWindow:      "customer's window to ask for a final review",
	cases.DeadlineFinal:            "final answer",
}

// noun names the deadline n is about; an acknowledgement past the
// frontline is the escalated complaint's.
func noun(n cases.Notice) string {
	if n.Deadline == cases.DeadlineAcknowledge && n.Tier > cases.TierFrontline {
		return "acknowledgement of the escalated complaint"
	}
	if s, ok := deadlineNouns[n.Deadline]; ok {
		return s
	}
	return string(n.Deadline)
}

// when formats t for alarms in loc, with the year only when it is not
// now's: "Tue 24 Nov 16:00 CET".
func when(t, now time.Time, loc *time.Location) string {
	if t.In(loc).Year() != now.In(loc).Year() {
		return cases.When(t, loc)
	}
	return t.In(loc).Format("Mon 2 Jan 15:04 MST")
}

// alarmParts returns the calendar of c and who to name in an alarm about
// it: whoever n names and, past the frontline, the reviewer too.
func alarmParts(env *Env, c *cases.Case, n cases.Notice) (*calendar.Calendar, []bot.Field, []cases.Person, error) {
	cal, err := env.Service.Calendar(c)
	if err != nil {
		return nil, nil, nil, err
	}
	fields := []bot.Field{{Name: "Assigned to", Value: orDash(c.Assignee.Name)}}
	people := []cases.Person{n.Who}
	if n.Tier > cases.TierFrontline && !c.Reviewer.IsZero() {
		fields = append(fields, bot.Field{Name: "Reviewer", Value: c.Reviewer.Name})
		people = append(people, c.Reviewer)
	}
	return cal, fields, people, nil
}

// renderWarning says that the deadline n is about falls due soon, naming
// whoever handles c.
func renderWarning(env *Env, c *cases.Case, n cases.Notice) (bot.Post, error) {
	cal, fields, people, err := alarmParts(env, c, n)
	if err != nil {
		return bot.Post{}, err
	}
	left := "due today"
	if days := cal.BusinessDaysLeft(n.Created, n.Due); days > 0 {
		left = "due in " + Plural(days, "business day")
	}
	title := fmt.Sprintf("%s: %s %s, %s", c.ID, noun(n), left, when(n.Due, n.Created, cal.Location()))
	return bot.Post{Mention: mentions(n.Platform, people...), Reply: bot.Reply{Title: title, Fields: fields}}, nil
}

// renderBreach says that the deadline n is about passed, naming the
// assignee and, for a deadline past the frontline, the reviewer.
func renderBreach(env *Env, c *cases.Case, n cases.Notice) (bot.Post, error) {
	cal, fields, people, err := alarmParts(env, c, n)
	if err != nil {
		return bot.Post{}, err
	}
	people = append(people, c.Assignee)
	title := fmt.Sprintf("%s: %s overdue since %s", c.ID, noun(n), when(n.Due, n.Created, cal.Location()))
	return bot.Post{Mention: mentions(n.Platform, people...), Reply: bot.Reply{Title: title, Fields: fields, Error: true}}, nil
}

// renderUpdate reminds whoever handles c that a progress update is overdue.
func renderUpdate(env *Env, c *cases.Case, n cases.Notice) (bot.Post, error) {
	cal, fields, people, err := alarmParts(env, c, n)
	if err != nil {
		return bot.Post{}, err
	}
	title := fmt.Sprintf("%s: progress update overdue since %s", c.ID, when(n.Due, n.Created, cal.Location()))
	text := fmt.Sprintf("%s, tell the customer how it is going, then log it: /case update %s <what you told them>", orDash(n.Who.Name), c.ID)
	return bot.Post{Mention: mentions(n.Platform, people...), Reply: bot.Reply{Title: title, Text: text, Fields: fields}}, nil
}

// renderClaimPing asks the senior n names to claim the tier c waits at, or,
// when n names nobody, tells the alerts channel that nobody can be asked.
func renderClaimPing(env *Env, c *cases.Case, n cases.Notice) (bot.Post, error) {
	cal, err := env.Service.Calendar(c)
	if err != nil {
		return bot.Post{}, err
	}
	p, err := env.Service.PolicyOf(c)
	if err != nil {
		return bot.Post{}, err
	}
	since := fmt.Sprintf("%s waits for a reviewer for %s", c.ID, p.TierName(n.Tier))
	if n.Who.IsZero() {
		return bot.Post{Reply: bot.Reply{Title: since + ", and nobody can be asked", Error: true,
			Text: fmt.Sprintf("Every senior ombud knows of took part in it, or none is configured (OMBUD_SENIORS). "+
				"A manager can hand it to an independent senior: /case assign %s @person", c.ID)}}, nil
	}
	r := bot.Reply{Title: fmt.Sprintf("%s since %s", since, when(waitingSince(c, n.Tier), n.Created, cal.Location())),
		Text: n.Who.Name + ", you took no part in it: can you claim it?", Buttons: claimButton(c, n.Tier)}
	if r.Buttons == nil {
		r.Text = fmt.Sprintf("%s was asked; %s has claimed it since.", n.Who.Name, orDash(c.Reviewer.Name))
		return bot.Post{Reply: r}, nil
	}
	return bot.Post{Mention: mentions(n.Platform, n.Who), Reply: r}, nil
}

// waitingSince returns when c was escalated to tier t.
func waitingSince(c *cases.Case, t cases.Tier) time.Time {
	var since time.Time
	for _, e := range c.Escalations {
		if e.Tier == t {
			since = e.At
		}
	}
	return since
}

// renderLapsed says that c is considered closed: the customer let the
// window n is about close without using it.
func renderLapsed(env *Env, c *cases.Case, n cases.Notice) (bot.Post, error) {
	cal, err := env.Service.Calendar(c)
	if err != nil {
		return bot.Post{}, err
	}
	what := "ask for a review of the answer"
	if n.Deadline == cases.DeadlineFinalWindow {
		what = "ask for a final review"
	}
	text := fmt.Sprintf("The customer did not %s by %s, the end of their window, so the matter is closed.",
		what, when(n.Due, n.Created, cal.Location()))
	return bot.Post{Reply: bot.Reply{Title: c.ID + " is considered closed", Text: text,
		Fields: []bot.Field{{Name: "Status", Value: string(c.Status)}}}}, nil
}
