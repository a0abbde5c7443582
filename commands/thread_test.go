package commands_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/ombud/ombud/bot"
)

// headerOf returns the one header among posts, failing the test unless
// there is exactly one, for case id, starting in channel origin.
func headerOf(t *testing.T, posts []bot.Post, id, origin string) bot.Reply {
	t.Helper()
	var heads []bot.Post
	for _, p := range posts {
		if p.Header {
			heads = append(heads, p)
		}
	}
	if len(heads) != 1 || heads[0].Topic != id || heads[0].Origin != origin || heads[0].Channel != "" {
		t.Fatalf("posts %+v, want one header of %s's thread starting in %s", posts, id, origin)
	}
	return heads[0].Reply
}

// TestThreadHeader: every change names its case as the reply's topic and
// replaces the header of the case's thread with where the case stands.
func TestThreadHeader(t *testing.T) {
	hs := MustHarness(t, "standard")
	resp := hs.h.Handle(context.Background(), bot.Request{Platform: "console", UserID: "ann", UserName: "ann", ChannelID: "C-SUPPORT",
		Text: "open Invoice charged twice " + complainant})
	if resp.Reply.Topic != "C-2026-0001" {
		t.Errorf("open's reply has topic %q, want C-2026-0001", resp.Reply.Topic)
	}
	head := headerOf(t, hs.posts(resp), "C-2026-0001", "C-SUPPORT")
	if head.Title != "C-2026-0001: Invoice charged twice" {
		t.Errorf("header title %q", head.Title)
	}
	fields(t, head, map[string]string{"Status": "open", "Assigned to": "ann", "Acknowledge by": "Wed 25 Nov 2026 16:00 UTC (2 business days left)"})
	if want := []bot.Button{{Label: "Acknowledge C-2026-0001", Command: "ack C-2026-0001"}, {Label: "Answer C-2026-0001", Command: "answer C-2026-0001"}}; !slices.Equal(head.Buttons, want) {
		t.Errorf("header buttons %+v, want Acknowledge and Answer", head.Buttons)
	}
	noContact(t, resp, hs.posts(resp)...)

	hs.clock.Advance(time.Hour)
	resp = hs.ok("ann", "ack C-2026-0001 called")
	head = headerOf(t, hs.posts(resp), "C-2026-0001", "C-SUPPORT")
	if want := []bot.Button{{Label: "Answer C-2026-0001", Command: "answer C-2026-0001"}}; !slices.Equal(head.Buttons, want) || field(t, head, "Status") != "acknowledged" {
		t.Errorf("header after ack %+v, want it acknowledged, with the Answer button alone", head)
	}
	before := len(hs.get("C-2026-0001").Notices)
	if r := hs.ok("ann", "show C-2026-0001"); r.Reply.Topic != "" || len(hs.get("C-2026-0001").Notices) != before {
		t.Errorf("show, a private reply, has topic %q and wrote notices", r.Reply.Topic)
	}
}
