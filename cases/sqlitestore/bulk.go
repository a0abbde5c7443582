package sqlitestore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"

	"github.com/ombud/ombud/cases"
)

// Batch is what Import writes at once.
type Batch struct {
	Cases    []*cases.Case
	Counters map[string]int // each set to at least this value
	Policies []cases.PolicySnapshot
}

// Import writes b in one transaction: all of it, or, when any case exists
// already (ECONFLICT) or anything else fails, nothing.
func (s *Store) Import(ctx context.Context, b Batch) error {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		for _, c := range b.Cases {
			r, err := toRow(c)
			if err != nil {
				return err
			}
			if err := insertWhole(ctx, tx, r, c.Timeline); err != nil {
				return err
			}
		}
		for key, seq := range b.Counters {
			if _, err := tx.ExecContext(ctx, `INSERT INTO counters (key, seq) VALUES (?, ?)
				ON CONFLICT (key) DO UPDATE SET seq = max(seq, excluded.seq)`, key, seq); err != nil {
				return err
			}
		}
		for _, p := range b.Policies {
			if _, err := tx.ExecContext(ctx, `INSERT INTO policies (ref, name, data) VALUES (?, ?, ?)
				ON CONFLICT (ref) DO NOTHING`, p.Ref, p.Name, p.Data); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("import %d cases: %w", len(b.Cases), err)
	}
	return nil
}

// Counters returns the value of every counter.
func (s *Store) Counters(ctx context.Context) (map[string]int, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT key, seq FROM counters`)
	if err != nil {
		return nil, fmt.Errorf("read counters: %w", err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var key string
		var seq int
		if err := rows.Scan(&key, &seq); err != nil {
			return nil, fmt.Errorf("read counters: %w", err)
		}
		out[key] = seq
	}
	return out, rows.Err()
}

// SetMeta notes value under key, about the database itself.
func (s *Store) SetMeta(ctx context.Context, key, value string) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO meta (key, value) VALUES (?, ?)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value)
		return err
	})
}

// Meta returns the note under key, and whether there is one.
func (s *Store) Meta(ctx context.Context, key string) (string, bool, error) {
	var v string
	err := s.read.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = ?`, key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	return v, err == nil, err
}

// Backup writes a consistent copy of the database to the new file dest
// (mode 0600), while others may go on writing to it. It refuses a dest
// that exists.
func (s *Store) Backup(ctx context.Context, dest string) error {
	f, err := os.OpenFile(dest, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		if errors.Is(err, os.ErrExist) {
			return fmt.Errorf("%s exists; give the backup a new file name", dest)
		}
		return fmt.Errorf("back up to %s: %w", dest, err)
	}
	_ = f.Close()
	// VACUUM INTO reads in one transaction, so the copy is of one moment;
	// it takes over the empty file made above, and its mode. The readers
	// are query-only, which it refuses, and the writer would hold up every
	// change until it is done: it gets a connection of its own.
	db, err := openDB(s.path, "", 1)
	if err == nil {
		_, err = db.ExecContext(ctx, `VACUUM INTO ?`, dest)
		err = errors.Join(err, db.Close())
	}
	if err != nil {
		_ = os.Remove(dest)
		return fmt.Errorf("back up to %s: %w", dest, err)
	}
	return nil
}
