package mongostore

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/ombud/ombud/cases"
)

// figurePaths maps each figure to the path of the field that holds it.
var figurePaths = map[cases.Figure]string{
	cases.FigureKind:         "kind",
	cases.FigureCategory:     "category",
	cases.FigureChannel:      "channel",
	cases.FigureStatus:       "status",
	cases.FigureTier:         "tier",
	cases.FigureOutcome:      "resolution.outcome",
	cases.FigureAgent:        "figures.agent",
	cases.FigureReviewer:     "figures.reviewer",
	cases.FigureTierReached:  "figures.tier_reached",
	cases.FigureAnswers:      "figures.answers",
	cases.FigureAcknowledge:  "figures.ack.state",
	cases.FigureAnswer:       "figures.answer.state",
	cases.FigureLate:         "figures.late",
	cases.FigureRootCause:    "figures.root_cause",
	cases.FigureReceivedDay:  "figures.received_day",
	cases.FigureReceivedWeek: "figures.received_week",
	cases.FigureClosedDay:    "figures.closed_day",
	cases.FigureClosedWeek:   "figures.closed_week",
}

// duePaths maps each due time to the path of the field that holds it.
var duePaths = map[cases.DueTime]string{
	cases.DueAcknowledge: "figures.ack.due",
	cases.DueAnswer:      "figures.answer.due",
	cases.DueObligation:  "figures.obligation_due",
}

// Tally counts the cases matching f, grouped by the figures in by, with
// $match and $group with $sum.
func (s *Store) Tally(ctx context.Context, f cases.FigureFilter, by ...cases.Figure) ([]cases.Tally, error) {
	id := bson.D{}
	for i, fig := range by {
		path, ok := figurePaths[fig]
		if !ok {
			return nil, fmt.Errorf("tally: no figure %q", fig)
		}
		id = append(id, bson.E{Key: "f" + strconv.Itoa(i), Value: "$" + path})
	}
	pipeline := mongo.Pipeline{
		{{Key: "$match", Value: figureFilter(f)}},
		{{Key: "$group", Value: bson.D{{Key: "_id", Value: id}, {Key: "n", Value: bson.D{{Key: "$sum", Value: 1}}}}}},
	}
	cur, err := s.cases.Aggregate(ctx, pipeline)
	if err != nil {
		return nil, fmt.Errorf("tally cases: %w", err)
	}
	var rows []struct {
		ID bson.M `bson:"_id"`
		N  int    `bson:"n"`
	}
	if err := cur.All(ctx, &rows); err != nil {
		return nil, fmt.Errorf("tally cases: %w", err)
	}
	out := make([]cases.Tally, len(rows))
	for i, r := range rows {
		out[i] = cases.Tally{Values: make([]string, len(by)), N: r.N}
		for j := range by {
			out[i].Values[j] = text(r.ID["f"+strconv.Itoa(j)])
		}
	}
	return out, nil
}

// text formats a grouped value as a Tally gives it.
func text(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return v
	default:
		return fmt.Sprintf("%v", v)
	}
}

// figureFilter translates f into a filter.
func figureFilter(f cases.FigureFilter) bson.D {
	d := bson.D{}
	if r := timeRange(f.ReceivedFrom, f.ReceivedTo); len(r) > 0 {
		d = append(d, bson.E{Key: "received_at", Value: r})
	}
	if r := timeRange(f.ClosedFrom, f.ClosedTo); len(r) > 0 {
		d = append(d, bson.E{Key: "figures.closed_at", Value: r})
	}
	if f.Active {
		d = append(d, bson.E{Key: "status", Value: bson.D{{Key: "$ne", Value: cases.StatusClosed}}})
	}
	if f.Acknowledged {
		d = append(d, bson.E{Key: "figures.ack.at", Value: bson.D{{Key: "$exists", Value: true}}})
	}
	if f.Unfigured {
		d = append(d, bson.E{Key: "figures.received_day", Value: bson.D{{Key: "$in", Value: bson.A{nil, ""}}}})
	}
	if f.WithLessons {
		d = append(d, bson.E{Key: "figures.lessons", Value: bson.D{{Key: "$gt", Value: ""}}})
	}
	if f.Due != "" {
		// A date comparison never matches the null of a due time that
		// is not running.
		d = append(d, bson.E{Key: duePaths[f.Due], Value: bson.D{{Key: "$lt", Value: f.DueBefore}}})
	}
	return d
}

// figureSorts are the sort documents of the orders of Figures.
var figureSorts = map[cases.FigureOrder]bson.D{
	cases.ByID:            {{Key: "_id", Value: 1}},
	cases.ByObligationDue: {{Key: "figures.obligation_due", Value: 1}, {Key: "_id", Value: 1}},
	cases.ByClosedLatest:  {{Key: "figures.closed_at", Value: -1}, {Key: "_id", Value: 1}},
}

// Figures returns the figures of the cases matching f, reading only the
// figures and the fields summaries break them down by.
func (s *Store) Figures(ctx context.Context, f cases.FigureFilter, order cases.FigureOrder, limit int) ([]cases.CaseFigures, error) {
	opts := options.Find().SetSort(figureSorts[order]).
		SetProjection(bson.D{{Key: "kind", Value: 1}, {Key: "category", Value: 1}, {Key: "channel", Value: 1}, {Key: "figures", Value: 1}})
	if limit > 0 {
		opts.SetLimit(int64(limit))
	}
	cur, err := s.cases.Find(ctx, figureFilter(f), opts)
	if err != nil {
		return nil, fmt.Errorf("case figures: %w", err)
	}
	var docs []struct {
		ID       string        `bson:"_id"`
		Kind     cases.Kind    `bson:"kind"`
		Category string        `bson:"category"`
		Channel  cases.Channel `bson:"channel"`
		Figures  figuresDoc    `bson:"figures"`
	}
	if err := cur.All(ctx, &docs); err != nil {
		return nil, fmt.Errorf("case figures: %w", err)
	}
	out := make([]cases.CaseFigures, len(docs))
	for i, d := range docs {
		out[i] = cases.CaseFigures{ID: d.ID, Kind: d.Kind, Category: d.Category, Channel: d.Channel, Figures: fromFigures(d.Figures)}
	}
	return out, nil
}

// PutFigures sets the figures of case id if its version is still version.
func (s *Store) PutFigures(ctx context.Context, id string, version int, f cases.Figures) error {
	wctx, unlock, err := s.lockWrites(ctx)
	if err != nil {
		return fmt.Errorf("put the figures of %s: %w", id, err)
	}
	res, err := s.cases.UpdateOne(wctx, bson.D{{Key: "_id", Value: id}, {Key: "version", Value: version}},
		bson.D{{Key: "$set", Value: bson.D{{Key: "figures", Value: toFigures(f)}}}})
	unlock()
	switch {
	case err != nil:
		return fmt.Errorf("put the figures of %s: %w", id, err)
	case res.MatchedCount == 1:
		return nil
	}
	if _, err := s.Get(ctx, id); err != nil {
		return err
	}
	return cases.Errorf(cases.ECONFLICT, "%s changed while its figures were worked out", id)
}

// scanBatch is how many cases Scan asks the server for at a time.
const scanBatch = 500

// Scan calls fn with each case matching q, in ID order, without its
// timeline.
func (s *Store) Scan(ctx context.Context, q cases.Query, fn func(*cases.Case) error) error {
	opts := options.Find().SetSort(bson.D{{Key: "_id", Value: 1}}).SetBatchSize(scanBatch).
		SetProjection(bson.D{{Key: "timeline", Value: 0}})
	cur, err := s.cases.Find(ctx, listFilter(q), opts)
	if err != nil {
		return fmt.Errorf("scan cases: %w", err)
	}
	defer cur.Close(ctx)
	for cur.Next(ctx) {
		var doc caseDoc
		if err := cur.Decode(&doc); err != nil {
			return fmt.Errorf("scan cases: %w", err)
		}
		if err := fn(fromDoc(&doc)); err != nil {
			return err
		}
	}
	if err := cur.Err(); err != nil {
		return fmt.Errorf("scan cases: %w", err)
	}
	return nil
}

// timeRange returns the condition that a date is at or after from and
// before to, leaving out a zero bound.
func timeRange(from, to time.Time) bson.D {
	var r bson.D
	if !from.IsZero() {
		r = append(r, bson.E{Key: "$gte", Value: from})
	}
	if !to.IsZero() {
		r = append(r, bson.E{Key: "$lt", Value: to})
	}
	return r
}
