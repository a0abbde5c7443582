package commands

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/ombud/ombud/bot"
	"github.com/ombud/ombud/cases"
)

// digestLines is how many deadlines each list of the digest shows before
// saying how many more there are.
const digestLines = 15

// RenderDigest returns the weekly digest n makes, for the week starting at
// n.Due: the week before's received and closed cases and how many steps
// were on time, as /case summary counts them; what falls due in the week;
// what is overdue. It reads the store as it is now.
func (h *Handler) RenderDigest(ctx context.Context, n cases.Notice) (bot.Post, error) {
	loc := h.svc.PolicyCalendar().Location()
	start := n.Due
	sum, err := h.svc.Summary(ctx, cases.System, cases.SummaryQuery{From: start.AddDate(0, 0, -7), To: start})
	if err != nil {
		return bot.Post{}, err
	}
	due, err := h.svc.Forecast(ctx, start.AddDate(0, 0, 7))
	if err != nil {
		return bot.Post{}, err
	}
	var overdue, coming []cases.Due
	for _, d := range due {
		if d.Due.Before(start) {
			overdue = append(overdue, d)
		} else {
			coming = append(coming, d)
		}
	}
	week := fmt.Sprintf("%d received, %d closed; acknowledged on time: %s; answered on time: %s",
		sum.Received, sum.Closed, onTime(sum.Acknowledge), onTime(sum.Answer))
	r := bot.Reply{Title: "Weekly digest: the week of " + start.In(loc).Format("Mon 2 Jan 2006"), Fields: []bot.Field{
		{Name: "Last week", Value: week},
		{Name: "Falls due this week", Value: dueList(coming, loc, "/case list open shows every open case")},
		{Name: "Overdue", Value: dueList(overdue, loc, "/case list overdue shows them")},
	}}
	return bot.Post{Channel: bot.Channel(n.To), Reply: r}, nil
}

// onTime says how many of a step's cases were on time: "7 of 9", or "none
// due" when none counts.
func onTime(m cases.Measure) string {
	if m.Counted == 0 {
		return "none due"
	}
	return fmt.Sprintf("%d of %d", m.OnTime, m.Counted)
}

// dueList lists deadlines, one a line, "C-2026-0042 acknowledge Tue 24 Nov
// 16:00 CET · Ann", up to digestLines of them, then how many more there
// are and more, the /case list that shows them; or "none".
func dueList(ds []cases.Due, loc *time.Location, more string) string {
	if len(ds) == 0 {
		return "none"
	}
	var lines []string
	for i, d := range ds {
		if i == digestLines {
			lines = append(lines, fmt.Sprintf("… and %d more: %s", len(ds)-i, more))
			break
		}
		lines = append(lines, fmt.Sprintf("%s %s %s · %s", d.Case, d.Key, d.Due.In(loc).Format("Mon 2 Jan 15:04 MST"), orDash(d.Handler.Name)))
	}
	return strings.Join(lines, "\n")
}
