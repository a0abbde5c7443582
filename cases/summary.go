package cases

import (
	"context"
	"time"
)

// Summary is a manager's overview of the cases received in a period.
type Summary struct {
	From, To time.Time

	Total    int
	ByStatus map[Status]int
	ByTier   map[Tier]int // the tier each case is at, or ended at
	ByKind   map[Kind]int

	Acknowledged       int // acknowledge deadlines met
	AcknowledgedOnTime int // of those, met by their due time
	AnswerDeadlinesMet int // first-answer deadlines met, by an answer or a resolution
	AnsweredOnTime     int // of those, met by their due time
	Answered           int // cases given a first answer, whether or not the policy sets a limit
	Breaches           int // obligations met late, or pending and overdue now
	Escalated          int // cases that reached the review tier
	Outcomes           int // cases with an outcome other than withdrawn
	Upheld             int // of those, upheld or partly upheld
}

// EscalationRate returns the share of answered cases that were escalated.
func (s *Summary) EscalationRate() float64 { return ratio(s.Escalated, s.Answered) }

// UpheldRate returns the share of cases with an outcome that were upheld in
// full or in part.
func (s *Summary) UpheldRate() float64 { return ratio(s.Upheld, s.Outcomes) }

func ratio(n, of int) float64 {
	if of == 0 {
		return 0
	}
	return float64(n) / float64(of)
}

// Summary counts the cases received from from (inclusive) to to (exclusive).
// Only managers may ask for it.
func (s *Service) Summary(ctx context.Context, actor Actor, from, to time.Time) (*Summary, error) {
	if !actor.Role.AtLeast(RoleManager) {
		return nil, Errorf(EFORBIDDEN, "summaries are for managers, and you are %s %s", article(actor.Role), actor.Role)
	}
	if !from.Before(to) {
		return nil, Errorf(EINVALID, "the period is empty: it must start before it ends")
	}
	list, err := s.store.List(ctx, Query{ReceivedFrom: from, ReceivedTo: to})
	if err != nil {
		return nil, err
	}
	sum := &Summary{From: from, To: to, ByStatus: map[Status]int{}, ByTier: map[Tier]int{}, ByKind: map[Kind]int{}}
	now := s.now()
	for _, c := range list {
		sum.add(c, now)
	}
	return sum, nil
}

// add counts case c into the summary as of now.
func (s *Summary) add(c *Case, now time.Time) {
	s.Total++
	s.ByStatus[c.Status]++
	s.ByTier[c.Tier]++
	s.ByKind[c.Kind]++
	for _, d := range c.Deadlines {
		s.countDeadline(c, d, now)
	}
	for _, e := range c.Timeline {
		if e.Action == ActionAnswer {
			s.Answered++
			break
		}
	}
	if len(c.Escalations) > 0 {
		s.Escalated++
	}
	switch c.Resolution.Outcome {
	case OutcomeUpheld, OutcomePartly:
		s.Upheld++
		s.Outcomes++
	case OutcomeRejected:
		s.Outcomes++
	}
}

// countDeadline counts d, a deadline of c: whether it was met on time, and
// whether it was breached. Windows are the customer's and are never
// breached.
func (s *Summary) countDeadline(c *Case, d Deadline, now time.Time) {
	if d.Kind.IsWindow() {
		return
	}
	onTime := !d.Met.After(d.Due)
	if !d.Pending() {
		switch d.Kind {
		case DeadlineAcknowledge:
			s.Acknowledged++
			s.AcknowledgedOnTime += btoi(onTime)
		case DeadlineAnswer:
			s.AnswerDeadlinesMet++
			s.AnsweredOnTime += btoi(onTime)
		}
	}
	if (!d.Pending() && !onTime) || c.Overdue(d, now) {
		s.Breaches++
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}
