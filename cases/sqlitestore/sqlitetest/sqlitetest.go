// Package sqlitetest gives tests a real, fast store: an SQLite database of
// their own in a temporary directory.
package sqlitetest

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/ombud/ombud/cases/sqlitestore"
)

// MustStore opens a Store on a new database, closed when the test ends.
func MustStore(tb testing.TB) *sqlitestore.Store {
	tb.Helper()
	return MustOpen(tb, filepath.Join(tb.TempDir(), "ombud.db"))
}

// MustOpen opens the Store at path, closed when the test ends.
func MustOpen(tb testing.TB, path string) *sqlitestore.Store {
	tb.Helper()
	s, err := sqlitestore.Open(context.Background(), path)
	if err != nil {
		tb.Fatalf("open store: %v", err)
	}
	tb.Cleanup(func() {
		if err := s.Close(); err != nil {
			tb.Errorf("close store: %v", err)
		}
	})
	return s
}
