package slack_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ombud/ombud/bot"
	"github.com/ombud/ombud/cases"
)

// openForm is a signed slash command that opens a case, as Slack sends it.
func openForm(h *harness, trigger string) string {
	return url.Values{"channel_id": {support}, "user_id": {"UANN"}, "command": {"/case"},
		"text": {"open Slow support"}, "response_url": {h.fake.ResponseURL("r-" + trigger)}, "trigger_id": {trigger}}.Encode()
}

// mustHaveNoCase fails the test if the store has a case, or Slack was
// called.
func (h *harness) mustHaveNoCase() {
	h.t.Helper()
	h.settle()
	if _, err := h.svc.Get(context.Background(), "C-2026-0001"); cases.ErrorCode(err) != cases.ENOTFOUND {
		h.t.Errorf("a case was opened: %v", err)
	}
	if calls := h.fake.Calls(); len(calls) > 0 {
		h.t.Errorf("Slack was called: %+v", calls)
	}
}

// TestSignatures: a request whose signature is missing, forged, made with
// another secret, for another body or too old (or too far ahead) answers
// 401 and changes nothing; on every endpoint.
func TestSignatures(t *testing.T) {
	h := MustHarness(t, setup{})
	body := openForm(h, "t1")
	now := h.clock.Now()
	tests := []struct {
		name string
		sign signer
	}{
		{"missing", func(*http.Request, string) {}},
		{"no timestamp", func(r *http.Request, b string) {
			signed(now)(r, b)
			r.Header.Del("X-Slack-Request-Timestamp")
		}},
		{"forged", func(r *http.Request, b string) {
			signed(now)(r, b)
			r.Header.Set("X-Slack-Signature", "v0="+strings.Repeat("ab", 32))
		}},
		{"not hex", func(r *http.Request, b string) {
			signed(now)(r, b)
			r.Header.Set("X-Slack-Signature", "v0=zz")
		}},
		{"no version", func(r *http.Request, b string) {
			signed(now)(r, b)
			r.Header.Set("X-Slack-Signature", strings.TrimPrefix(r.Header.Get("X-Slack-Signature"), "v0="))
		}},
		{"another body", func(r *http.Request, b string) { signed(now)(r, b+"&text=close") }},
		{"another timestamp", func(r *http.Request, b string) {
			signed(now)(r, b)
			r.Header.Set("X-Slack-Request-Timestamp", "1")
		}},
		{"stale", signed(now.Add(-5*time.Minute - time.Second))},
		{"from the future", signed(now.Add(5*time.Minute + time.Second))},
	}
	for _, tt := range tests {
		for _, path := range []string{"/slack/commands", "/slack/interactions", "/slack/events"} {
			if status, _ := h.post(path, body, tt.sign); status != http.StatusUnauthorized {
				t.Errorf("%s signature on %s: status %d, want 401", tt.name, path, status)
			}
		}
	}
	h.mustHaveNoCase()
	// At the edge of the five minutes, a signature still counts.
	if status, _ := h.post("/slack/commands", body, signed(now.Add(-5*time.Minute))); status != http.StatusOK {
		t.Errorf("a request signed exactly 5 minutes ago: %d, want 200", status)
	}
}

// TestBodyLimit refuses a body over 1 MiB, signed or not, with 413.
func TestBodyLimit(t *testing.T) {
	h := MustHarness(t, setup{})
	big := openForm(h, "t1") + "&pad=" + strings.Repeat("x", 1<<20)
	if status, _ := h.post("/slack/commands", big, signed(h.clock.Now())); status != http.StatusRequestEntityTooLarge {
		t.Errorf("a body over 1 MiB: %d, want 413", status)
	}
	h.mustHaveNoCase()
	exact := openForm(h, "t2")
	exact += "&pad=" + strings.Repeat("x", 1<<20-len(exact)-len("&pad="))
	if status, _ := h.post("/slack/commands", exact, signed(h.clock.Now())); status != http.StatusOK {
		t.Errorf("a body of exactly 1 MiB: %d, want 200", status)
	}
}

// TestURLVerification answers Slack's challenge when the events URL is
// set up.
func TestURLVerification(t *testing.T) {
	h := MustHarness(t, setup{})
	body := `{"token":"x","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P","type":"url_verification"}`
	status, got := h.post("/slack/events", body, signed(h.clock.Now()))
	if status != http.StatusOK || !strings.Contains(got, `"challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"`) {
		t.Errorf("url_verification: %d %s", status, got)
	}
}

// TestRetriesDuplicateNothing sends each request twice, as Slack retries:
// over HTTP with X-Slack-Retry-Num and the same trigger, over Socket Mode
// as the same envelope and as a new envelope with the same trigger. One
// case is opened and one reply sent.
func TestRetriesDuplicateNothing(t *testing.T) {
	t.Run("http", func(t *testing.T) {
		h := MustHarness(t, setup{})
		body := openForm(h, "t1")
		for i, retry := range []string{"", "1", "2"} {
			header := []string{}
			if retry != "" {
				header = []string{"X-Slack-Retry-Num", retry, "X-Slack-Retry-Reason", "http_timeout"}
			}
			if status, _ := h.post("/slack/commands", body, signed(h.clock.Now()), header...); status != http.StatusOK {
				t.Errorf("attempt %d: %d, want 200", i, status)
			}
		}
		h.mustOpenOnce()
	})
	t.Run("socket", func(t *testing.T) {
		h := MustHarness(t, setup{socket: true})
		payload := map[string]string{"channel_id": support, "user_id": "UANN", "command": "/case", "text": "open Slow support",
			"response_url": h.fake.ResponseURL("r-t1"), "trigger_id": "t1"}
		first := h.fake.Send("slash_commands", payload)
		h.fake.WaitAck(t, first)
		h.fake.WaitAck(t, h.fake.Send("slash_commands", payload, first))
		h.fake.WaitAck(t, h.fake.Send("slash_commands", payload))
		h.mustOpenOnce()
	})
}

// mustOpenOnce checks that one case was opened and posted once.
func (h *harness) mustOpenOnce() {
	h.t.Helper()
	h.settle()
	if _, err := h.svc.Get(context.Background(), "C-2026-0002"); cases.ErrorCode(err) != cases.ENOTFOUND {
		h.t.Errorf("a second case was opened: %v", err)
	}
	if n := len(h.fake.Messages(support)); n != 1 {
		h.t.Errorf("%d threads were started, want 1", n)
	}
}

// TestSocketPings: over Socket Mode, ombud answers the pings that keep its
// connection open; the fake pings once a second.
func TestSocketPings(t *testing.T) {
	h := MustHarness(t, setup{socket: true})
	h.fake.Wait(t, "a pong", func() bool { return h.fake.Pongs() > 0 })
	if n := h.fake.Count("apps.connections.open"); n != 1 {
		t.Errorf("connected %d times, want once", n)
	}
}

// TestSocketLogsNoPayload: a Socket Mode message slack-go cannot read is
// logged by its event type and what failed, never with the message, which
// may hold a complainant's contact.
func TestSocketLogsNoPayload(t *testing.T) {
	var logs logBuffer
	h := MustHarness(t, setup{socket: true, logger: logs.logger()})
	h.fake.Send("slash_commands", "/case open Slow support from:Kari <kari@example.no>")
	// Events are answered in order: once a later one is acknowledged, the
	// unreadable one has been logged.
	h.fake.WaitAck(t, h.fake.Send("interactive", map[string]any{"type": "block_actions", "actions": []any{}}))
	got := logs.String()
	if !strings.Contains(got, `"event":"error_bad_message"`) || !strings.Contains(got, "parsing slash command") {
		t.Errorf("the unreadable message was not logged by its event type and cause:\n%s", got)
	}
	if strings.Contains(got, "kari@example.no") || strings.Contains(got, "Slow support") {
		t.Errorf("the log holds what the message said:\n%s", got)
	}
}

// noop is an interaction ombud acknowledges and otherwise ignores: a
// block_actions with none of its buttons.
var noop = map[string]any{"type": "block_actions", "actions": []any{}}

// TestSocketBackoffResets: the wait before a new Socket Mode client grows
// while connections fail before Slack's hello, and starts again from a
// second after a connection that got hello.
func TestSocketBackoffResets(t *testing.T) {
	h := MustHarness(t, setup{socket: true})
	// connected waits until the latest connection has been greeted: events
	// are answered in order, hello first.
	connected := func(n int) {
		t.Helper()
		h.fake.Wait(t, fmt.Sprintf("connection %d", n), func() bool { return h.fake.Count("apps.connections.open") >= n })
		h.fake.WaitAck(t, h.fake.Send("interactive", noop))
	}
	connected(1)
	h.fake.Fail("apps.connections.open", http.StatusNotFound, http.StatusNotFound)
	h.fake.Drop()
	connected(4) // two refused, then greeted
	h.fake.Fail("apps.connections.open", http.StatusNotFound)
	h.fake.Drop()
	connected(6)
	want := []time.Duration{time.Second, 2 * time.Second, time.Second}
	if got := h.waits.all(); !slices.Equal(got, want) {
		t.Errorf("waited %v before reconnecting, want %v", got, want)
	}
}

// TestAckEndsWithClient: form submissions answered after their Socket
// Mode client stopped, more of them than slack-go holds for sending, give
// their acknowledgements up rather than wait for ever for a client that
// will never send them.
func TestAckEndsWithClient(t *testing.T) {
	const forms = 25 // slack-go holds 20 responses for sending
	release := make(chan struct{})
	var started sync.WaitGroup
	started.Add(forms)
	h := MustHarness(t, setup{socket: true, workers: forms, handler: bot.HandlerFunc(func(context.Context, bot.Request) bot.Response {
		started.Done()
		<-release
		return bot.Response{Reply: bot.Reply{Text: "no", Error: true}}
	})})
	view := map[string]any{"callback_id": "ombud_form", "private_metadata": `{"command":"open","channel":"` + support + `"}`,
		"state": map[string]any{"values": map[string]any{}}}
	for i := range forms {
		h.fake.Send("interactive", map[string]any{"type": "view_submission", "user": map[string]any{"id": "UANN"},
			"trigger_id": fmt.Sprint("submit-", i), "view": view})
	}
	started.Wait()
	h.stop()
	close(release)
	deadline := time.Now().Add(10 * time.Second)
	for n := stuckAcks(); n > 0; n = stuckAcks() {
		if time.Now().After(deadline) {
			t.Fatalf("%d acknowledgements still wait for a stopped client", n)
		}
		runtime.Gosched()
	}
}

// stuckAcks returns how many goroutines are sending a Socket Mode response.
func stuckAcks() int {
	buf := make([]byte, 1<<22)
	return strings.Count(string(buf[:runtime.Stack(buf, true)]), "socketmode.(*Client).SendCtx")
}
