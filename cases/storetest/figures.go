package storetest

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ombud/ombud/cases"
)

// FiguredCase returns a case received days after T0 with the given
// figures, agent and outcome; the rest of its figures are those of a case
// received then and still open.
func FiguredCase(id string, received int, st cases.Status, via cases.Channel, f cases.Figures, outcome cases.Outcome) *cases.Case {
	c := MinimalCase(id)
	c.Kind, c.Status, c.Channel, c.ReceivedAt = cases.KindComplaint, st, via, Day(received)
	c.Resolution.Outcome = outcome
	f.ReceivedDay, f.ReceivedWeek = Day(received).Format("2006-01-02"), fmt.Sprintf("2026-W%02d", 10+received/7)
	if f.TierReached == 0 {
		f.TierReached = cases.TierFrontline
	}
	c.Figures = f
	return c
}

// figured are the cases the figures tests store, received on days 0 to 9.
func figured() []*cases.Case {
	closed := func(day int) cases.Figures {
		return cases.Figures{ClosedAt: Day(day), ClosedDay: Day(day).Format("2006-01-02"), ClosedWeek: "2026-W11"}
	}
	onTime := func(days float64) cases.Step { return cases.Step{State: cases.StepOnTime, At: Day(1), Days: days} }
	c1 := closed(8)
	c1.Agent, c1.Answers, c1.Acknowledge, c1.Answer, c1.RootCause, c1.Lessons = "Ada", 1, onTime(0.5), onTime(2), "double billing", "check the run"
	c2 := cases.Figures{Agent: "Ada", Acknowledge: cases.Step{State: cases.StepPending, Due: Day(3)},
		Answer: cases.Step{State: cases.StepPending, Due: Day(12)}, ObligationDue: Day(3), ObligationKind: cases.DeadlineAcknowledge}
	c3 := cases.Figures{Agent: "Oli", Reviewer: "Sam", TierReached: cases.TierReview, Answers: 1, Late: 2,
		Acknowledge: onTime(1), Answer: cases.Step{State: cases.StepLate, At: Day(7), Days: 6.25},
		ObligationDue: Day(9), ObligationKind: cases.DeadlineReview}
	c4 := closed(9)
	c4.Agent, c4.Acknowledge, c4.Answer, c4.RootCause, c4.Lessons = "Oli", cases.Step{State: cases.StepMoot}, cases.Step{State: cases.StepMoot}, "", ""
	c5 := closed(10)
	c5.Agent, c5.Answers, c5.Acknowledge, c5.Answer, c5.RootCause, c5.Lessons = "Ada", 1, onTime(0.25), onTime(0.25), "double billing", "say sorry sooner"
	return []*cases.Case{
		FiguredCase("C-2026-0001", 0, cases.StatusClosed, cases.ChannelEmail, c1, cases.OutcomeUpheld),
		FiguredCase("C-2026-0002", 2, cases.StatusOpen, cases.ChannelEmail, c2, ""),
		FiguredCase("C-2026-0003", 3, cases.StatusReviewing, cases.ChannelPhone, c3, ""),
		FiguredCase("C-2026-0004", 7, cases.StatusClosed, cases.ChannelPhone, c4, cases.OutcomeWithdrawn),
		FiguredCase("C-2026-0005", 9, cases.StatusClosed, cases.ChannelChat, c5, cases.OutcomeRejected),
	}
}

// tallies are what the tally test asks, with the rows it wants, as
// "value|value=n" sorted.
var tallies = []struct {
	name string
	f    cases.FigureFilter
	by   []cases.Figure
	want []string
}{
	{"everything, in one row", cases.FigureFilter{}, nil, []string{"=5"}},
	{"nothing matches", cases.FigureFilter{ReceivedFrom: Day(20)}, nil, nil},
	{"by status", cases.FigureFilter{}, []cases.Figure{cases.FigureStatus}, []string{"closed=3", "open=1", "reviewing=1"}},
	{"by two figures", cases.FigureFilter{}, []cases.Figure{cases.FigureChannel, cases.FigureAcknowledge},
		[]string{"chat|on-time=1", "email|on-time=1", "email|pending=1", "phone|moot=1", "phone|on-time=1"}},
	{"numbers and empty values", cases.FigureFilter{}, []cases.Figure{cases.FigureTierReached, cases.FigureLate, cases.FigureOutcome},
		[]string{"1|0|=1", "1|0|" + string(cases.OutcomeRejected) + "=1", "1|0|" + string(cases.OutcomeUpheld) + "=1",
			"1|0|" + string(cases.OutcomeWithdrawn) + "=1", "2|2|=1"}},
	{"every figure", cases.FigureFilter{ReceivedFrom: Day(3), ReceivedTo: Day(4)}, cases.AllFigures,
		[]string{"complaint||phone|reviewing|1||Oli|Sam|2|1|on-time|late|2||2026-03-05|2026-W10||=1"}},
	{"received from, inclusive, to, exclusive", cases.FigureFilter{ReceivedFrom: Day(2), ReceivedTo: Day(9)}, []cases.Figure{cases.FigureAgent},
		[]string{"Ada=1", "Oli=2"}},
	{"closed in", cases.FigureFilter{ClosedFrom: Day(8), ClosedTo: Day(10)}, []cases.Figure{cases.FigureClosedDay},
		[]string{"2026-03-10=1", "2026-03-11=1"}},
	{"active", cases.FigureFilter{Active: true}, []cases.Figure{cases.FigureAgent, cases.FigureReviewer}, []string{"Ada|=1", "Oli|Sam=1"}},
	{"acknowledge overdue, strictly before", cases.FigureFilter{Due: cases.DueAcknowledge, DueBefore: Day(3)}, nil, nil},
	{"acknowledge overdue", cases.FigureFilter{Due: cases.DueAcknowledge, DueBefore: Day(3).Add(1e6)}, nil, []string{"=1"}},
	{"answer overdue", cases.FigureFilter{Due: cases.DueAnswer, DueBefore: Day(30)}, nil, []string{"=1"}},
	{"obligation overdue", cases.FigureFilter{Due: cases.DueObligation, DueBefore: Day(10)}, []cases.Figure{cases.FigureLate},
		[]string{"0=1", "2=1"}},
	{"root causes", cases.FigureFilter{}, []cases.Figure{cases.FigureRootCause}, []string{"=3", "double billing=2"}},
}

// testTally checks that Tally groups, counts and filters on the figures.
func testTally(t *testing.T, open Open) {
	s := open(t)
	for _, c := range figured() {
		MustCreate(t, s, c)
	}
	for _, tt := range tallies {
		slices.Sort(tt.want)
		if got := mustTally(t, s, tt.f, tt.by...); !slices.Equal(got, tt.want) {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
}

// mustTally returns the rows of a Tally as "value|value=n", sorted.
func mustTally(tb testing.TB, s cases.Store, f cases.FigureFilter, by ...cases.Figure) []string {
	tb.Helper()
	rows, err := s.Tally(context.Background(), f, by...)
	if err != nil {
		tb.Fatal(err)
	}
	var out []string
	for _, r := range rows {
		if len(r.Values) != len(by) {
			tb.Fatalf("a row of %d values for %d figures", len(r.Values), len(by))
		}
		out = append(out, fmt.Sprintf("%s=%d", strings.Join(r.Values, "|"), r.N))
	}
	slices.Sort(out)
	return out
}

// testFigures checks that Figures returns every figure as stored, in each
// order, filtered and limited.
func testFigures(t *testing.T, open Open) {
	s := open(t)
	all := figured()
	for _, c := range all {
		MustCreate(t, s, c)
	}
	ctx := context.Background()
	got, err := s.Figures(ctx, cases.FigureFilter{}, cases.ByID, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(all) {
		t.Fatalf("%d figures, want %d", len(got), len(all))
	}
	for i, c := range all {
		want := cases.CaseFigures{ID: c.ID, Kind: c.Kind, Category: c.Category, Channel: c.Channel, Figures: c.Figures}
		if !reflect.DeepEqual(normalFigures(got[i]), normalFigures(want)) {
			t.Errorf("figures of %s =\n%+v\nwant\n%+v", c.ID, got[i], want)
		}
	}
	for _, tt := range []struct {
		name  string
		f     cases.FigureFilter
		order cases.FigureOrder
		limit int
		want  []string
	}{
		{"oldest overdue first", cases.FigureFilter{Active: true, Due: cases.DueObligation, DueBefore: Day(30)}, cases.ByObligationDue, 0, []string{"0002", "0003"}},
		{"latest lessons first", cases.FigureFilter{WithLessons: true}, cases.ByClosedLatest, 0, []string{"0005", "0001"}},
		{"limited", cases.FigureFilter{}, cases.ByClosedLatest, 2, []string{"0005", "0004"}},
		{"acknowledged", cases.FigureFilter{Acknowledged: true, ReceivedTo: Day(8)}, cases.ByID, 0, []string{"0001", "0003"}},
	} {
		got, err := s.Figures(ctx, tt.f, tt.order, tt.limit)
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, f := range got {
			ids = append(ids, strings.TrimPrefix(f.ID, "C-2026-"))
		}
		if !slices.Equal(ids, tt.want) {
			t.Errorf("%s: %v, want %v", tt.name, ids, tt.want)
		}
	}
}

// normalFigures returns f with its times in UTC, for comparing.
func normalFigures(f cases.CaseFigures) cases.CaseFigures {
	for _, t := range []*time.Time{&f.ClosedAt, &f.ObligationDue, &f.Acknowledge.Due, &f.Acknowledge.At, &f.Answer.Due, &f.Answer.At} {
		*t = t.UTC()
	}
	return f
}

// testTallyAfterApply checks that a change's new figures replace the old
// ones.
func testTallyAfterApply(t *testing.T, open Open) {
	s := open(t)
	c := figured()[1]
	MustCreate(t, s, c)
	ch := Note(c, Agent, "answered by phone", Day(4))
	ch.Case.Status = cases.StatusAnswered
	ch.Case.Figures.Acknowledge = cases.Step{State: cases.StepLate, At: Day(4), Days: 2}
	ch.Case.Figures.ObligationDue = time.Time{}
	ch.Event.Status = cases.StatusAnswered
	MustApply(t, s, ch)
	if got := mustTally(t, s, cases.FigureFilter{}, cases.FigureStatus, cases.FigureAcknowledge); !slices.Equal(got, []string{"answered|late=1"}) {
		t.Errorf("after the change: %q", got)
	}
	if got := mustTally(t, s, cases.FigureFilter{Due: cases.DueObligation, DueBefore: Day(30)}); got != nil {
		t.Errorf("an obligation met is still due: %q", got)
	}
}

// testScan checks that Scan streams the matching cases in ID order without
// their timelines, and stops at the first error of its function.
func testScan(t *testing.T, open Open) {
	s := open(t)
	for _, c := range listed() {
		c.Timeline = []cases.Event{{At: c.ReceivedAt, Actor: Agent, Action: cases.ActionOpen, Status: cases.StatusOpen}}
		MustCreate(t, s, c)
	}
	ctx := context.Background()
	var ids []string
	err := s.Scan(ctx, cases.Query{ReceivedFrom: Day(1), Limit: 1}, func(c *cases.Case) error {
		if c.Timeline != nil {
			t.Errorf("%s comes with its timeline", c.ID)
		}
		ids = append(ids, strings.TrimPrefix(c.ID, "C-2026-"))
		return nil
	})
	if err != nil || !slices.Equal(ids, []string{"0002", "0003", "0004", "0005"}) {
		t.Errorf("Scan = %v, %v; want 0002 to 0005 in ID order, the limit ignored", ids, err)
	}
	stop := errors.New("enough")
	n := 0
	err = s.Scan(ctx, cases.Query{}, func(*cases.Case) error { n++; return stop })
	if !errors.Is(err, stop) || n != 1 {
		t.Errorf("Scan went on after an error: %d calls, %v", n, err)
	}
}

// testPutFigures checks that the cases stored without figures are found,
// and that PutFigures sets them only on the version it was given.
func testPutFigures(t *testing.T, open Open) {
	s := open(t)
	ctx := context.Background()
	old, figured := MinimalCase("C-2026-0042"), figured()[0]
	MustCreate(t, s, old)
	MustCreate(t, s, figured)
	got, err := s.Figures(ctx, cases.FigureFilter{Unfigured: true}, cases.ByID, 0)
	if err != nil || len(got) != 1 || got[0].ID != old.ID {
		t.Fatalf("unfigured = %v, %v; want %s alone", got, err, old.ID)
	}
	f := figured.Figures
	WantCode(t, s.PutFigures(ctx, old.ID, old.Version+1, f), cases.ECONFLICT)
	WantCode(t, s.PutFigures(ctx, "C-2026-0404", 1, f), cases.ENOTFOUND)
	if err := s.PutFigures(ctx, old.ID, old.Version, f); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Figures(ctx, cases.FigureFilter{Unfigured: true}, cases.ByID, 0); len(got) != 0 {
		t.Errorf("still unfigured: %v", got)
	}
	c := MustGet(t, s, old.ID)
	if c.Version != old.Version || normalFigures(cases.CaseFigures{Figures: c.Figures}) != normalFigures(cases.CaseFigures{Figures: f}) {
		t.Errorf("after PutFigures: version %d, figures %+v", c.Version, c.Figures)
	}
	if got := mustTally(t, s, cases.FigureFilter{}, cases.FigureAgent); !slices.Equal(got, []string{"Ada=2"}) {
		t.Errorf("tally after PutFigures: %q", got)
	}
}
