package mongostore_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/ombud/ombud/cases"
	"github.com/ombud/ombud/cases/mongostore"
	"github.com/ombud/ombud/cases/mongostore/mongotest"
)

func TestRoundTrip(t *testing.T) {
	s := mongotest.MustStore(t)
	for _, want := range []*cases.Case{fullCase("C-2026-0001"), minimalCase("C-2026-0002")} {
		t.Run(want.ID, func(t *testing.T) {
			MustCreate(t, s, want)
			diffCase(t, MustGet(t, s, want.ID), want)
		})
	}
}

func TestCreateDuplicate(t *testing.T) {
	s := mongotest.MustStore(t)
	MustCreate(t, s, minimalCase("C-2026-0001"))
	err := s.Create(context.Background(), fullCase("C-2026-0001"))
	wantCode(t, err, cases.ECONFLICT)
	if got := MustGet(t, s, "C-2026-0001"); got.Kind != cases.KindFeedback {
		t.Errorf("duplicate create overwrote the case: kind %s", got.Kind)
	}
}

func TestGetMissing(t *testing.T) {
	_, err := mongotest.MustStore(t).Get(context.Background(), "C-2026-0404")
	wantCode(t, err, cases.ENOTFOUND)
}

func TestNextSequence(t *testing.T) {
	s := mongotest.MustStore(t)
	ctx := context.Background()
	for _, step := range []struct {
		key  string
		want int
	}{{"case:2026", 1}, {"case:2026", 2}, {"case:2027", 1}, {"case:2026", 3}, {"case:2027", 2}} {
		got, err := s.NextSequence(ctx, step.key)
		if err != nil || got != step.want {
			t.Fatalf("NextSequence(%s) = %d, %v; want %d", step.key, got, err, step.want)
		}
	}
}

func TestNextSequenceConcurrent(t *testing.T) {
	s := mongotest.MustStore(t)
	const n = 30
	got := make([]int, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			seq, err := s.NextSequence(context.Background(), "case:2026")
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

// TestEmbeddedSurvivesRestart checks that what the embedded store was told
// before a restart, a created case, a change to it and a counter, is there
// after it.
func TestEmbeddedSurvivesRestart(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	c := fullCase("C-2026-0042")
	ch := claim(c, senior)
	want := ch.Case.Clone()
	want.Timeline = append(c.Clone().Timeline, ch.Event)
	withEmbedded(t, dir, func(s *mongostore.Store) {
		MustCreate(t, s, c)
		if seq, err := s.NextSequence(ctx, "case:2026"); err != nil || seq != 1 {
			t.Fatalf("NextSequence = %d, %v; want 1", seq, err)
		}
		if _, err := s.Apply(ctx, ch); err != nil {
			t.Fatalf("Apply: %v", err)
		}
	})
	withEmbedded(t, dir, func(s *mongostore.Store) {
		got := MustGet(t, s, c.ID)
		if got.Version != c.Version+1 || len(got.Timeline) != len(c.Timeline)+1 {
			t.Errorf("after restart: version %d, %d events; want %d, %d",
				got.Version, len(got.Timeline), c.Version+1, len(c.Timeline)+1)
		}
		diffCase(t, got, want)
		if seq, err := s.NextSequence(ctx, "case:2026"); err != nil || seq != 2 {
			t.Errorf("NextSequence after restart = %d, %v; want 2", seq, err)
		}
	})
}

// withEmbedded starts an embedded FerretDB on dir, calls f with a Store on
// it, and stops both, the Store first.
func withEmbedded(t *testing.T, dir string, f func(*mongostore.Store)) {
	t.Helper()
	ctx := context.Background()
	e, err := mongostore.StartEmbedded(ctx, dir, mongotest.Quiet())
	if err != nil {
		t.Fatalf("start embedded: %v", err)
	}
	defer e.Close()
	s, err := mongostore.Open(ctx, e.URI(), "ombud", mongotest.Quiet())
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	defer func() {
		if err := s.Close(ctx); err != nil {
			t.Errorf("close: %v", err)
		}
	}()
	f(s)
}

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
	want := []string{"_id:1", "figures.closed_at:1", "figures.obligation_due:1", "next_due:1", "no_due:1,next_due:1,_id:1", "people:1", "received_at:1", "status:1"}
	if !slices.Equal(got, want) {
		t.Errorf("indexes %q, want %q", got, want)
	}
}
