package commands

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/ombud/ombud/bot"
	"github.com/ombud/ombud/cases"
)

// recentEntries is how many timeline entries show lists.
const recentEntries = 5

// showCommand returns show <id>.
func showCommand() *Command {
	return &Command{
		Name:    "show",
		Summary: "Show a case to you alone: where it stands, the complainant, how it ended, its deadlines with the time left, and its latest timeline entries.",
		Args:    []Arg{idArg},
		Private: true,
		Run: func(ctx context.Context, env *Env, in Input) (bot.Response, error) {
			c, err := env.Service.Get(ctx, in.Args[idArg.Name])
			if err != nil {
				return bot.Response{}, err
			}
			fields, err := caseFields(env, c)
			if err != nil {
				return bot.Response{}, err
			}
			deadlines, err := deadlineFields(env, c)
			if err != nil {
				return bot.Response{}, err
			}
			latest, err := latestEntries(env, c)
			if err != nil {
				return bot.Response{}, err
			}
			return private(c.ID+": "+firstLine(c.Description, 80), "", append(append(fields, deadlines...), latest)...), nil
		},
	}
}

// caseFields describes case c for the team, with the complainant's details:
// it goes in private replies only.
func caseFields(env *Env, c *cases.Case) ([]bot.Field, error) {
	status, err := statusOf(env, c)
	if err != nil {
		return nil, err
	}
	cal, err := env.Service.Calendar(c)
	if err != nil {
		return nil, err
	}
	who := c.Complainant.Name
	if c.Complainant.Contact != "" {
		who = strings.TrimSpace(fmt.Sprintf("%s <%s>", who, c.Complainant.Contact))
	}
	all := []bot.Field{
		{Name: "Status", Value: status},
		{Name: "Kind", Value: string(c.Kind)},
		{Name: "Complainant", Value: who},
		{Name: "Account", Value: c.Complainant.Account},
		{Name: "Subject", Value: c.Subject},
		{Name: "Received", Value: cases.When(c.ReceivedAt, cal.Location())},
		{Name: "Via", Value: string(c.Channel)},
		{Name: "Category", Value: c.Category},
		{Name: "Priority", Value: string(c.Priority)},
		{Name: "Queue", Value: c.Queue},
		{Name: "Assigned to", Value: c.Assignee.Name},
		{Name: "Reviewer", Value: c.Reviewer.Name},
		{Name: "Referred to", Value: referrals(c)},
		{Name: "Answer drafted, awaiting sign-off", Value: c.Draft.By.Name},
	}
	all = append(all, registerFields(c.Resolution.Outcome, c.Resolution)...)
	if c.Resolution.Spot {
		all = append(all, bot.Field{Name: "Resolved on the spot", Value: "minutes: " + c.Resolution.Summary})
	}
	var out []bot.Field
	for _, f := range all {
		if f.Value != "" {
			out = append(out, f)
		}
	}
	return out, nil
}

// referrals lists who c was referred to, in order: "team billing, Sam".
func referrals(c *cases.Case) string {
	names := make([]string, len(c.Referrals))
	for i, r := range c.Referrals {
		names[i] = r.To.Name
	}
	return strings.Join(names, ", ")
}

// shownText is how many runes of an entry's text show shows; history
// shows it all.
const shownText = 160

// latestEntries is the field that lists the last entries of c's timeline,
// their texts cut to shownText, and says where to read them all.
func latestEntries(env *Env, c *cases.Case) (bot.Field, error) {
	text, cut, err := timeline(env, c, recentEntries, shownText)
	if err != nil {
		return bot.Field{}, err
	}
	if len(c.Timeline) > recentEntries || cut {
		text += "\n/case history " + c.ID + " shows them all in full"
	}
	return bot.Field{Name: "Latest", Value: text}, nil
}

// timeline lists the last n entries of c's timeline, all of them when n is
// 0, oldest first, in the policy's time zone, with at most the first
// max runes of each text, all of it when max is 0, and reports whether it
// cut any.
func timeline(env *Env, c *cases.Case, n, max int) (text string, cut bool, err error) {
	cal, err := env.Service.Calendar(c)
	if err != nil {
		return "", false, err
	}
	events := c.Timeline
	if n > 0 && len(events) > n {
		events = events[len(events)-n:]
	}
	lines := make([]string, len(events))
	for i, e := range events {
		line := fmt.Sprintf("%s · %s · %s → %s", e.At.In(cal.Location()).Format("Mon 2 Jan 2006 15:04"), e.Actor.Name, e.Action, e.Status)
		if t := e.Text; t != "" {
			if max > 0 && utf8.RuneCountInString(t) > max {
				t, cut = shortened(t, max), true
			}
			line += ": " + t
		}
		if !e.Entered.IsZero() {
			line += " (entered " + e.Entered.In(cal.Location()).Format("Mon 2 Jan 2006 15:04") + ")"
		}
		lines[i] = line
	}
	return strings.Join(lines, "\n"), cut, nil
}

// shortened returns s cut to max-1 runes and "…".
func shortened(s string, max int) string { return string([]rune(s)[:max-1]) + "…" }

// firstLine returns the first line of s, cut to at most max runes.
func firstLine(s string, max int) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	if r := []rune(s); len(r) > max {
		return string(r[:max-1]) + "…"
	}
	return s
}

// orDash returns s, or "—" when it is empty.
func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}
