package storetest

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/ombud/ombud/cases"
)

// Owners of leases in the tests: three dispatchers.
const (
	Owner1 = "ombud-1"
	Owner2 = "ombud-2"
	Owner3 = "ombud-3"
)

// noticeIDs returns the IDs of c's notices, in order.
func noticeIDs(c *cases.Case) []string {
	var ids []string
	for _, n := range c.Notices {
		ids = append(ids, n.ID)
	}
	return ids
}

// wantNotices fails the test unless c holds the notices ids, in order.
func wantNotices(tb testing.TB, c *cases.Case, ids ...string) {
	tb.Helper()
	if got := noticeIDs(c); !slices.Equal(got, ids) {
		tb.Errorf("%s has notices %q, want %q", c.ID, got, ids)
	}
}

// leased returns the IDs of the cases leased.
func leased(cs []*cases.Case) []string {
	var ids []string
	for _, c := range cs {
		ids = append(ids, c.ID)
	}
	return ids
}

// MustLease leases the notices due at now to owner for a minute and returns
// the IDs of the cases it got.
func MustLease(tb testing.TB, s cases.Store, now time.Time, owner string) []string {
	tb.Helper()
	cs, err := s.LeaseNotices(context.Background(), now, now.Add(time.Minute), owner, 100)
	if err != nil {
		tb.Fatalf("lease at %s as %s: %v", now, owner, err)
	}
	return leased(cs)
}

// testAppendNotices: Apply appends the change's notices after those
// pending and never writes the pending list from the case it is given, so
// a service's stale copy cannot drop a notice.
func testAppendNotices(t *testing.T, open Open) {
	s := open(t)
	c := FullCase("C-2026-0001")
	MustCreate(t, s, c)
	wantNotices(t, MustGet(t, s, c.ID), "v7-header", "claim|2|x|2")

	ch := Note(c, Agent, "called", Day(6))
	ch.Case.Notices = []cases.Notice{Notice("stale", Day(1))} // not written
	ch.Notices = []cases.Notice{Notice("v8-header", Day(6)), Notice("v8-change", Day(6))}
	got := MustApply(t, s, ch)
	wantNotices(t, got, "v7-header", "claim|2|x|2", "v8-header", "v8-change")
	DiffCase(t, MustGet(t, s, c.ID), Applied(c, ch))

	next := Note(got, Agent, "again", Day(7))
	next.Case.Notices = nil
	wantNotices(t, MustApply(t, s, next), "v7-header", "claim|2|x|2", "v8-header", "v8-change")
}

// testApplyWithoutEvent: a change with no event leaves the timeline alone
// and still moves the version, as the scheduler's records do.
func testApplyWithoutEvent(t *testing.T, open Open) {
	s := open(t)
	c := FullCase("C-2026-0001")
	MustCreate(t, s, c)
	ch := Note(c, Agent, "", Day(6))
	ch.Event = cases.Event{}
	ch.Case.Notified = append(ch.Case.Notified, "breach|review|x")
	ch.Notices = []cases.Notice{Notice("breach|review|x", Day(6))}
	got := MustApply(t, s, ch)
	if len(got.Timeline) != len(c.Timeline) || got.Version != c.Version+1 {
		t.Errorf("timeline of %d events at version %d, want %d at %d", len(got.Timeline), got.Version, len(c.Timeline), c.Version+1)
	}
	DiffCase(t, MustGet(t, s, c.ID), Applied(c, ch))
}

// testLeaseNotices: a case is leased when its first notice may be tried,
// to one owner at a time, until the lease expires: it is live while its
// expiry is after now.
func testLeaseNotices(t *testing.T, open Open) {
	s := open(t)
	due, later := MinimalCase("C-2026-0001"), MinimalCase("C-2026-0002")
	due.Notices = []cases.Notice{Notice("a", T0)}
	later.Notices = []cases.Notice{Notice("b", Day(1))}
	none := MinimalCase("C-2026-0003")
	for _, c := range []*cases.Case{due, later, none} {
		MustCreate(t, s, c)
	}
	if got := MustLease(t, s, T0.Add(-time.Millisecond), Owner1); len(got) != 0 {
		t.Errorf("leased %q before any notice was due", got)
	}
	if got := MustLease(t, s, T0, Owner1); !slices.Equal(got, []string{due.ID}) {
		t.Errorf("at T0 leased %q, want %s (due exactly then)", got, due.ID)
	}
	if got := MustLease(t, s, T0.Add(time.Minute-time.Millisecond), Owner2); len(got) != 0 {
		t.Errorf("owner 2 leased %q while owner 1's lease was live", got)
	}
	if got := MustLease(t, s, T0.Add(30*time.Second), Owner1); !slices.Equal(got, []string{due.ID}) {
		t.Errorf("owner 1 could not renew its own lease: %q", got)
	}
	expiry := T0.Add(30*time.Second + time.Minute)
	if got := MustLease(t, s, expiry, Owner2); !slices.Equal(got, []string{due.ID}) {
		t.Errorf("owner 2 leased %q when owner 1's lease expired, want %s", got, due.ID)
	}
	if got := MustLease(t, s, Day(1).Add(2*time.Minute), Owner3); !slices.Equal(got, []string{due.ID, later.ID}) {
		t.Errorf("a day later leased %q, want both cases with notices", got)
	}
}

// testDoneNotice: only the lease's owner removes a notice; once the last is
// gone the case is not leased again; the version does not move.
func testDoneNotice(t *testing.T, open Open) {
	s := open(t)
	ctx := context.Background()
	c := MinimalCase("C-2026-0001")
	c.Notices = []cases.Notice{Notice("a", T0), Notice("b", T0)}
	MustCreate(t, s, c)
	MustLease(t, s, T0, Owner1)
	WantCode(t, s.DoneNotice(ctx, c.ID, "a", Owner2), cases.ECONFLICT)
	wantNotices(t, MustGet(t, s, c.ID), "a", "b")
	for _, id := range []string{"a", "b"} {
		if err := s.DoneNotice(ctx, c.ID, id, Owner1); err != nil {
			t.Fatalf("done %s: %v", id, err)
		}
	}
	got := MustGet(t, s, c.ID)
	wantNotices(t, got)
	if got.Version != c.Version {
		t.Errorf("version %d after delivery, want %d", got.Version, c.Version)
	}
	if got := MustLease(t, s, Day(9), Owner2); len(got) != 0 {
		t.Errorf("leased %q with nothing pending", got)
	}
	WantCode(t, s.DoneNotice(ctx, "C-2026-0404", "a", Owner1), cases.ECONFLICT)
}

// testDeferNotice: a deferred first notice holds its case back until it may
// be tried again, even when later notices are due; attempts are kept.
func testDeferNotice(t *testing.T, open Open) {
	s := open(t)
	ctx := context.Background()
	c := MinimalCase("C-2026-0001")
	c.Notices = []cases.Notice{Notice("a", T0), Notice("b", T0)}
	MustCreate(t, s, c)
	MustLease(t, s, T0, Owner1)
	WantCode(t, s.DeferNotice(ctx, c.ID, "a", Owner2, Day(1), 1), cases.ECONFLICT)
	if err := s.DeferNotice(ctx, c.ID, "a", Owner1, T0.Add(5*time.Minute), 3); err != nil {
		t.Fatal(err)
	}
	if err := s.ReleaseCase(ctx, c.ID, Owner1); err != nil {
		t.Fatal(err)
	}
	got := MustGet(t, s, c.ID)
	if n := got.Notices[0]; n.Attempts != 3 || !n.NextTry.Equal(T0.Add(5*time.Minute)) || got.Version != c.Version {
		t.Errorf("deferred notice %+v at version %d, want 3 attempts, next try at +5m, version %d", n, got.Version, c.Version)
	}
	if got := MustLease(t, s, T0.Add(5*time.Minute-time.Millisecond), Owner2); len(got) != 0 {
		t.Errorf("leased %q before the deferred notice's next try", got)
	}
	if got := MustLease(t, s, T0.Add(5*time.Minute), Owner2); !slices.Equal(got, []string{c.ID}) {
		t.Errorf("leased %q at the next try, want %s", got, c.ID)
	}
}

// testDeferHoldsNewNotices: notices appended while the first is put off
// wait behind it.
func testDeferHoldsNewNotices(t *testing.T, open Open) {
	s := open(t)
	ctx := context.Background()
	c := MinimalCase("C-2026-0001")
	c.Notices = []cases.Notice{Notice("a", T0)}
	MustCreate(t, s, c)
	MustLease(t, s, T0, Owner1)
	if err := s.DeferNotice(ctx, c.ID, "a", Owner1, Day(1), 1); err != nil {
		t.Fatal(err)
	}
	if err := s.ReleaseCase(ctx, c.ID, Owner1); err != nil {
		t.Fatal(err)
	}
	ch := Note(c, Agent, "more", T0.Add(time.Minute))
	ch.Notices = []cases.Notice{Notice("b", T0.Add(time.Minute))}
	MustApply(t, s, ch)
	// A store may lease the case early, but then its dispatcher finds the
	// first notice not due, releases it, and it is not leased again early.
	if got := MustLease(t, s, T0.Add(2*time.Minute), Owner2); len(got) > 0 {
		if err := s.ReleaseCase(ctx, c.ID, Owner2); err != nil {
			t.Fatal(err)
		}
	}
	if got := MustLease(t, s, T0.Add(3*time.Minute), Owner3); len(got) != 0 {
		t.Errorf("leased %q again before its first notice's next try", got)
	}
	if got := MustLease(t, s, Day(1), Owner3); !slices.Equal(got, []string{c.ID}) {
		t.Errorf("leased %q at the first notice's next try, want %s", got, c.ID)
	}
}

// testAppendAfterDelivery: notices appended to a case whose earlier ones
// were all delivered make it due again.
func testAppendAfterDelivery(t *testing.T, open Open) {
	s := open(t)
	ctx := context.Background()
	c := MinimalCase("C-2026-0001")
	MustCreate(t, s, c)
	ch := Note(c, Agent, "first", T0)
	ch.Notices = []cases.Notice{Notice("a", T0)}
	c = MustApply(t, s, ch)
	if got := MustLease(t, s, T0, Owner1); len(got) != 1 {
		t.Fatalf("a case given its first notice by Apply was not leased: %q", got)
	}
	if err := s.DoneNotice(ctx, c.ID, "a", Owner1); err != nil {
		t.Fatal(err)
	}
	if err := s.ReleaseCase(ctx, c.ID, Owner1); err != nil {
		t.Fatal(err)
	}
	ch = Note(c, Agent, "second", Day(1))
	ch.Notices = []cases.Notice{Notice("b", Day(1))}
	MustApply(t, s, ch)
	if got := MustLease(t, s, Day(1), Owner2); len(got) != 1 {
		t.Errorf("a case given a notice after all were delivered was not leased: %q", got)
	}
}

// testConcurrentAppendAndDone appends notices to a case while its
// dispatcher delivers and removes them: none is lost and none left twice.
func testConcurrentAppendAndDone(t *testing.T, open Open) {
	s := open(t)
	ctx := context.Background()
	c := MinimalCase("C-2026-0001")
	MustCreate(t, s, c)
	const n = 20
	done := make(chan struct{})
	go func() {
		defer close(done)
		cur := c
		for i := range n {
			ch := Note(cur, Agent, "note", T0)
			ch.Notices = []cases.Notice{Notice(fmt.Sprint("n", i), T0)}
			var err error
			if cur, err = s.Apply(ctx, ch); err != nil {
				t.Error(err)
				return
			}
		}
	}()
	delivered := map[string]int{}
	for finished := false; !finished; {
		select {
		case <-done:
			finished = true
		default:
		}
		got, err := s.LeaseCase(ctx, c.ID, T0, T0.Add(time.Minute), Owner1)
		if err != nil {
			t.Fatal(err)
		}
		for _, nt := range got.Notices {
			if err := s.DoneNotice(ctx, c.ID, nt.ID, Owner1); err != nil {
				t.Fatal(err)
			}
			delivered[nt.ID]++
		}
	}
	for _, nt := range MustGet(t, s, c.ID).Notices {
		delivered[nt.ID]++
	}
	for i := range n {
		if id := fmt.Sprint("n", i); delivered[id] != 1 {
			t.Errorf("notice %s delivered or left %d times, want once", id, delivered[id])
		}
	}
}
