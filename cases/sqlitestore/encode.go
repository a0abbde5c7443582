package sqlitestore

import (
	"database/sql"
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

// dueNeverSQL is dueNever as SQL.
const dueNeverSQL = "9223372036854775807"

// row is a case as the cases table holds it: the document and the columns
// derived from it for queries and preconditions.
type row struct {
	id, status, kind, assignee, reviewer string
	version, tier                        int
	receivedAt, dueOrder, wake           int64
	doc                                  string
	involved, teams                      []string
	notices                              []cases.Notice    // kept in notices, not in the document
	threads                              map[string]string // kept in threads, not in the document
	normal                               *cases.Case       // the case as it reads back, but its timeline, notices and threads
}

// toRow normalises a copy of c and encodes it, without its timeline,
// notices, threads and wake-up time.
func toRow(c *cases.Case) (row, error) {
	n := c.Clone()
	normalize(reflect.ValueOf(n).Elem())
	notices, threads, wake := n.Notices, n.Threads, n.Wake // kept in columns and tables of their own
	n.Timeline, n.Notices, n.Threads, n.Wake = nil, nil, nil, time.Time{}
	doc, err := json.Marshal(n)
	if err != nil {
		return row{}, fmt.Errorf("encode %s: %w", c.ID, err)
	}
	n.Wake = wake
	r := row{id: n.ID, status: string(n.Status), kind: string(n.Kind), assignee: n.Assignee.Key,
		reviewer: n.Reviewer.Key, version: n.Version, tier: int(n.Tier),
		receivedAt: n.ReceivedAt.UnixMilli(), dueOrder: orNever(n.NextDue()), wake: orNever(wake), doc: string(doc),
		involved: n.InvolvedKeys(), teams: n.InvolvedTeams(), notices: notices, threads: threads, normal: n}
	return r, nil
}

// orNever returns t in Unix milliseconds, or dueNever for the zero time.
func orNever(t time.Time) int64 {
	if t.IsZero() {
		return dueNever
	}
	return t.UnixMilli()
}

// encodeNotice normalises a copy of n and encodes it.
func encodeNotice(n cases.Notice) (string, error) {
	normalize(reflect.ValueOf(&n).Elem())
	b, err := json.Marshal(n)
	return string(b), err
}

// encodeEvent normalises a copy of e and encodes it.
func encodeEvent(e cases.Event) (string, error) {
	normalize(reflect.ValueOf(&e).Elem())
	b, err := json.Marshal(e)
	return string(b), err
}

// stored is a case as read: its document, its wake-up time and, each a
// JSON array or object or nothing, its timeline, notices and threads.
type stored struct {
	doc                        []byte
	wake                       sql.NullInt64 // NULL when not read
	timeline, notices, threads []byte
}

// fields returns where Scan puts each part of s, in the order caseColumns
// reads them.
func (s *stored) fields() []any {
	return []any{&s.doc, &s.wake, &s.timeline, &s.notices, &s.threads}
}

// decode decodes s.
func (s *stored) decode() (*cases.Case, error) {
	var c cases.Case
	if err := json.Unmarshal(s.doc, &c); err != nil {
		return nil, fmt.Errorf("decode case: %w", err)
	}
	c.Resolution.Outcome = c.Resolution.Outcome.Stored() // as an earlier release may have called it
	if err := s.decodeExtras(&c); err != nil {
		return nil, fmt.Errorf("decode case %s: %w", c.ID, err)
	}
	return &c, nil
}

// decodeExtras decodes the timeline, notices and threads of s into c; an
// empty part leaves its field nil.
func (s *stored) decodeExtras(c *cases.Case) error {
	for _, part := range []struct {
		raw []byte
		to  any
	}{{s.timeline, &c.Timeline}, {s.notices, &c.Notices}, {s.threads, &c.Threads}} {
		if len(part.raw) > 0 {
			if err := json.Unmarshal(part.raw, part.to); err != nil {
				return err
			}
		}
	}
	if len(c.Threads) == 0 {
		c.Threads = nil
	}
	if s.wake.Valid && s.wake.Int64 != dueNever {
		c.Wake = time.UnixMilli(s.wake.Int64).UTC()
	}
	return nil
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
