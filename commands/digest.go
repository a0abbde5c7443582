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
// n.Due: the week before's received and closed cases and how many of those
// closed had every deadline met on time; what falls due in the week; what
// is overdue. It reads the store as it is now.
func (h *Handler) RenderDigest(ctx context.Context, n cases.Notice) (bot.Post, error) {
	loc := h.svc.PolicyCalendar().Location()
	start := n.Due
	received, err := h.svc.Find(ctx, cases.Query{ReceivedFrom: start.AddDate(0, 0, -7), ReceivedTo: start})
	if err != nil {
		return bot.Post{}, err
	}
	closed, onTime, err := h.closedIn(ctx, start.AddDate(0, 0, -7), start)
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
	week := fmt.Sprintf("%d received, %d closed, %d of them with every deadline met on time", len(received), closed, onTime)
	r := bot.Reply{Title: "Weekly digest: the week of " + start.In(loc).Format("Mon 2 Jan 2006"), Fields: []bot.Field{
		{Name: "Last week", Value: week},
		{Name: "Falls due this week", Value: dueList(coming, loc)},
		{Name: "Overdue", Value: dueList(overdue, loc)},
	}}
	return bot.Post{Channel: bot.Channel(n.To), Reply: r}, nil
}

// closedIn counts the cases closed from from to to, and of those the ones
// that met every deadline of the team's on time. It reads every closed
// case: closing times are not indexed.
func (h *Handler) closedIn(ctx context.Context, from, to time.Time) (closed, onTime int, err error) {
	list, err := h.svc.Find(ctx, cases.Query{Statuses: []cases.Status{cases.StatusClosed}})
	if err != nil {
		return 0, 0, err
	}
	for _, c := range list {
		at := closedAt(c)
		if at.Before(from) || !at.Before(to) {
			continue
		}
		closed++
		late := false
		for _, d := range c.Deadlines {
			late = late || (!d.Kind.IsWindow() && d.Met.After(d.Due))
		}
		if !late {
			onTime++
		}
	}
	return closed, onTime, nil
}

// closedAt returns when c was last closed: its last event's time.
func closedAt(c *cases.Case) time.Time {
	for i := len(c.Timeline) - 1; i >= 0; i-- {
		if c.Timeline[i].Status == cases.StatusClosed && (i == 0 || c.Timeline[i-1].Status != cases.StatusClosed) {
			return c.Timeline[i].At
		}
	}
	return time.Time{}
}

// dueList lists deadlines, one a line, "C-2026-0042 acknowledge Tue 24 Nov
// 16:00 CET · Ann", up to digestLines of them, or "none".
func dueList(ds []cases.Due, loc *time.Location) string {
	if len(ds) == 0 {
		return "none"
	}
	var lines []string
	for i, d := range ds {
		if i == digestLines {
			lines = append(lines, fmt.Sprintf("… and %d more: /case list overdue shows them", len(ds)-i))
			break
		}
		lines = append(lines, fmt.Sprintf("%s %s %s · %s", d.Case, d.Key, d.Due.In(loc).Format("Mon 2 Jan 15:04 MST"), orDash(d.Handler.Name)))
	}
	return strings.Join(lines, "\n")
}
