package sqlitestore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/ombud/ombud/cases"
)

// NextSequence increments the counter named key and returns its new value,
// starting at 1.
func (s *Store) NextSequence(ctx context.Context, key string) (int, error) {
	var seq int
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		return tx.QueryRowContext(ctx, `INSERT INTO counters (key, seq) VALUES (?, 1)
			ON CONFLICT (key) DO UPDATE SET seq = seq + 1 RETURNING seq`, key).Scan(&seq)
	})
	if err != nil {
		return 0, fmt.Errorf("next %s sequence: %w", key, err)
	}
	return seq, nil
}

// PutPolicy keeps a policy snapshot under its Ref; a Ref already kept
// stays as it is.
func (s *Store) PutPolicy(ctx context.Context, p cases.PolicySnapshot) error {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO policies (ref, name, data) VALUES (?, ?, ?) ON CONFLICT (ref) DO NOTHING`,
			p.Ref, p.Name, p.Data)
		return err
	})
	if err != nil {
		return fmt.Errorf("keep policy %s: %w", p.Name, err)
	}
	return nil
}

// GetPolicy returns the policy snapshot kept under ref, or ENOTFOUND.
func (s *Store) GetPolicy(ctx context.Context, ref string) (cases.PolicySnapshot, error) {
	p := cases.PolicySnapshot{Ref: ref}
	err := s.read.QueryRowContext(ctx, `SELECT name, data FROM policies WHERE ref = ?`, ref).Scan(&p.Name, &p.Data)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return p, cases.Errorf(cases.ENOTFOUND, "no policy %s is kept", ref)
	case err != nil:
		return p, fmt.Errorf("get policy %s: %w", ref, err)
	}
	return p, nil
}

// Ping reports whether the database file answers a read.
func (s *Store) Ping(ctx context.Context) error {
	var n int
	if err := s.read.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_schema`).Scan(&n); err != nil {
		return fmt.Errorf("ping the case store: %w", err)
	}
	return nil
}
