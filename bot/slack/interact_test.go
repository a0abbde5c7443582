package slack_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/ombud/ombud/bot/slack/fakeslack"
)

// block is the part of a Block Kit block the tests read.
type block struct {
	Type     string          `json:"type"`
	BlockID  string          `json:"block_id"`
	Text     *text           `json:"text"`
	Fields   []text          `json:"fields"`
	Elements []element       `json:"elements"`
	Raw      json.RawMessage `json:"-"`
}

// text is a Block Kit text object.
type text struct {
	Type     string `json:"type"`
	Text     string `json:"text"`
	Verbatim bool   `json:"verbatim"`
}

// element is a button, or a context block's text.
type element struct {
	Type     string `json:"type"`
	ActionID string `json:"action_id"`
	Value    string `json:"value"`
	Text     any    `json:"text"`
}

// label returns a button's text.
func (e element) label() string {
	if m, ok := e.Text.(map[string]any); ok {
		s, _ := m["text"].(string)
		return s
	}
	s, _ := e.Text.(string)
	return s
}

// blocksOf decodes a message's blocks.
func (h *harness) blocksOf(m fakeslack.Message) []block {
	h.t.Helper()
	var bs []block
	if err := json.Unmarshal([]byte(m.Blocks), &bs); err != nil {
		h.t.Fatalf("message %s: blocks %q: %v", m.TS, m.Blocks, err)
	}
	return bs
}

// shown returns everything a message's blocks show, one line each part.
func (h *harness) shown(m fakeslack.Message) string {
	var lines []string
	for _, b := range h.blocksOf(m) {
		if b.Text != nil {
			lines = append(lines, b.Text.Text)
		}
		for _, f := range b.Fields {
			lines = append(lines, f.Text)
		}
		for _, e := range b.Elements {
			lines = append(lines, e.label())
		}
	}
	return strings.Join(lines, "\n")
}

// buttons returns the labels of a message's buttons.
func (h *harness) buttons(m fakeslack.Message) []string {
	var out []string
	for _, b := range h.blocksOf(m) {
		for _, e := range b.Elements {
			if e.Type == "button" {
				out = append(out, e.label())
			}
		}
	}
	return out
}

// press presses the button labelled label on message m as user, as Slack
// sends a block_actions payload, and returns Slack's answer at once and the
// press's response URL's id.
func (h *harness) press(user string, m fakeslack.Message, label string) (ack, responseID string) {
	h.t.Helper()
	var action map[string]any
	for _, b := range h.blocksOf(m) {
		for _, e := range b.Elements {
			if e.Type == "button" && e.label() == label {
				action = map[string]any{"type": "button", "action_id": e.ActionID, "block_id": b.BlockID, "value": e.Value,
					"text": e.Text, "action_ts": "1700000000.1"}
			}
		}
	}
	if action == nil {
		h.t.Fatalf("message %s has no button %q; it has %v", m.TS, label, h.buttons(m))
	}
	n := h.n.Add(1)
	responseID = fmt.Sprintf("press-%d", n)
	return h.interact(map[string]any{
		"type": "block_actions", "user": map[string]any{"id": user, "name": strings.ToLower(user)},
		"trigger_id": fmt.Sprintf("trigger-%d", n), "response_url": h.fake.ResponseURL(responseID),
		"channel":   map[string]any{"id": m.Channel},
		"container": map[string]any{"type": "message", "channel_id": m.Channel, "message_ts": m.TS},
		"message":   map[string]any{"ts": m.TS, "blocks": json.RawMessage(m.Blocks)},
		"actions":   []any{action},
	}), responseID
}

// openedView returns the view of the latest views.open call.
func (h *harness) openedView() map[string]any {
	h.t.Helper()
	calls := h.fake.Calls("views.open")
	if len(calls) == 0 {
		h.t.Fatal("no modal was opened")
	}
	view, _ := calls[len(calls)-1].Args["view"].(map[string]any)
	return view
}

// submit submits the modal view with values, by block ID, as user, and
// returns Slack's answer at once.
func (h *harness) submit(user string, view map[string]any, values map[string]string) string {
	h.t.Helper()
	state := map[string]any{}
	for key, v := range values {
		state[key] = map[string]any{"value": map[string]any{"type": "plain_text_input", "value": v}}
	}
	submitted := map[string]any{"state": map[string]any{"values": state}}
	for k, v := range view {
		submitted[k] = v
	}
	n := h.n.Add(1)
	submitted["id"], submitted["hash"] = "V1", "hash-1" // as Slack sends them for every submission of one modal
	return h.interact(map[string]any{
		"type": "view_submission", "user": map[string]any{"id": user}, "trigger_id": fmt.Sprintf("trigger-%d", n), "view": submitted,
	})
}

// responses returns what was sent to the response URL called id.
func (h *harness) responses(id string) []fakeslack.Call {
	var out []fakeslack.Call
	for _, c := range h.fake.Calls("response_url") {
		if c.Arg("id") == id {
			out = append(out, c)
		}
	}
	return out
}

// ephemeral returns the one message sent to the response URL id, failing
// the test unless there is exactly one and it is ephemeral.
func (h *harness) ephemeral(id string) string {
	h.t.Helper()
	rs := h.responses(id)
	if len(rs) != 1 || rs[0].Arg("response_type") != "ephemeral" {
		h.t.Fatalf("response URL %s got %+v, want one ephemeral message", id, rs)
	}
	return h.shown(fakeslack.Message{Blocks: rs[0].Arg("blocks")})
}

// root returns the one message in channel outside threads, failing the
// test unless there is exactly one.
func (h *harness) only(channel string) fakeslack.Message {
	h.t.Helper()
	ms := h.fake.Messages(channel)
	if len(ms) != 1 {
		h.t.Fatalf("%s has %d messages, want 1: %+v", channel, len(ms), ms)
	}
	return ms[0]
}

// mustShow fails the test unless what m shows contains every one of want.
func (h *harness) mustShow(what string, m fakeslack.Message, want ...string) {
	h.t.Helper()
	got := h.shown(m)
	for _, w := range want {
		if !strings.Contains(got, w) {
			h.t.Errorf("%s does not show %q:\n%s", what, w, got)
		}
	}
}

// mustButtons fails the test unless m's buttons are want.
func (h *harness) mustButtons(what string, m fakeslack.Message, want ...string) {
	h.t.Helper()
	if got := h.buttons(m); !slices.Equal(got, want) {
		h.t.Errorf("%s has buttons %q, want %q", what, got, want)
	}
}
