package cases

import (
	"context"
	"slices"
	"strings"
	"time"
)

// Dimension is what a summary can break its figures down by.
type Dimension string

// Dimensions, as by: takes them.
const (
	ByKind     Dimension = "kind"
	ByCategory Dimension = "category"
	ByChannel  Dimension = "via"
	ByAgent    Dimension = "agent"
	ByTier     Dimension = "tier" // the highest tier each case reached
)

// Dimensions lists every dimension, in the order help shows them.
var Dimensions = []Dimension{ByKind, ByCategory, ByChannel, ByAgent, ByTier}

// dimensionFigures maps each dimension to the figure it groups by.
var dimensionFigures = map[Dimension]Figure{
	ByKind: FigureKind, ByCategory: FigureCategory, ByChannel: FigureChannel,
	ByAgent: FigureAgent, ByTier: FigureTierReached,
}

// SummaryQuery says what a summary covers.
type SummaryQuery struct {
	From, To time.Time // cases received, or closed, at or after From and before To
	By       Dimension // "" for no breakdown
}

// Summary is a manager's view of how the team does against its procedure.
// Its figures are of the cases received in the period, except Closed (the
// cases closed in it, whenever received), and OpenNow, Overdue and the loads,
// which are of every case open now.
type Summary struct {
	From, To, Now time.Time
	By            Dimension

	Received, Closed, OpenNow int
	ByStatus                  map[Status]int
	ByTier                    map[Tier]int // the tier each case is at, or ended at

	Acknowledge, Answer Measure
	// Breaches counts cases with a deadline of the team's met late or
	// overdue now; a paused case's clocks are stopped, so while paused it
	// is overdue only on a deadline it had missed before the pause began.
	Breaches int
	Overdue  []Overdue // the cases overdue longest now, up to maxNamed

	Answered     int // cases given a first answer, or resolved at the frontline
	Escalated    int // cases that reached the second tier
	Reviewed     int // cases given a review answer
	FinalReviews int // cases that reached the final-review tier
	Outcomes     map[Outcome]int
	RootCauses   []Count  // the most frequent first, up to maxNamed
	Lessons      []Lesson // the latest first, up to maxLessons

	AgentLoad    []Count // open cases at the frontline, per assignee, most first
	ReviewerLoad []Count // open cases at a review tier, per reviewer, most first
	Unclaimed    int     // open cases waiting for a reviewer to claim them

	Groups []Group // by By's values, most cases first; nil when By is ""
}

// Measure is how one step of the procedure went: how many of the cases
// whose step was done or whose deadline passed had it done in time, and how
// long the step took in business days.
type Measure struct {
	OnTime  int     // done at or before its due time
	Counted int     // done, or past its due time and not done
	Timed   int     // done, whether or not the policy sets a deadline
	Median  float64 // business days, of Timed
	P90     float64 // business days, of Timed
}

// Rate returns the share of Counted that was on time, and false when no
// case counts yet.
func (m Measure) Rate() (float64, bool) {
	if m.Counted == 0 {
		return 0, false
	}
	return float64(m.OnTime) / float64(m.Counted), true
}

// Count is a number of cases for a name: a person or a root cause.
type Count struct {
	Name string
	N    int
}

// Overdue is a case with a deadline of the team's that has passed.
type Overdue struct {
	ID              string
	Kind            DeadlineKind
	Due             time.Time
	Agent, Reviewer string
}

// Lesson is the lessons learned recorded on a closed case.
type Lesson struct {
	ID       string
	Text     string
	ClosedAt time.Time
}

// Group is the figures of the cases received in the period that share one
// value of the summary's dimension.
type Group struct {
	Value               string
	Received            int
	Closed              int
	Breaches            int
	Acknowledge, Answer Measure
}

// How many names a summary gives, at most.
const (
	maxNamed   = 5
	maxLessons = 3
)

// ParseDimension parses a dimension as by: takes it.
func ParseDimension(s string) (Dimension, error) {
	d := Dimension(s)
	if _, ok := dimensionFigures[d]; !ok {
		return "", Errorf(EINVALID, "%q is not a breakdown; use by:kind, by:category, by:via, by:agent or by:tier", s)
	}
	return d, nil
}

// Summary sums up the cases of the period q names. Only managers may ask.
func (s *Service) Summary(ctx context.Context, actor Actor, q SummaryQuery) (*Summary, error) {
	if err := managerOnly(actor, "summaries"); err != nil {
		return nil, err
	}
	if !q.From.Before(q.To) {
		return nil, Errorf(EINVALID, "the period is empty: it must start before it ends")
	}
	if q.By != "" {
		if _, err := ParseDimension(string(q.By)); err != nil {
			return nil, err
		}
	}
	sum := &Summary{From: q.From, To: q.To, Now: s.now(), By: q.By,
		ByStatus: map[Status]int{}, ByTier: map[Tier]int{}, Outcomes: map[Outcome]int{}}
	t := tallier{store: s.store, sum: sum, groups: map[string]*Group{}}
	for _, step := range []func(context.Context, SummaryQuery) error{
		t.received, t.overdue, t.closed, t.open, t.durations, t.named,
	} {
		if err := step(ctx, q); err != nil {
			return nil, err
		}
	}
	sum.Groups = t.sortedGroups()
	return sum, nil
}

// managerOnly refuses actor unless they are a manager, saying that what
// is for managers.
func managerOnly(actor Actor, what string) error {
	if !actor.Role.AtLeast(RoleManager) {
		verb := "are"
		if !strings.HasSuffix(what, "s") {
			verb = "is"
		}
		return Errorf(EFORBIDDEN, "%s %s for managers, and you are %s %s", what, verb, article(actor.Role), actor.Role)
	}
	return nil
}

// percentile returns the p-th percentile (0 to 1) of sorted, interpolating
// linearly between the nearest ranks: the median of 1, 2, 3 and 4 is 2.5.
// It is 0 for no values.
func percentile(sorted []float64, p float64) float64 {
	if len(sorted) == 0 {
		return 0
	}
	r := p * float64(len(sorted)-1)
	i := int(r)
	if i+1 >= len(sorted) {
		return sorted[len(sorted)-1]
	}
	return sorted[i] + (r-float64(i))*(sorted[i+1]-sorted[i])
}

// timed sets m's Timed, Median and P90 from the business days in days.
func (m *Measure) timed(days []float64) {
	slices.Sort(days)
	m.Timed, m.Median, m.P90 = len(days), percentile(days, 0.5), percentile(days, 0.9)
}

// Register calls fn with each case matching q, in ID order, without its
// timeline, for the register of complaints. Only managers may read it. fn
// gets the complainant's contact details too: whoever writes the register
// out decides whether they go in.
func (s *Service) Register(ctx context.Context, actor Actor, q Query, fn func(*Case) error) error {
	if err := managerOnly(actor, "the register"); err != nil {
		return err
	}
	return s.store.Scan(ctx, q, fn)
}
