package sqlitestore

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/ombud/ombud/cases"
)

// where returns the conditions of q, on the cases table, and their
// arguments.
func where(q cases.Query) (string, []any) {
	var conds []string
	var args []any
	if len(q.Statuses) > 0 {
		conds = append(conds, "status IN ("+marks(len(q.Statuses))+")")
		for _, st := range q.Statuses {
			args = append(args, string(st))
		}
	}
	if q.Person != "" {
		conds = append(conds, "(assignee = ? OR reviewer = ?)")
		args = append(args, q.Person, q.Person)
	}
	if !q.DueBefore.IsZero() {
		conds = append(conds, "due_order <= ?") // never matches dueNever
		args = append(args, q.DueBefore.UnixMilli())
	}
	if !q.ReceivedFrom.IsZero() {
		conds = append(conds, "received_at >= ?")
		args = append(args, q.ReceivedFrom.UnixMilli())
	}
	if !q.ReceivedTo.IsZero() {
		conds = append(conds, "received_at < ?")
		args = append(args, q.ReceivedTo.UnixMilli())
	}
	if len(conds) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

// List returns the cases matching q, earliest next deadline first; cases
// with no pending deadline come last, in ID order. It selects and orders the
// IDs first, on the indexes, and reads the documents of those it returns
// only.
func (s *Store) List(ctx context.Context, q cases.Query) ([]*cases.Case, error) {
	cond, args := where(q)
	limit := ""
	if q.Limit > 0 {
		limit = fmt.Sprintf(" LIMIT %d", q.Limit)
	}
	out, err := s.query(ctx, `SELECT `+caseColumns+`
		FROM (SELECT id, due_order FROM cases`+cond+` ORDER BY due_order, id`+limit+`) AS p
		JOIN documents c ON c.id = p.id ORDER BY p.due_order, p.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("list cases: %w", err)
	}
	return out, nil
}

// Waking returns the cases whose wake-up time is at or before now, at most
// limit of them, in ID order after the ID after. The wake index finds them
// (named, or SQLite would walk the primary key for the order and read every
// case); cases that never wake have dueNever and are never read.
func (s *Store) Waking(ctx context.Context, now time.Time, after string, limit int) ([]*cases.Case, error) {
	out, err := s.query(ctx, `SELECT `+caseColumns+`
		FROM (SELECT id FROM cases INDEXED BY cases_wake WHERE wake <= ? AND id > ? ORDER BY id LIMIT ?) AS p
		JOIN documents c ON c.id = p.id ORDER BY p.id`, now.UnixMilli(), after, limit)
	if err != nil {
		return nil, fmt.Errorf("find the cases due: %w", err)
	}
	return out, nil
}

// query reads the cases q selects with caseColumns.
func (s *Store) query(ctx context.Context, q string, args ...any) ([]*cases.Case, error) {
	rows, err := s.read.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*cases.Case
	for rows.Next() {
		var st stored
		if err := rows.Scan(st.fields()...); err != nil {
			return nil, err
		}
		c, err := st.decode()
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// Count returns how many cases match q, ignoring q.Limit.
func (s *Store) Count(ctx context.Context, q cases.Query) (int, error) {
	cond, args := where(q)
	var n int
	if err := s.read.QueryRowContext(ctx, `SELECT count(*) FROM cases`+cond, args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("count cases: %w", err)
	}
	return n, nil
}
