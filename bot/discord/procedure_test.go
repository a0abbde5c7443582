package discord_test

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/ombud/ombud/bot/discord"
	"github.com/ombud/ombud/bot/discord/fakediscord"
)

// str returns a string option.
func str(name, value string) fakediscord.Option {
	return fakediscord.Option{Name: name, Type: 3, Value: value}
}

// transport sends an interaction and waits for its reply.
type transport func(hs *harness, token string, payload []byte) fakediscord.Wire

// transports are the two ways interactions reach ombud.
var transports = map[string]transport{
	"gateway": func(hs *harness, token string, payload []byte) fakediscord.Wire {
		return hs.gateway(token, payload)
	},
	"http": func(hs *harness, token string, payload []byte) fakediscord.Wire {
		hs.t.Helper()
		if status, body := hs.fake.PostHTTP(hs.web.URL+discord.InteractionsPath, payload); status != http.StatusOK {
			hs.t.Fatalf("interactions endpoint: %d %s", status, body)
		}
		return hs.answered(token)
	},
}

// do runs /case sub as from through send and returns the reply.
func (hs *harness) do(send transport, from fakediscord.Person, sub string, opts ...fakediscord.Option) fakediscord.Wire {
	hs.t.Helper()
	token, payload := hs.fake.Command(from, desk, sub, opts)
	return send(hs, token, payload)
}

// ok runs /case sub and fails the test unless the reply's first title is
// want.
func (hs *harness) ok(send transport, from fakediscord.Person, want, sub string, opts ...fakediscord.Option) fakediscord.Wire {
	hs.t.Helper()
	w := hs.do(send, from, sub, opts...)
	if got := w.Titles(); len(got) == 0 || got[0] != want {
		hs.t.Fatalf("/case %s: titles %v, want %q; %+v", sub, got, want, w.Embeds)
	}
	return w
}

// press presses the button with customID on the last message of channel
// that has it, once there is one, as from, through send.
func (hs *harness) press(send transport, from fakediscord.Person, channel, customID string) fakediscord.Wire {
	hs.t.Helper()
	token, payload := hs.fake.Press(from, hs.withButton(channel, customID), customID)
	return send(hs, token, payload)
}

// withButton waits for a message in channel with the button customID and
// returns the last one.
func (hs *harness) withButton(channel, customID string) fakediscord.Message {
	hs.t.Helper()
	var found fakediscord.Message
	hs.fake.WaitFor("a button "+customID+" in "+channel, func(s *fakediscord.Server) bool {
		ch := s.LockedChannel(channel)
		for i := len(ch.Messages) - 1; i >= 0 && ch != nil; i-- {
			var w fakediscord.Wire
			_ = json.Unmarshal(ch.Messages[i].Body, &w)
			for _, row := range w.Components {
				for _, b := range row.Components {
					if b.CustomID == customID {
						found = *ch.Messages[i]
						return true
					}
				}
			}
		}
		return false
	})
	return found
}

// TestProcedure works a complaint through every tier over the gateway and
// over HTTP: open, ack, answer, escalate; a Claim refused to a senior who
// noted on the case; a Claim by a senior by role; review, final review,
// decide and close. The case's thread gets every change; its first message
// shows where it stands.
func TestProcedure(t *testing.T) {
	t.Parallel()
	for name, send := range transports {
		t.Run(name, func(t *testing.T) {
			hs := MustHarness(t, options{})
			w := hs.ok(send, ann, "C-2026-0001 opened", "open", str("summary", "Invoice charged twice"),
				str("from", "Kari Nordmann <kari@example.no>"), str("subject", "example.no"), str("via", "email"))
			if !w.Ephemeral() {
				t.Error("the reply to open is public; it belongs in the case's thread")
			}
			id := "C-2026-0001"
			hs.ok(send, sam, id+" noted", "note", str("case", id), str("text", "I know this customer"))
			hs.ok(send, ann, id+" acknowledged", "ack", str("case", id), str("text", "called back"))
			hs.ok(send, ann, id+" answered", "answer", str("case", id), str("text", "The second charge is a pre-authorisation."))
			hs.ok(send, ann, id+" escalated to senior-review", "escalate", str("case", id), str("reason", "still charged twice"))

			refused := hs.press(send, sam, escalations, "ombud:cmd:claim "+id)
			if !refused.Ephemeral() || !strings.Contains(refused.Embeds[0].Description, "noted on this case") {
				t.Errorf("sam's claim: %+v; want an ephemeral refusal saying why", refused)
			}
			claimed := hs.press(send, sue, escalations, "ombud:cmd:claim "+id)
			if titles := claimed.Titles(); len(titles) != 2 || titles[1] != id+" claimed" || claimed.Field("By") != "Ann A." {
				t.Errorf("the escalation after sue's claim: titles %v; want the post and %s claimed", titles, id)
			}
			if !claimedBy(hs, escalations, id, "Sue") {
				t.Errorf("the escalation post does not show Sue as the reviewer with its button disabled")
			}
			hs.ok(send, sue, id+" reviewed", "review", str("case", id), str("outcome", "rejected"), str("text", "The charge was correct."))
			hs.ok(send, ann, id+" escalated to final-review", "final", str("case", id), str("reason", "wants a final review"))
			hs.press(send, sid, escalations, "ombud:cmd:claim "+id)
			hs.ok(send, sid, id+" decided", "decide", str("case", id), str("outcome", "partly"), str("text", "We refund it."))
			hs.ok(send, sid, id+" closed", "close", str("case", id), str("cause", "invoice run"), str("remedy", "refund"))
			checkThread(hs, id)
		})
	}
}

// claimedBy reports whether the last message in channel with the Claim
// button of id shows who claimed it and has the button disabled.
func claimedBy(hs *harness, channel, id, who string) bool {
	for _, m := range hs.fake.Channel(channel).Messages {
		w := hs.fake.Decode(m.Body)
		if len(w.Components) == 0 || w.Components[0].Components[0].CustomID != "ombud:cmd:claim "+id {
			continue
		}
		if slices.Contains(w.Titles(), id+" claimed") && w.Components[0].Components[0].Disabled {
			for _, e := range w.Embeds {
				for _, f := range e.Fields {
					if f.Name == "By" && f.Value == who {
						return true
					}
				}
			}
		}
	}
	return false
}

// checkThread checks that the case's first message in the desk channel
// heads a thread holding every change, and shows the case closed.
func checkThread(hs *harness, id string) {
	hs.t.Helper()
	hs.fake.WaitFor("the case closed in its thread", func(s *fakediscord.Server) bool {
		d := s.LockedChannel(desk)
		if len(d.Started) == 0 {
			return false
		}
		t := s.LockedChannel(d.Started[0])
		if len(t.Messages) == 0 {
			return false
		}
		var w fakediscord.Wire
		_ = json.Unmarshal(t.Messages[len(t.Messages)-1].Body, &w)
		return slices.Contains(w.Titles(), id+" closed")
	})
	desk := hs.fake.Channel(desk)
	if len(desk.Started) != 1 {
		hs.t.Fatalf("%d threads started in the desk channel, want 1", len(desk.Started))
	}
	var head *fakediscord.Message
	for _, m := range desk.Messages {
		if m.ID == desk.Started[0] {
			head = m
		}
	}
	if head == nil || head.Edits == 0 {
		hs.t.Fatalf("the thread's first message is not in the desk channel, or was never updated: %+v", head)
	}
	if w := hs.fake.Decode(head.Body); !strings.HasPrefix(w.Titles()[0], id+": Invoice") || !strings.Contains(w.Field("Status"), "closed") {
		hs.t.Errorf("the thread's first message: %v, status %q; want the case, closed", w.Titles(), w.Field("Status"))
	}
	var titles []string
	for _, m := range hs.fake.Channel(desk.Started[0]).Messages {
		titles = append(titles, hs.fake.Decode(m.Body).Titles()...)
	}
	for _, want := range []string{"opened", "noted", "acknowledged", "answered", "escalated to senior-review", "claimed", "reviewed", "decided", "closed"} {
		if !slices.Contains(titles, id+" "+want) {
			hs.t.Errorf("the thread lacks %s %s: %v", id, want, titles)
		}
	}
}
