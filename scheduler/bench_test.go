package scheduler_test

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/ombud/ombud/cases"
	"github.com/ombud/ombud/cases/sqlitestore"
	"github.com/ombud/ombud/cases/sqlitestore/sqlitetest"
	"github.com/ombud/ombud/scheduler"
)

// buckets is how many equal groups the benchmark's cases fall in: one of
// them, 1% of the cases, is due at each sweep.
const buckets = 100

// shiftCase returns a copy of c with the ID id and every time in it moved
// by d.
func shiftCase(c *cases.Case, id string, d time.Duration) *cases.Case {
	n := c.Clone()
	n.ID = id
	move := func(t *time.Time) {
		if !t.IsZero() {
			*t = t.Add(d)
		}
	}
	for _, t := range []*time.Time{&n.ReceivedAt, &n.CreatedAt, &n.UpdatedAt, &n.Wake} {
		move(t)
	}
	for i := range n.Deadlines {
		for _, t := range []*time.Time{&n.Deadlines[i].Start, &n.Deadlines[i].Due, &n.Deadlines[i].Warn, &n.Deadlines[i].Cap} {
			move(t)
		}
	}
	for i := range n.Timeline {
		move(&n.Timeline[i].At)
	}
	n.Notices = nil
	return n
}

// seedSweep stores n open cases in buckets: the cases of bucket k are a
// complaint received k minutes after the first, so that ombud warns of the
// acknowledgement of bucket k k minutes after the first's. It returns the
// world on the store and when the first bucket is warned of.
func seedSweep(b *testing.B, n int) (*world, time.Time) {
	b.Helper()
	received := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	path := filepath.Join(b.TempDir(), "ombud.db")
	store := sqlitetest.MustOpen(b, path)
	w := MustWorld(b, store, "standard", func() time.Time { return received })
	template, err := w.svc.Get(context.Background(), w.open(received.Format(time.RFC3339)))
	if err != nil {
		b.Fatal(err)
	}
	first := template.Wake // the acknowledgement's warning
	batch := sqlitestore.Batch{}
	for i := range n - 1 {
		batch.Cases = append(batch.Cases, shiftCase(template, fmt.Sprintf("C-2026-%06d", i+2), time.Duration((i+1)%buckets)*time.Minute))
		if len(batch.Cases) == 5000 || i == n-2 {
			if err := store.Import(context.Background(), batch); err != nil {
				b.Fatal(err)
			}
			batch.Cases = nil
		}
	}
	return w, first
}

// BenchmarkSweep sweeps 1k, 10k and 100k stored cases of which 1% are due
// at each sweep (a warning of their acknowledgement): each iteration moves
// the clock a minute on, to the next bucket's warning. The sweep writes
// each due case's alarm and notices; it reads no case that is not due.
// idle-ms is one sweep with nothing due, before the first warning: the
// query on the wake-up index alone.
func BenchmarkSweep(b *testing.B) {
	for _, n := range []int{1_000, 10_000, 100_000} {
		b.Run(fmt.Sprintf("%dk", n/1000), func(b *testing.B) {
			w, warn := seedSweep(b, n)
			clock := warn
			svc, err := cases.NewService(cases.Config{Store: w.store, Policy: w.svc.Policy(), Now: func() time.Time { return clock }})
			if err != nil {
				b.Fatal(err)
			}
			s := scheduler.NewSweeper(scheduler.SweeperConfig{Service: svc, Store: w.store, Pick: scheduler.Router{Service: svc, Store: w.store, Seniors: w.dir}.Pick})
			if b.N > buckets {
				b.Fatalf("at most %d iterations: -benchtime %dx", buckets, buckets)
			}
			clock = warn.Add(-time.Minute)
			start := time.Now()
			if _, err := s.Sweep(context.Background()); err != nil {
				b.Fatal(err)
			}
			idle := time.Since(start)
			b.ResetTimer()
			due := 0
			for k := range b.N {
				clock = warn.Add(time.Duration(k) * time.Minute)
				got, err := s.Sweep(context.Background())
				if err != nil {
					b.Fatal(err)
				}
				due += got
			}
			b.ReportMetric(float64(due)/float64(b.N), "due/op")
			b.ReportMetric(float64(idle.Microseconds())/1000, "idle-ms")
		})
	}
}

// BenchmarkDuplicateWindow times recording a delivered notice (DoneNotice
// on the embedded store, a transaction with its fsync): the window in
// which ombud, killed after the platform took a notice, delivers it again
// after a restart.
func BenchmarkDuplicateWindow(b *testing.B) {
	store := sqlitetest.MustStore(b)
	ctx := context.Background()
	c := &cases.Case{ID: "C-2026-0001", Status: cases.StatusOpen, Tier: cases.TierFrontline, Version: 1}
	if err := store.Create(ctx, c); err != nil {
		b.Fatal(err)
	}
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	b.ResetTimer()
	for i := range b.N {
		b.StopTimer()
		ch := cases.Change{Case: c, ExpectVersion: c.Version, ExpectStatus: c.Status,
			Notices: []cases.Notice{{ID: fmt.Sprint(i), Kind: cases.NoticeHeader, Platform: "console", Created: now, NextTry: now}}}
		next := c.Clone()
		next.Version++
		ch.Case = next
		var err error
		if c, err = store.Apply(ctx, ch); err != nil {
			b.Fatal(err)
		}
		if _, err := store.LeaseCase(ctx, c.ID, now, now.Add(time.Minute), "bench"); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if err := store.DoneNotice(ctx, c.ID, fmt.Sprint(i), "bench"); err != nil {
			b.Fatal(err)
		}
	}
}
