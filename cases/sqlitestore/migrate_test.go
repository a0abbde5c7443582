package sqlitestore_test

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/ombud/ombud/cases/sqlitestore/sqlitetest"
	"github.com/ombud/ombud/cases/storetest"
)

// TestMigratesSchema1 opens testdata/v1.db, written by the release before
// the outbox (an open and a closed case): its cases read back as they were,
// the open one wakes at the epoch so that the first sweep sees it, the
// closed one never wakes, and the outbox works on it.
func TestMigratesSchema1(t *testing.T) {
	data, err := os.ReadFile("testdata/v1.db")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "ombud.db")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	s := sqlitetest.MustOpen(t, path)
	open, closed := storetest.MustGet(t, s, "C-2026-0001"), storetest.MustGet(t, s, "C-2026-0002")
	if !open.Wake.Equal(time.Unix(0, 0)) || !closed.Wake.IsZero() {
		t.Errorf("wake %v (open) and %v (closed), want the epoch and never", open.Wake, closed.Wake)
	}
	want := storetest.FullCase(open.ID)
	want.Origin, want.Notified, want.Notices, want.Threads, want.Wake = open.Origin, nil, nil, nil, open.Wake
	want.Figures = open.Figures // worked out by the migration to schema 2; the figures tests check them
	for i := range want.Timeline {
		want.Timeline[i].Entered = time.Time{} // the file was written before events knew when they were entered
	}
	storetest.DiffCase(t, open, want)
	batch, err := s.Waking(ctx, time.Now(), "", 10)
	if err != nil || len(batch) != 1 || batch[0].ID != open.ID {
		t.Errorf("waking %v, %v; want the open case alone", batch, err)
	}
	if err := s.SetThread(ctx, open.ID, "slack", "C1/1.1"); err != nil {
		t.Fatal(err)
	}
	if got := mustQuery(t, path, "PRAGMA user_version"); !slices.Equal(got, []string{"3"}) {
		t.Errorf("user_version %q, want 3", got)
	}
}
