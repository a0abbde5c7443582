package commands

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/ombud/ombud/bot"
	"github.com/ombud/ombud/cases"
)

// summaryCommand returns summary [week|month|YYYY-MM].
func summaryCommand() *Command {
	return &Command{
		Name: "summary",
		Summary: "Count the cases received in the last 7 days (week, the default), this month so far (month) or a month " +
			"such as 2026-11: by status, tier and kind, deadlines met, breaches, escalation and upheld rates (managers).",
		Args:    []Arg{{Name: "period", Hint: "week|month|YYYY-MM"}},
		Private: true,
		Run: func(ctx context.Context, env *Env, in Input) (bot.Response, error) {
			now := env.Service.Now().In(env.Service.PolicyCalendar().Location())
			from, to, label, err := period(in.Args["period"], now)
			if err != nil {
				return bot.Response{}, err
			}
			s, err := env.Service.Summary(ctx, env.Actor, from, to)
			if err != nil {
				return bot.Response{}, err
			}
			return private("Summary: "+label, "", summaryFields(s, env.Service.Policy())...), nil
		},
	}
}

// period returns the days a summary covers, [from, to), and a label for
// them, with now in the policy's time zone: the last 7 days including today,
// this month, or the month YYYY-MM.
func period(arg string, now time.Time) (from, to time.Time, label string, err error) {
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, now.Location())
	month := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, now.Location())
	switch strings.ToLower(arg) {
	case "", "week":
		from, to = today.AddDate(0, 0, -6), today.AddDate(0, 0, 1)
		return from, to, fmt.Sprintf("the last 7 days, %s to %s", from.Format("2 Jan"), today.Format("2 Jan 2006")), nil
	case "month":
		return month, month.AddDate(0, 1, 0), month.Format("January 2006") + " so far", nil
	}
	m, err := time.ParseInLocation("2006-01", arg, now.Location())
	if err != nil {
		return from, to, "", cases.Errorf(cases.EINVALID, "%q is not a period; use week, month or a month such as %s", arg, now.Format("2006-01"))
	}
	return m, m.AddDate(0, 1, 0), m.Format("January 2006"), nil
}

// summaryFields shows a summary, naming tiers as policy p does.
func summaryFields(s *cases.Summary, p *cases.Policy) []bot.Field {
	tiers := make([]cases.Tier, 0, len(s.ByTier))
	for t := range s.ByTier {
		tiers = append(tiers, t)
	}
	slices.Sort(tiers)
	return []bot.Field{
		{Name: "Cases received", Value: fmt.Sprint(s.Total)},
		{Name: "By status", Value: counts(cases.Statuses, s.ByStatus, func(st cases.Status) string { return string(st) })},
		{Name: "By tier", Value: counts(tiers, s.ByTier, p.TierName)},
		{Name: "By kind", Value: counts(cases.Kinds, s.ByKind, func(k cases.Kind) string { return string(k) })},
		{Name: "Acknowledged on time", Value: fmt.Sprintf("%d of %d", s.AcknowledgedOnTime, s.Acknowledged)},
		{Name: "Answered on time", Value: fmt.Sprintf("%d of %d", s.AnsweredOnTime, s.AnswerDeadlinesMet)},
		{Name: "Deadlines breached", Value: fmt.Sprint(s.Breaches)},
		{Name: "Escalation rate", Value: rate(s.EscalationRate(), s.Escalated, s.Answered, "escalated", "answered")},
		{Name: "Upheld rate", Value: rate(s.UpheldRate(), s.Upheld, s.Outcomes, "upheld", "with an outcome")},
	}
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

// rate formats the share f of n in of: "25% (1 of 4 answered)", or, when
// of is 0, the count alone, since no share can be given.
func rate(f float64, n, of int, part, whole string) string {
	if of == 0 {
		return fmt.Sprintf("none %s, so no rate (%d %s)", whole, n, part)
	}
	return fmt.Sprintf("%.0f%% (%d of %d %s)", f*100, n, of, whole)
}
