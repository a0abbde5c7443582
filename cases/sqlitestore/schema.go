package sqlitestore

// applicationID marks an SQLite file as ombud's ("ombd"), so that Open
// refuses a database something else wrote.
const applicationID = 0x6f6d6264

// schemaVersion is the version of the schema below, kept in the file's
// user_version. A file with a higher one was written by a newer ombud.
const schemaVersion = 2

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
