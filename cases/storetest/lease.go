package storetest

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/ombud/ombud/cases"
)

// testLeaseCase: a case is leased by ID whether or not a notice is due,
// unless someone else's lease is live; released, another may take it at
// once.
func testLeaseCase(t *testing.T, open Open) {
	s := open(t)
	ctx := context.Background()
	c := MinimalCase("C-2026-0001")
	c.Notices = []cases.Notice{Notice("a", Day(3))}
	MustCreate(t, s, c)
	got, err := s.LeaseCase(ctx, c.ID, T0, T0.Add(time.Minute), Owner1)
	if err != nil {
		t.Fatal(err)
	}
	wantNotices(t, got, "a")
	_, err = s.LeaseCase(ctx, c.ID, T0.Add(time.Second), T0.Add(time.Minute), Owner2)
	WantCode(t, err, cases.ECONFLICT)
	if _, err := s.LeaseCase(ctx, c.ID, T0.Add(time.Second), T0.Add(2*time.Minute), Owner1); err != nil {
		t.Errorf("owner 1 could not lease its own case again: %v", err)
	}
	if err := s.ReleaseCase(ctx, c.ID, Owner2); err != nil {
		t.Errorf("release by one who does not hold it: %v", err)
	}
	_, err = s.LeaseCase(ctx, c.ID, T0.Add(2*time.Second), T0.Add(time.Minute), Owner2)
	WantCode(t, err, cases.ECONFLICT)
	if err := s.ReleaseCase(ctx, c.ID, Owner1); err != nil {
		t.Fatal(err)
	}
	if _, err := s.LeaseCase(ctx, c.ID, T0.Add(3*time.Second), T0.Add(time.Minute), Owner2); err != nil {
		t.Errorf("owner 2 could not lease a released case: %v", err)
	}
	_, err = s.LeaseCase(ctx, "C-2026-0404", T0, T0.Add(time.Minute), Owner1)
	WantCode(t, err, cases.ENOTFOUND)
	if got := MustGet(t, s, c.ID); got.Version != c.Version {
		t.Errorf("leasing moved the version to %d", got.Version)
	}
}

// testConcurrentLease: three dispatchers leasing at once each get cases no
// one else got.
func testConcurrentLease(t *testing.T, open Open) {
	s := open(t)
	const n = 12 // three owners racing for each; more only slows FerretDB, which reads every document per lease
	for i := range n {
		c := MinimalCase(fmt.Sprintf("C-2026-%04d", i+1))
		c.Notices = []cases.Notice{Notice("a", T0)}
		MustCreate(t, s, c)
	}
	var mu sync.Mutex
	got := map[string]string{}
	var wg sync.WaitGroup
	for _, owner := range []string{Owner1, Owner2, Owner3} {
		wg.Go(func() {
			cs, err := s.LeaseNotices(context.Background(), T0, T0.Add(time.Hour), owner, n)
			if err != nil {
				t.Error(err)
				return
			}
			mu.Lock()
			defer mu.Unlock()
			for _, c := range cs {
				if other, ok := got[c.ID]; ok {
					t.Errorf("%s leased by %s and %s", c.ID, other, owner)
				}
				got[c.ID] = owner
			}
		})
	}
	wg.Wait()
	if len(got) != n {
		t.Errorf("%d of %d cases leased", len(got), n)
	}
}

// testThreads: a case's threads are recorded by SetThread alone, replaced
// per platform, and kept when Apply writes a case that lacks them; the
// version does not move.
func testThreads(t *testing.T, open Open) {
	s := open(t)
	ctx := context.Background()
	c := MinimalCase("C-2026-0001")
	MustCreate(t, s, c)
	for _, set := range [][2]string{{"slack", "C1/1.1"}, {"discord", "1/2/3"}, {"slack", "C1/2.2"}} {
		if err := s.SetThread(ctx, c.ID, set[0], set[1]); err != nil {
			t.Fatal(err)
		}
	}
	want := map[string]string{"slack": "C1/2.2", "discord": "1/2/3"}
	got := MustGet(t, s, c.ID)
	if !maps.Equal(got.Threads, want) || got.Version != c.Version {
		t.Errorf("threads %v at version %d, want %v at %d", got.Threads, got.Version, want, c.Version)
	}
	ch := Note(c, Agent, "stale copy without threads", Day(1))
	if after := MustApply(t, s, ch); !maps.Equal(after.Threads, want) {
		t.Errorf("threads %v after Apply, want %v", after.Threads, want)
	}
	WantCode(t, s.SetThread(ctx, "C-2026-0404", "slack", "C1/1.1"), cases.ENOTFOUND)
}

// testGlobalNotices: a notice about no case is kept once by ID, even after
// delivery; leased one owner at a time; deferred; done by its owner only.
func testGlobalNotices(t *testing.T, open Open) {
	s := open(t)
	ctx := context.Background()
	digest := cases.Notice{ID: "digest|slack|2026-03-02", Kind: cases.NoticeDigest, To: cases.ToManagers, Platform: "slack",
		Due: T0, Created: T0, NextTry: T0}
	for i, want := range []bool{true, false} {
		if kept, err := s.PutNotice(ctx, digest); err != nil || kept != want {
			t.Fatalf("put %d: kept %v, %v; want %v", i+1, kept, err, want)
		}
	}
	lease := func(now time.Time, owner string) []cases.Notice {
		t.Helper()
		ns, err := s.LeaseGlobalNotices(ctx, now, now.Add(time.Minute), owner, 10)
		if err != nil {
			t.Fatal(err)
		}
		return ns
	}
	if got := lease(T0.Add(-time.Millisecond), Owner1); len(got) != 0 {
		t.Errorf("leased %v before it was due", got)
	}
	if got := lease(T0, Owner1); len(got) != 1 || got[0] != digest {
		t.Fatalf("leased %+v, want the digest", got)
	}
	if got := lease(T0.Add(time.Second), Owner2); len(got) != 0 {
		t.Errorf("owner 2 leased %v under owner 1's live lease", got)
	}
	WantCode(t, s.DeferNotice(ctx, "", digest.ID, Owner2, Day(1), 1), cases.ECONFLICT)
	if err := s.DeferNotice(ctx, "", digest.ID, Owner1, T0.Add(time.Hour), 1); err != nil {
		t.Fatal(err)
	}
	if got := lease(T0.Add(2*time.Minute), Owner2); len(got) != 0 {
		t.Errorf("leased %v before its next try", got)
	}
	got := lease(T0.Add(time.Hour), Owner2)
	if len(got) != 1 || got[0].Attempts != 1 || !got[0].NextTry.Equal(T0.Add(time.Hour)) {
		t.Fatalf("leased %+v, want the digest with 1 attempt", got)
	}
	WantCode(t, s.DoneNotice(ctx, "", digest.ID, Owner1), cases.ECONFLICT)
	if err := s.DoneNotice(ctx, "", digest.ID, Owner2); err != nil {
		t.Fatal(err)
	}
	if got := lease(Day(9), Owner3); len(got) != 0 {
		t.Errorf("leased %v after delivery", got)
	}
	if kept, err := s.PutNotice(ctx, digest); err != nil || kept {
		t.Errorf("put after delivery: kept %v, %v; want it refused", kept, err)
	}
}

// testOutboxStats counts the pending notices, of cases and not, and finds
// the oldest.
func testOutboxStats(t *testing.T, open Open) {
	s := open(t)
	ctx := context.Background()
	if st, err := s.OutboxStats(ctx); err != nil || st != (cases.OutboxStats{}) {
		t.Errorf("empty outbox: %+v, %v", st, err)
	}
	c := MinimalCase("C-2026-0001")
	c.Notices = []cases.Notice{Notice("a", Day(2)), Notice("b", Day(3))}
	MustCreate(t, s, c)
	if _, err := s.PutNotice(ctx, cases.Notice{ID: "digest", Kind: cases.NoticeDigest, Created: Day(1), NextTry: Day(1)}); err != nil {
		t.Fatal(err)
	}
	st, err := s.OutboxStats(ctx)
	if err != nil || st.Pending != 3 || !st.Oldest.Equal(Day(1)) {
		t.Errorf("outbox %+v, %v; want 3 pending, the oldest written on day 1", st, err)
	}
}

// testWaking: the cases whose wake-up time has come, at or before now, in
// ID order, in batches; cases that never wake are not among them.
func testWaking(t *testing.T, open Open) {
	s := open(t)
	ctx := context.Background()
	wakes := []time.Time{Day(1), T0, Day(-1), {}, Day(1).Add(time.Millisecond), Day(-2)}
	for i, w := range wakes {
		c := MinimalCase(fmt.Sprintf("C-2026-%04d", i+1))
		c.Wake = w
		MustCreate(t, s, c)
	}
	var got []string
	for after := ""; ; {
		batch, err := s.Waking(ctx, Day(1), after, 2)
		if err != nil {
			t.Fatal(err)
		}
		if len(batch) == 0 {
			break
		}
		got = append(got, leased(batch)...)
		after = batch[len(batch)-1].ID
	}
	want := []string{"C-2026-0001", "C-2026-0002", "C-2026-0003", "C-2026-0006"}
	if !slices.Equal(got, want) {
		t.Errorf("waking at day 1: %q, want %q", got, want)
	}
	woken := MustGet(t, s, "C-2026-0001")
	ch := Note(woken, Agent, "", Day(1))
	ch.Case.Wake = time.Time{}
	MustApply(t, s, ch)
	if batch, err := s.Waking(ctx, Day(9), "", 10); err != nil || slices.Contains(leased(batch), woken.ID) {
		t.Errorf("a case that no longer wakes was found waking: %q, %v", leased(batch), err)
	}
}

// testLimitZero: a limit of 0 returns, and leases, nothing, as "at most
// limit" says; MongoDB alone would read it as no limit.
func testLimitZero(t *testing.T, open Open) {
	s := open(t)
	ctx := context.Background()
	c := MinimalCase("C-2026-0001")
	c.Notices, c.Wake = []cases.Notice{Notice("a", T0)}, T0
	MustCreate(t, s, c)
	digest := cases.Notice{ID: "digest|slack|2026-03-02", Kind: cases.NoticeDigest, To: cases.ToManagers, Platform: "slack",
		Due: T0, Created: T0, NextTry: T0}
	if _, err := s.PutNotice(ctx, digest); err != nil {
		t.Fatal(err)
	}
	if cs, err := s.LeaseNotices(ctx, T0, T0.Add(time.Minute), Owner1, 0); err != nil || len(cs) != 0 {
		t.Errorf("LeaseNotices with limit 0 = %d cases, %v; want none", len(cs), err)
	}
	if ns, err := s.LeaseGlobalNotices(ctx, T0, T0.Add(time.Minute), Owner1, 0); err != nil || len(ns) != 0 {
		t.Errorf("LeaseGlobalNotices with limit 0 = %d notices, %v; want none", len(ns), err)
	}
	if cs, err := s.Waking(ctx, T0, "", 0); err != nil || len(cs) != 0 {
		t.Errorf("Waking with limit 0 = %d cases, %v; want none", len(cs), err)
	}
	if got := MustLease(t, s, T0, Owner2); len(got) != 1 {
		t.Errorf("after the leases of none, owner 2 leased %q; want the case, which nobody holds", got)
	}
}
