package sqlitestore

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ombud/ombud/cases"
	"github.com/ombud/ombud/cases/storetest"
)

// BenchmarkTimelineLayout measures a note on a case whose timeline already
// holds 10, 100 or 1,000 events, in the layout this store has (the event
// appended to a table of its own) and in the one it does not (the timeline
// inside the case's document, so that every change rewrites it whole).
func BenchmarkTimelineLayout(b *testing.B) {
	for _, events := range []int{10, 100, 1000} {
		c := storetest.FullCase("C-2026-0001")
		for len(c.Timeline) < events {
			c.Timeline = append(c.Timeline, cases.Event{At: storetest.Day(len(c.Timeline)), Actor: storetest.Agent,
				Tier: c.Tier, Action: cases.ActionNote, Status: c.Status, Text: "Called the customer back and explained the renewal."})
		}
		b.Run(fmt.Sprintf("table/%d", events), func(b *testing.B) {
			s := mustBenchStore(b, c)
			cur := c
			b.ReportAllocs()
			for b.Loop() {
				var err error
				if cur, err = s.Apply(context.Background(), storetest.Note(cur, storetest.Agent, "chased", storetest.Day(9))); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(fmt.Sprintf("document/%d", events), func(b *testing.B) {
			s := mustBenchStore(b, c)
			cur := c.Clone()
			b.ReportAllocs()
			for b.Loop() {
				ch := storetest.Note(cur, storetest.Agent, "chased", storetest.Day(9))
				ch.Case.Timeline = append(cur.Timeline, ch.Event) // the whole timeline, written with the case
				cur = ch.Case
				if err := rewrite(s, cur); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// mustBenchStore returns a store holding c.
func mustBenchStore(b *testing.B, c *cases.Case) *Store {
	s, err := Open(context.Background(), filepath.Join(b.TempDir(), "ombud.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	if err := s.Create(context.Background(), c); err != nil {
		b.Fatal(err)
	}
	return s
}

// rewrite writes c, with its timeline, over its document in one
// transaction with the same conditions Apply has, as a store that keeps the
// timeline inside the document would.
func rewrite(s *Store, c *cases.Case) error {
	ctx := context.Background()
	r, err := toRow(c)
	if err != nil {
		return err
	}
	timeline, err := json.Marshal(c.Timeline)
	if err != nil {
		return err
	}
	r.doc = strings.Replace(r.doc, `"Timeline":null`, `"Timeline":`+string(timeline), 1)
	return s.inTx(ctx, func(tx *sql.Tx) error {
		_, err := update(ctx, tx, r, cases.Change{ExpectVersion: c.Version - 1, ExpectStatus: c.Status})
		if err != nil {
			return err
		}
		var doc []byte
		if _, err := tx.ExecContext(ctx, `UPDATE documents SET doc = ? WHERE id = ?`, r.doc, c.ID); err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, `SELECT doc FROM documents WHERE id = ?`, c.ID).Scan(&doc); err != nil {
			return err
		}
		got, err := (&stored{doc: doc}).decode()
		if err == nil && len(got.Timeline) != len(c.Timeline) {
			err = fmt.Errorf("read back %d events, wrote %d", len(got.Timeline), len(c.Timeline))
		}
		return err
	})
}
