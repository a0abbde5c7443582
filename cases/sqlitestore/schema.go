package sqlitestore

import (
	"context"
	"database/sql"
)

// applicationID marks an SQLite file as ombud's ("ombd"), so that Open
// refuses a database something else wrote.
const applicationID = 0x6f6d6264

// schemaVersion is the version of the schema below, kept in the file's
// user_version. A file with a higher one was written by a newer ombud.
const schemaVersion = 3

// schema creates the tables of an empty database.
//
// A case is a row of cases, the columns that queries and preconditions
// read (status, tier, kind, assignee and reviewer keys, the received time
// and its next pending due time in Unix milliseconds, due_order being
// dueNever when none is pending), and its JSON document without the
// timeline, in documents. Keeping the documents apart keeps the rows that
// queries scan small, a few to a page. involved holds the case's
// involvement keys, team = 1 for those of teams. The timeline is a table
// of its own, so that a change appends one row instead of rewriting a
// growing document. meta holds notes about the database itself, such as
// where it was migrated from.
var schema = []string{
	`CREATE TABLE cases (
		id          TEXT PRIMARY KEY,
		version     INTEGER NOT NULL,
		status      TEXT NOT NULL,
		tier        INTEGER NOT NULL,
		kind        TEXT NOT NULL,
		assignee    TEXT NOT NULL,
		reviewer    TEXT NOT NULL,
		received_at INTEGER NOT NULL,
		due_order   INTEGER NOT NULL
	) STRICT, WITHOUT ROWID`,
	`CREATE INDEX cases_order ON cases (due_order)`,
	`CREATE INDEX cases_status ON cases (status, due_order)`,
	`CREATE INDEX cases_assignee ON cases (assignee, status, due_order)`,
	`CREATE INDEX cases_reviewer ON cases (reviewer, status, due_order)`,
	`CREATE INDEX cases_received ON cases (received_at)`,
	`CREATE TABLE documents (
		id  TEXT PRIMARY KEY,
		doc TEXT NOT NULL
	) STRICT`,
	`CREATE TABLE involved (
		case_id TEXT NOT NULL,
		team    INTEGER NOT NULL,
		key     TEXT NOT NULL,
		PRIMARY KEY (case_id, team, key)
	) STRICT, WITHOUT ROWID`,
	`CREATE TABLE events (
		case_id TEXT NOT NULL,
		seq     INTEGER NOT NULL,
		doc     TEXT NOT NULL,
		PRIMARY KEY (case_id, seq)
	) STRICT`,
	`CREATE TABLE counters (
		key TEXT PRIMARY KEY,
		seq INTEGER NOT NULL
	) STRICT, WITHOUT ROWID`,
	`CREATE TABLE policies (
		ref  TEXT PRIMARY KEY,
		name TEXT NOT NULL,
		data BLOB NOT NULL
	) STRICT`,
	`CREATE TABLE meta (
		key   TEXT PRIMARY KEY,
		value TEXT NOT NULL
	) STRICT, WITHOUT ROWID`,
}

// migrations bring a database of schema version i+1 to version i+2; a new
// database gets schema and then every migration.
var migrations = []func(context.Context, *sql.Tx) error{addFigures, addOutbox}

// addOutbox creates what outboxSchema says.
func addOutbox(ctx context.Context, tx *sql.Tx) error { return execAll(ctx, tx, outboxSchema) }

// execAll runs stmts in tx, in order, and stops at the first that fails.
func execAll(ctx context.Context, tx *sql.Tx, stmts []string) error {
	for _, stmt := range stmts {
		if _, err := tx.ExecContext(ctx, stmt); err != nil {
			return err
		}
	}
	return nil
}

// outboxSchema (version 3) adds what the scheduler and the outbox need: a
// wake-up time per case (Case.Wake, in Unix milliseconds, dueNever for
// none), indexed, so that a sweep reads only the cases it has something to
// do for; the pending notices of each case, in order, with when each may be
// tried and when it was written; per case with notices, when its first one
// may be tried and who leases them until when; the thread of each case on
// each platform; and the notices about no case, kept after delivery (done)
// so that they are never made twice. Cases stored before get wake 0 unless
// closed, so that the first sweep reads each once and sets it.
var outboxSchema = []string{
	`ALTER TABLE cases ADD COLUMN wake INTEGER NOT NULL DEFAULT 0`,
	`UPDATE cases SET wake = ` + dueNeverSQL + ` WHERE status = 'closed'`,
	`CREATE INDEX cases_wake ON cases (wake)`,
	`CREATE TABLE notices (
		case_id  TEXT NOT NULL,
		seq      INTEGER NOT NULL,
		id       TEXT NOT NULL,
		next_try INTEGER NOT NULL,
		created  INTEGER NOT NULL,
		doc      TEXT NOT NULL,
		PRIMARY KEY (case_id, id)
	) STRICT, WITHOUT ROWID`,
	`CREATE UNIQUE INDEX notices_order ON notices (case_id, seq)`,
	`CREATE INDEX notices_created ON notices (created)`,
	`CREATE TABLE outbox (
		case_id TEXT PRIMARY KEY,
		due     INTEGER NOT NULL,
		owner   TEXT NOT NULL,
		until   INTEGER NOT NULL
	) STRICT, WITHOUT ROWID`,
	`CREATE INDEX outbox_due ON outbox (due)`,
	`CREATE TABLE threads (
		case_id  TEXT NOT NULL,
		platform TEXT NOT NULL,
		ref      TEXT NOT NULL,
		PRIMARY KEY (case_id, platform)
	) STRICT, WITHOUT ROWID`,
	`CREATE TABLE global_notices (
		id      TEXT PRIMARY KEY,
		created INTEGER NOT NULL,
		due     INTEGER NOT NULL,
		owner   TEXT NOT NULL,
		until   INTEGER NOT NULL,
		done    INTEGER NOT NULL,
		doc     TEXT NOT NULL
	) STRICT, WITHOUT ROWID`,
	`CREATE INDEX global_notices_due ON global_notices (done, due)`,
}
