package register

import (
	"strconv"
	"strings"
	"time"

	"github.com/ombud/ombud/cases"
)

// Env is what the register needs besides a case: its policy, the policy's
// time zone, and when the register is written.
type Env struct {
	Policy   *cases.Policy
	Location *time.Location
	Now      time.Time
}

// column is one column of the register.
type column struct {
	name    string
	contact bool // holds the complainant's details
	value   func(c *cases.Case, env Env) string
}

// timeLayout is how times are written: local time in the policy's zone,
// which the time_zone column names, in a form spreadsheets read.
const timeLayout = "2006-01-02 15:04"

// columns are the register's columns, in order.
var columns = []column{
	{name: "id", value: func(c *cases.Case, _ Env) string { return c.ID }},
	{name: "policy", value: func(c *cases.Case, _ Env) string { return c.Policy }},
	{name: "kind", value: func(c *cases.Case, _ Env) string { return string(c.Kind) }},
	{name: "category", value: func(c *cases.Case, _ Env) string { return c.Category }},
	{name: "via", value: func(c *cases.Case, _ Env) string { return string(c.Channel) }},
	{name: "priority", value: func(c *cases.Case, _ Env) string { return string(c.Priority) }},
	{name: "subject", value: func(c *cases.Case, _ Env) string { return c.Subject }},
	{name: "complainant", contact: true, value: func(c *cases.Case, _ Env) string { return c.Complainant.Name }},
	{name: "contact", contact: true, value: func(c *cases.Case, _ Env) string { return c.Complainant.Contact }},
	{name: "account", contact: true, value: func(c *cases.Case, _ Env) string { return c.Complainant.Account }},
	{name: "time_zone", value: func(_ *cases.Case, env Env) string { return env.Location.String() }},
	{name: "received", value: func(c *cases.Case, env Env) string { return when(c.ReceivedAt, env) }},
	{name: "status", value: func(c *cases.Case, _ Env) string { return string(c.Status) }},
	{name: "assignee", value: func(c *cases.Case, _ Env) string { return c.Assignee.Name }},
	{name: "acknowledge_due", value: due(cases.DeadlineAcknowledge)},
	{name: "acknowledged", value: func(c *cases.Case, env Env) string { return when(c.Figures.Acknowledge.At, env) }},
	{name: "acknowledged_on_time", value: func(c *cases.Case, env Env) string { return step(c.Figures.Acknowledge, env) }},
	{name: "answer_due", value: due(cases.DeadlineAnswer)},
	{name: "answer_extended_days", value: extendedDays},
	{name: "answered", value: func(c *cases.Case, env Env) string { return when(c.Figures.Answer.At, env) }},
	{name: "answered_on_time", value: func(c *cases.Case, env Env) string { return step(c.Figures.Answer, env) }},
	{name: "deadlines_met_late", value: func(c *cases.Case, _ Env) string { return strconv.Itoa(c.Figures.Late) }},
	{name: "tier_reached", value: func(c *cases.Case, env Env) string { return env.Policy.TierName(c.Figures.TierReached) }},
	{name: "escalated", value: escalatedTo(cases.TierReview)},
	{name: "review_due", value: due(cases.DeadlineReview)},
	{name: "review_on_time", value: met(cases.DeadlineReview)},
	{name: "final_review_requested", value: escalatedTo(cases.TierFinal)},
	{name: "final_due", value: due(cases.DeadlineFinal)},
	{name: "final_on_time", value: met(cases.DeadlineFinal)},
	{name: "closed", value: func(c *cases.Case, env Env) string { return when(c.Figures.ClosedAt, env) }},
	{name: "outcome", value: func(c *cases.Case, _ Env) string { return string(c.Resolution.Outcome) }},
	{name: "summary", value: func(c *cases.Case, _ Env) string { return c.Resolution.Summary }},
	{name: "root_cause", value: func(c *cases.Case, _ Env) string { return c.Resolution.RootCause }},
	{name: "remedy", value: func(c *cases.Case, _ Env) string { return c.Resolution.Remedy }},
	{name: "lessons", value: func(c *cases.Case, _ Env) string { return c.Resolution.Lessons }},
	{name: "external_bodies", value: func(c *cases.Case, _ Env) string { return strings.Join(c.Resolution.ExternalBodies, "; ") }},
}

// when formats t in the policy's zone; "" for the zero time.
func when(t time.Time, env Env) string {
	if t.IsZero() {
		return ""
	}
	return t.In(env.Location).Format(timeLayout)
}

// due returns a column of when the latest deadline of kind falls due.
func due(kind cases.DeadlineKind) func(*cases.Case, Env) string {
	return func(c *cases.Case, env Env) string {
		if d, ok := c.Deadline(kind); ok {
			return when(d.Due, env)
		}
		return ""
	}
}

// stepNames say whether a step was on time, for people.
var stepNames = map[cases.StepState]string{
	cases.StepOnTime: "yes", cases.StepLate: "no", cases.StepPending: "not yet", cases.StepMoot: "withdrawn first",
}

// step says whether a measured step was on time: yes, no, not yet,
// overdue, withdrawn first, or "" when the policy sets no deadline.
func step(s cases.Step, env Env) string {
	if s.State == cases.StepPending && !s.Due.IsZero() && env.Now.After(s.Due) {
		return "overdue"
	}
	return stepNames[s.State]
}

// met returns a column that says whether the deadlines of kind were met
// on time, as step does.
func met(kind cases.DeadlineKind) func(*cases.Case, Env) string {
	return func(c *cases.Case, env Env) string {
		st := cases.StepNone
		for _, d := range c.Deadlines {
			switch {
			case d.Kind != kind || st == cases.StepLate:
			case !d.Pending() && d.Met.After(d.Due):
				st = cases.StepLate
			case c.Overdue(d, env.Now):
				return "overdue"
			case d.Pending():
				st = cases.StepPending
			default:
				st = cases.StepOnTime
			}
		}
		return stepNames[st]
	}
}

// escalatedTo returns a column of when the case was first taken to tier.
func escalatedTo(tier cases.Tier) func(*cases.Case, Env) string {
	return func(c *cases.Case, env Env) string {
		for _, e := range c.Escalations {
			if e.Tier == tier {
				return when(e.At, env)
			}
		}
		return ""
	}
}

// extendedDays is the business days the answer was extended by in all.
func extendedDays(c *cases.Case, _ Env) string {
	n := 0
	for _, e := range c.Extensions {
		n += e.Days
	}
	return strconv.Itoa(n)
}
