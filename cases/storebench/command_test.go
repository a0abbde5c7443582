package storebench_test

import (
	"context"
	"flag"
	"log/slog"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/ombud/ombud/bot"
	"github.com/ombud/ombud/cases"
	"github.com/ombud/ombud/commands"
)

// mustHandler returns the command handler on s, as ombud wires it.
func mustHandler(b *testing.B, s cases.Store) *commands.Handler {
	b.Helper()
	svc := mustService(b, s)
	dir, err := commands.NewDirectory(commands.DirectoryConfig{Managers: "console:max"})
	if err != nil {
		b.Fatal(err)
	}
	return commands.New(svc, dir, slog.New(slog.DiscardHandler))
}

// mustHandle sends text to h as ann and fails unless it succeeds.
func mustHandle(b *testing.B, h *commands.Handler, text string) {
	resp := h.Handle(context.Background(), bot.Request{Platform: bot.PlatformConsole, UserID: "ann", UserName: "ann", Text: text})
	if resp.Reply.Error {
		b.Fatalf("/case %s: %s", text, resp.Reply.Text)
	}
}

// BenchmarkCommand compares a note end to end (parse, service, store,
// reply) with the store's part of it alone, a Get and an Apply, on the
// embedded store with 5,000 cases.
func BenchmarkCommand(b *testing.B) {
	const n = 5_000
	ids := activeIDs(n)
	b.Run("command", func(b *testing.B) {
		h := mustHandler(b, mustSQLite(b, n))
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			mustHandle(b, h, "note "+ids[i%len(ids)]+" chased the registrar")
			i++
		}
	})
	b.Run("store", func(b *testing.B) { benchGetApply(b, mustSQLite(b, n), ids) })
}

var (
	loadFor  = flag.Duration("load.for", 60*time.Second, "how long BenchmarkLoad sends commands")
	loadRate = flag.Int("load.rate", 200, "commands per second BenchmarkLoad sends")
)

// BenchmarkLoad sends -load.rate commands a second for -load.for to the
// embedded store with 5,000 cases, on schedule whether or not earlier ones
// are done, and reports the latency percentiles, each counted from when
// the command was due: six in ten are notes, three show a case, one lists
// the sender's cases. It runs once, whatever -benchtime says.
func BenchmarkLoad(b *testing.B) {
	const n = 5_000
	h := mustHandler(b, mustSQLite(b, n))
	ids := activeIDs(n)
	texts := func(r *rand.Rand) string {
		id := ids[r.IntN(len(ids))]
		switch k := r.IntN(10); {
		case k < 6:
			return "note " + id + " chased the registrar"
		case k < 9:
			return "show " + id
		default:
			return "list mine"
		}
	}
	var (
		mu        sync.Mutex
		latencies []time.Duration
		failed    int
		wg        sync.WaitGroup
	)
	r := rand.New(rand.NewPCG(1, 2))
	interval := time.Second / time.Duration(*loadRate)
	b.ResetTimer()
	start := time.Now()
	for due := start; due.Before(start.Add(*loadFor)); due = due.Add(interval) {
		time.Sleep(time.Until(due))
		text := texts(r)
		wg.Go(func() {
			resp := h.Handle(context.Background(), bot.Request{Platform: bot.PlatformConsole, UserID: "ann", UserName: "ann", Text: text})
			took := time.Since(due)
			mu.Lock()
			latencies = append(latencies, took)
			if resp.Reply.Error {
				failed++
			}
			mu.Unlock()
		})
	}
	wg.Wait()
	slices.Sort(latencies)
	at := func(p float64) float64 {
		return float64(latencies[min(len(latencies)-1, int(p*float64(len(latencies))))]) / float64(time.Millisecond)
	}
	b.ReportMetric(at(0.50), "p50-ms")
	b.ReportMetric(at(0.99), "p99-ms")
	b.ReportMetric(at(0.999), "p99.9-ms")
	b.ReportMetric(float64(latencies[len(latencies)-1])/float64(time.Millisecond), "max-ms")
	b.ReportMetric(float64(len(latencies))/time.Since(start).Seconds(), "commands/s")
	b.ReportMetric(float64(failed), "failed")
	b.Logf("%d commands in %s", len(latencies), time.Since(start).Round(time.Millisecond))
}
