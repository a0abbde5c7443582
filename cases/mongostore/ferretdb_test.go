package mongostore_test

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"go.mongodb.org/mongo-driver/v2/event"

	"github.com/ombud/ombud/cases/mongostore"
	"github.com/ombud/ombud/cases/mongostore/mongotest"
	"github.com/ombud/ombud/cases/storetest"
)

// TestIndexes checks that Open creates the indexes, among them one in List's
// order, and that creating them again on a database that has them works:
// FerretDB v1.24 panics when one createIndexes names several existing ones.
func TestIndexes(t *testing.T) {
	s := mongotest.MustStore(t)
	ctx := context.Background()
	if err := s.Prepare(ctx); err != nil {
		t.Fatalf("preparing again: %v", err)
	}
	keys, err := s.IndexKeys(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, k := range keys {
		var fields []string
		for _, e := range k {
			fields = append(fields, fmt.Sprintf("%s:%v", e.Key, e.Value))
		}
		got = append(got, strings.Join(fields, ","))
	}
	slices.Sort(got)
	want := []string{"_id:1", "figures.closed_at:1", "figures.obligation_due:1", "next_due:1", "no_due:1,next_due:1,_id:1", "notice_due:1",
		"people:1", "received_at:1", "status:1", "wake:1"}
	if !slices.Equal(got, want) {
		t.Errorf("indexes %q, want %q", got, want)
	}
}

// TestCancelKeepsWriteLock cancels a change's context once its write is on
// its way to FerretDB: the write lock stays held until the server answers,
// and the change is reported as made, since it was.
func TestCancelKeepsWriteLock(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var lockedAtReply, replied atomic.Bool
	monitor := &event.CommandMonitor{
		Started: func(_ context.Context, e *event.CommandStartedEvent) {
			if e.CommandName == "findAndModify" {
				cancel()
			}
		},
		Succeeded: func(_ context.Context, e *event.CommandSucceededEvent) {
			if e.CommandName == "findAndModify" {
				replied.Store(true)
				lockedAtReply.Store(mongostore.WritesLocked())
			}
		},
	}
	srv := mongotest.Servers()[0]
	s, err := mongostore.OpenMonitored(context.Background(), srv.URI, srv.Database(t), mongotest.Quiet(), monitor)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close(context.Background())
	c := storetest.FullCase("C-2026-0042")
	storetest.MustCreate(t, s, c)
	ch := storetest.Claim(c, storetest.Senior)
	got, err := s.Apply(ctx, ch)
	if err != nil {
		t.Fatalf("Apply after its write was sent: %v; the write lock was released with the write still running", err)
	}
	if !replied.Load() || !lockedAtReply.Load() || mongostore.WritesLocked() {
		t.Errorf("server replied %v, lock held at the reply %v, held after Apply %v; want true, true, false",
			replied.Load(), lockedAtReply.Load(), mongostore.WritesLocked())
	}
	storetest.DiffCase(t, got, storetest.Applied(c, ch))
	storetest.DiffCase(t, storetest.MustGet(t, s, c.ID), storetest.Applied(c, ch))
}

// TestWarnsOnFerretDB checks that opening a store on FerretDB warns that
// no other process may share the server.
func TestWarnsOnFerretDB(t *testing.T) {
	var log strings.Builder
	logger := slog.New(slog.NewTextHandler(&log, nil))
	srv := mongotest.Servers()[0]
	s, err := mongostore.Open(context.Background(), srv.URI, srv.Database(t), logger)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close(context.Background())
	if !strings.Contains(log.String(), "level=WARN") || !strings.Contains(log.String(), "several ombud processes must not share this server") {
		t.Errorf("no warning about sharing FerretDB in the log:\n%s", log.String())
	}
}
