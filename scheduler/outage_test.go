package scheduler_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/ombud/ombud/cases"
	"github.com/ombud/ombud/cases/casetest"
	"github.com/ombud/ombud/cases/sqlitestore/sqlitetest"
	"github.com/ombud/ombud/scheduler"
)

// pending returns the notices the store holds for the cases ids, as
// "case/notice", in each case's order.
func (w *world) pending(ids ...string) map[string][]string {
	w.t.Helper()
	out := map[string][]string{}
	for _, id := range ids {
		c, err := w.store.Get(context.Background(), id)
		if err != nil {
			w.t.Fatal(err)
		}
		for _, n := range c.Notices {
			out[id] = append(out[id], id+"/"+n.ID)
		}
	}
	return out
}

// delivered returns the notices the platform took, by case, in the order
// it took them.
func (w *world) delivered() map[string][]string {
	out := map[string][]string{}
	for _, s := range w.log.all() {
		id, _, _ := strings.Cut(s.notice(), "/")
		out[id] = append(out[id], s.notice())
	}
	return out
}

// TestPlatformDownForAnHour takes the platform down for an hour of fake
// time while agents work and the sweep alerts, then brings it back: every
// notice arrives afterwards, once, in the order it was written per case,
// and nothing while it was down.
func TestPlatformDownForAnHour(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		now := shifted(time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)) // a Monday
		w := MustWorld(t, sqlitetest.MustStore(t), "standard", now)
		s, err := scheduler.New(scheduler.Config{Sweep: "@every 1m", Sweeper: w.sweep, Dispatcher: w.disp, PollEvery: time.Minute})
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error)
		go func() { done <- s.Run(ctx) }()
		w.rec.setDown(true)
		var ids []string
		for i := range 5 {
			id := w.open(fmt.Sprintf("2026-11-%02dT10:00:00Z", 9+i)) // overdue already: the sweep alerts
			ids = append(ids, id)
			advance(5 * time.Minute)
			w.do("ann", "note "+id+" called the customer")
			w.do("ann", "ack "+id)
		}
		advance(40 * time.Minute)
		if n := len(w.log.all()); n != 0 {
			t.Fatalf("%d posts while the platform was down", n)
		}
		want := w.pending(ids...)
		w.rec.setDown(false)
		advance(time.Hour)
		cancel()
		if err := <-done; err != nil {
			t.Fatal(err)
		}
		got := w.delivered()
		for _, id := range ids {
			if len(want[id]) < 7 || !slices.Equal(got[id], want[id]) {
				t.Errorf("%s: delivered\n%s\nwant, in the order written,\n%s", id, strings.Join(got[id], "\n"), strings.Join(want[id], "\n"))
			}
		}
		if left := w.pending(ids...); len(left) != 0 {
			t.Errorf("still pending: %v", left)
		}
	})
}

// TestSweepCountsDueOnly: a case whose wake-up time came with nothing due
// (the sweep only moves its wake-up time) is not counted as due, as
// ombud_sweep_cases_due says; one whose warning goes off is.
func TestSweepCountsDueOnly(t *testing.T) {
	start := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	clock := casetest.NewClock(start)
	w := MustWorld(t, sqlitetest.MustStore(t), "standard", clock.Now)
	id := w.open(start.Format(time.RFC3339))
	c, err := w.store.Get(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	early := c.Clone()
	early.Wake, early.Version = start, c.Version+1 // as a case stored with a wake-up time that has since moved
	if _, err := w.store.Apply(context.Background(), cases.Change{Case: early, ExpectVersion: c.Version, ExpectStatus: c.Status}); err != nil {
		t.Fatal(err)
	}
	clock.Set(start.Add(time.Minute))
	if due, err := w.sweep.Sweep(context.Background()); err != nil || due != 0 {
		t.Errorf("swept a case with nothing due: %d due, %v; want 0", due, err)
	}
	clock.Set(time.Date(2026, 11, 24, 16, 0, 0, 0, time.UTC)) // a business day before the acknowledgement
	if due, err := w.sweep.Sweep(context.Background()); err != nil || due != 1 {
		t.Errorf("swept the case at its warning: %d due, %v; want 1", due, err)
	}
}
