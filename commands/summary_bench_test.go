package commands_test

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ombud/ombud/cases"
	"github.com/ombud/ombud/cases/casetest"
	"github.com/ombud/ombud/cases/period"
	"github.com/ombud/ombud/cases/policyfile"
	"github.com/ombud/ombud/cases/register"
	"github.com/ombud/ombud/cases/sqlitestore"
	"github.com/ombud/ombud/cases/sqlitestore/sqlitetest"
	"github.com/ombud/ombud/commands"
	"github.com/ombud/ombud/commands/chart"
)

var deskSizes = flag.String("desk", "1000", "how many cases BenchmarkManager stores, comma-separated sizes, such as 1000,10000,100000")

// manager is who sums up in the benchmarks.
var manager = cases.Actor{Person: cases.Person{Key: "console:max", Name: "max"}, Role: cases.RoleManager}

// BenchmarkManager builds a year of a desk's work in the embedded store
// at each size of -desk and times what a manager asks of it: the summary of
// the year, which holds every case, and of one month; the year's chart (the
// weekly trend and the PNG); and the register of the year as CSV.
func BenchmarkManager(b *testing.B) {
	for _, size := range strings.Split(*deskSizes, ",") {
		n, err := strconv.Atoi(size)
		if err != nil {
			b.Fatalf("-desk %q: %v", *deskSizes, err)
		}
		b.Run(fmt.Sprintf("cases=%d", n), func(b *testing.B) { benchmarkDesk(b, n) })
	}
}

func benchmarkDesk(b *testing.B, n int) {
	p, err := policyfile.Load("standard")
	if err != nil {
		b.Fatal(err)
	}
	clock := casetest.NewClock(casetest.DeskStart)
	store := sqlitetest.MustStore(b)
	svc, err := cases.NewService(cases.Config{Store: store, Policy: p, Now: clock.Now})
	if err != nil {
		b.Fatal(err)
	}
	built := time.Now()
	casetest.MustDesk(b, svc, clock, n, func(cs []*cases.Case) error {
		return store.Import(context.Background(), sqlitestore.Batch{Cases: cs})
	})
	b.Logf("built %d cases in %s", n, time.Since(built).Round(time.Millisecond))
	year, err := period.Parse("2026-01-01..2026-12-31", clock.Now())
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	month, err := period.Parse("2026-06", clock.Now())
	if err != nil {
		b.Fatal(err)
	}
	for _, p := range []struct {
		name string
		p    period.Period
	}{{"summary-year", year}, {"summary-month", month}} {
		b.Run(p.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := svc.Summary(ctx, manager, cases.SummaryQuery{From: p.p.From, To: p.p.To}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	b.Run("chart", func(b *testing.B) {
		for b.Loop() {
			buckets, err := svc.Trend(ctx, manager, year.From, year.To, false)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := chart.Render("2026", buckets, false); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("export", func(b *testing.B) {
		for b.Loop() {
			w, err := register.NewWriter(io.Discard, register.CSV, false)
			if err != nil {
				b.Fatal(err)
			}
			if err := commands.WriteRegister(ctx, svc, manager, cases.Query{ReceivedFrom: year.From, ReceivedTo: year.To}, w); err != nil {
				b.Fatal(err)
			}
			if w.Rows() != n {
				b.Fatalf("exported %d cases, want %d", w.Rows(), n)
			}
		}
	})
}
