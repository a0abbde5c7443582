package discord_test

import (
	"context"
	"errors"
	"fmt"
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
	if err == nil || !strings.Contains(err.Error(), "no channel is configured for managers") || !errors.Is(err, bot.ErrNoChannel) {
		t.Errorf("a post to an unconfigured channel: %v; want it to wrap bot.ErrNoChannel, so the outbox drops it", err)
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

// forgetfulThreads is a thread store that finds no thread and cannot
// remember one.
type forgetfulThreads struct{}

// Thread implements bot.Threads.
func (forgetfulThreads) Thread(context.Context, string, string) (string, error) { return "", nil }

// SetThread implements bot.Threads.
func (forgetfulThreads) SetThread(context.Context, string, string, string) error {
	return errors.New("the store is read-only")
}

// TestThreadNotRemembered checks that a topic's first post succeeds once
// its message is sent even when the store cannot remember its thread:
// an error would have it tried again, and its message sent again.
func TestThreadNotRemembered(t *testing.T) {
	t.Parallel()
	var n atomic.Int32
	hs := MustHarness(t, options{handler: counting(&n), config: func(c *discord.Config) { c.Threads = forgetfulThreads{} }})
	err := hs.p.Post(context.Background(), bot.Post{Topic: "C-2026-0009", Origin: desk, Header: true, Reply: escalation})
	if err != nil {
		t.Fatalf("Post = %v, want nil once the message is sent", err)
	}
	if msgs := hs.fake.Channel(desk).Messages; len(msgs) != 1 {
		t.Errorf("%d messages sent, want 1", len(msgs))
	}
}

// TestThreadStartOutage checks that a thread Discord could not start for a
// passing reason (a 500) is not taken to mean the channel allows none: the
// first post is delivered, and the topic's next post starts the thread and
// goes into it.
func TestThreadStartOutage(t *testing.T) {
	t.Parallel()
	var n atomic.Int32
	hs := MustHarness(t, options{handler: counting(&n)})
	ctx := context.Background()
	hs.fake.FailThreads(1)
	if err := hs.p.Post(ctx, bot.Post{Topic: "C-2026-0009", Origin: desk, Header: true, Reply: escalation}); err != nil {
		t.Fatalf("the first post: %v", err)
	}
	if err := hs.p.Post(ctx, bot.Post{Topic: "C-2026-0009", Reply: bot.Reply{Title: "C-2026-0009 acknowledged"}}); err != nil {
		t.Fatalf("the second post: %v", err)
	}
	ch := hs.fake.Channel(desk)
	if len(ch.Started) != 1 || len(ch.Messages) != 1 {
		t.Fatalf("%d threads and %d messages in the channel; want 1 and the first", len(ch.Started), len(ch.Messages))
	}
	if in := hs.fake.Channel(ch.Started[0]).Messages; len(in) != 1 {
		t.Errorf("%d messages in the thread, want the second post", len(in))
	}
}

// TestSplitPostSentOnce checks that a post of several messages whose
// later message fails is delivered, not returned as an error: tried
// again, it would send its first message again.
func TestSplitPostSentOnce(t *testing.T) {
	t.Parallel()
	var n atomic.Int32
	hs := MustHarness(t, options{handler: counting(&n)})
	long := bot.Reply{Title: "C-2026-0003 history"}
	for i := range 40 {
		long.Fields = append(long.Fields, bot.Field{Name: fmt.Sprint("Entry ", i), Value: strings.Repeat("x", 900)})
	}
	if m := len(discord.RenderJSON(long)); m < 2 {
		t.Fatalf("the reply renders to %d messages; the test needs several", m)
	}
	hs.fake.RateLimitAfter(1, 1)
	if err := hs.p.Post(context.Background(), bot.Post{Channel: bot.ChannelEscalations, Reply: long}); err != nil {
		t.Fatalf("Post = %v, want nil once the first message is sent", err)
	}
	if msgs := hs.fake.Channel(escalations).Messages; len(msgs) < 1 {
		t.Errorf("the first message was not sent")
	}
}

// TestFilesWithoutThreadStore checks that a topic's post with files is
// left out, like one without, when there is no thread store.
func TestFilesWithoutThreadStore(t *testing.T) {
	t.Parallel()
	var n atomic.Int32
	hs := MustHarness(t, options{handler: counting(&n), config: func(c *discord.Config) { c.Threads = nil }})
	post := bot.Post{Topic: "C-2026-0009", Origin: desk, Reply: bot.Reply{Title: "C-2026-0009 register",
		Files: []bot.File{{Name: "register.csv", ContentType: "text/csv", Data: []byte("a,b\n")}}}}
	if err := hs.p.Post(context.Background(), post); err != nil {
		t.Fatal(err)
	}
	if msgs := hs.fake.Channel(desk).Messages; len(msgs) != 0 {
		t.Errorf("%d messages sent without a thread store, want none", len(msgs))
	}
}
