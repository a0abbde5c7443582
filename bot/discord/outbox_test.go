package discord_test

import (
	"context"
	"testing"
	"time"

	"github.com/ombud/ombud/bot/discord/fakediscord"
)

// TestRateLimitLosesNothing: Discord answers 429 to the first post of a new
// case; the post is put off, not lost, and arrives once, with the rest, in
// order, when the dispatcher next tries.
func TestRateLimitLosesNothing(t *testing.T) {
	hs := MustHarness(t, options{})
	hs.fake.RateLimit(1)
	hs.ok(transports["gateway"], ann, "C-2026-0001 opened", "open", str("summary", "Invoice charged twice"))
	hs.fake.WaitFor("the 429", func(s *fakediscord.Server) bool { return s.LockedRateLimited() == 0 })
	for range 5 { // the first tries may come before the put-off post is recorded
		hs.clock.Advance(time.Minute)
		if _, err := hs.disp.Poll(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	hs.fake.WaitFor("the case's thread", func(s *fakediscord.Server) bool {
		d := s.LockedChannel(desk)
		return len(d.Started) == 1 && len(s.LockedChannel(d.Started[0]).Messages) == 1
	})
	d := hs.fake.Channel(desk)
	if n := len(d.Messages); n != 1 {
		t.Errorf("%d messages in the desk channel, want the thread's header alone", n)
	}
	if w := hs.fake.Decode(hs.fake.Channel(d.Started[0]).Messages[0].Body); len(w.Titles()) == 0 || w.Titles()[0] != "C-2026-0001 opened" {
		t.Errorf("the thread holds %v, want the copy of the reply", w.Titles())
	}
}
