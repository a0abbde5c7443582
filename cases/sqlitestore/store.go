// Package sqlitestore is the embedded cases.Store, on SQLite: one file that
// several processes may open at once. Every conditional change is one
// BEGIN IMMEDIATE transaction, so it is atomic across processes too.
package sqlitestore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"runtime"

	_ "modernc.org/sqlite" // the database/sql driver "sqlite"

	"github.com/ombud/ombud/cases"
)

// Store is a cases.Store on an SQLite database file.
type Store struct {
	path  string
	write *sql.DB // one connection, nil when read-only: writes queue here rather than in SQLite's busy handler
	read  *sql.DB // query-only connections
}

var _ cases.Store = (*Store)(nil)

// busyTimeoutMS is how long a write waits for another process's write to
// finish before it fails.
const busyTimeoutMS = 10_000

// Open opens the ombud database at path, creating it (mode 0600) with its
// tables if it does not exist. It refuses a file that is not an ombud
// database, or is one of a newer ombud. Close the Store when done.
func Open(ctx context.Context, path string) (*Store, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("open the case store: %w", err)
	}
	_ = f.Close()
	s := &Store{path: path}
	if s.read, err = openDB(path, readOptions, readConns()); err != nil {
		return nil, err
	}
	if s.write, err = openDB(path, "_txlock=immediate&_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)", 1); err != nil {
		_ = s.read.Close()
		return nil, err
	}
	if err := s.prepare(ctx); err != nil {
		_ = s.Close()
		return nil, fmt.Errorf("open the case store %s: %w", path, err)
	}
	return s, nil
}

// OpenReadOnly opens the ombud database at path for reading, while another
// process may be writing to it. It fails if there is none.
func OpenReadOnly(ctx context.Context, path string) (*Store, error) {
	if _, err := os.Stat(path); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("there is no case store at %s", path)
		}
		return nil, fmt.Errorf("open the case store: %w", err)
	}
	read, err := openDB(path, readOptions, readConns())
	if err != nil {
		return nil, err
	}
	s := &Store{path: path, read: read}
	v, err := s.version(ctx)
	if err == nil && v < schemaVersion {
		err = fmt.Errorf("its tables are not yet those of this ombud (schema %d of %d); start ombud on it once to bring them up to date", v, schemaVersion)
	}
	if err != nil {
		_ = s.Close()
		return nil, fmt.Errorf("open the case store %s: %w", path, err)
	}
	return s, nil
}

// readOptions are the options of the connections that read.
const readOptions = "_pragma=query_only(1)"

// readConns returns how many connections read at once.
func readConns() int { return max(4, runtime.GOMAXPROCS(0)) }

// openDB opens a pool of at most conns connections to path with the
// options in query besides the busy timeout.
func openDB(path, query string, conns int) (*sql.DB, error) {
	dsn := (&url.URL{Scheme: "file", OmitHost: true, Path: path}).String() +
		fmt.Sprintf("?_busy_timeout=%d&", busyTimeoutMS) + query
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("open the case store %s: %w", path, err)
	}
	db.SetMaxOpenConns(conns)
	db.SetMaxIdleConns(conns)
	db.SetConnMaxIdleTime(0)
	return db, nil
}

// prepare checks that the file is an ombud database of this ombud's schema
// or older, creates the tables of a new one, and brings an older one up to
// date.
func (s *Store) prepare(ctx context.Context) error {
	v, err := s.version(ctx) // before the writer's first connection changes the file
	if err != nil {
		return err
	}
	if err := s.write.PingContext(ctx); err != nil || v == schemaVersion {
		return err
	}
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil || v == schemaVersion {
		return err // another process prepared the file first
	}
	if v > schemaVersion { // a newer ombud upgraded the file since version read it
		return fmt.Errorf("%s was written by a newer ombud (schema %d; this one knows up to %d); run that version, or restore a backup", s.path, v, schemaVersion)
	}
	if v == 0 {
		if err := execAll(ctx, tx, append(schema, fmt.Sprintf("PRAGMA application_id = %d", applicationID))); err != nil {
			return fmt.Errorf("create the tables: %w", err)
		}
	}
	for i, migrate := range migrations[max(v-1, 0):] {
		if err := migrate(ctx, tx); err != nil {
			return fmt.Errorf("bring the tables to schema %d: %w", max(v, 1)+i+1, err)
		}
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", schemaVersion)); err != nil {
		return err
	}
	return tx.Commit()
}

// version returns the schema version of the file: 0 for an empty one. It
// fails for a file that is not an ombud database or is of a newer schema.
func (s *Store) version(ctx context.Context) (int, error) {
	var app, v, tables int
	err := s.read.QueryRowContext(ctx,
		"SELECT (SELECT application_id FROM pragma_application_id), (SELECT user_version FROM pragma_user_version), "+
			"(SELECT count(*) FROM sqlite_schema)").Scan(&app, &v, &tables)
	switch {
	case err != nil:
		return 0, fmt.Errorf("%s is not an SQLite database ombud can read: %w", s.path, err)
	case app == 0 && v == 0 && tables == 0:
		return 0, nil
	case app != applicationID:
		return 0, fmt.Errorf("%s is an SQLite database of another program, not ombud's; move it away or point OMBUD_DATA_DIR elsewhere", s.path)
	case v > schemaVersion:
		return 0, fmt.Errorf("%s was written by a newer ombud (schema %d; this one knows up to %d); run that version, or restore a backup", s.path, v, schemaVersion)
	}
	return v, nil
}

// Path returns the path of the database file.
func (s *Store) Path() string { return s.path }

// Close closes the database.
func (s *Store) Close() error {
	var errs []error
	if s.write != nil {
		errs = append(errs, s.write.Close())
	}
	errs = append(errs, s.read.Close())
	return errors.Join(errs...)
}
