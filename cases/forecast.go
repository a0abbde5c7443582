package cases

import (
	"context"
	"slices"
	"strings"
	"time"
)

// Due is a deadline of the team's on an open case, falling due by a given
// moment if nobody acts.
type Due struct {
	Case     string       // the case's ID
	Key      string       // the deadline's name, as Plan and "ombud policy deadlines" name it: "acknowledge", "review", …
	Deadline DeadlineKind // its kind
	Due      time.Time    // when it falls due
	Assignee Person       // the case's assignee
	Handler  Person       // who handles the case: its reviewer under review, otherwise its assignee
}

// Forecast returns every pending deadline of the team's (not the
// customer's windows) that falls due at or before at if nobody acts,
// soonest first, from the deadlines whose clocks run as the sweep sees
// them. It reads only the cases with a deadline pending by then.
func (s *Service) Forecast(ctx context.Context, at time.Time) ([]Due, error) {
	list, err := s.store.List(ctx, Query{DueBefore: at})
	if err != nil {
		return nil, err
	}
	var out []Due
	for _, c := range list {
		for _, d := range c.running() {
			if d.Kind.IsWindow() || d.Due.After(at) {
				continue
			}
			out = append(out, Due{Case: c.ID, Key: c.deadlineKey(d), Deadline: d.Kind, Due: d.Due, Assignee: c.Assignee, Handler: c.handler()})
		}
	}
	slices.SortStableFunc(out, func(a, b Due) int {
		if n := a.Due.Compare(b.Due); n != 0 {
			return n
		}
		return strings.Compare(a.Case, b.Case)
	})
	return out, nil
}

// deadlineKey names deadline d of c as Plan names its milestones: the
// acknowledgement of an escalated complaint is "review_acknowledge", the
// first progress update, running from receipt, "first_update", and later
// ones "update".
func (c *Case) deadlineKey(d Deadline) string {
	switch {
	case d.Kind == DeadlineAcknowledge && c.Tier > TierFrontline:
		return "review_acknowledge"
	case d.Kind == DeadlineUpdate && d.Start.Equal(c.ReceivedAt):
		return "first_update"
	case d.Kind == DeadlineNotice:
		return "answer_notice"
	}
	return string(d.Kind)
}
