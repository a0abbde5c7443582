package scheduler_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ombud/ombud/cases"
	"github.com/ombud/ombud/cases/casetest"
	"github.com/ombud/ombud/cases/mongostore/mongotest"
	"github.com/ombud/ombud/cases/sqlitestore/sqlitetest"
	"github.com/ombud/ombud/scheduler"
)

func TestMain(m *testing.M) { os.Exit(mongotest.Main(m)) }

// journal is a store that notes, per case, the notices each write that
// succeeded appended, with the version it wrote, so that a test knows the
// order in which notices were written.
type journal struct {
	cases.Store
	log *writes // shared by the journals of every process
}

// writes are the writes the journals noted, by case.
type writes struct {
	mu sync.Mutex
	by map[string][]written
}

// written is the notices one write of a case appended.
type written struct {
	version int
	notices []string
}

// Create implements cases.Store.
func (j *journal) Create(ctx context.Context, c *cases.Case) error {
	err := j.Store.Create(ctx, c)
	if err == nil {
		j.note(c.ID, c.Version, c.Notices)
	}
	return err
}

// Apply implements cases.Store.
func (j *journal) Apply(ctx context.Context, ch cases.Change) (*cases.Case, error) {
	c, err := j.Store.Apply(ctx, ch)
	if err == nil {
		j.note(c.ID, c.Version, ch.Notices)
	}
	return c, err
}

// note notes that version of case id appended notices.
func (j *journal) note(id string, version int, notices []cases.Notice) {
	j.log.mu.Lock()
	defer j.log.mu.Unlock()
	if j.log.by == nil {
		j.log.by = map[string][]written{}
	}
	var ids []string
	for _, n := range notices {
		ids = append(ids, id+"/"+n.ID)
	}
	j.log.by[id] = append(j.log.by[id], written{version, ids})
}

// order returns every notice written, by case, in the order written.
func (l *writes) order() map[string][]string {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := map[string][]string{}
	for id, ws := range l.by {
		ws = slices.Clone(ws)
		sort.Slice(ws, func(a, b int) bool { return ws[a].version < ws[b].version })
		for _, w := range ws {
			out[id] = append(out[id], w.notices...)
		}
	}
	return out
}

// handles returns, per store the tests run on, three handles of their own
// on one database, as three ombud processes have.
func handles(t *testing.T) map[string][]cases.Store {
	path := filepath.Join(t.TempDir(), "ombud.db")
	out := map[string][]cases.Store{"sqlite": {sqlitetest.MustOpen(t, path), sqlitetest.MustOpen(t, path), sqlitetest.MustOpen(t, path)}}
	for _, s := range mongotest.Servers() {
		for _, st := range s.MustStores(t, 3) {
			out[s.Name] = append(out[s.Name], st)
		}
	}
	return out
}

// TestThreeProcesses runs three ombud processes, each with its own handle
// on one store, sweeping and delivering at once while the clock moves on:
// every notification is delivered exactly once, in the order written per
// case, and nothing is left.
func TestThreeProcesses(t *testing.T) {
	for name, stores := range handles(t) {
		t.Run(name, func(t *testing.T) {
			clock := casetest.NewClock(time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC))
			log := &writes{}
			w := MustWorld(t, &journal{Store: stores[0], log: log}, "standard", clock.Now)
			type process struct {
				d *scheduler.Dispatcher
				s *scheduler.Sweeper
			}
			procs := []process{{w.disp, w.sweep}}
			for i, st := range stores[1:] {
				d, s := w.another(&journal{Store: st, log: log}, fmt.Sprintf("ombud-%d", i+2))
				procs = append(procs, process{d, s})
			}
			var ids []string
			n := 8
			if name != "sqlite" {
				n = 4
			}
			for i := range n {
				c, err := w.svc.Open(context.Background(), w.dir.Lookup("console", "ann", "ann", nil),
					cases.OpenInput{Description: "Charged twice", Complainant: cases.Complainant{Name: "Kari"},
						ReceivedAt: clock.Now().AddDate(0, 0, -i-1), Origin: cases.Origin{Platform: "console", ChannelID: "console"}})
				if err != nil {
					t.Fatal(err)
				}
				ids = append(ids, c.ID)
				if i%2 == 0 { // escalated: the seniors are asked to claim it in turn
					w.do("ann", "answer "+c.ID+" refunded")
					w.do("ann", "escalate "+c.ID+` reason:"not refunded"`)
				}
			}
			for range 10 {
				clock.Advance(30 * time.Minute)
				var wg sync.WaitGroup
				for _, p := range procs {
					wg.Go(func() {
						if _, err := p.s.Sweep(context.Background()); err != nil {
							t.Error(err)
						}
						if _, err := p.d.Poll(context.Background()); err != nil {
							t.Error(err)
						}
					})
				}
				wg.Wait()
			}
			checkOnce(t, w, log.order(), ids)
		})
	}
}

// checkOnce fails the test unless the world's platforms took each notice
// written exactly once, and those of each case in the order written.
func checkOnce(t *testing.T, w *world, want map[string][]string, ids []string) {
	t.Helper()
	got := w.delivered()
	total := 0
	for _, id := range ids {
		total += len(want[id])
		if !slices.Equal(got[id], want[id]) {
			t.Errorf("%s: delivered\n%s\nwant, in the order written,\n%s", id, strings.Join(got[id], "\n"), strings.Join(want[id], "\n"))
		}
	}
	if total < 5*len(ids) { // headers, copies, escalations, breaches, reminders, claim requests
		t.Errorf("only %d notices written for %d cases; the test does not test much", total, len(ids))
	}
	if left := w.pending(ids...); len(left) != 0 {
		t.Errorf("still pending: %v", left)
	}
}
