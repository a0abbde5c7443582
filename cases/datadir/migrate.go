package datadir

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/ombud/ombud/cases"
	"github.com/ombud/ombud/cases/datadir/sjsonfile"
	"github.com/ombud/ombud/cases/mongostore"
	"github.com/ombud/ombud/cases/sqlitestore"
)

// Report says what a migration carried over.
type Report struct {
	Source   string    // the FerretDB database file, now renamed to Source.migrated
	Cases    int       // cases, each read back equal
	Counters int       // counters, each read back equal
	Policies int       // policy snapshots
	At       time.Time // when
}

// metaMigrated is the meta key under which the store keeps the Report of
// the migration that made it, with the source's fingerprint.
const metaMigrated = "migrated_from"

// migration is the note a migrated store keeps about its source.
type migration struct {
	Report
	Size    int64     // of the source file, after the migration read it
	ModTime time.Time // of the source file, after the migration read it
}

// readFerretDB reads every case, counter and policy snapshot of the FerretDB
// database file at path.
func readFerretDB(ctx context.Context, path string) (sqlitestore.Batch, error) {
	db, err := sjsonfile.Open(ctx, path)
	if err != nil {
		return sqlitestore.Batch{}, err
	}
	defer db.Close()
	src := sqlitestore.Batch{Counters: map[string]int{}}
	err = errors.Join(
		db.Documents(ctx, mongostore.Collections.Cases, func(raw bson.Raw) error {
			c, err := mongostore.DecodeCase(raw)
			src.Cases = append(src.Cases, c)
			return err
		}),
		db.Documents(ctx, mongostore.Collections.Counters, func(raw bson.Raw) error {
			key, seq, err := mongostore.DecodeCounter(raw)
			src.Counters[key] = seq
			return err
		}),
		db.Documents(ctx, mongostore.Collections.Policies, func(raw bson.Raw) error {
			p, err := mongostore.DecodePolicy(raw)
			src.Policies = append(src.Policies, p)
			return err
		}),
	)
	return src, err
}

// migrate carries the FerretDB database of OMBUD_DATABASE in dir over to a
// new ombud.db, verifies it case by case, and renames the source to
// NAME.sqlite.migrated. The new store is written under another name and
// renamed into place when verified, so an interrupted migration leaves
// nothing that looks migrated.
func migrate(ctx context.Context, dir, database string) (Report, error) {
	r, err := migrateCopy(ctx, dir, database)
	if err != nil {
		return Report{}, fmt.Errorf("%w; nothing was changed, the FerretDB database is as it was", err)
	}
	if err := retire(dir, database); err != nil {
		return r, fmt.Errorf("the cases are in %s now, but the FerretDB database could not be renamed: %w; rename %s to %s by hand",
			DBName, err, database+ferretSuffix, database+ferretSuffix+migratedSuffix)
	}
	return r, nil
}

// migrateCopy writes the cases of the FerretDB database to a new store,
// verifies them and puts the store in place, leaving the FerretDB
// database as it was.
func migrateCopy(ctx context.Context, dir, database string) (Report, error) {
	srcPath := filepath.Join(dir, database+ferretSuffix)
	if _, err := os.Stat(srcPath + migratedSuffix); err == nil {
		return Report{}, fmt.Errorf("%s from an earlier migration is there too; move it away, or remove it if it is not needed, and start again",
			filepath.Base(srcPath+migratedSuffix))
	}
	tmp := filepath.Join(dir, migratingName)
	if err := removeDB(tmp); err != nil {
		return Report{}, err
	}
	src, err := readFerretDB(ctx, srcPath)
	if err != nil {
		return Report{}, fmt.Errorf("read %s: %w", srcPath, err)
	}
	fi, err := os.Stat(srcPath)
	if err != nil {
		return Report{}, err
	}
	note := migration{Report: Report{Source: srcPath, Cases: len(src.Cases), Counters: len(src.Counters),
		Policies: len(src.Policies), At: time.Now().UTC()}, Size: fi.Size(), ModTime: fi.ModTime()}
	if err := write(ctx, tmp, src, note); err != nil {
		_ = removeDB(tmp)
		return Report{}, err
	}
	if err := os.Rename(tmp, filepath.Join(dir, DBName)); err != nil {
		return Report{}, err
	}
	return note.Report, nil
}

// write writes src to a new store at path, reads every case and counter
// back, and notes the migration in it.
func write(ctx context.Context, path string, src sqlitestore.Batch, note migration) error {
	st, err := sqlitestore.Open(ctx, path)
	if err != nil {
		return err
	}
	err = st.Import(ctx, src)
	if err == nil {
		err = verify(ctx, st, src)
	}
	if err == nil {
		var b []byte
		b, err = json.Marshal(note)
		if err == nil {
			err = st.SetMeta(ctx, metaMigrated, string(b))
		}
	}
	return errors.Join(err, st.Close())
}

// verify reads every case and counter of src back from st.
func verify(ctx context.Context, st *sqlitestore.Store, src sqlitestore.Batch) error {
	for _, want := range src.Cases {
		got, err := st.Get(ctx, want.ID)
		if err != nil {
			return fmt.Errorf("verify %s: %w", want.ID, err)
		}
		if !reflect.DeepEqual(got, want) {
			return fmt.Errorf("verify %s: the migrated case differs from the one in FerretDB", want.ID)
		}
	}
	if n, err := st.Count(ctx, cases.Query{}); err != nil || n != len(src.Cases) {
		return fmt.Errorf("verify: %d cases migrated, %d in FerretDB (%v)", n, len(src.Cases), err)
	}
	got, err := st.Counters(ctx)
	if err != nil {
		return err
	}
	if !maps.Equal(got, src.Counters) {
		return fmt.Errorf("verify: the migrated counters %v differ from FerretDB's %v", got, src.Counters)
	}
	return nil
}

// retire renames the migrated FerretDB database, and its companions, to
// NAME.sqlite.migrated.
func retire(dir, database string) error {
	base := filepath.Join(dir, database+ferretSuffix)
	for _, suffix := range append([]string{""}, sqliteCompanions...) {
		err := os.Rename(base+suffix, base+migratedSuffix+suffix)
		if err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
	}
	return nil
}

// removeDB removes the SQLite database at path and its companions.
func removeDB(path string) error {
	for _, suffix := range append([]string{""}, sqliteCompanions...) {
		if err := os.Remove(path + suffix); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
	}
	return nil
}

// migratedFrom returns the note of the migration that made the store, if
// it was made by one.
func migratedFrom(ctx context.Context, st *sqlitestore.Store) (migration, bool, error) {
	v, ok, err := st.Meta(ctx, metaMigrated)
	if err != nil || !ok {
		return migration{}, false, err
	}
	var m migration
	return m, true, json.Unmarshal([]byte(v), &m)
}
