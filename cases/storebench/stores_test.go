package storebench_test

import (
	"context"
	"flag"
	"fmt"
	"os"
	"slices"
	"testing"

	"github.com/ombud/ombud/cases"
	"github.com/ombud/ombud/cases/mongostore/mongotest"
	"github.com/ombud/ombud/cases/storetest"
)

// maxCases caps the sizes benchmarked, for a quick run.
var maxCases = flag.Int("cases", 100_000, "benchmark stores of at most this many cases")

// target is a store the benchmarks run on, at the sizes it can take.
type target struct {
	name  string
	sizes []int
	open  func(b *testing.B, n int) cases.Store // a store holding n bench cases
}

// targets returns the stores to compare: SQLite, FerretDB (which needs
// seconds per change at a few thousand cases, so it stops at 1,000), and
// the MongoDB named by OMBUD_TEST_MONGODB_URI, if any.
func targets() []target {
	all := []int{100, 10_000, 100_000}
	fromServer := func(srv *mongotest.Server) func(*testing.B, int) cases.Store {
		return func(b *testing.B, n int) cases.Store {
			s := srv.MustStore(b)
			mustCreateAll(b, s, n)
			return s
		}
	}
	ts := []target{{"sqlite", all, func(b *testing.B, n int) cases.Store { return mustSQLite(b, n) }}}
	for _, srv := range mongotest.Servers() {
		sizes := all
		if srv.Name == "ferretdb" {
			sizes = []int{100, 1_000}
		}
		ts = append(ts, target{srv.Name, sizes, fromServer(srv)})
	}
	return ts
}

// each runs bench on every target at every size up to -cases.
func each(b *testing.B, bench func(b *testing.B, s cases.Store, n int)) {
	for _, t := range targets() {
		for _, n := range t.sizes {
			if n > *maxCases {
				continue
			}
			b.Run(fmt.Sprintf("%s/%d", t.name, n), func(b *testing.B) { bench(b, t.open(b, n), n) })
		}
	}
}

// activeIDs returns the IDs of the open cases of n.
func activeIDs(n int) []string {
	var ids []string
	for i := max(0, n-active); i < n; i++ {
		ids = append(ids, id(i))
	}
	return ids
}

// BenchmarkListOpen lists the open cases, the first 51 of them as list
// does.
func BenchmarkListOpen(b *testing.B) {
	open := slices.DeleteFunc(slices.Clone(cases.Statuses), func(st cases.Status) bool { return !st.Active() })
	each(b, func(b *testing.B, s cases.Store, n int) {
		benchList(b, s, cases.Query{Statuses: open, Limit: 51})
	})
}

// BenchmarkListOverdue lists every open case past its due time.
func BenchmarkListOverdue(b *testing.B) {
	open := slices.DeleteFunc(slices.Clone(cases.Statuses), func(st cases.Status) bool { return !st.Active() })
	each(b, func(b *testing.B, s cases.Store, n int) {
		benchList(b, s, cases.Query{Statuses: open, DueBefore: now})
	})
}

// benchList lists q, reporting how many cases it returns.
func benchList(b *testing.B, s cases.Store, q cases.Query) {
	b.ReportAllocs()
	var got int
	for b.Loop() {
		list, err := s.List(context.Background(), q)
		if err != nil {
			b.Fatal(err)
		}
		got = len(list)
	}
	b.ReportMetric(float64(got), "cases")
}

// BenchmarkSummary has a manager ask for the summary of the last 30 days.
func BenchmarkSummary(b *testing.B) {
	manager := cases.Actor{Person: cases.Person{Key: "console:max", Name: "max"}, Role: cases.RoleManager}
	each(b, func(b *testing.B, s cases.Store, n int) {
		svc := mustService(b, s)
		b.ReportAllocs()
		var sum *cases.Summary
		for b.Loop() {
			var err error
			if sum, err = svc.Summary(context.Background(), manager, cases.SummaryQuery{From: now.AddDate(0, 0, -30), To: now}); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(sum.Received), "cases")
	})
}

// BenchmarkGetApply reads an open case and notes on it: the read and the
// write every command makes. It comes after the benchmarks that only read,
// as its notes lengthen the timelines of the seeded cases they share.
func BenchmarkGetApply(b *testing.B) {
	each(b, func(b *testing.B, s cases.Store, n int) {
		benchGetApply(b, s, activeIDs(n))
	})
}

// benchGetApply reads each of ids in turn and notes on it.
func benchGetApply(b *testing.B, s cases.Store, ids []string) {
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		c, err := s.Get(context.Background(), ids[i%len(ids)])
		if err == nil {
			_, err = s.Apply(context.Background(), storetest.Note(c, ann, "chased the registrar", now))
		}
		if err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// TestMain starts the servers of the MongoDB store when benchmarks run, and
// removes the seeded databases when they are done.
func TestMain(m *testing.M) {
	flag.Parse()
	code := 0
	if f := flag.Lookup("test.bench"); f != nil && f.Value.String() != "" {
		code = mongotest.Main(m)
	} else {
		code = m.Run()
	}
	if seedDir != "" {
		os.RemoveAll(seedDir)
	}
	os.Exit(code)
}
