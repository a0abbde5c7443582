// Package sjsonfile reads the databases FerretDB v1 kept in SQLite files, as
// ombud's embedded store did before it moved to SQLite itself, without
// FerretDB: each database is a file NAME.sqlite, each collection a table
// listed in _ferretdb_collections, and each document a row in FerretDB's
// own JSON encoding, "SJSON", which carries a schema of its types.
package sjsonfile

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"go.mongodb.org/mongo-driver/v2/bson"
	_ "modernc.org/sqlite" // the database/sql driver "sqlite"
)

// DB is one FerretDB v1 database file, open for reading.
type DB struct {
	path   string
	db     *sql.DB
	tables map[string]string // collection name: table name
}

// Open opens the FerretDB database file at path. It fails unless the file
// is one.
func Open(ctx context.Context, path string) (*DB, error) {
	dsn := (&url.URL{Scheme: "file", OmitHost: true, Path: path}).String() + "?mode=rw&_busy_timeout=10000"
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	d := &DB{path: path, db: db, tables: map[string]string{}}
	if err := d.readCollections(ctx); err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("%s is not a database of FerretDB v1: %w", path, err)
	}
	return d, nil
}

// readCollections reads the table name of every collection.
func (d *DB) readCollections(ctx context.Context) error {
	rows, err := d.db.QueryContext(ctx, `SELECT name, table_name FROM _ferretdb_collections`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var name, table string
		if err := rows.Scan(&name, &table); err != nil {
			return err
		}
		d.tables[name] = table
	}
	return rows.Err()
}

// Documents calls f with every document of the collection, as BSON, and
// stops at the first error f returns. A collection that does not exist has
// no documents.
func (d *DB) Documents(ctx context.Context, collection string, f func(bson.Raw) error) error {
	table, ok := d.tables[collection]
	if !ok {
		return nil
	}
	rows, err := d.db.QueryContext(ctx, "SELECT _ferretdb_sjson FROM "+quoteIdent(table))
	if err != nil {
		return fmt.Errorf("read collection %s: %w", collection, err)
	}
	defer rows.Close()
	for n := 1; rows.Next(); n++ {
		var data []byte
		if err := rows.Scan(&data); err != nil {
			return fmt.Errorf("read collection %s: %w", collection, err)
		}
		doc, err := Decode(data)
		if err != nil {
			return fmt.Errorf("document %d of collection %s: %w", n, collection, err)
		}
		raw, err := bson.Marshal(doc)
		if err != nil {
			return fmt.Errorf("document %d of collection %s: %w", n, collection, err)
		}
		if err := f(raw); err != nil {
			return err
		}
	}
	return rows.Err()
}

// Close closes the file.
func (d *DB) Close() error {
	if err := d.db.Close(); err != nil {
		return errors.Join(fmt.Errorf("close %s", d.path), err)
	}
	return nil
}

// quoteIdent quotes name as an SQL identifier: in double quotes, with the
// double quotes in it doubled.
func quoteIdent(name string) string { return `"` + strings.ReplaceAll(name, `"`, `""`) + `"` }
