package commands

import (
	"cmp"
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/ombud/ombud/bot"
	"github.com/ombud/ombud/cases"
	"github.com/ombud/ombud/cases/period"
	"github.com/ombud/ombud/commands/chart"
)

// dailyUpTo is the longest period whose chart has a bar per day; longer
// ones have a bar per week.
const dailyUpTo = 31

// summaryCommand returns summary [period] [by:…].
func summaryCommand() *Command {
	dims := make([]string, len(cases.Dimensions))
	for i, d := range cases.Dimensions {
		dims[i] = string(d)
	}
	return &Command{
		Name: "summary",
		Summary: "How the team does against its procedure, for the cases received in a period (this week by default): " +
			"received, closed, on-time rates and times, breaches, escalations, outcomes, root causes, lessons and open load, with a chart (managers).",
		Args: []Arg{{Name: "period", Hint: period.Grammar}},
		Options: []Option{{Key: "by", Values: dims,
			Help: "break the figures down by kind, category, intake channel (via), assigned agent, or highest tier reached"}},
		Run: runSummary,
	}
}

// runSummary sums up the period and draws its chart.
func runSummary(ctx context.Context, env *Env, in Input) (bot.Response, error) {
	loc := env.Service.PolicyCalendar().Location()
	p, err := period.Parse(in.Args["period"], env.Service.Now().In(loc))
	if err != nil {
		return bot.Response{}, err
	}
	s, err := env.Service.Summary(ctx, env.Actor, cases.SummaryQuery{From: p.From, To: p.To, By: cases.Dimension(in.Options["by"])})
	if err != nil {
		return bot.Response{}, err
	}
	daily := p.Days() <= dailyUpTo
	buckets, err := env.Service.Trend(ctx, env.Actor, p.From, p.To, daily)
	if err != nil {
		return bot.Response{}, err
	}
	png, err := chart.Render("Cases received and closed, "+p.Label, buckets, daily)
	if err != nil {
		return bot.Response{}, err
	}
	per := map[bool]string{true: "day", false: "week"}[daily]
	title := "Summary: " + p.Label
	if s.By != "" {
		title += ", by " + dimensionNames[s.By]
	}
	return bot.Response{Reply: bot.Reply{
		Title:      title,
		Text:       fmt.Sprintf("Of the cases received in the period, in %s time, as of %s.", loc, s.Now.In(loc).Format("Mon 2 Jan 2006 15:04")),
		Fields:     summaryFields(s, env.Service.Policy(), loc),
		Visibility: bot.Public,
		Files: []bot.File{{
			Name:        fileName("summary", p, s.Now.In(loc), "png"),
			ContentType: "image/png",
			Title:       fmt.Sprintf("Cases received and closed per %s, and the share on time", per),
			Data:        png,
		}},
	}}, nil
}

// fileName names a file made for period p at now: "summary-2026-03-01-2026-03-31-20260331T1200.png".
func fileName(what string, p period.Period, now time.Time, ext string) string {
	last := p.To.AddDate(0, 0, -1)
	return fmt.Sprintf("%s-%s-%s-%s.%s", what, p.From.Format(time.DateOnly), last.Format(time.DateOnly), now.Format("20060102T1504"), ext)
}

// summaryFields shows a summary, naming tiers as policy p does, with its
// times in loc, the policy's zone.
func summaryFields(s *cases.Summary, p *cases.Policy, loc *time.Location) []bot.Field {
	fields := []bot.Field{
		{Name: "Received", Value: fmt.Sprintf("%d; %d closed in the period; %d open now, all told", s.Received, s.Closed, s.OpenNow)},
		{Name: "By status", Value: counts(cases.Statuses, s.ByStatus, func(st cases.Status) string { return string(st) })},
		{Name: "By tier", Value: counts(tiersOf(p), s.ByTier, p.TierName)},
		{Name: "Acknowledged on time", Value: measure(s.Acknowledge)},
		{Name: "Answered on time", Value: measure(s.Answer)},
		{Name: "Breaches", Value: Plural(s.Breaches, "case") + " with a deadline met late or overdue now"},
		{Name: "Overdue now", Value: overdue(s, loc)},
		{Name: "Escalation rate", Value: rate(s.Escalated, s.Answered, "escalated", "answered")},
		{Name: "Final-review rate", Value: finalRate(s, p)},
		{Name: "Outcomes", Value: outcomes(s.Outcomes)},
		{Name: "Top root causes", Value: named(s.RootCauses, "none recorded")},
		{Name: "Latest lessons", Value: lessons(s.Lessons, loc)},
		{Name: "Open load, agents", Value: named(s.AgentLoad, "none")},
		{Name: "Open load, reviewers", Value: reviewers(s)},
	}
	for _, g := range s.Groups {
		fields = append(fields, bot.Field{Name: groupName(s.By, g.Value, p), Value: group(g)})
	}
	return fields
}

// tiersOf lists the tiers of p, in order.
func tiersOf(p *cases.Policy) []cases.Tier {
	out := make([]cases.Tier, len(p.Tiers))
	for i := range out {
		out[i] = cases.Tier(i + 1)
	}
	return out
}

// counts lists the non-zero counts of m in the order of keys: "open 3,
// answered 1", or "none".
func counts[K comparable](keys []K, m map[K]int, name func(K) string) string {
	var parts []string
	for _, k := range keys {
		if m[k] > 0 {
			parts = append(parts, fmt.Sprintf("%s %d", name(k), m[k]))
		}
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, ", ")
}

// measure describes a step's figures: "6 of 8 (75%); median 0.4, p90 3.0
// business days".
func measure(m cases.Measure) string {
	s := "none done or due yet"
	if r, ok := m.Rate(); ok {
		s = fmt.Sprintf("%d of %d (%.0f%%)", m.OnTime, m.Counted, r*100)
	}
	if m.Timed > 0 {
		s += fmt.Sprintf("; median %.1f, p90 %.1f business days", m.Median, m.P90)
	}
	return s
}

// steps name the team's deadlines by what is due.
var steps = map[cases.DeadlineKind]string{
	cases.DeadlineAcknowledge: "acknowledgement", cases.DeadlineAnswer: "first answer", cases.DeadlineUpdate: "progress update",
	cases.DeadlineReview: "review answer", cases.DeadlineFinal: "final answer",
}

// overdue names the open cases overdue longest, whenever received, and
// who has them, with their due times in loc.
func overdue(s *cases.Summary, loc *time.Location) string {
	if len(s.Overdue) == 0 {
		return "nothing"
	}
	lines := make([]string, len(s.Overdue))
	for i, o := range s.Overdue {
		who := o.Agent
		if o.Reviewer != "" {
			who = o.Reviewer
		}
		step := cmp.Or(steps[o.Kind], string(o.Kind))
		lines[i] = fmt.Sprintf("%s: %s due %s (%s)", o.ID, step, o.Due.In(loc).Format("Mon 2 Jan 15:04"), orDash(who))
	}
	return strings.Join(lines, "\n")
}

// rate formats the share of n in of: "25% (1 of 4 answered)", or, when of
// is 0, says that no share can be given.
func rate(n, of int, part, whole string) string {
	if of == 0 {
		return fmt.Sprintf("none %s yet, so no rate (%d %s)", whole, n, part)
	}
	return fmt.Sprintf("%.0f%% (%d of %d %s)", float64(n)/float64(of)*100, n, of, whole)
}

// finalRate gives the share of review answers taken to a final review,
// where p has that tier.
func finalRate(s *cases.Summary, p *cases.Policy) string {
	if !p.HasTier(cases.TierFinal) {
		return "policy " + p.Name + " has no final review"
	}
	return rate(s.FinalReviews, s.Reviewed, "taken to a final review", "given a review answer")
}

// outcomeNames names the outcomes as resolve takes them.
var outcomeNames = map[cases.Outcome]string{
	cases.OutcomeUpheld: "upheld", cases.OutcomePartly: "partly", cases.OutcomeRejected: "rejected", cases.OutcomeWithdrawn: "withdrawn",
}

// outcomes gives each outcome's share: "upheld 2 (50%), rejected 2 (50%)".
func outcomes(m map[cases.Outcome]int) string {
	total := 0
	for _, n := range m {
		total += n
	}
	var parts []string
	for _, o := range cases.Outcomes {
		if m[o] > 0 {
			parts = append(parts, fmt.Sprintf("%s %d (%.0f%%)", outcomeNames[o], m[o], float64(m[o])/float64(total)*100))
		}
	}
	if len(parts) == 0 {
		return "none yet"
	}
	return strings.Join(parts, ", ")
}

// named lists counts as "Ann 4, Bob 1", or none when there are none.
func named(cs []cases.Count, none string) string {
	if len(cs) == 0 {
		return none
	}
	parts := make([]string, len(cs))
	for i, c := range cs {
		parts[i] = fmt.Sprintf("%s %d", c.Name, c.N)
	}
	return strings.Join(parts, ", ")
}

// lessons lists the latest lessons, one a line, with the dates they were
// closed on in loc.
func lessons(ls []cases.Lesson, loc *time.Location) string {
	if len(ls) == 0 {
		return "none recorded"
	}
	lines := make([]string, len(ls))
	for i, l := range ls {
		lines[i] = fmt.Sprintf("%s (closed %s): %s", l.ID, l.ClosedAt.In(loc).Format("2 Jan"), firstLine(l.Text, 120))
	}
	return strings.Join(lines, "\n")
}

// reviewers gives the reviewers' load and the cases waiting for one.
func reviewers(s *cases.Summary) string {
	out := named(s.ReviewerLoad, "none")
	if s.Unclaimed > 0 {
		out += fmt.Sprintf("; %s waiting to be claimed", Plural(s.Unclaimed, "case"))
	}
	return out
}

// dimensionNames name the dimensions for people.
var dimensionNames = map[cases.Dimension]string{
	cases.ByKind: "kind", cases.ByCategory: "category", cases.ByChannel: "intake channel",
	cases.ByAgent: "agent", cases.ByTier: "highest tier reached",
}

// groupName names the group of value in dimension d: "Via email",
// "Reached senior-review", "No category".
func groupName(d cases.Dimension, value string, p *cases.Policy) string {
	switch {
	case d == cases.ByTier:
		n, _ := strconv.Atoi(value)
		return "Reached " + p.TierName(cases.Tier(n))
	case value == "":
		return "No " + dimensionNames[d]
	}
	return fmt.Sprintf("%s%s %s", strings.ToUpper(string(d[:1])), d[1:], value)
}

// group describes the figures of one group.
func group(g cases.Group) string {
	return fmt.Sprintf("%d received, %d closed, %s with a breach\nacknowledged on time: %s\nanswered on time: %s",
		g.Received, g.Closed, Plural(g.Breaches, "case"), measure(g.Acknowledge), measure(g.Answer))
}
