package slack_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/ombud/ombud/bot/bottest"
	"github.com/ombud/ombud/bot/slack/fakeslack"
	"github.com/ombud/ombud/cases"
)

// transports are the two ways Slack reaches ombud.
var transports = []struct {
	name   string
	socket bool
}{{"http", false}, {"socket", true}}

// TestProcedure runs a complaint through every tier in Slack, over HTTP
// and over Socket Mode: the thread of the case in the channel where it was
// opened, its header kept up to date, the escalations with their Claim
// buttons, a refused and an accepted claim, and assign to a senior known
// only through a user group.
func TestProcedure(t *testing.T) {
	for _, tr := range transports {
		t.Run(tr.name, func(t *testing.T) {
			h := MustHarness(t, setup{socket: tr.socket})
			ack, _ := h.command("UANN", support, `open Domain was not renewed from:"Kari Nordmann <kari@example.no>" subject:example.no`)
			h.settle()
			if ack != "" {
				t.Errorf("open was answered %q at once, want nothing", ack)
			}
			root := h.only(support)
			h.mustShow("the case's header", root, "C-2026-0001: Domain was not renewed", "*Status*\nopen", "*Assigned to*\nAnn")
			h.mustButtons("the new case's header", root, "Acknowledge C-2026-0001", "Answer C-2026-0001")
			thread := h.fake.Thread(support, root.TS)
			if len(thread) != 1 || !strings.Contains(h.shown(thread[0]), "C-2026-0001 opened") {
				t.Fatalf("thread = %+v, want the opening", thread)
			}
			for _, m := range append(thread, root) {
				if s := h.shown(m) + m.Text; strings.Contains(s, "kari@example.no") || strings.Contains(s, "Kari") {
					t.Errorf("a public message shows the complainant: %s", s)
				}
			}

			h.command("USAM", support, "note C-2026-0001 I know this customer")
			h.press("USAM", root, "Acknowledge C-2026-0001")
			h.command("UANN", support, "answer C-2026-0001 The card had expired; renewed now")
			h.clock.Advance(time.Hour)
			h.command("UANN", support, `escalate C-2026-0001 reason:"site was down a day"`)
			h.settle()
			root = h.only(support)
			h.mustShow("the header after the escalation", root, "escalated (senior-review)")
			h.mustButtons("the header after the acknowledgement", root)
			if n := len(h.fake.Thread(support, root.TS)); n != 5 {
				t.Errorf("the thread has %d messages, want 5: opened, noted, acknowledged, answered, escalated", n)
			}

			esc := h.only(escalations)
			h.mustShow("the escalation", esc, "C-2026-0001 needs a reviewer for senior-review", "site was down a day")
			_, refusedID := h.press("USAM", esc, "Claim C-2026-0001")
			h.settle()
			if got := h.ephemeral(refusedID); !strings.Contains(got, "You cannot review C-2026-0001") {
				t.Errorf("the refused claim says %q", got)
			}
			h.mustButtons("the escalation after a refused claim", h.only(escalations), "Claim C-2026-0001")

			h.press("USUE", esc, "Claim C-2026-0001")
			h.settle()
			esc = h.only(escalations)
			h.mustButtons("the escalation after the claim", esc)
			h.mustShow("the escalation after the claim", esc, "✓ C-2026-0001 claimed · Sue")
			h.mustShow("the header after the claim", h.only(support), "*Reviewer*\nSue", "reviewing (senior-review)")

			_, id := h.command("USUE", "CELSEWHERE", "assign C-2026-0001 [@USID|sid]")
			h.settle()
			if got := h.ephemeral(id); !strings.Contains(got, "C-2026-0001 assigned to Sid Reviewer") {
				t.Errorf("assign, typed in another channel, answered %q", got)
			}
			c, err := h.svc.Get(context.Background(), "C-2026-0001")
			if err != nil || c.Reviewer.Key != "slack:USID" || c.Status != cases.StatusReviewing {
				t.Fatalf("case %+v, %v; want it under review by slack:USID", c, err)
			}
			h.command("USID", support, "review C-2026-0001 outcome:partly One month refunded")
			h.command("UANN", support, `final C-2026-0001 reason:"wants a final review"`)
			h.settle()
			finals := h.fake.Messages(escalations)
			if len(finals) != 2 {
				t.Fatalf("escalations channel has %d messages, want 2", len(finals))
			}
			h.press("UMAX", finals[1], "Claim C-2026-0001")
			h.command("UMAX", support, "decide C-2026-0001 outcome:partly We refund one month.")
			h.command("UMAX", support, `close C-2026-0001 cause:"expired card" remedy:refund lessons:"warn before expiry"`)
			h.settle()
			h.mustShow("the header at the end", h.only(support), "*Status*\nclosed")
			if c, _ := h.svc.Get(context.Background(), "C-2026-0001"); c.Status != cases.StatusClosed {
				t.Errorf("case ends %s", c.Status)
			}
			h.mustSendSafely()
			bottest.MustMatchGolden(t, "procedure", transcript(t, h.fake)) // the same over both transports
		})
	}
}

// mustSendSafely checks every message ombud posted or changed: parse=none
// and unfurling off, and verbatim text only.
func (h *harness) mustSendSafely() {
	h.t.Helper()
	for _, c := range h.fake.Calls("chat.postMessage", "chat.update", "chat.postEphemeral") {
		if c.Arg("parse") != "none" {
			h.t.Errorf("%s without parse=none: %v", c.Method, c.Args)
		}
		if c.Method == "chat.postMessage" && (c.Arg("unfurl_links") != "false" || c.Arg("unfurl_media") != "false") {
			h.t.Errorf("%s with unfurling on: %v", c.Method, c.Args)
		}
		if c.Token != "xoxb-test" {
			h.t.Errorf("%s with token %q", c.Method, c.Token)
		}
		for _, b := range h.blocksOf(fakeslack.Message{Blocks: c.Arg("blocks")}) {
			for _, t := range append(b.Fields, derefText(b.Text)...) {
				if t.Type == "mrkdwn" && !t.Verbatim {
					h.t.Errorf("%s with mrkdwn that Slack would parse: %+v", c.Method, t)
				}
			}
		}
	}
}

// derefText returns t as a slice of none or one.
func derefText(t *text) []text {
	if t == nil {
		return nil
	}
	return []text{*t}
}
