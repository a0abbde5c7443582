package slack_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ombud/ombud/bot"
	"github.com/ombud/ombud/bot/slack/fakeslack"
	"github.com/ombud/ombud/cases"
)

// TestPostRateLimited: a post Slack rate-limits returns a *bot.RetryAfter
// with the wait Slack asked for, and posts nothing; posted again, it is
// posted once.
func TestPostRateLimited(t *testing.T) {
	h := MustHarness(t, setup{})
	h.fake.RateLimit("chat.postMessage", 7)
	post := bot.Post{Channel: bot.ChannelEscalations, Reply: bot.Reply{Title: "C-2026-0001 needs a reviewer"}}
	err := h.slack.Post(context.Background(), post)
	var ra *bot.RetryAfter
	if !errors.As(err, &ra) || ra.After != 7*time.Second {
		t.Fatalf("Post = %v, want a *bot.RetryAfter of 7s", err)
	}
	if len(h.fake.Messages(escalations)) != 0 || len(h.waits.all()) != 0 {
		t.Errorf("a rate-limited post was posted or waited for: %v", h.waits.all())
	}
	if err := h.slack.Post(context.Background(), post); err != nil {
		t.Fatal(err)
	}
	if n := len(h.fake.Messages(escalations)); n != 1 {
		t.Errorf("%d messages posted, want 1", n)
	}
}

// TestReplyRateLimited: the reply to a command is sent again after each
// wait Slack asks for, and appears once.
func TestReplyRateLimited(t *testing.T) {
	h := MustHarness(t, setup{})
	h.fake.RateLimit("response_url", 2, 3)
	_, id := h.command("UANN", support, "open Slow support")
	h.settle()
	if got := h.waits.all(); !slices.Equal(got, []time.Duration{2 * time.Second, 3 * time.Second}) {
		t.Errorf("waited %v, want 2s then 3s, as Slack asked", got)
	}
	rs := h.responses(id)
	if len(rs) != 3 || !strings.Contains(h.shown(fakeslack.Message{Blocks: rs[2].Arg("blocks")}), "C-2026-0001 opened") {
		t.Errorf("response URL got %+v, want the reply on the third try", rs)
	}
}

// TestReplyGivesUp: a reply Slack keeps rate-limiting is tried three
// times, then given up and logged, rather than tried forever; the thread
// hears of the change all the same.
func TestReplyGivesUp(t *testing.T) {
	h := MustHarness(t, setup{})
	h.fake.RateLimit("response_url", 1, 1, 1, 1)
	h.command("UANN", support, "open Slow support")
	h.settle()
	if n := len(h.fake.Calls("response_url")); n != 3 {
		t.Errorf("the response URL was called %d times, want 3", n)
	}
	if root := h.only(support); len(h.fake.Thread(support, root.TS)) != 1 {
		t.Errorf("the thread did not hear of the change")
	}
}

// TestPostErrors: a post to a team channel that is not configured, and a
// post in a thread that does not exist and names no channel, fail saying
// why.
func TestPostErrors(t *testing.T) {
	h := MustHarness(t, setup{})
	err := h.slack.Post(context.Background(), bot.Post{Channel: bot.ChannelAlerts, Reply: bot.Reply{Title: "late"}})
	if err == nil || !strings.Contains(err.Error(), "no channel is configured for #alerts") || !errors.Is(err, bot.ErrNoChannel) {
		t.Errorf("Post to an unconfigured channel = %v; want it to wrap bot.ErrNoChannel, so the outbox drops it", err)
	}
	err = h.slack.Post(context.Background(), bot.Post{Topic: "C-2026-0009", Reply: bot.Reply{Title: "late"}})
	if err == nil || !strings.Contains(err.Error(), "C-2026-0009 has no thread yet") {
		t.Errorf("Post in a thread that does not exist = %v", err)
	}
}

// TestMentions: the text is unescaped; a mention Slack sent resolves to
// the person it names, with the name users.info gives and the user groups
// they are in, whatever name the mention carries; text typed to look like
// a mention (which Slack sends escaped) resolves nobody.
func TestMentions(t *testing.T) {
	reqs := make(chan bot.Request, 1)
	h := MustHarness(t, setup{handler: bot.HandlerFunc(func(_ context.Context, req bot.Request) bot.Response {
		reqs <- req
		return bot.Response{}
	})})
	h.command("USUE", support, "assign C-2026-0001 [@USID|boss] <@UANN> & [@USID] [@UNOBODY]")
	req := <-reqs
	if req.Text != "assign C-2026-0001 <@USID|boss> <@UANN> & <@USID> <@UNOBODY>" {
		t.Errorf("text %q, want it unescaped", req.Text)
	}
	if req.UserID != "USUE" || req.UserName != "Sue" || !slices.Equal(req.Groups, []string{"S-REVIEW"}) || req.ChannelID != support {
		t.Errorf("request from %s %q in %v, channel %s; want Sue in S-REVIEW", req.UserID, req.UserName, req.Groups, req.ChannelID)
	}
	want := []bot.Mention{{UserID: "USID", Name: "Sid Reviewer", Groups: []string{"S-REVIEW"}}, {UserID: "UNOBODY", Name: "UNOBODY"}}
	if len(req.Mentions) != 2 || !mentionEqual(req.Mentions[0], want[0]) || !mentionEqual(req.Mentions[1], want[1]) {
		t.Errorf("mentions %+v, want %+v", req.Mentions, want)
	}
}

// mentionEqual reports whether a and b are the same mention.
func mentionEqual(a, b bot.Mention) bool {
	return a.UserID == b.UserID && a.Name == b.Name && slices.Equal(a.Groups, b.Groups)
}

// TestErrorsArePrivate: a refusal is shown to the person alone even when
// marked public, and never in a thread.
func TestErrorsArePrivate(t *testing.T) {
	h := MustHarness(t, setup{handler: bot.HandlerFunc(func(context.Context, bot.Request) bot.Response {
		return bot.Response{Reply: bot.Reply{Text: "no", Error: true, Visibility: bot.Public, Topic: "C-2026-0001"}}
	})})
	_, id := h.command("UANN", support, "claim C-2026-0001")
	h.settle()
	if got := h.ephemeral(id); got != "✗ no" {
		t.Errorf("the refusal shows %q", got)
	}
	if n := len(h.fake.Calls("chat.postMessage")); n != 0 {
		t.Errorf("a refusal was posted %d times", n)
	}
}

// TestPublicReplyRefused: where Slack refuses ombud's public message (a
// private channel or a direct message ombud is not in), the person sees
// the reply privately rather than nothing.
func TestPublicReplyRefused(t *testing.T) {
	h := MustHarness(t, setup{})
	h.fake.Refuse("DPRIVATE", "channel_not_found")
	_, id := h.command("UANN", "DPRIVATE", "open Slow support")
	h.settle()
	if got := h.ephemeral(id); !strings.Contains(got, "C-2026-0001 opened") {
		t.Errorf("the person was shown %q", got)
	}
}

// mustCase opens C-2026-0001 in the harness's store, the topic whose
// thread posts go into.
func (h *harness) mustCase() {
	h.t.Helper()
	if _, err := h.svc.Open(context.Background(), cases.Actor{Person: cases.Person{Key: "slack:UANN"}, Role: cases.RoleAgent},
		cases.OpenInput{Description: "Slow support"}); err != nil {
		h.t.Fatal(err)
	}
}

// TestOneThreadPerTopic posts ten headers of one new topic at once: one
// starts its thread, the others replace the thread's first message.
func TestOneThreadPerTopic(t *testing.T) {
	h := MustHarness(t, setup{handler: bot.HandlerFunc(func(context.Context, bot.Request) bot.Response { return bot.Response{} })})
	h.mustCase()
	var wg sync.WaitGroup
	errs := make([]error, 10)
	for i := range errs {
		wg.Go(func() {
			errs[i] = h.slack.Post(context.Background(), bot.Post{Topic: "C-2026-0001", Origin: support, Header: true,
				Reply: bot.Reply{Title: fmt.Sprint("header ", i)}})
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
	if n, u := len(h.fake.Messages(support)), h.fake.Count("chat.update"); n != 1 || u != 9 {
		t.Errorf("%d threads started and %d headers replaced; want 1 and 9", n, u)
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

// TestThreadNotRemembered: when the store cannot remember the thread a
// post started, the post still succeeds, since trying it again would post
// its message again; the failure is logged, without the post's text.
func TestThreadNotRemembered(t *testing.T) {
	var logs logBuffer
	h := MustHarness(t, setup{threads: forgetfulThreads{}, logger: logs.logger(),
		handler: bot.HandlerFunc(func(context.Context, bot.Request) bot.Response { return bot.Response{} })})
	post := bot.Post{Topic: "C-2026-0001", Origin: support, Reply: bot.Reply{Title: "C-2026-0001 opened", Text: "from Kari <kari@example.no>"}}
	if err := h.slack.Post(context.Background(), post); err != nil {
		t.Fatalf("Post = %v, want nil once the message is posted", err)
	}
	if n := len(h.fake.Messages(support)); n != 1 {
		t.Errorf("%d messages posted, want 1", n)
	}
	got := logs.String()
	if !strings.Contains(got, "the store is read-only") || strings.Contains(got, "kari@example.no") {
		t.Errorf("the log should say the thread was not remembered, and nothing of the post:\n%s", got)
	}
}
