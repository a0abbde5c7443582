package datadir_test

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/ombud/ombud/cases"
	"github.com/ombud/ombud/cases/casetest"
	"github.com/ombud/ombud/cases/datadir"
	"github.com/ombud/ombud/cases/mongostore"
	"github.com/ombud/ombud/cases/mongostore/mongotest"
	"github.com/ombud/ombud/cases/policyfile"
	"github.com/ombud/ombud/cases/storetest"
)

var (
	ctx   = context.Background()
	quiet = slog.New(slog.DiscardHandler)
	ann   = cases.Actor{Person: cases.Person{Key: "console:ann", Name: "Ann", Team: "service"}, Role: cases.RoleAgent}
	sam   = cases.Actor{Person: cases.Person{Key: "console:sam", Name: "Sam", Team: "review"}, Role: cases.RoleSenior}
)

// earlier holds what an earlier ombud kept in a data directory: its cases
// and counters, as that ombud's store read them back.
type earlier struct {
	cases    []*cases.Case
	counters map[string]int
}

// template is a data directory as an earlier ombud left it, made once for
// every test, and what that ombud's store read back from it.
var (
	templateOnce sync.Once
	templateDir  string
	template     earlier
)

// TestMain removes the template when the tests are done.
func TestMain(m *testing.M) {
	code := m.Run()
	if templateDir != "" {
		os.RemoveAll(templateDir)
	}
	os.Exit(code)
}

// mustEarlierRelease copies into dir what an earlier ombud kept in its data
// directory, and returns what that ombud's store read from it.
func mustEarlierRelease(t *testing.T, dir string) earlier {
	t.Helper()
	templateOnce.Do(func() {
		var err error
		if templateDir, err = os.MkdirTemp("", "ombud-earlier-"); err == nil {
			template, err = writeEarlierRelease(templateDir)
		}
		if err != nil {
			templateDir = ""
			t.Fatalf("make a data directory as an earlier ombud did: %v", err)
		}
	})
	if templateDir == "" {
		t.Fatal("making the earlier ombud's data directory failed")
	}
	data, err := os.ReadFile(filepath.Join(templateDir, "ombud.sqlite"))
	if err == nil {
		err = os.WriteFile(filepath.Join(dir, "ombud.sqlite"), data, 0o600)
	}
	if err != nil {
		t.Fatal(err)
	}
	return template
}

// writeEarlierRelease fills dir as an earlier ombud did, with its embedded
// FerretDB and the MongoDB store, through the service: cases at several
// stages, one with every field set, and one with every list empty.
func writeEarlierRelease(dir string) (earlier, error) {
	e, err := mongotest.StartEmbedded(ctx, dir, quiet)
	if err != nil {
		return earlier{}, err
	}
	s, err := mongostore.Open(ctx, e.URI(), "ombud", quiet)
	if err != nil {
		return earlier{}, errors.Join(err, e.Close())
	}
	var out earlier
	err = work(s)
	if err == nil {
		out.cases, err = s.List(ctx, cases.Query{})
	}
	if err == nil {
		out.counters, err = counters(e.URI())
	}
	return out, errors.Join(err, s.Close(ctx), e.Close())
}

// work opens cases through the service and moves them on, and stores two
// cases of its own.
func work(s cases.Store) error {
	p, err := policyfile.Load("standard")
	if err != nil {
		return err
	}
	clk := casetest.NewClock(time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC))
	svc, err := cases.NewService(cases.Config{Store: s, Policy: p, Now: clk.Now})
	if err != nil {
		return err
	}
	for i := range 5 {
		c, err := svc.Open(ctx, ann, cases.OpenInput{Kind: cases.KindComplaint, Description: fmt.Sprintf("Case %d: Kåre's domain was not renewed", i),
			Complainant: cases.Complainant{Name: "Kari Nordmann", Contact: "kari@example.no"}, Channel: cases.ChannelWeb,
			Priority: cases.PriorityNormal, ReceivedAt: clk.Now().Add(-time.Hour)})
		if err != nil {
			return err
		}
		steps := []func() (*cases.Case, error){
			func() (*cases.Case, error) { return svc.Acknowledge(ctx, ann, c.ID, "received") },
			func() (*cases.Case, error) { return svc.Answer(ctx, ann, c.ID, "renewed it") },
			func() (*cases.Case, error) {
				return svc.Escalate(ctx, ann, c.ID, cases.EscalationInput{Reason: "too late", Expects: "a refund"})
			},
			func() (*cases.Case, error) { return svc.Claim(ctx, sam, c.ID) },
		}
		for _, step := range steps[:i%5] {
			clk.Advance(time.Hour)
			if _, err := step(); err != nil {
				return err
			}
		}
	}
	return errors.Join(s.Create(ctx, storetest.FullCase("C-2025-0042")), s.Create(ctx, storetest.MinimalCase("C-2025-0043")))
}

// counters reads every counter of the ombud database at uri.
func counters(uri string) (map[string]int, error) {
	client, err := mongo.Connect(options.Client().ApplyURI(uri))
	if err != nil {
		return nil, err
	}
	defer client.Disconnect(ctx)
	cur, err := client.Database("ombud").Collection("counters").Find(ctx, bson.D{})
	if err != nil {
		return nil, err
	}
	var docs []struct {
		Key string `bson:"_id"`
		Seq int    `bson:"seq"`
	}
	if err := cur.All(ctx, &docs); err != nil {
		return nil, err
	}
	out := map[string]int{}
	for _, d := range docs {
		out[d.Key] = d.Seq
	}
	return out, nil
}

// mustServe serves dir and closes it when the test ends.
func mustServe(t *testing.T, dir string) *datadir.Served {
	t.Helper()
	s, err := datadir.Serve(ctx, dir, "ombud", quiet)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Error(err)
		}
	})
	return s
}

// names returns the names of the files in dir, sorted.
func names(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	return out
}

// TestMigrate migrates a data directory an earlier ombud wrote: every case
// and counter reads back as that ombud's store read it, the FerretDB
// database is kept under a new name, and the next start migrates nothing.
func TestMigrate(t *testing.T) {
	dir := t.TempDir()
	want := mustEarlierRelease(t, dir)
	if len(want.cases) != 7 || len(want.counters) != 1 {
		t.Fatalf("the earlier ombud stored %d cases and %d counters, want 7 and 1", len(want.cases), len(want.counters))
	}
	s := mustServe(t, dir)
	for _, c := range want.cases {
		storetest.DiffCase(t, storetest.MustGet(t, s.Store, c.ID), c)
	}
	if got, err := s.Store.Counters(ctx); err != nil || !maps.Equal(got, want.counters) {
		t.Errorf("counters %v, %v; want %v", got, err, want.counters)
	}
	if n, err := s.Store.Count(ctx, cases.Query{}); err != nil || n != len(want.cases) {
		t.Errorf("%d cases, %v; want %d", n, err, len(want.cases))
	}
	got := names(t, dir)
	if !slices.Contains(got, "ombud.sqlite.migrated") || slices.Contains(got, "ombud.sqlite") || slices.Contains(got, "ombud.db.migrating") {
		t.Errorf("after the migration the data directory holds %v", got)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	r, migrated, err := datadir.Migrate(ctx, dir, "ombud", quiet)
	if err != nil || migrated || r.Cases != 7 || r.Counters != 1 || !strings.HasSuffix(r.Source, "ombud.sqlite") {
		t.Errorf("Migrate again = %+v, %v, %v; want the earlier migration's report, and no new one", r, migrated, err)
	}
}

// TestMigrateCommand migrates with Migrate, as ombud store migrate does.
func TestMigrateCommand(t *testing.T) {
	dir := t.TempDir()
	mustEarlierRelease(t, dir)
	r, migrated, err := datadir.Migrate(ctx, dir, "ombud", quiet)
	if err != nil || !migrated || r.Cases != 7 || r.Counters != 1 {
		t.Errorf("Migrate = %+v, %v, %v; want 7 cases and 1 counter migrated", r, migrated, err)
	}
	if r, migrated, err := datadir.Migrate(ctx, t.TempDir(), "ombud", quiet); err != nil || migrated || r.Cases != 0 {
		t.Errorf("Migrate of an empty directory = %+v, %v, %v; want nothing", r, migrated, err)
	}
}

// TestMigrationInterrupted finishes a migration that stopped after the new
// store was in place and before the FerretDB database was renamed.
func TestMigrationInterrupted(t *testing.T) {
	dir := t.TempDir()
	want := mustEarlierRelease(t, dir)
	mustServe(t, dir).Close()
	if err := os.Rename(filepath.Join(dir, "ombud.sqlite.migrated"), filepath.Join(dir, "ombud.sqlite")); err != nil {
		t.Fatal(err)
	}
	s := mustServe(t, dir)
	storetest.DiffCase(t, storetest.MustGet(t, s.Store, want.cases[0].ID), want.cases[0])
	if got := names(t, dir); slices.Contains(got, "ombud.sqlite") || !slices.Contains(got, "ombud.sqlite.migrated") {
		t.Errorf("the FerretDB database was not renamed: %v", got)
	}
}

// TestMigrationChangedSince refuses a directory whose FerretDB database was
// written to after it was migrated: ombud will not choose between the two.
func TestMigrationChangedSince(t *testing.T) {
	dir := t.TempDir()
	mustEarlierRelease(t, dir)
	mustServe(t, dir).Close()
	src := filepath.Join(dir, "ombud.sqlite")
	if err := os.Rename(src+".migrated", src); err != nil {
		t.Fatal(err)
	}
	later := time.Now().Add(time.Hour)
	if err := os.Chtimes(src, later, later); err != nil {
		t.Fatal(err)
	}
	before := names(t, dir)
	_, err := datadir.Serve(ctx, dir, "ombud", quiet)
	if err == nil || !strings.Contains(err.Error(), "will not choose") {
		t.Fatalf("Serve = %v; want a refusal", err)
	}
	if got := names(t, dir); !slices.Equal(got, before) {
		t.Errorf("the refusal changed the directory: %v, was %v", got, before)
	}
}

// TestMigrationFails leaves a FerretDB database it cannot read as it was,
// and writes no store.
func TestMigrationFails(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "ombud.sqlite")
	if err := os.WriteFile(src, []byte(strings.Repeat("damaged ", 1000)), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := datadir.Serve(ctx, dir, "ombud", quiet)
	if err == nil || !strings.Contains(err.Error(), "nothing was changed") {
		t.Fatalf("Serve = %v; want the migration to fail", err)
	}
	if got := names(t, dir); !slices.Equal(got, []string{"ombud.lock", "ombud.sqlite"}) {
		t.Errorf("after a failed migration the directory holds %v", got)
	}
}

// TestMigrationBesideAnEarlierCopy refuses to migrate while the copy an
// earlier migration kept is still there, rather than rename the source
// over it, and leaves both as they were.
func TestMigrationBesideAnEarlierCopy(t *testing.T) {
	dir := t.TempDir()
	mustEarlierRelease(t, dir)
	kept := filepath.Join(dir, "ombud.sqlite.migrated")
	if err := os.WriteFile(kept, []byte("the earlier copy"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := datadir.Serve(ctx, dir, "ombud", quiet)
	if err == nil || !strings.Contains(err.Error(), "ombud.sqlite.migrated from an earlier migration") || !strings.Contains(err.Error(), "nothing was changed") {
		t.Fatalf("Serve = %v; want a refusal naming the earlier copy", err)
	}
	if got := names(t, dir); !slices.Equal(got, []string{"ombud.lock", "ombud.sqlite", "ombud.sqlite.migrated"}) {
		t.Errorf("after the refusal the directory holds %v", got)
	}
	if b, err := os.ReadFile(kept); err != nil || string(b) != "the earlier copy" {
		t.Errorf("the earlier copy now holds %q, %v", b, err)
	}
}
