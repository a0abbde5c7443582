package sqlitestore_test

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ombud/ombud/bot/bottest"
	"github.com/ombud/ombud/cases"
	"github.com/ombud/ombud/cases/sqlitestore"
	"github.com/ombud/ombud/cases/sqlitestore/sqlitetest"
	"github.com/ombud/ombud/cases/storetest"
)

var ctx = context.Background()

// mustQuery runs a query on the database file at path, beside the store,
// and returns the first column of every row.
func mustQuery(t *testing.T, path, query string, args ...any) []string {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(query, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	return out
}

// TestEncoding pins how a case is stored: a field renamed in the domain
// types shows up here, before stored cases silently lose it.
func TestEncoding(t *testing.T) {
	s := sqlitetest.MustStore(t)
	c := storetest.FullCase("C-2026-0042")
	storetest.MustCreate(t, s, c)
	docs := mustQuery(t, s.Path(), `SELECT doc FROM documents WHERE id = ?1 UNION ALL
		SELECT doc FROM (SELECT doc FROM events WHERE case_id = ?1 ORDER BY seq)`, c.ID)
	var out bytes.Buffer
	for _, d := range docs {
		if err := json.Indent(&out, []byte(d), "", "  "); err != nil {
			t.Fatal(err)
		}
		out.WriteString("\n")
	}
	bottest.MustMatchGolden(t, "case", out.String())
}

// TestRestart checks that a case, a change to it and a counter are there
// after the store is closed and opened again.
func TestRestart(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ombud.db")
	c := storetest.FullCase("C-2026-0042")
	ch := storetest.Claim(c, storetest.Senior)
	s, err := sqlitestore.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	storetest.MustCreate(t, s, c)
	storetest.MustApply(t, s, ch)
	if seq, err := s.NextSequence(ctx, "C-2026"); err != nil || seq != 1 {
		t.Fatalf("NextSequence = %d, %v; want 1", seq, err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s = sqlitetest.MustOpen(t, path)
	storetest.DiffCase(t, storetest.MustGet(t, s, c.ID), storetest.Applied(c, ch))
	if seq, err := s.NextSequence(ctx, "C-2026"); err != nil || seq != 2 {
		t.Errorf("NextSequence after restart = %d, %v; want 2", seq, err)
	}
}

// TestFilesArePrivate checks that the database and its journal files are
// readable by their owner only: they hold complainants' contact details.
func TestFilesArePrivate(t *testing.T) {
	s := sqlitetest.MustStore(t)
	storetest.MustCreate(t, s, storetest.FullCase("C-2026-0042"))
	for _, suffix := range []string{"", "-wal", "-shm"} {
		fi, err := os.Stat(s.Path() + suffix)
		if err != nil || fi.Mode() != 0o600 {
			t.Errorf("%s: %v, %v; want mode 0600", s.Path()+suffix, fi.Mode(), err)
		}
	}
}

// TestRefusesOtherFiles refuses to open a file that is not an ombud
// database, or is one of a newer ombud, and leaves it as it was.
func TestRefusesOtherFiles(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name, setup, want string
	}{
		{"another program's database", "CREATE TABLE notes (text TEXT)", "another program"},
		{"a newer ombud's", "PRAGMA application_id = 1869439588; PRAGMA user_version = 99; CREATE TABLE x (y)", "newer ombud"},
		{"not SQLite", "", "not an SQLite database"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, strings.ReplaceAll(tt.name, " ", "-"))
			if tt.setup == "" {
				if err := os.WriteFile(path, []byte(strings.Repeat("not a database\n", 100)), 0o600); err != nil {
					t.Fatal(err)
				}
			} else {
				db, err := sql.Open("sqlite", path)
				if err != nil {
					t.Fatal(err)
				}
				for _, stmt := range strings.Split(tt.setup, "; ") {
					if _, err := db.Exec(stmt); err != nil {
						t.Fatal(err)
					}
				}
				db.Close()
			}
			before, _ := os.ReadFile(path)
			s, err := sqlitestore.Open(ctx, path)
			if err == nil {
				s.Close()
				t.Fatal("opened it")
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not say %q", err, tt.want)
			}
			if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
				t.Error("the file changed")
			}
		})
	}
}

// TestImport writes cases, counters and policies at once, and nothing of a
// batch with a case that exists.
func TestImport(t *testing.T) {
	s := sqlitetest.MustStore(t)
	a, b := storetest.FullCase("C-2026-0001"), storetest.MinimalCase("C-2026-0002")
	pol := cases.PolicySnapshot{Ref: "sha256:01", Name: "standard", Data: []byte("{}")}
	if err := s.Import(ctx, sqlitestore.Batch{Cases: []*cases.Case{a, b}, Counters: map[string]int{"C-2026": 2},
		Policies: []cases.PolicySnapshot{pol}}); err != nil {
		t.Fatal(err)
	}
	storetest.DiffCase(t, storetest.MustGet(t, s, a.ID), a)
	storetest.DiffCase(t, storetest.MustGet(t, s, b.ID), b)
	if seq, err := s.NextSequence(ctx, "C-2026"); err != nil || seq != 3 {
		t.Errorf("NextSequence = %d, %v; want 3", seq, err)
	}
	if got, err := s.GetPolicy(ctx, pol.Ref); err != nil || got.Name != pol.Name {
		t.Errorf("GetPolicy = %+v, %v", got, err)
	}
	c := storetest.MinimalCase("C-2026-0003")
	err := s.Import(ctx, sqlitestore.Batch{Cases: []*cases.Case{c, storetest.MinimalCase(a.ID)}, Counters: map[string]int{"C-2027": 5}})
	storetest.WantCode(t, err, cases.ECONFLICT)
	if _, err := s.Get(ctx, c.ID); cases.ErrorCode(err) != cases.ENOTFOUND {
		t.Errorf("a case of the refused batch was stored: %v", err)
	}
	if counters, err := s.Counters(ctx); err != nil || len(counters) != 1 || counters["C-2026"] != 3 {
		t.Errorf("Counters = %v, %v; want only C-2026: 3", counters, err)
	}
	storetest.DiffCase(t, storetest.MustGet(t, s, a.ID), a)
}

// TestBackup copies the database while it is being written to: the copy
// opens as a store of its own, with the cases of one moment, and is
// private.
func TestBackup(t *testing.T) {
	s := sqlitetest.MustStore(t)
	c := storetest.FullCase("C-2026-0042")
	storetest.MustCreate(t, s, c)
	done := make(chan struct{})
	go func() {
		defer close(done)
		cur := c
		for i := range 50 {
			var err error
			if cur, err = s.Apply(ctx, storetest.Note(cur, storetest.Agent, "busy", storetest.Day(i))); err != nil {
				t.Errorf("apply: %v", err)
				return
			}
		}
	}()
	dest := filepath.Join(t.TempDir(), "backup.db")
	if err := s.Backup(ctx, dest); err != nil {
		t.Fatal(err)
	}
	<-done
	if fi, err := os.Stat(dest); err != nil || fi.Mode() != 0o600 {
		t.Errorf("backup: %v, %v; want mode 0600", fi.Mode(), err)
	}
	b := sqlitetest.MustOpen(t, dest)
	got := storetest.MustGet(t, b, c.ID)
	if n := got.Version - c.Version; n < 0 || len(got.Timeline) != len(c.Timeline)+n {
		t.Errorf("backup has version %d with %d events; not one moment of a case at version %d with %d", got.Version, len(got.Timeline), c.Version, len(c.Timeline))
	}
	if err := s.Backup(ctx, dest); err == nil || !strings.Contains(err.Error(), "exists") {
		t.Errorf("backup over an existing file: %v", err)
	}
}

// TestReadOnly reads a database another store writes to, and writes
// nothing.
func TestReadOnly(t *testing.T) {
	s := sqlitetest.MustStore(t)
	c := storetest.FullCase("C-2026-0042")
	storetest.MustCreate(t, s, c)
	r, err := sqlitestore.OpenReadOnly(ctx, s.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	storetest.DiffCase(t, storetest.MustGet(t, r, c.ID), c)
	next := storetest.MustApply(t, s, storetest.Note(c, storetest.Agent, "seen", storetest.Day(9)))
	storetest.DiffCase(t, storetest.MustGet(t, r, c.ID), next)
	if _, err := r.NextSequence(ctx, "C-2026"); err == nil || !strings.Contains(err.Error(), "read-only") {
		t.Errorf("NextSequence on a read-only store: %v", err)
	}
	if _, err := sqlitestore.OpenReadOnly(ctx, filepath.Join(t.TempDir(), "none.db")); err == nil || !strings.Contains(err.Error(), "no case store") {
		t.Errorf("OpenReadOnly of a missing file: %v", err)
	}
	older := filepath.Join(t.TempDir(), "older.db")
	db, err := sql.Open("sqlite", older)
	if err != nil {
		t.Fatal(err)
	}
	for _, stmt := range []string{"PRAGMA application_id = 1869439588", "PRAGMA user_version = 1", "CREATE TABLE cases (id TEXT)"} {
		if _, err := db.Exec(stmt); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	if _, err := sqlitestore.OpenReadOnly(ctx, older); err == nil || !strings.Contains(err.Error(), "start ombud on it once") {
		t.Errorf("OpenReadOnly of an older schema: %v, want a refusal saying to start ombud once", err)
	}
}

// TestEarlierOutcomes reads cases an earlier release stored with the
// outcomes it called partly-upheld and not-upheld as partly and rejected.
func TestEarlierOutcomes(t *testing.T) {
	for stored, want := range map[string]cases.Outcome{"partly-upheld": cases.OutcomePartly, "not-upheld": cases.OutcomeRejected} {
		t.Run(stored, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "ombud.db")
			s := sqlitetest.MustOpen(t, path)
			c := storetest.FullCase("C-2026-0042")
			storetest.MustCreate(t, s, c)
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			db, err := sql.Open("sqlite", path)
			if err != nil {
				t.Fatal(err)
			}
			res, err := db.Exec(`UPDATE documents SET doc = json_set(doc, '$.Resolution.Outcome', ?1) WHERE id = ?2`, stored, c.ID)
			db.Close()
			if n, _ := res.RowsAffected(); err != nil || n != 1 {
				t.Fatalf("rewrite the stored outcome: %d rows, %v", n, err)
			}
			s = sqlitetest.MustOpen(t, path)
			if got := storetest.MustGet(t, s, c.ID).Resolution.Outcome; got != want {
				t.Errorf("outcome stored as %q reads as %q, want %q", stored, got, want)
			}
		})
	}
}
