// Package datadir is the data directory of the embedded store: one serving
// process at a time, the files that may be in it, and the one-time
// migration of the FerretDB database an earlier ombud kept there.
package datadir

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"sync"

	"github.com/ombud/ombud/cases/sqlitestore"
)

// Served is a data directory this process serves: its lock and its store.
type Served struct {
	Store *sqlitestore.Store
	lock  *Lock
	once  sync.Once
}

// DBPath returns the path of the store's database in dir.
func DBPath(dir string) string { return filepath.Join(dir, DBName) }

// Serve makes dir ready for this process to serve and opens its store. It
// creates dir if it is missing, makes it private, and takes its lock; it
// migrates the FerretDB database of an earlier ombud (named database) once,
// and refuses a directory whose contents it does not recognise.
func Serve(ctx context.Context, dir, database string, logger *slog.Logger) (*Served, error) {
	lock, err := lockDir(ctx, dir, logger)
	if err != nil {
		return nil, err
	}
	if err := prepare(ctx, dir, database, logger); err != nil {
		return nil, errors.Join(err, lock.Release())
	}
	st, err := sqlitestore.Open(ctx, DBPath(dir))
	if err != nil {
		return nil, errors.Join(err, lock.Release())
	}
	logger.InfoContext(ctx, "opened the embedded store", slog.String("path", st.Path()))
	return &Served{Store: st, lock: lock}, nil
}

// Close closes the store and releases the directory; closing again does
// nothing.
func (s *Served) Close() error {
	var err error
	s.once.Do(func() { err = errors.Join(s.Store.Close(), s.lock.Release()) })
	return err
}

// Migrate migrates the FerretDB database of an earlier ombud in dir, named
// database, if there is one to migrate, and reports whether it did. The
// Report is of the migration that made the store, now or before; a store
// that was not migrated has none.
func Migrate(ctx context.Context, dir, database string, logger *slog.Logger) (Report, bool, error) {
	lock, err := lockDir(ctx, dir, logger)
	if err != nil {
		return Report{}, false, err
	}
	defer lock.Release()
	c, err := inspect(dir, database)
	if err != nil {
		return Report{}, false, err
	}
	if err := prepare(ctx, dir, database, logger); err != nil || !c.db && !c.ferret {
		return Report{}, false, err
	}
	st, err := sqlitestore.OpenReadOnly(ctx, DBPath(dir))
	if err != nil {
		return Report{}, false, err
	}
	defer st.Close()
	m, _, err := migratedFrom(ctx, st)
	return m.Report, !c.db, err
}

// lockDir creates dir if it is missing, makes it private and takes its
// lock.
func lockDir(ctx context.Context, dir string, logger *slog.Logger) (*Lock, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}
	if err := makePrivate(ctx, dir, logger); err != nil {
		return nil, err
	}
	return Acquire(dir)
}

// makePrivate makes dir accessible to its owner only, saying so in the log
// when it was not: the store holds complainants' contact details.
func makePrivate(ctx context.Context, dir string, logger *slog.Logger) error {
	fi, err := os.Stat(dir)
	if err != nil {
		return err
	}
	if !fi.IsDir() {
		return fmt.Errorf("%s is not a directory", dir)
	}
	perm := fi.Mode().Perm()
	if perm&0o077 == 0 {
		return nil
	}
	if err := os.Chmod(dir, 0o700); err != nil {
		return fmt.Errorf("%s is open to other users (mode %04o) and could not be made private: %w", dir, perm, err)
	}
	logger.WarnContext(ctx, "made the data directory accessible to its owner only",
		slog.String("data_dir", dir), slog.String("was", fmt.Sprintf("%04o", perm)))
	return nil
}

// prepare checks what dir holds and migrates or finishes migrating the
// FerretDB database named database. The caller holds the lock.
func prepare(ctx context.Context, dir, database string, logger *slog.Logger) error {
	c, err := inspect(dir, database)
	if err != nil {
		return err
	}
	if err := c.check(dir, database); err != nil {
		return err
	}
	if c.db && len(c.unknown) > 0 {
		logger.WarnContext(ctx, "the data directory holds files ombud did not write; it leaves them alone",
			slog.String("data_dir", dir), slog.Any("files", first(c.unknown, 5)))
	}
	switch {
	case c.db && c.ferret:
		return finishMigration(ctx, dir, database, logger)
	case c.ferret:
		if err := checkNoFerretDB(dir); err != nil {
			return err
		}
		logger.InfoContext(ctx, "migrating the FerretDB database of an earlier ombud to the SQLite store; this happens once",
			slog.String("data_dir", dir), slog.String("database", database))
		r, err := migrate(ctx, dir, database)
		if err != nil {
			return fmt.Errorf("migrate %s: %w", filepath.Join(dir, database+ferretSuffix), err)
		}
		logger.InfoContext(ctx, "migrated every case and counter, each read back equal",
			slog.Int("cases", r.Cases), slog.Int("counters", r.Counters),
			slog.String("kept", filepath.Base(r.Source)+migratedSuffix))
	}
	return nil
}

// finishMigration handles a directory that holds both ombud.db and a
// FerretDB database: the migration was interrupted before it renamed its
// source, which is then done now, or the FerretDB database was written to
// after the migration, and ombud will not choose between them.
func finishMigration(ctx context.Context, dir, database string, logger *slog.Logger) error {
	src := filepath.Join(dir, database+ferretSuffix)
	st, err := sqlitestore.OpenReadOnly(ctx, DBPath(dir))
	if err != nil {
		return err
	}
	m, ok, err := migratedFrom(ctx, st)
	err = errors.Join(err, st.Close())
	if err != nil {
		return err
	}
	if fi, err := os.Stat(src); err == nil && ok && fi.Size() == m.Size && fi.ModTime().Equal(m.ModTime) {
		logger.InfoContext(ctx, "finishing the migration of the FerretDB database", slog.String("source", src))
		return retire(dir, database)
	}
	return fmt.Errorf("%s holds both %s and the FerretDB database %s, which was written to after the cases were "+
		"migrated from it, or was never migrated; ombud will not choose between them. Move %s away to keep %s, "+
		"or move %s away and run ombud store migrate to migrate %s", dir, DBName, filepath.Base(src),
		filepath.Base(src), DBName, DBName, filepath.Base(src))
}
