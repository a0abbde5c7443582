package sqlitestore

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"github.com/ombud/ombud/cases"
)

// PutNotice keeps n, a notice about no case, unless its ID was ever kept:
// delivered ones stay as done.
func (s *Store) PutNotice(ctx context.Context, n cases.Notice) (bool, error) {
	doc, err := encodeNotice(n)
	if err != nil {
		return false, err
	}
	var kept bool
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO global_notices (id, created, due, owner, until, done, doc)
			VALUES (?, ?, ?, '', 0, 0, ?) ON CONFLICT (id) DO NOTHING`, n.ID, n.Created.UnixMilli(), n.NextTry.UnixMilli(), doc)
		if err != nil {
			return err
		}
		rows, err := res.RowsAffected()
		kept = rows == 1
		return err
	})
	if err != nil {
		return false, fmt.Errorf("keep notice %s: %w", n.ID, err)
	}
	return kept, nil
}

// LeaseGlobalNotices leases to owner, until until, at most limit notices
// about no case that may be tried at or before now and whose lease, if
// any, has expired or is owner's, oldest first.
func (s *Store) LeaseGlobalNotices(ctx context.Context, now, until time.Time, owner string, limit int) ([]cases.Notice, error) {
	var out []cases.Notice
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT doc FROM global_notices
			WHERE done = 0 AND due <= ?1 AND (until <= ?1 OR owner = ?2) ORDER BY created, id LIMIT ?3`,
			now.UnixMilli(), owner, limit)
		if err != nil {
			return err
		}
		docs, err := scanStrings(rows)
		if err != nil {
			return err
		}
		for _, doc := range docs {
			var n cases.Notice
			if err := json.Unmarshal([]byte(doc), &n); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `UPDATE global_notices SET owner = ?, until = ? WHERE id = ?`,
				owner, until.UnixMilli(), n.ID); err != nil {
				return err
			}
			out = append(out, n)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("lease notices: %w", err)
	}
	return out, nil
}

// OutboxStats counts the pending notices, about cases and not, and finds
// when the oldest was written.
func (s *Store) OutboxStats(ctx context.Context) (cases.OutboxStats, error) {
	var st cases.OutboxStats
	var oldest int64
	err := s.read.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM notices) + (SELECT count(*) FROM global_notices WHERE done = 0),
		min(coalesce((SELECT min(created) FROM notices), `+dueNeverSQL+`),
			coalesce((SELECT min(created) FROM global_notices WHERE done = 0), `+dueNeverSQL+`))`,
	).Scan(&st.Pending, &oldest)
	if err != nil {
		return st, fmt.Errorf("count the notices: %w", err)
	}
	if oldest != dueNever {
		st.Oldest = time.UnixMilli(oldest).UTC()
	}
	return st, nil
}
