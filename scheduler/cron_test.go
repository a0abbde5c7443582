package scheduler_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/ombud/ombud/bot"
	"github.com/ombud/ombud/cases/sqlitestore/sqlitetest"
	"github.com/ombud/ombud/scheduler"
)

// saturday is Saturday 21 November 2026, 00:00 UTC: the tests that run on
// fake time start then. The fake clock of a synctest bubble starts on a
// Saturday at midnight UTC too (1 January 2000), so cron schedules, which
// read that clock, fall on the same weekdays and hours as the service's.
var saturday = time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)

// shifted returns a clock that reads the bubble's fake time moved to start
// at start.
func shifted(start time.Time) func() time.Time {
	offset := start.Sub(time.Now())
	return func() time.Time { return time.Now().Add(offset) }
}

// advance lets fake time pass by d, and waits for everything it woke to
// finish.
func advance(d time.Duration) {
	<-time.After(d)
	synctest.Wait()
}

// TestCronThroughWeeks runs the scheduler on fake time for two weeks: the
// weekly digest goes out on each Monday at 09:00; a complaint opened on
// the first Monday at 09:00 is warned of on Tuesday at 16:00, breached
// after Wednesday 16:00, in the second digest, reminded of its progress
// update after the next Monday 16:00, and its answer warned of on Friday;
// each once, within a sweep's interval of its time: the sweep runs hourly in business hours
// (0 8-17 * * 1-5).
func TestCronThroughWeeks(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		now := shifted(saturday)
		w := MustWorld(t, sqlitetest.MustStore(t), "standard", now)
		s, err := scheduler.New(scheduler.Config{Sweep: "0 8-17 * * 1-5", Digest: "0 9 * * 1", Sweeper: w.sweep, Dispatcher: w.disp,
			DigestPlatforms: []string{"console"}, PollEvery: time.Hour})
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error)
		go func() { done <- s.Run(ctx) }()
		advance(57 * time.Hour) // Monday 09:00
		w.open(now().Format(time.RFC3339))
		advance(12 * 24 * time.Hour)
		cancel()
		if err := <-done; err != nil {
			t.Fatal(err)
		}
		want := []struct{ at, title string }{
			{"2026-11-23T09:00:00Z", "#managers Weekly digest: the week of Mon 23 Nov 2026"},
			{"2026-11-24T16:00:00Z", "C-2026-0001 C-2026-0001: acknowledgement due in 1 business day, Wed 25 Nov 16:00 UTC"},
			{"2026-11-25T16:00:00Z", "C-2026-0001 C-2026-0001: acknowledgement overdue since Wed 25 Nov 16:00 UTC"},
			{"2026-11-25T16:00:00Z", "#alerts C-2026-0001: acknowledgement overdue since Wed 25 Nov 16:00 UTC"},
			{"2026-11-30T09:00:00Z", "#managers Weekly digest: the week of Mon 30 Nov 2026"},
			{"2026-11-30T16:00:00Z", "C-2026-0001 C-2026-0001: progress update overdue since Mon 30 Nov 16:00 UTC"},
			{"2026-12-04T16:00:00Z", "C-2026-0001 C-2026-0001: first answer due in 1 business day, Mon 7 Dec 16:00 UTC"},
		}
		var got []sent
		for _, p := range w.log.all() {
			if !p.Post.Header && !p.Post.Echo {
				got = append(got, p)
			}
		}
		if len(got) != len(want) {
			t.Fatalf("posts by themselves:\n%s\nwant %d", strings.Join(titlesOf(got), "\n"), len(want))
		}
		for i, p := range got {
			at, _ := time.Parse(time.RFC3339, want[i].at)
			if title := where(p.Post) + " " + p.Post.Reply.Title; title != want[i].title || p.At.Before(at) || p.At.After(at.Add(time.Hour)) {
				t.Errorf("post %d at %s: %q; want %q within an hour of %s", i, p.At.Format(time.RFC3339), title, want[i].title, want[i].at)
			}
		}
		digest := got[4].Post.Reply
		if !slices.ContainsFunc(digest.Fields, func(f bot.Field) bool {
			return f.Name == "Overdue" && strings.Contains(f.Value, "C-2026-0001 acknowledge Wed 25 Nov 16:00 UTC · ann")
		}) {
			t.Errorf("the digest does not list the overdue acknowledgement: %+v", digest.Fields)
		}
	})
}

// titlesOf returns where each of ps went and its title.
func titlesOf(ps []sent) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.At.Format(time.RFC3339)+" "+where(p.Post)+" "+p.Post.Reply.Title)
	}
	return out
}
