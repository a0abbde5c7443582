package storetest

import (
	"bytes"
	"context"
	"sync"
	"testing"
	"time"

	"github.com/ombud/ombud/cases"
)

func testRoundTrip(t *testing.T, open Open) {
	s := open(t)
	for _, want := range []*cases.Case{FullCase("C-2026-0001"), MinimalCase("C-2026-0002")} {
		MustCreate(t, s, want)
		DiffCase(t, MustGet(t, s, want.ID), want)
	}
}

// testTimesInMilliseconds stores times finer than a millisecond and in
// another zone: every store gives them back cut to the millisecond, in UTC.
func testTimesInMilliseconds(t *testing.T, open Open) {
	s := open(t)
	oslo := time.FixedZone("CET", 3600)
	c := MinimalCase("C-2026-0001")
	c.ReceivedAt = time.Date(2026, 3, 2, 10, 30, 0, 125_999_999, oslo)
	c.Deadlines = []cases.Deadline{{Kind: cases.DeadlineAnswer, Start: c.ReceivedAt, Due: c.ReceivedAt.Add(time.Hour)}}
	MustCreate(t, s, c)
	got := MustGet(t, s, c.ID)
	if want := T0; got.ReceivedAt != want || got.Deadlines[0].Start != want {
		t.Errorf("received %v, start %v; want %v", got.ReceivedAt, got.Deadlines[0].Start, want)
	}
	if want := T0.Add(time.Hour); got.Deadlines[0].Due != want {
		t.Errorf("due %v, want %v", got.Deadlines[0].Due, want)
	}
}

// testEmptySlices stores empty lists: they come back as nil, as from a case
// that never had them.
func testEmptySlices(t *testing.T, open Open) {
	s := open(t)
	c := MinimalCase("C-2026-0001")
	c.Involved, c.Deadlines, c.Timeline = []cases.Involvement{}, []cases.Deadline{}, []cases.Event{}
	c.Resolution.ExternalBodies = []string{}
	MustCreate(t, s, c)
	DiffCase(t, MustGet(t, s, c.ID), MinimalCase(c.ID))
}

func testCreateDuplicate(t *testing.T, open Open) {
	s := open(t)
	first := MinimalCase("C-2026-0001")
	MustCreate(t, s, first)
	err := s.Create(context.Background(), FullCase("C-2026-0001"))
	WantCode(t, err, cases.ECONFLICT)
	DiffCase(t, MustGet(t, s, "C-2026-0001"), first)
}

func testGetMissing(t *testing.T, open Open) {
	c, err := open(t).Get(context.Background(), "C-2026-0404")
	WantCode(t, err, cases.ENOTFOUND)
	if c != nil {
		t.Errorf("Get returned %+v with ENOTFOUND", c)
	}
}

func testNextSequence(t *testing.T, open Open) {
	s := open(t)
	ctx := context.Background()
	for _, step := range []struct {
		key  string
		want int
	}{{"C-2026", 1}, {"C-2026", 2}, {"C-2027", 1}, {"C-2026", 3}, {"C-2027", 2}} {
		got, err := s.NextSequence(ctx, step.key)
		if err != nil || got != step.want {
			t.Fatalf("NextSequence(%s) = %d, %v; want %d", step.key, got, err, step.want)
		}
	}
}

// testNextSequenceConcurrent asks for 30 numbers at once: each of 1 to 30
// comes out exactly once.
func testNextSequenceConcurrent(t *testing.T, open Open) {
	s := open(t)
	const n = 30
	got := make([]int, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			seq, err := s.NextSequence(context.Background(), "C-2026")
			if err != nil {
				t.Errorf("NextSequence: %v", err)
			}
			got[i] = seq
		})
	}
	wg.Wait()
	seen := map[int]bool{}
	for _, seq := range got {
		if seen[seq] || seq < 1 || seq > n {
			t.Fatalf("sequences %v are not 1..%d once each", got, n)
		}
		seen[seq] = true
	}
}

// testPolicies keeps policy snapshots: byte for byte, the first put of each
// Ref, and ENOTFOUND for a Ref never put.
func testPolicies(t *testing.T, open Open) {
	s := open(t)
	ctx := context.Background()
	a := cases.PolicySnapshot{Ref: "sha256:aaaa", Name: "standard", Data: []byte(`{"Name":"standard","é":"\u00e9\n"}`)}
	b := cases.PolicySnapshot{Ref: "sha256:bbbb", Name: "standard", Data: []byte(`{"Name":"standard","v":2}`)}
	again := cases.PolicySnapshot{Ref: a.Ref, Name: "other", Data: []byte(`{"Name":"other"}`)} // a Ref kept already: changes nothing
	for _, p := range []cases.PolicySnapshot{a, b, again} {
		if err := s.PutPolicy(ctx, p); err != nil {
			t.Fatalf("PutPolicy(%s): %v", p.Ref, err)
		}
	}
	for _, want := range []cases.PolicySnapshot{a, b} {
		got, err := s.GetPolicy(ctx, want.Ref)
		if err != nil || got.Ref != want.Ref || got.Name != want.Name || !bytes.Equal(got.Data, want.Data) {
			t.Errorf("GetPolicy(%s) = %+v, %v; want %+v", want.Ref, got, err, want)
		}
	}
	_, err := s.GetPolicy(ctx, "sha256:cccc")
	WantCode(t, err, cases.ENOTFOUND)
}

func testPing(t *testing.T, open Open) {
	if err := open(t).Ping(context.Background()); err != nil {
		t.Errorf("Ping = %v", err)
	}
}
