package cases

import (
	"cmp"
	"context"
	"slices"
	"strconv"
)

// tallier fills a Summary from the store's tallies, one query at a time.
type tallier struct {
	store  Store
	sum    *Summary
	groups map[string]*Group // by the dimension's value
}

// tally counts the cases matching f grouped by the summary's dimension,
// when it has one, and then by figs; the dimension's value is passed to
// add apart from the other values.
func (t *tallier) tally(ctx context.Context, f FigureFilter, add func(g *Group, v []string, n int), figs ...Figure) error {
	by := figs
	if t.sum.By != "" {
		by = append([]Figure{dimensionFigures[t.sum.By]}, figs...)
	}
	rows, err := t.store.Tally(ctx, f, by...)
	if err != nil {
		return err
	}
	for _, r := range rows {
		v := r.Values
		if t.sum.By != "" {
			add(t.group(v[0]), v[1:], r.N)
		} else {
			add(nil, v, r.N)
		}
	}
	return nil
}

// group returns the group of value, making it when it is new.
func (t *tallier) group(value string) *Group {
	g, ok := t.groups[value]
	if !ok {
		g = &Group{Value: value}
		t.groups[value] = g
	}
	return g
}

// inGroup calls f for the summary's totals and, when g is not nil, for g.
func inGroup(sum *Summary, g *Group, f func(received, closed, breaches *int, ack, answer *Measure)) {
	f(&sum.Received, &sum.Closed, &sum.Breaches, &sum.Acknowledge, &sum.Answer)
	if g != nil {
		f(&g.Received, &g.Closed, &g.Breaches, &g.Acknowledge, &g.Answer)
	}
}

// received counts the cases received in the period by their status, tier,
// steps, answers and outcome.
func (t *tallier) received(ctx context.Context, q SummaryQuery) error {
	s := t.sum
	return t.tally(ctx, FigureFilter{ReceivedFrom: q.From, ReceivedTo: q.To}, func(g *Group, v []string, n int) {
		tier, reached, answers, late := atoi(v[1]), atoi(v[2]), atoi(v[3]), atoi(v[6])
		s.ByStatus[Status(v[0])] += n
		s.ByTier[Tier(tier)] += n
		s.Answered += n * btoi(answers >= 1)
		s.Escalated += n * btoi(reached >= int(TierReview))
		s.Reviewed += n * btoi(answers >= 2)
		s.FinalReviews += n * btoi(reached >= int(TierFinal))
		if v[7] != "" {
			s.Outcomes[Outcome(v[7]).Stored()] += n // a store may hold an earlier release's name
		}
		inGroup(s, g, func(received, _, breaches *int, ack, answer *Measure) {
			*received += n
			*breaches += n * btoi(late > 0)
			ack.countState(StepState(v[4]), n)
			answer.countState(StepState(v[5]), n)
		})
	}, FigureStatus, FigureTier, FigureTierReached, FigureAnswers, FigureAcknowledge, FigureAnswer, FigureLate, FigureOutcome)
}

// countState counts n cases whose step is in state st.
func (m *Measure) countState(st StepState, n int) {
	switch st {
	case StepOnTime:
		m.OnTime += n
		m.Counted += n
	case StepLate:
		m.Counted += n
	}
}

// overdue counts the cases received in the period with a step overdue now:
// they count against the step's on-time rate, and as breaches unless a step
// met late already made them one.
func (t *tallier) overdue(ctx context.Context, q SummaryQuery) error {
	now, s := t.sum.Now, t.sum
	for _, due := range []DueTime{DueAcknowledge, DueAnswer} {
		err := t.tally(ctx, FigureFilter{ReceivedFrom: q.From, ReceivedTo: q.To, Due: due, DueBefore: now}, func(g *Group, _ []string, n int) {
			inGroup(s, g, func(_, _, _ *int, ack, answer *Measure) {
				map[DueTime]*Measure{DueAcknowledge: ack, DueAnswer: answer}[due].Counted += n
			})
		})
		if err != nil {
			return err
		}
	}
	return t.tally(ctx, FigureFilter{ReceivedFrom: q.From, ReceivedTo: q.To, Due: DueObligation, DueBefore: now}, func(g *Group, v []string, n int) {
		if atoi(v[0]) == 0 {
			inGroup(s, g, func(_, _, breaches *int, _, _ *Measure) { *breaches += n })
		}
	}, FigureLate)
}

// closed counts the cases closed in the period, whenever received.
func (t *tallier) closed(ctx context.Context, q SummaryQuery) error {
	return t.tally(ctx, FigureFilter{ClosedFrom: q.From, ClosedTo: q.To}, func(g *Group, _ []string, n int) {
		inGroup(t.sum, g, func(_, closed, _ *int, _, _ *Measure) { *closed += n })
	})
}

// open counts the cases open now, whenever received, and who has them.
func (t *tallier) open(ctx context.Context, _ SummaryQuery) error {
	rows, err := t.store.Tally(ctx, FigureFilter{Active: true}, FigureTier, FigureAgent, FigureReviewer)
	if err != nil {
		return err
	}
	agents, reviewers := map[string]int{}, map[string]int{}
	for _, r := range rows {
		t.sum.OpenNow += r.N
		switch tier, reviewer := atoi(r.Values[0]), r.Values[2]; {
		case tier == int(TierFrontline):
			agents[orNobody(r.Values[1])] += r.N
		case reviewer == "":
			t.sum.Unclaimed += r.N
		default:
			reviewers[reviewer] += r.N
		}
	}
	t.sum.AgentLoad, t.sum.ReviewerLoad = ranked(agents, 0), ranked(reviewers, 0)
	return nil
}

// durations works out how long the steps took, from the figures of the
// cases received in the period that were acknowledged.
func (t *tallier) durations(ctx context.Context, q SummaryQuery) error {
	figs, err := t.store.Figures(ctx, FigureFilter{ReceivedFrom: q.From, ReceivedTo: q.To, Acknowledged: true}, ByID, 0)
	if err != nil {
		return err
	}
	type samples struct{ ack, answer []float64 }
	all, by := samples{}, map[string]*samples{}
	for _, f := range figs {
		targets := []*samples{&all}
		if t.sum.By != "" {
			v := f.value(t.sum.By)
			if by[v] == nil {
				by[v] = &samples{}
			}
			targets = append(targets, by[v])
		}
		for _, s := range targets {
			s.ack = append(s.ack, f.Acknowledge.Days)
			if f.Answer.Done() {
				s.answer = append(s.answer, f.Answer.Days)
			}
		}
	}
	t.sum.Acknowledge.timed(all.ack)
	t.sum.Answer.timed(all.answer)
	for v, s := range by {
		g := t.group(v)
		g.Acknowledge.timed(s.ack)
		g.Answer.timed(s.answer)
	}
	return nil
}

// value returns f's value of dimension d, as a Tally gives it.
func (f CaseFigures) value(d Dimension) string {
	switch d {
	case ByKind:
		return string(f.Kind)
	case ByCategory:
		return f.Category
	case ByChannel:
		return string(f.Channel)
	case ByAgent:
		return f.Agent
	default:
		return strconv.Itoa(int(f.TierReached))
	}
}

// named finds the root causes, the latest lessons and the cases overdue
// longest.
func (t *tallier) named(ctx context.Context, q SummaryQuery) error {
	s := t.sum
	rows, err := t.store.Tally(ctx, FigureFilter{ReceivedFrom: q.From, ReceivedTo: q.To}, FigureRootCause)
	if err != nil {
		return err
	}
	causes := map[string]int{}
	for _, r := range rows {
		if r.Values[0] != "" {
			causes[r.Values[0]] += r.N
		}
	}
	s.RootCauses = ranked(causes, maxNamed)
	lessons, err := t.store.Figures(ctx, FigureFilter{ReceivedFrom: q.From, ReceivedTo: q.To, WithLessons: true}, ByClosedLatest, maxLessons)
	if err != nil {
		return err
	}
	for _, f := range lessons {
		s.Lessons = append(s.Lessons, Lesson{ID: f.ID, Text: f.Lessons, ClosedAt: f.ClosedAt})
	}
	overdue, err := t.store.Figures(ctx, FigureFilter{Active: true, Due: DueObligation, DueBefore: s.Now}, ByObligationDue, maxNamed)
	if err != nil {
		return err
	}
	for _, f := range overdue {
		s.Overdue = append(s.Overdue, Overdue{ID: f.ID, Kind: f.ObligationKind, Due: f.ObligationDue, Agent: f.Agent, Reviewer: f.Reviewer})
	}
	return nil
}

// sortedGroups returns the groups, most cases received first, then by
// value; nil when there are none.
func (t *tallier) sortedGroups() []Group {
	var out []Group
	for _, g := range t.groups {
		out = append(out, *g)
	}
	slices.SortFunc(out, func(a, b Group) int {
		return cmp.Or(cmp.Compare(b.Received, a.Received), cmp.Compare(a.Value, b.Value))
	})
	return out
}

// ranked returns the counts of m, most first and then by name, at most
// limit of them (all when limit is 0).
func ranked(m map[string]int, limit int) []Count {
	out := make([]Count, 0, len(m))
	for name, n := range m {
		out = append(out, Count{Name: name, N: n})
	}
	slices.SortFunc(out, func(a, b Count) int { return cmp.Or(cmp.Compare(b.N, a.N), cmp.Compare(a.Name, b.Name)) })
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// orNobody returns name, or "nobody" for a case no one is assigned.
func orNobody(name string) string {
	if name == "" {
		return "nobody"
	}
	return name
}

// atoi returns the number s holds as a Tally gives it; 0 for "".
func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}
