package sqlitestore

import (
	"encoding/json"
	"fmt"
	"reflect"
	"time"

	"github.com/ombud/ombud/cases"
)

// Cases are kept as JSON of the domain types themselves, so a field added to
// them is stored without a change here; testdata/case.golden pins the
// encoding, so a renamed field shows up in a failing test instead of as old
// cases that silently lose it. Times are kept to the millisecond, in UTC,
// and empty lists come back as nil (Clone drops them), as the MongoDB store
// does: a case reads back the same from either.

// dueNever is the due_order of a case with no pending deadline, which sorts
// it after every case with one.
const dueNever = int64(1<<63 - 1)

// row is a case as the cases table holds it: the document and the columns
// derived from it for queries and preconditions.
type row struct {
	id, status, kind, assignee, reviewer string
	version, tier                        int
	receivedAt, dueOrder                 int64
	doc                                  string
	involved, teams                      []string
	normal                               *cases.Case // the case as it reads back, but its timeline
}

// toRow normalises a copy of c and encodes it, without its timeline.
func toRow(c *cases.Case) (row, error) {
	n := c.Clone()
	n.Timeline = nil
	normalize(reflect.ValueOf(n).Elem())
	doc, err := json.Marshal(n)
	if err != nil {
		return row{}, fmt.Errorf("encode %s: %w", c.ID, err)
	}
	r := row{id: n.ID, status: string(n.Status), kind: string(n.Kind), assignee: n.Assignee.Key,
		reviewer: n.Reviewer.Key, version: n.Version, tier: int(n.Tier),
		receivedAt: n.ReceivedAt.UnixMilli(), dueOrder: dueNever, doc: string(doc),
		involved: n.InvolvedKeys(), teams: n.InvolvedTeams(), normal: n}
	if due := n.NextDue(); !due.IsZero() {
		r.dueOrder = due.UnixMilli()
	}
	return r, nil
}

// encodeEvent normalises a copy of e and encodes it.
func encodeEvent(e cases.Event) (string, error) {
	normalize(reflect.ValueOf(&e).Elem())
	b, err := json.Marshal(e)
	return string(b), err
}

// fromRow decodes a case document and its timeline, a JSON array of events
// or nothing. An outcome an earlier release stored reads as it is called
// now.
func fromRow(doc, timeline []byte) (*cases.Case, error) {
	var c cases.Case
	if err := json.Unmarshal(doc, &c); err != nil {
		return nil, fmt.Errorf("decode case: %w", err)
	}
	c.Resolution.Outcome = c.Resolution.Outcome.Stored()
	if len(timeline) > 0 {
		if err := json.Unmarshal(timeline, &c.Timeline); err != nil {
			return nil, fmt.Errorf("decode the timeline of %s: %w", c.ID, err)
		}
	}
	return &c, nil
}

var timeType = reflect.TypeFor[time.Time]()

// normalize walks v, setting every time in it to the millisecond in UTC.
func normalize(v reflect.Value) {
	switch {
	case v.Type() == timeType:
		t := v.Interface().(time.Time)
		if !t.IsZero() {
			v.Set(reflect.ValueOf(time.UnixMilli(t.UnixMilli()).UTC()))
		}
	case v.Kind() == reflect.Struct:
		for i := range v.NumField() {
			if f := v.Field(i); f.CanSet() {
				normalize(f)
			}
		}
	case v.Kind() == reflect.Slice:
		for i := range v.Len() {
			normalize(v.Index(i))
		}
	}
}
