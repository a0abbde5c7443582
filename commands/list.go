package commands

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/ombud/ombud/bot"
	"github.com/ombud/ombud/cases"
	"github.com/ombud/ombud/cases/calendar"
)

// maxListed is how many cases list shows before it says there are more:
// how many more where it filters in Go and so reads them all, only that
// there are more where the store stops after one more than it shows.
const maxListed = 50

// listView is one of the selections list offers.
type listView struct {
	name  string
	title string
	// query selects the cases; keep, when set, filters them further in Go,
	// where the query cannot say it. cutoff is the end of the next business
	// day.
	query func(env *Env, now, cutoff time.Time) cases.Query
	keep  func(env *Env, c *cases.Case, now, cutoff time.Time) bool
}

// active lists every status but closed.
func active() []cases.Status {
	return slices.DeleteFunc(slices.Clone(cases.Statuses), func(s cases.Status) bool { return !s.Active() })
}

// listViews are the selections of list, in help order; open comes first as
// the default.
var listViews = []listView{
	{name: "open", title: "Open cases", query: func(*Env, time.Time, time.Time) cases.Query {
		return cases.Query{Statuses: active()}
	}},
	{name: "mine", title: "Waiting on you", query: func(env *Env, _, _ time.Time) cases.Query {
		return cases.Query{Statuses: active(), Person: env.Actor.Key}
	}, keep: func(env *Env, c *cases.Case, _, _ time.Time) bool {
		return c.WaitsOn().Key == env.Actor.Key
	}},
	{name: "due", title: "Cases due by the end of the next business day",
		query: func(_ *Env, _, cutoff time.Time) cases.Query {
			return cases.Query{Statuses: active(), DueBefore: cutoff}
		},
		keep: func(_ *Env, c *cases.Case, now, cutoff time.Time) bool {
			return c.Status != cases.StatusPaused && hasObligation(c, func(d cases.Deadline) bool { return !d.Due.Before(now) && !d.Due.After(cutoff) })
		}},
	{name: "overdue", title: "Overdue cases", query: func(_ *Env, now, _ time.Time) cases.Query {
		return cases.Query{Statuses: active(), DueBefore: now}
	}, keep: func(_ *Env, c *cases.Case, now, _ time.Time) bool {
		return hasObligation(c, func(d cases.Deadline) bool { return c.Overdue(d, now) })
	}},
	{name: "escalated", title: "Cases waiting for a reviewer", query: func(*Env, time.Time, time.Time) cases.Query {
		return cases.Query{Statuses: []cases.Status{cases.StatusEscalated, cases.StatusFinalRequested}}
	}},
	{name: "all", title: "All cases", query: func(*Env, time.Time, time.Time) cases.Query { return cases.Query{} }},
}

// dueCutoff returns the close of the next business day in the policy's
// calendar.
func dueCutoff(env *Env, now time.Time) time.Time {
	return env.Service.PolicyCalendar().Add(now, calendar.Duration{N: 1, Unit: calendar.UnitBusinessDays})
}

// hasObligation reports whether c has a pending deadline of the team's, not
// a customer's window, for which match holds. A paused case's clocks are
// stopped, so nothing of it falls due (the due view leaves it out), but a
// deadline it missed before the pause stays overdue (see cases.Case.Overdue).
func hasObligation(c *cases.Case, match func(cases.Deadline) bool) bool {
	return slices.ContainsFunc(c.Deadlines, func(d cases.Deadline) bool {
		return d.Pending() && !d.Kind.IsWindow() && match(d)
	})
}

// listCommand returns list [mine|open|due|overdue|escalated|all].
func listCommand() *Command {
	views := make([]string, len(listViews))
	for i, v := range listViews {
		views[i] = v.name
	}
	return &Command{
		Name:    "list",
		Aliases: []string{"ls"},
		Summary: "List cases, earliest deadline first, with who each waits on: open (the default), those waiting on you, due by the end of the next business day, overdue, waiting for a reviewer, or all.",
		Args:    []Arg{{Name: "which", Values: views}},
		Private: true,
		Run:     runList,
	}
}

// runList lists the cases of the chosen view.
func runList(ctx context.Context, env *Env, in Input) (bot.Response, error) {
	i := max(0, slices.IndexFunc(listViews, func(v listView) bool { return v.name == in.Args["which"] }))
	view, now := listViews[i], env.Service.Now()
	cutoff := dueCutoff(env, now)
	q := view.query(env, now, cutoff)
	if view.keep == nil {
		q.Limit = maxListed + 1 // one more than shown, to tell that there are more
	}
	found, err := env.Service.Find(ctx, q)
	if err != nil {
		return bot.Response{}, err
	}
	if view.keep != nil {
		found = slices.DeleteFunc(found, func(c *cases.Case) bool { return !view.keep(env, c, now, cutoff) })
	}
	lines := make([]string, 0, min(len(found), maxListed)+1)
	for _, c := range found[:min(len(found), maxListed)] {
		line, err := listLine(env, c, now)
		if err != nil {
			// One case whose policy is gone must not hide the others.
			line = fmt.Sprintf("%s · cannot be shown: %s", c.ID, cases.ErrorMessage(err))
		}
		lines = append(lines, line)
	}
	count := strconv.Itoa(len(found))
	switch {
	case len(found) == 0:
		lines = append(lines, "None.")
	case len(found) > maxListed && q.Limit > 0:
		count = fmt.Sprintf("more than %d", maxListed)
		lines = append(lines, fmt.Sprintf("and more; only the first %d are shown", maxListed))
	case len(found) > maxListed:
		lines = append(lines, fmt.Sprintf("and %d more", len(found)-maxListed))
	}
	return private(fmt.Sprintf("%s (%s)", view.title, count), strings.Join(lines, "\n")), nil
}

// listLine describes c in one line: ID, status, who it waits on, its next
// deadline and what it is about.
func listLine(env *Env, c *cases.Case, now time.Time) (string, error) {
	status, err := statusOf(env, c)
	if err != nil {
		return "", err
	}
	parts := []string{c.ID, status, waitsOn(c)}
	if d, ok := nextDeadline(c); ok {
		cal, err := env.Service.Calendar(c)
		if err != nil {
			return "", err
		}
		parts = append(parts, lowerFirst(label(d.Kind))+" "+due(cal, now, c, d))
	}
	parts = append(parts, firstLine(c.Description, 60))
	return strings.Join(parts, " · "), nil
}

// waitsOn names who c waits on, for a listing: a person, "any senior" while
// its review waits to be claimed, or "—" once it is closed.
func waitsOn(c *cases.Case) string {
	switch p := c.WaitsOn(); {
	case !p.IsZero():
		return p.Name
	case c.Status.Active():
		return "any senior"
	default:
		return "—"
	}
}

// lowerFirst returns s with its first letter in lower case.
func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(r)) + s[n:]
}

// nextDeadline returns c's pending deadline that falls due first.
func nextDeadline(c *cases.Case) (cases.Deadline, bool) {
	var next cases.Deadline
	found := false
	for _, d := range c.Deadlines {
		if d.Pending() && (!found || d.Due.Before(next.Due)) {
			next, found = d, true
		}
	}
	return next, found
}
