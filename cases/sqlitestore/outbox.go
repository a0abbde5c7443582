package sqlitestore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/ombud/ombud/cases"
)

// appendNotices appends notices to case id's pending ones, after them, and
// sets when the case's first notice may be tried. A notice whose ID the case
// already holds is left as it is.
func appendNotices(ctx context.Context, tx *sql.Tx, id string, notices []cases.Notice) error {
	for _, n := range notices {
		doc, err := encodeNotice(n)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO notices (case_id, seq, id, next_try, created, doc)
			SELECT ?1, coalesce(max(seq), 0) + 1, ?2, ?3, ?4, ?5 FROM notices WHERE case_id = ?1
			ON CONFLICT (case_id, id) DO NOTHING`, id, n.ID, n.NextTry.UnixMilli(), n.Created.UnixMilli(), doc); err != nil {
			return err
		}
	}
	if len(notices) == 0 {
		return nil
	}
	return setDue(ctx, tx, id)
}

// setDue sets when case id's first pending notice may be tried, keeping any
// lease on it.
func setDue(ctx context.Context, tx *sql.Tx, id string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO outbox (case_id, due, owner, until)
		VALUES (?1, coalesce((SELECT next_try FROM notices WHERE case_id = ?1 ORDER BY seq LIMIT 1), `+dueNeverSQL+`), '', 0)
		ON CONFLICT (case_id) DO UPDATE SET due = excluded.due`, id)
	return err
}

// putThread records ref as case id's thread on platform.
func putThread(ctx context.Context, tx *sql.Tx, id, platform, ref string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO threads (case_id, platform, ref) VALUES (?, ?, ?)
		ON CONFLICT (case_id, platform) DO UPDATE SET ref = excluded.ref`, id, platform, ref)
	return err
}

// SetThread records ref as the reference of case id's thread on platform.
func (s *Store) SetThread(ctx context.Context, id, platform, ref string) error {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if err := mustExist(ctx, tx, id); err != nil {
			return err
		}
		return putThread(ctx, tx, id, platform, ref)
	})
	if err != nil {
		return fmt.Errorf("record the %s thread of %s: %w", platform, id, err)
	}
	return nil
}

// mustExist returns ENOTFOUND unless case id exists.
func mustExist(ctx context.Context, tx *sql.Tx, id string) error {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM cases WHERE id = ?`, id).Scan(&n); err != nil || n == 1 {
		return err
	}
	return cases.Errorf(cases.ENOTFOUND, "there is no case %s", id)
}

// LeaseNotices leases to owner, until until, at most limit cases whose
// first notice may be tried at or before now and whose lease, if any, has
// expired or is owner's, and returns them with their notices.
func (s *Store) LeaseNotices(ctx context.Context, now, until time.Time, owner string, limit int) ([]*cases.Case, error) {
	var ids []string
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT case_id FROM outbox WHERE due <= ?1 AND (until <= ?1 OR owner = ?2)
			ORDER BY due, case_id LIMIT ?3`, now.UnixMilli(), owner, limit)
		if err != nil {
			return err
		}
		if ids, err = scanStrings(rows); err != nil {
			return err
		}
		for _, id := range ids {
			if _, err := tx.ExecContext(ctx, `UPDATE outbox SET owner = ?, until = ? WHERE case_id = ?`, owner, until.UnixMilli(), id); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("lease notices: %w", err)
	}
	out := make([]*cases.Case, 0, len(ids))
	for _, id := range ids {
		c, err := s.Get(ctx, id)
		if err != nil {
			return nil, fmt.Errorf("lease notices: %w", err)
		}
		out = append(out, c)
	}
	return out, nil
}

// scanStrings reads the one text column of rows and closes them.
func scanStrings(rows *sql.Rows) ([]string, error) {
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// LeaseCase leases case id to owner until until, unless another owner's
// lease on it is live at now, and returns it with its notices.
func (s *Store) LeaseCase(ctx context.Context, id string, now, until time.Time, owner string) (*cases.Case, error) {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if err := mustExist(ctx, tx, id); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO outbox (case_id, due, owner, until) VALUES (?1, `+dueNeverSQL+`, ?2, ?3)
			ON CONFLICT (case_id) DO UPDATE SET owner = excluded.owner, until = excluded.until
			WHERE outbox.until <= ?4 OR outbox.owner = excluded.owner`, id, owner, until.UnixMilli(), now.UnixMilli())
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return errors.Join(err, cases.Errorf(cases.ECONFLICT, "another dispatcher is delivering the notices of %s", id))
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("lease %s: %w", id, err)
	}
	return s.Get(ctx, id)
}

// ReleaseCase ends owner's lease on case id.
func (s *Store) ReleaseCase(ctx context.Context, id, owner string) error {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE outbox SET owner = '', until = 0 WHERE case_id = ? AND owner = ?`, id, owner)
		return err
	})
	if err != nil {
		return fmt.Errorf("release %s: %w", id, err)
	}
	return nil
}

// DoneNotice removes a delivered notice, if owner holds its lease.
func (s *Store) DoneNotice(ctx context.Context, caseID, noticeID, owner string) error {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if caseID == "" {
			return leased(tx.ExecContext(ctx, `UPDATE global_notices SET done = 1, owner = '', until = 0
				WHERE id = ? AND owner = ? AND done = 0`, noticeID, owner))
		}
		if err := holds(ctx, tx, caseID, owner); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM notices WHERE case_id = ? AND id = ?`, caseID, noticeID); err != nil {
			return err
		}
		return setDue(ctx, tx, caseID)
	})
	if err != nil {
		return fmt.Errorf("record notice %s of %q as delivered: %w", noticeID, caseID, err)
	}
	return nil
}

// DeferNotice records a failed delivery and when to try again, if owner
// holds the notice's lease.
func (s *Store) DeferNotice(ctx context.Context, caseID, noticeID, owner string, next time.Time, attempts int) error {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if caseID == "" {
			return deferred(ctx, tx, `SELECT doc FROM global_notices WHERE id = ?1 AND owner = ?2 AND done = 0`,
				`UPDATE global_notices SET doc = ?3, due = ?4 WHERE id = ?1 AND ?2 = ?2`, noticeID, owner, next, attempts)
		}
		if err := holds(ctx, tx, caseID, owner); err != nil {
			return err
		}
		if err := deferred(ctx, tx, `SELECT doc FROM notices WHERE id = ?1 AND case_id = ?2`,
			`UPDATE notices SET doc = ?3, next_try = ?4 WHERE id = ?1 AND case_id = ?2`, noticeID, caseID, next, attempts); err != nil {
			return err
		}
		return setDue(ctx, tx, caseID)
	})
	if err != nil {
		return fmt.Errorf("put off notice %s of %q: %w", noticeID, caseID, err)
	}
	return nil
}

// deferred reads a notice's document with get, and writes it back with
// put, its attempts and next try changed. Both take the notice's ID and
// key as ?1 and ?2; put takes the document as ?3 and the next try as ?4.
func deferred(ctx context.Context, tx *sql.Tx, get, put, id, key string, next time.Time, attempts int) error {
	var doc []byte
	err := tx.QueryRowContext(ctx, get, id, key).Scan(&doc)
	if errors.Is(err, sql.ErrNoRows) {
		return cases.Errorf(cases.ECONFLICT, "notice %s is not pending, or not leased to this dispatcher", id)
	} else if err != nil {
		return err
	}
	var n cases.Notice
	if err := json.Unmarshal(doc, &n); err != nil {
		return err
	}
	n.Attempts, n.NextTry = attempts, next
	enc, err := encodeNotice(n)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, put, id, key, enc, next.UnixMilli())
	return err
}

// holds returns ECONFLICT unless owner holds the lease on case id's notices.
func holds(ctx context.Context, tx *sql.Tx, id, owner string) error {
	var got string
	err := tx.QueryRowContext(ctx, `SELECT owner FROM outbox WHERE case_id = ?`, id).Scan(&got)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && got != owner) {
		return cases.Errorf(cases.ECONFLICT, "the notices of %s are not leased to %s", id, owner)
	}
	return err
}

// leased turns the result of a conditional update of a leased row into
// ECONFLICT when it changed nothing.
func leased(res sql.Result, err error) error {
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return errors.Join(err, cases.Errorf(cases.ECONFLICT, "the notice is not pending or not leased to this dispatcher"))
	}
	return nil
}
