package storebench_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/ombud/ombud/cases"
	"github.com/ombud/ombud/cases/calendar"
	"github.com/ombud/ombud/cases/policyfile"
	"github.com/ombud/ombud/cases/sqlitestore"
)

// now is the benchmarks' present: cases were received every two hours
// up to it, so 30 days hold 360 of them at any size from 360 on.
var now = time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)

// active is how many of the latest cases are still open; the rest are
// closed.
const active = 500

var (
	ann    = cases.Person{Key: "console:ann", Name: "ann", Team: "service"}
	policy = mustPolicy()
	ref    = mustRef()
)

func mustPolicy() *cases.Policy {
	p, err := policyfile.Load("standard")
	if err != nil {
		panic(err)
	}
	return p
}

func mustRef() string {
	snap, err := cases.SnapshotPolicy(policy)
	if err != nil {
		panic(err)
	}
	return snap.Ref
}

// id returns the ID of the i-th case.
func id(i int) string { return fmt.Sprintf("C-2026-%06d", i+1) }

// benchCase returns the i-th of n cases as the service would have left it:
// received 2(n-i) hours before now, with six events; the last active of
// them acknowledged with their answer pending, the others closed.
func benchCase(i, n int) *cases.Case {
	received := now.Add(-time.Duration(n-i) * 2 * time.Hour)
	c := &cases.Case{ID: id(i), Policy: policy.Name, PolicyRef: ref, Kind: cases.KindComplaint,
		Complainant: cases.Complainant{Name: "Kari Nordmann", Contact: "kari@example.no", Account: "ACC-1"},
		Subject:     "example.no", Description: "The domain example.no was not renewed although the invoice was paid on time.",
		Channel: cases.ChannelWeb, Priority: cases.PriorityNormal, ReceivedAt: received, CreatedAt: received, UpdatedAt: received.Add(time.Hour),
		Status: cases.StatusAcknowledged, Tier: cases.TierFrontline, Assignee: ann, Version: 6,
		Involved: []cases.Involvement{{Person: ann, Tier: cases.TierFrontline, How: cases.ActionAssign, At: received},
			{Person: ann, Tier: cases.TierFrontline, How: cases.ActionAcknowledge, At: received.Add(time.Hour)}},
		Deadlines: []cases.Deadline{
			{Kind: cases.DeadlineAcknowledge, Unit: calendar.UnitBusinessDays, Start: received, Due: received.Add(48 * time.Hour), Met: received.Add(time.Hour)},
			{Kind: cases.DeadlineAnswer, Unit: calendar.UnitBusinessDays, Start: received, Due: received.Add(14 * 24 * time.Hour),
				Warn: received.Add(10 * 24 * time.Hour), Cap: received.Add(28 * 24 * time.Hour)},
		},
	}
	for k, a := range []cases.Action{cases.ActionOpen, cases.ActionAcknowledge, cases.ActionNote, cases.ActionNote, cases.ActionUpdate, cases.ActionNote} {
		c.Timeline = append(c.Timeline, cases.Event{At: received.Add(time.Duration(k) * time.Hour), Actor: ann, Tier: cases.TierFrontline,
			Action: a, Status: c.Status, Text: "Called the customer back and explained what happened with the renewal."})
	}
	if i < n-active {
		c.Status = cases.StatusClosed
		c.Deadlines[1].Met = received.Add(3 * 24 * time.Hour)
		c.Resolution = cases.Resolution{Outcome: cases.OutcomeUpheld, Summary: "renewed and refunded", RootCause: "payment not matched",
			Remedy: "refund", At: received.Add(3 * 24 * time.Hour)}
	}
	return c
}

// seeded SQLite databases, one per size, made once per run and shared by
// the benchmarks.
var (
	seedMu  sync.Mutex
	seedDir string
	seeds   = map[int]string{}
)

// mustSQLite opens an SQLite store holding n cases, imported in bulk the
// first time.
func mustSQLite(b *testing.B, n int) *sqlitestore.Store {
	b.Helper()
	seedMu.Lock()
	defer seedMu.Unlock()
	var err error
	if seedDir == "" {
		if seedDir, err = os.MkdirTemp("", "ombud-bench-"); err != nil {
			b.Fatal(err)
		}
	}
	path, ok := seeds[n]
	if !ok {
		path = filepath.Join(seedDir, fmt.Sprintf("cases-%d.db", n))
		start := time.Now()
		s, err := sqlitestore.Open(context.Background(), path)
		if err != nil {
			b.Fatal(err)
		}
		svc := mustService(b, s)
		for from := 0; from < n; from += 5000 {
			batch := sqlitestore.Batch{}
			for i := from; i < min(n, from+5000); i++ {
				batch.Cases = append(batch.Cases, figuredCase(b, svc, i, n))
			}
			if err := s.Import(context.Background(), batch); err != nil {
				b.Fatal(err)
			}
		}
		s.Close()
		b.Logf("imported %d cases in %s", n, time.Since(start).Round(time.Millisecond))
		seeds[n] = path
	}
	s, err := sqlitestore.Open(context.Background(), path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	return s
}

// mustCreateAll stores n cases in s one by one, for the stores without a
// bulk import.
func mustCreateAll(b *testing.B, s cases.Store, n int) {
	b.Helper()
	svc := mustService(b, s)
	for i := range n {
		if err := s.Create(context.Background(), figuredCase(b, svc, i, n)); err != nil {
			b.Fatal(err)
		}
	}
}

// mustService returns a service on s, following the benchmarks' policy at
// their fixed now.
func mustService(b *testing.B, s cases.Store) *cases.Service {
	b.Helper()
	svc, err := cases.NewService(cases.Config{Store: s, Policy: policy, Now: func() time.Time { return now }})
	if err != nil {
		b.Fatal(err)
	}
	return svc
}

// figuredCase returns benchCase(i, n) with the figures a change would have
// worked out for it, so that summaries over seeded cases count them.
func figuredCase(b *testing.B, svc *cases.Service, i, n int) *cases.Case {
	b.Helper()
	c := benchCase(i, n)
	if err := svc.Refigure(c); err != nil {
		b.Fatal(err)
	}
	return c
}
