package mongostore_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/ombud/ombud/cases"
	"github.com/ombud/ombud/cases/mongostore"
	"github.com/ombud/ombud/cases/mongostore/mongotest"
)

// benchCases is how many cases the benchmarks keep in the collection, a
// small team's open workload; they take turns, so that no timeline grows
// long.
const benchCases = 100

// mustSeed stores benchCases fully populated cases and returns them.
func mustSeed(b *testing.B, s *mongostore.Store) []*cases.Case {
	b.Helper()
	seeded := make([]*cases.Case, benchCases)
	for i := range seeded {
		seeded[i] = fullCase(fmt.Sprintf("C-2026-%04d", i+1))
		MustCreate(b, s, seeded[i])
	}
	return seeded
}

func BenchmarkGet(b *testing.B) {
	s := mongotest.MustStore(b)
	seeded := mustSeed(b, s)
	ctx := context.Background()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, err := s.Get(ctx, seeded[i%benchCases].ID); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

func BenchmarkApply(b *testing.B) {
	s := mongotest.MustStore(b)
	seeded := mustSeed(b, s)
	ctx := context.Background()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		cur := seeded[i%benchCases]
		next := cur.Clone()
		next.Version++
		ev := cases.Event{At: day(7), Actor: agent, Tier: cur.Tier, Action: cases.ActionNote, Status: cur.Status, Text: "chased"}
		if _, err := s.Apply(ctx, cases.Change{Case: next, Event: ev, ExpectVersion: cur.Version,
			ExpectStatus: cur.Status, NotInvolved: []string{cases.InvolvementKey(1, cases.TierFrontline, senior.Key)}}); err != nil {
			b.Fatal(err)
		}
		seeded[i%benchCases] = next
		i++
	}
}
