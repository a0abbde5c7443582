package slack_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/ombud/ombud/bot"
	ombudslack "github.com/ombud/ombud/bot/slack"
)

// TestPeopleCached: names are looked up once an hour and user groups'
// members every five minutes, so a person taken out of a group loses its
// role at the next lookup.
func TestPeopleCached(t *testing.T) {
	reqs := make(chan bot.Request, 10)
	h := MustHarness(t, setup{handler: bot.HandlerFunc(func(_ context.Context, req bot.Request) bot.Response {
		reqs <- req
		return bot.Response{}
	})})
	for range 3 {
		h.command("USUE", support, "help")
		if req := <-reqs; req.UserName != "Sue" || !slices.Equal(req.Groups, []string{"S-REVIEW"}) {
			t.Fatalf("request from %q in %v", req.UserName, req.Groups)
		}
	}
	if u, g := h.fake.Count("users.info"), h.fake.Count("usergroups.users.list"); u != 1 || g != 1 {
		t.Errorf("users.info called %d times and usergroups.users.list %d; want once each", u, g)
	}
	h.fake.SetGroup("S-REVIEW", "USID")
	h.clock.Advance(5*time.Minute - time.Second)
	h.command("USUE", support, "help")
	if req := <-reqs; len(req.Groups) != 1 {
		t.Errorf("the group was looked up again within five minutes: %v", req.Groups)
	}
	h.clock.Advance(time.Second)
	h.command("USUE", support, "help")
	if req := <-reqs; len(req.Groups) != 0 || h.fake.Count("usergroups.users.list") != 2 {
		t.Errorf("five minutes on, Sue is still in %v", req.Groups)
	}
	if n := h.fake.Count("users.info"); n != 1 {
		t.Errorf("users.info called %d times within the hour", n)
	}
}

// TestCacheBound: the cache keeps at most its bound, forgetting the entry
// put longest ago, and an entry is fresh for its time to live only.
func TestCacheBound(t *testing.T) {
	c := ombudslack.NewStringCache(time.Hour, 2)
	c.Put("a", "A", start)
	c.Put("b", "B", start.Add(time.Minute))
	c.Put("a", "A2", start.Add(2*time.Minute)) // a key it has: nothing forgotten
	c.Put("c", "C", start.Add(3*time.Minute))  // full: b, put longest ago, goes
	if _, _, ok := c.Get("b", start); ok {
		t.Errorf("b was kept beyond the bound")
	}
	if v, fresh, ok := c.Get("a", start.Add(2*time.Minute+time.Hour-time.Nanosecond)); v != "A2" || !fresh || !ok {
		t.Errorf("a = %q, fresh %v, %v", v, fresh, ok)
	}
	if _, fresh, ok := c.Get("a", start.Add(2*time.Minute+time.Hour)); fresh || !ok {
		t.Errorf("a is fresh an hour after it was put")
	}
}
