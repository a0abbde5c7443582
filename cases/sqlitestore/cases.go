package sqlitestore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/ombud/ombud/cases"
)

// extrasOf are the columns that read a case's wake-up time, its timeline
// and notices, each as one JSON array or NULL when it has none, and its
// threads as one JSON object; c is the documents table.
const extrasOf = `(SELECT w.wake FROM cases w WHERE w.id = c.id),
	(SELECT '[' || group_concat(e.doc, ',' ORDER BY e.seq) || ']' FROM events e WHERE e.case_id = c.id),
	(SELECT '[' || group_concat(n.doc, ',' ORDER BY n.seq) || ']' FROM notices n WHERE n.case_id = c.id),
	(SELECT json_group_object(t.platform, t.ref) FROM threads t WHERE t.case_id = c.id)`

// caseColumns reads a case whole, as stored.fields scans it.
const caseColumns = `c.doc, ` + extrasOf

// Create stores a new case. It returns ECONFLICT if the ID is taken.
func (s *Store) Create(ctx context.Context, c *cases.Case) error {
	r, err := toRow(c)
	if err != nil {
		return err
	}
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		return insertWhole(ctx, tx, r, c.Timeline)
	})
	if err != nil {
		return fmt.Errorf("create %s: %w", c.ID, err)
	}
	return nil
}

// insertWhole inserts r with its timeline, notices and threads, or returns
// ECONFLICT if its ID is taken.
func insertWhole(ctx context.Context, tx *sql.Tx, r row, timeline []cases.Event) error {
	if err := insertCase(ctx, tx, r); err != nil {
		return err
	}
	for _, ev := range timeline {
		if err := appendEvent(ctx, tx, r.id, ev); err != nil {
			return err
		}
	}
	for platform, ref := range r.threads {
		if err := putThread(ctx, tx, r.id, platform, ref); err != nil {
			return err
		}
	}
	return appendNotices(ctx, tx, r.id, r.notices)
}

// insertCase inserts r with its involvement keys, or returns ECONFLICT if
// its ID is taken.
func insertCase(ctx context.Context, tx *sql.Tx, r row) error {
	res, err := tx.ExecContext(ctx, `INSERT INTO cases
		(id, version, status, tier, kind, assignee, reviewer, received_at, due_order, wake)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
		r.id, r.version, r.status, r.tier, r.kind, r.assignee, r.reviewer, r.receivedAt, r.dueOrder, r.wake)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		if err == nil {
			err = cases.Errorf(cases.ECONFLICT, "case %s already exists", r.id)
		}
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO documents (id, doc) VALUES (?, ?)`, r.id, r.doc); err != nil {
		return err
	}
	if err := putFigures(ctx, tx, r.normal); err != nil {
		return err
	}
	return insertInvolved(ctx, tx, r)
}

// insertInvolved records r's involvement keys.
func insertInvolved(ctx context.Context, tx *sql.Tx, r row) error {
	for team, keys := range [][]string{r.involved, r.teams} {
		for _, k := range keys {
			if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO involved (case_id, team, key) VALUES (?, ?, ?)`,
				r.id, team, k); err != nil {
				return err
			}
		}
	}
	return nil
}

// appendEvent appends ev to the timeline of case id.
func appendEvent(ctx context.Context, tx *sql.Tx, id string, ev cases.Event) error {
	doc, err := encodeEvent(ev)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO events (case_id, seq, doc)
		SELECT ?1, coalesce(max(seq), 0) + 1, ?2 FROM events WHERE case_id = ?1`, id, doc)
	return err
}

// Get returns the case with the given ID, or ENOTFOUND.
func (s *Store) Get(ctx context.Context, id string) (*cases.Case, error) {
	c, err := getCase(ctx, s.read, id)
	if err != nil {
		return nil, fmt.Errorf("get %s: %w", id, err)
	}
	return c, nil
}

// querier is what getCase reads through: the read pool or a transaction.
type querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// getCase reads case id, with its timeline, notices and threads, in one
// statement and so from one snapshot.
func getCase(ctx context.Context, q querier, id string) (*cases.Case, error) {
	var st stored
	err := q.QueryRowContext(ctx, `SELECT `+caseColumns+` FROM documents c WHERE c.id = ?`, id).Scan(st.fields()...)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, cases.Errorf(cases.ENOTFOUND, "there is no case %s; check the ID (it looks like C-2026-0042)", id)
	} else if err != nil {
		return nil, err
	}
	return st.decode()
}

// readExtras reads the timeline, notices and threads of c from the store.
func readExtras(ctx context.Context, q querier, c *cases.Case) error {
	var st stored
	if err := q.QueryRowContext(ctx, `SELECT c.doc, `+extrasOf+` FROM documents c WHERE c.id = ?`, c.ID).Scan(st.fields()...); err != nil {
		return err
	}
	if err := st.decodeExtras(c); err != nil {
		return fmt.Errorf("decode case %s: %w", c.ID, err)
	}
	return nil
}

// Apply writes ch.Case in place of the stored case and appends ch.Event to
// its timeline in one transaction, if the stored case still meets the
// change's preconditions. Otherwise it reads the case once and returns it with
// an ECONFLICT error, or returns ENOTFOUND if the case is gone.
func (s *Store) Apply(ctx context.Context, ch cases.Change) (*cases.Case, error) {
	id := ch.Case.ID
	r, err := toRow(ch.Case)
	if err != nil {
		return nil, err
	}
	var out *cases.Case
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		applied, err := update(ctx, tx, r, ch)
		if err != nil || !applied {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE documents SET doc = ? WHERE id = ?`, r.doc, id); err != nil {
			return err
		}
		if err := putFigures(ctx, tx, r.normal); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM involved WHERE case_id = ?`, id); err != nil {
			return err
		}
		if err := insertInvolved(ctx, tx, r); err != nil {
			return err
		}
		if !ch.Event.At.IsZero() {
			if err := appendEvent(ctx, tx, id, ch.Event); err != nil {
				return err
			}
		}
		if err := appendNotices(ctx, tx, id, ch.Notices); err != nil {
			return err
		}
		out = r.normal
		return readExtras(ctx, tx, out)
	})
	if err != nil {
		return nil, fmt.Errorf("apply %s: %w", id, err)
	}
	if out == nil {
		cur, err := s.Get(ctx, id)
		if err != nil {
			return nil, err
		}
		return cur, cases.Errorf(cases.ECONFLICT, "%s changed while you were working on it; try again", id)
	}
	return out, nil
}

// update writes r's columns over the stored case's if it meets ch's
// preconditions, and reports whether it did.
func update(ctx context.Context, tx *sql.Tx, r row, ch cases.Change) (bool, error) {
	q := `UPDATE cases SET version = ?, status = ?, tier = ?, kind = ?, assignee = ?, reviewer = ?,
		received_at = ?, due_order = ?, wake = ?
		WHERE id = ? AND version = ? AND status = ?`
	args := []any{r.version, r.status, r.tier, r.kind, r.assignee, r.reviewer, r.receivedAt, r.dueOrder, r.wake,
		r.id, ch.ExpectVersion, string(ch.ExpectStatus)}
	for team, keys := range [][]string{ch.NotInvolved, ch.NotTeams} {
		if len(keys) == 0 {
			continue
		}
		q += ` AND NOT EXISTS (SELECT 1 FROM involved WHERE case_id = ? AND team = ? AND key IN (` + marks(len(keys)) + `))`
		args = append(args, r.id, team)
		for _, k := range keys {
			args = append(args, k)
		}
	}
	res, err := tx.ExecContext(ctx, q, args...)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// marks returns n comma-separated placeholders.
func marks(n int) string { return strings.TrimSuffix(strings.Repeat("?,", n), ",") }

// inTx runs f in a write transaction, begun IMMEDIATE so that it holds the
// write lock from its first statement, and commits it if f succeeds.
func (s *Store) inTx(ctx context.Context, f func(*sql.Tx) error) error {
	if s.write == nil {
		return fmt.Errorf("the case store %s is open read-only", s.path)
	}
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := f(tx); err != nil {
		return err
	}
	return tx.Commit()
}
