package scheduler_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ombud/ombud/bot"
	"github.com/ombud/ombud/cases/casetest"
	"github.com/ombud/ombud/cases/sqlitestore/sqlitetest"
	"github.com/ombud/ombud/scheduler"
)

// flaky is a platform that refuses posts with err while err is set (only
// those only picks, when it is set), and notes when each try came.
type flaky struct {
	now  func() time.Time
	only func(bot.Post) bool
	mu   sync.Mutex
	err  error
	at   []time.Time // when each post was tried
	ok   []bot.Post  // the posts taken
}

// Name implements bot.Platform.
func (f *flaky) Name() string { return bot.PlatformConsole }

// Run implements bot.Platform.
func (f *flaky) Run(ctx context.Context, _ bot.Handler) error { <-ctx.Done(); return nil }

// Post implements bot.Platform.
func (f *flaky) Post(_ context.Context, p bot.Post) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.at = append(f.at, f.now())
	if f.err != nil && (f.only == nil || f.only(p)) {
		return f.err
	}
	f.ok = append(f.ok, p)
	return nil
}

// setErr sets the error the platform refuses with; nil takes posts.
func (f *flaky) setErr(err error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.err = err
}

// tries returns how many posts were tried.
func (f *flaky) tries() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.at)
}

// flakyWorld returns a world whose dispatcher delivers to a flaky platform,
// logging to log, and the case it opened at 09:00 with its notices pending.
func flakyWorld(t *testing.T, clock *casetest.Clock, log *bytes.Buffer, platforms ...bot.Platform) (*world, *scheduler.Dispatcher, string) {
	t.Helper()
	w := MustWorld(t, sqlitetest.MustStore(t), "standard", clock.Now)
	d := scheduler.NewDispatcher(scheduler.DispatcherConfig{Store: w.store, Render: tagged{w.h}, Platforms: platforms,
		Owner: "ombud-1", Now: clock.Now, Logger: slog.New(slog.NewTextHandler(log, nil))})
	resp := w.h.Handle(context.Background(), bot.Request{Platform: bot.PlatformConsole, UserID: "ann", UserName: "ann",
		ChannelID: "console", Text: `open Charged twice from:"Kari <kari@example.no>"`})
	id, _, _ := strings.Cut(resp.Reply.Title, " ")
	return w, d, id
}

// pollAt polls with the clock at at.
func pollAt(t *testing.T, d *scheduler.Dispatcher, clock *casetest.Clock, at time.Time) {
	t.Helper()
	clock.Set(at)
	if _, err := d.Poll(context.Background()); err != nil {
		t.Fatal(err)
	}
}

// TestRetryAfterHonoured: a platform that asks to be tried again in ten
// minutes is not tried before then, however often the dispatcher polls or a
// new change to the case flushes it; then the post goes through once, and
// the one after it.
func TestRetryAfterHonoured(t *testing.T) {
	start := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	clock := casetest.NewClock(start)
	f := &flaky{now: clock.Now, err: &bot.RetryAfter{After: 10 * time.Minute, Err: errors.New("429")}}
	w, d, id := flakyWorld(t, clock, &bytes.Buffer{}, f)
	d.Flush(context.Background(), id)
	f.setErr(nil)
	clock.Set(start.Add(time.Minute))
	d.Flush(context.Background(), id) // as after the next command on the case
	for s := time.Duration(0); s < 10*time.Minute; s += 30 * time.Second {
		pollAt(t, d, clock, start.Add(s))
	}
	if n := f.tries(); n != 1 {
		t.Errorf("tried %d times within ten minutes of a 429 asking for ten", n)
	}
	pollAt(t, d, clock, start.Add(10*time.Minute))
	if n := len(f.ok); n != 2 || len(w.pending(id)) != 0 {
		t.Errorf("after the wait %d posts taken, %v pending; want both, none", n, w.pending(id))
	}
}

// TestBackoff: a post that fails other than by a rate limit or an outage is
// tried again after 5 s, then 10, 20, 40 s … as the dispatcher polls, and
// dropped with an error in the log after 8 tries, rather than kept for
// ever; the rest of the case's notices then go through.
func TestBackoff(t *testing.T) {
	start := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	clock := casetest.NewClock(start)
	f := &flaky{now: clock.Now, err: errors.New("channel_not_found"), only: func(p bot.Post) bool { return p.Header }}
	var log bytes.Buffer
	w, d, id := flakyWorld(t, clock, &log, f)
	d.Flush(context.Background(), id)
	for s := time.Duration(0); s < 11*time.Minute; s += 5 * time.Second { // every try falls on a multiple of 5 s
		pollAt(t, d, clock, start.Add(s))
	}
	var gaps []time.Duration
	for i := 1; i < 8; i++ {
		gaps = append(gaps, f.at[i].Sub(f.at[i-1]))
	}
	want := []time.Duration{5 * time.Second, 10 * time.Second, 20 * time.Second, 40 * time.Second, 80 * time.Second, 160 * time.Second, 320 * time.Second}
	for i := range want {
		if gaps[i] != want[i] {
			t.Errorf("gaps between tries %v, want %v", gaps, want)
			break
		}
	}
	if !strings.Contains(log.String(), "dropping a notice that keeps failing") || f.tries() != 9 || len(f.ok) != 1 || len(w.pending(id)) != 0 {
		t.Errorf("after 8 failures: %d tries, %d posts taken, %v pending; log:\n%s", f.tries(), len(f.ok), w.pending(id), log.String())
	}
}

// TestUnconfiguredPlatformDropped: a notice for a platform this process
// does not serve is dropped with a log line, not kept.
func TestUnconfiguredPlatformDropped(t *testing.T) {
	clock := casetest.NewClock(time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC))
	var log bytes.Buffer
	w, d, id := flakyWorld(t, clock, &log) // no platform at all
	d.Flush(context.Background(), id)
	if !strings.Contains(log.String(), "dropping a notice for a platform that is not configured") || len(w.pending(id)) != 0 {
		t.Errorf("pending %v; log:\n%s", w.pending(id), log.String())
	}
}

// TestHeaderSuperseded: of two headers pending for a case, the first is
// left out once the case has a thread, since the second says where the
// case stands now; while it has none, the first is sent, as it starts the
// thread.
func TestHeaderSuperseded(t *testing.T) {
	clock := casetest.NewClock(time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC))
	for _, threaded := range []bool{false, true} {
		w := MustWorld(t, sqlitetest.MustStore(t), "standard", clock.Now)
		id := w.open("2026-11-23T09:00:00Z") // delivered: its thread starts
		if threaded {
			if err := w.store.SetThread(context.Background(), id, bot.PlatformConsole, "thread"); err != nil {
				t.Fatal(err)
			}
		}
		for _, text := range []string{"note " + id + " one", "note " + id + " two"} {
			w.h.Handle(context.Background(), bot.Request{Platform: bot.PlatformConsole, UserID: "ann", UserName: "ann", Text: text})
		}
		w.disp.Flush(context.Background(), id)
		var got []string
		for _, s := range w.log.all()[2:] {
			got = append(got, strings.TrimPrefix(s.notice(), id+"/"))
		}
		want := []string{"v2-header", "v2-change", "v3-header", "v3-change"}
		if threaded {
			want = want[1:]
		}
		if !slices.Equal(got, want) {
			t.Errorf("threaded %v: delivered %q, want %q", threaded, got, want)
		}
	}
}

// TestHoldLeavesNewNoticesToTheirWriter: for the hold (10 s) after a notice
// is written, other dispatchers' polls leave it to the process that wrote
// it, which shows it right after its reply; after that, a poll delivers it.
func TestHoldLeavesNewNoticesToTheirWriter(t *testing.T) {
	start := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	clock := casetest.NewClock(start)
	f := &flaky{now: clock.Now}
	w, d, id := flakyWorld(t, clock, &bytes.Buffer{}, f)
	pollAt(t, d, clock, start.Add(10*time.Second-time.Millisecond))
	if n := f.tries(); n != 0 {
		t.Errorf("a poll within the hold delivered %d posts", n)
	}
	pollAt(t, d, clock, start.Add(10*time.Second))
	if n := len(f.ok); n != 2 || len(w.pending(id)) != 0 {
		t.Errorf("after the hold: %d posts, %v pending; want both delivered", n, w.pending(id))
	}
}

// TestUnconfiguredChannelDropped: a post to a team channel the platform
// has not configured is dropped at its first try, with a log line that
// names neither the complainant nor their contact, rather than tried again
// for minutes while the case's later thread posts wait behind it.
func TestUnconfiguredChannelDropped(t *testing.T) {
	clock := casetest.NewClock(time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC))
	f := &flaky{now: clock.Now, err: fmt.Errorf("console: no channel for #escalations: %w", bot.ErrNoChannel),
		only: func(p bot.Post) bool { return p.Channel != "" }}
	var log bytes.Buffer
	w, d, id := flakyWorld(t, clock, &log, f)
	for _, text := range []string{"answer " + id + " refunded", "escalate " + id + ` reason:"not refunded"`, "note " + id + " called back"} {
		if r := w.h.Handle(context.Background(), bot.Request{Platform: bot.PlatformConsole, UserID: "ann", UserName: "ann", Text: text}).Reply; r.Error {
			t.Fatalf("%s: %s", text, r.Text)
		}
	}
	d.Flush(context.Background(), id)
	if p := w.pending(id); len(p) != 0 {
		t.Errorf("pending after one flush: %v; want the channel post dropped and the thread posts after it sent", p)
	}
	for _, p := range f.ok {
		if p.Channel != "" {
			t.Errorf("a post to #%s was taken", p.Channel)
		}
	}
	if tries := f.tries() - len(f.ok); tries != 1 || len(f.ok) == 0 || f.ok[len(f.ok)-1].Header {
		t.Errorf("%d tries of the channel post, %d thread posts taken; want one try, and the note's post last", tries, len(f.ok))
	}
	if s := log.String(); !strings.Contains(s, "team channel that is not configured") || strings.Contains(s, "Kari") || strings.Contains(s, "kari@example.no") {
		t.Errorf("log:\n%s\nwant the drop logged, without the complainant", s)
	}
}

// slow is a platform whose every post takes 40 seconds, as the clock
// sees it; after each, it runs during (another process's work meanwhile).
type slow struct {
	clock  *casetest.Clock
	log    *[]string // the notices posted, by every slow platform
	during func()
}

// Name implements bot.Platform.
func (s *slow) Name() string { return bot.PlatformConsole }

// Run implements bot.Platform.
func (s *slow) Run(ctx context.Context, _ bot.Handler) error { <-ctx.Done(); return nil }

// Post implements bot.Platform.
func (s *slow) Post(_ context.Context, p bot.Post) error {
	*s.log = append(*s.log, sent{Post: p}.notice())
	if s.during != nil {
		s.clock.Advance(40 * time.Second)
		s.during()
	}
	return nil
}

// TestLeaseRenewedWhileDelivering: a dispatcher whose posts are slow
// renews its lease on the case before each, so that another process, which
// tries to take the case's notices over all the while, never finds the
// lease expired and never posts a notice a second time.
func TestLeaseRenewedWhileDelivering(t *testing.T) {
	clock := casetest.NewClock(time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC))
	var posted []string
	w := MustWorld(t, sqlitetest.MustStore(t), "standard", clock.Now)
	other := scheduler.NewDispatcher(scheduler.DispatcherConfig{Store: w.store, Render: tagged{w.h},
		Platforms: []bot.Platform{&slow{clock: clock, log: &posted}}, Owner: "ombud-2", Now: clock.Now, Logger: testLogger(t)})
	var id string
	first := &slow{clock: clock, log: &posted, during: func() { other.Flush(context.Background(), id) }}
	d := scheduler.NewDispatcher(scheduler.DispatcherConfig{Store: w.store, Render: tagged{w.h},
		Platforms: []bot.Platform{first}, Owner: "ombud-1", Now: clock.Now, Logger: testLogger(t)})
	resp := w.h.Handle(context.Background(), bot.Request{Platform: bot.PlatformConsole, UserID: "ann", UserName: "ann",
		Text: `open Charged twice from:"Kari <kari@example.no>"`})
	id, _, _ = strings.Cut(resp.Reply.Title, " ")
	for _, text := range []string{"note " + id + " one", "note " + id + " two"} {
		w.h.Handle(context.Background(), bot.Request{Platform: bot.PlatformConsole, UserID: "ann", UserName: "ann", Text: text})
	}
	d.Flush(context.Background(), id)
	seen := map[string]int{}
	for _, n := range posted {
		if seen[n]++; seen[n] == 2 {
			t.Errorf("%s posted twice", n)
		}
	}
	if p := w.pending(id); len(posted) < 4 || len(p) != 0 {
		t.Errorf("posted %q, pending %v; want every notice posted once", posted, p)
	}
}
