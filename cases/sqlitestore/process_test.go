package sqlitestore_test

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ombud/ombud/cases"
	"github.com/ombud/ombud/cases/sqlitestore"
	"github.com/ombud/ombud/cases/sqlitestore/sqlitetest"
	"github.com/ombud/ombud/cases/storetest"
)

// The tests below run this test binary again as child processes that
// work on one database: OMBUD_TEST_CHILD says what to do, and
// OMBUD_TEST_DB where.

// TestChild is what a child process runs; in the parent it does nothing.
func TestChild(t *testing.T) {
	role, path := os.Getenv("OMBUD_TEST_CHILD"), os.Getenv("OMBUD_TEST_DB")
	if role == "" {
		t.Skip("runs only as a child process of the tests below")
	}
	s, err := sqlitestore.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	switch role {
	case "writer":
		for range 25 {
			seq, err := s.NextSequence(ctx, "C-2026")
			if err != nil {
				t.Fatal(err)
			}
			fmt.Println("seq", seq)
			mustNote(t, s, "from "+strconv.Itoa(os.Getpid()))
		}
	case "crasher":
		for {
			c := mustNote(t, s, "")
			fmt.Println("applied", c.Version)
		}
	}
}

// mustNote notes text on case C-2026-0001, again on the case as it is
// when another change lands first; with no text, it writes the case's new
// version into its description, a long one, and into the note.
func mustNote(t *testing.T, s *sqlitestore.Store, text string) *cases.Case {
	cur := storetest.MustGet(t, s, "C-2026-0001")
	for {
		ch := storetest.Note(cur, storetest.Agent, text, storetest.T0)
		if text == "" {
			ch.Case.Description = versionText(ch.Case.Version)
			ch.Event.Text = ch.Case.Description[:10]
		}
		got, err := s.Apply(ctx, ch)
		switch {
		case err == nil:
			return got
		case cases.ErrorCode(err) == cases.ECONFLICT && got != nil:
			cur = got
		default:
			t.Fatal(err)
		}
	}
}

// versionText is the description the crasher writes at version v: long
// enough that a write spans many pages.
func versionText(v int) string { return strings.Repeat(fmt.Sprintf("%09d ", v), 5_000) }

// startChild starts this test binary as a child doing role on the database
// at path, and returns it with its standard output.
func startChild(t *testing.T, role, path string) (*exec.Cmd, *bufio.Scanner) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestChild$", "-test.v=false")
	cmd.Env = append(os.Environ(), "OMBUD_TEST_CHILD="+role, "OMBUD_TEST_DB="+path)
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd, bufio.NewScanner(out)
}

// mustSeed creates the database at a new path with case C-2026-0001, at
// version 1 with one event.
func mustSeed(t *testing.T) string {
	s := sqlitetest.MustStore(t)
	c := storetest.MinimalCase("C-2026-0001")
	c.Description = versionText(1)
	c.Timeline = []cases.Event{{At: storetest.T0, Actor: storetest.Agent, Tier: cases.TierFrontline, Action: cases.ActionOpen, Status: c.Status}}
	storetest.MustCreate(t, s, c)
	return s.Path()
}

// TestTwoProcesses has two processes change one case and draw numbers from
// one counter at once: every change lands, in turn, and every number is
// drawn once.
func TestTwoProcesses(t *testing.T) {
	path := mustSeed(t)
	var (
		mu   sync.Mutex
		seqs []int
		wg   sync.WaitGroup
	)
	for range 2 {
		cmd, out := startChild(t, "writer", path)
		wg.Go(func() {
			for out.Scan() {
				if n, ok := strings.CutPrefix(out.Text(), "seq "); ok {
					seq, _ := strconv.Atoi(n)
					mu.Lock()
					seqs = append(seqs, seq)
					mu.Unlock()
				}
			}
			if err := cmd.Wait(); err != nil {
				t.Errorf("child: %v", err)
			}
		})
	}
	wg.Wait()
	slices.Sort(seqs)
	if len(seqs) != 50 || seqs[0] != 1 || seqs[49] != 50 || len(slices.Compact(seqs)) != 50 {
		t.Errorf("the children drew %d numbers, not 1 to 50 once each: %v", len(seqs), seqs)
	}
	got := storetest.MustGet(t, sqlitetest.MustOpen(t, path), "C-2026-0001")
	if got.Version != 51 || len(got.Timeline) != 51 {
		t.Errorf("the case is at version %d with %d events, want 51 and 51", got.Version, len(got.Timeline))
	}
}

// TestCrashDuringWrite kills a process that writes one case as fast as it
// can, six times, each at a random moment: the case it leaves is always one
// whole version, the last one it reported written or a later one, never a
// mix. (Nothing here waits for anything to happen in time: wherever the
// kill lands, the outcome must be the same.)
func TestCrashDuringWrite(t *testing.T) {
	path := mustSeed(t)
	last := 1
	for round := range 6 {
		cmd, out := startChild(t, "crasher", path)
		for n := 0; n <= round && out.Scan(); n++ {
			v, _ := strconv.Atoi(strings.TrimPrefix(out.Text(), "applied "))
			last = max(last, v)
		}
		time.AfterFunc(rand.N(5*time.Millisecond), func() { _ = cmd.Process.Kill() })
		for out.Scan() {
			v, _ := strconv.Atoi(strings.TrimPrefix(out.Text(), "applied "))
			last = max(last, v)
		}
		if err := cmd.Wait(); err == nil {
			t.Fatal("the child ended by itself")
		}

		if got := mustQuery(t, path, "PRAGMA integrity_check"); !slices.Equal(got, []string{"ok"}) {
			t.Fatalf("round %d: integrity check: %v", round, got)
		}
		c := storetest.MustGet(t, sqlitetest.MustOpen(t, path), "C-2026-0001")
		if c.Version < last || len(c.Timeline) != c.Version || c.Description != versionText(c.Version) ||
			(c.Version > 1 && c.Timeline[c.Version-1].Text != versionText(c.Version)[:10]) {
			t.Fatalf("round %d: after a crash the case is at version %d with %d events and a description of version %.9s; "+
				"want one whole version, %d or later", round, c.Version, len(c.Timeline), c.Description, last)
		}
		last = c.Version
	}
}
