package discord_test

import (
	"context"
	"errors"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ombud/ombud/bot"
	"github.com/ombud/ombud/bot/discord"
)

// TestPostRateLimited checks that a 429 comes back as *bot.RetryAfter with
// Discord's wait, rather than being slept through or lost, and that the
// post goes through when tried again.
func TestPostRateLimited(t *testing.T) {
	t.Parallel()
	var n atomic.Int32
	hs := MustHarness(t, options{handler: counting(&n)})
	post := bot.Post{Channel: bot.ChannelEscalations, Reply: escalation}
	hs.fake.RateLimit(1)
	err := hs.p.Post(context.Background(), post)
	var ra *bot.RetryAfter
	if !errors.As(err, &ra) || ra.After != 2500*time.Millisecond {
		t.Fatalf("Post under a rate limit: %v; want a RetryAfter of 2.5s", err)
	}
	if err := hs.p.Post(context.Background(), post); err != nil {
		t.Fatal(err)
	}
	if msgs := hs.fake.Channel(escalations).Messages; len(msgs) != 1 {
		t.Errorf("%d messages in the escalations channel, want 1", len(msgs))
	}
	err = hs.p.Post(context.Background(), bot.Post{Channel: bot.ChannelManagers, Reply: escalation})
	if err == nil || !strings.Contains(err.Error(), "no channel is configured for managers") {
		t.Errorf("a post to an unconfigured channel: %v", err)
	}
}

// TestTopicWithoutThreads checks that where a channel allows no thread, a
// topic's later posts reply to its first message, which its header edits.
func TestTopicWithoutThreads(t *testing.T) {
	t.Parallel()
	var n atomic.Int32
	hs := MustHarness(t, options{handler: counting(&n)})
	ctx := context.Background()
	head := bot.Reply{Title: "C-2026-0009: Slow support", Fields: []bot.Field{{Name: "Status", Value: "open"}}}
	for _, p := range []bot.Post{
		{Topic: "C-2026-0009", Origin: noThreads, Header: true, Reply: head},
		{Topic: "C-2026-0009", Reply: bot.Reply{Title: "C-2026-0009 acknowledged"}},
		{Topic: "C-2026-0009", Header: true, Reply: bot.Reply{Title: head.Title, Fields: []bot.Field{{Name: "Status", Value: "acknowledged"}}}},
	} {
		if err := hs.p.Post(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	ch := hs.fake.Channel(noThreads)
	if len(ch.Started) != 0 || len(ch.Messages) != 2 {
		t.Fatalf("%d threads and %d messages; want none and 2", len(ch.Started), len(ch.Messages))
	}
	first, second := hs.fake.Decode(ch.Messages[0].Body), hs.fake.Decode(ch.Messages[1].Body)
	if first.Field("Status") != "acknowledged" || ch.Messages[0].Edits != 1 {
		t.Errorf("the header reads %q after %d edits; want acknowledged after 1", first.Field("Status"), ch.Messages[0].Edits)
	}
	if second.Reference == nil || second.Reference.MessageID != ch.Messages[0].ID {
		t.Errorf("the later post does not reply to the first: %+v", second.Reference)
	}
	if err := hs.p.Post(ctx, bot.Post{Topic: "C-2026-0010", Reply: head}); err == nil {
		t.Error("a topic's first post without an origin channel was accepted")
	}
}

// TestWithoutThreadStore checks that without a thread store a change is
// answered in the channel, publicly, and no thread is started; and that a
// platform that never connected is not ready.
func TestWithoutThreadStore(t *testing.T) {
	t.Parallel()
	hs := MustHarness(t, options{config: func(c *discord.Config) { c.Threads = nil }})
	w := hs.ok(transports["gateway"], ann, "C-2026-0001 opened", "open", str("summary", "Slow support"))
	if w.Ephemeral() {
		t.Error("without threads, the reply to open is private")
	}
	if started := hs.fake.Channel(desk).Started; len(started) != 0 {
		t.Errorf("threads %v started without a thread store", started)
	}
	idle, err := discord.New(discord.Config{Token: "t"})
	if err != nil {
		t.Fatal(err)
	}
	if idle.Ready(context.Background()) == nil {
		t.Error("a platform that never connected says it is ready")
	}
}
