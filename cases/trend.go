package cases

import (
	"context"
	"time"
)

// Bucket is one day or one week of a Trend.
type Bucket struct {
	Start    time.Time // local midnight of its first day in the period
	Key      string    // the period key: "2026-11-23" for a day, "2026-W48" for a week
	Received int       // cases received in it
	Closed   int       // cases closed in it
	// OnTime and Counted are the acknowledgements and first answers of
	// the cases received in it that were on time, of those done or past
	// due, as in Measure.
	OnTime, Counted int
}

// Rate returns the share of Counted that was on time, and false when
// nothing counts yet.
func (b Bucket) Rate() (float64, bool) { return Measure{OnTime: b.OnTime, Counted: b.Counted}.Rate() }

// Trend returns the cases received and closed in each day (daily) or ISO
// week from from to to, in the policy's time zone, with how many of their
// steps were on time. Only managers may ask.
func (s *Service) Trend(ctx context.Context, actor Actor, from, to time.Time, daily bool) ([]Bucket, error) {
	if err := managerOnly(actor, "summaries"); err != nil {
		return nil, err
	}
	loc := s.cal.Location()
	keyOf, received, closed := weekKey, FigureReceivedWeek, FigureClosedWeek
	if daily {
		keyOf, received, closed = dayKey, FigureReceivedDay, FigureClosedDay
	}
	var out []Bucket
	index := map[string]int{}
	for d := from.In(loc); d.Before(to); d = d.AddDate(0, 0, 1) {
		if k := keyOf(d, loc); len(out) == 0 || out[len(out)-1].Key != k {
			index[k] = len(out)
			out = append(out, Bucket{Start: d, Key: k})
		}
	}
	add := func(f FigureFilter, by []Figure, count func(b *Bucket, v []string, n int)) error {
		rows, err := s.store.Tally(ctx, f, by...)
		for _, r := range rows {
			if i, ok := index[r.Values[0]]; ok {
				count(&out[i], r.Values[1:], r.N)
			}
		}
		return err
	}
	period := FigureFilter{ReceivedFrom: from, ReceivedTo: to}
	err := add(period, []Figure{received, FigureAcknowledge, FigureAnswer}, func(b *Bucket, v []string, n int) {
		m := Measure{OnTime: b.OnTime, Counted: b.Counted}
		m.countState(StepState(v[0]), n)
		m.countState(StepState(v[1]), n)
		b.Received, b.OnTime, b.Counted = b.Received+n, m.OnTime, m.Counted
	})
	for _, due := range []DueTime{DueAcknowledge, DueAnswer} {
		if err == nil {
			f := period
			f.Due, f.DueBefore = due, s.now()
			err = add(f, []Figure{received}, func(b *Bucket, _ []string, n int) { b.Counted += n })
		}
	}
	if err == nil {
		err = add(FigureFilter{ClosedFrom: from, ClosedTo: to}, []Figure{closed}, func(b *Bucket, _ []string, n int) { b.Closed += n })
	}
	return out, err
}
