package slack_test

import (
	"context"
	"encoding/json"
	"strings"
	"sync"
	"testing"

	"github.com/ombud/ombud/bot"
	"github.com/ombud/ombud/bot/slack/fakeslack"
	"github.com/ombud/ombud/cases"
)

// TestModal: /case open without text opens the intake modal; a
// submission with mistakes keeps it open with each mistake by its field
// and opens nothing; a good one closes it and opens the case, its values
// taken as entered.
func TestModal(t *testing.T) {
	for _, tr := range transports {
		t.Run(tr.name, func(t *testing.T) {
			h := MustHarness(t, setup{socket: tr.socket})
			h.command("UANN", support, "open")
			h.settle()
			calls := h.fake.Calls("views.open")
			if len(calls) != 1 || calls[0].Arg("trigger_id") != "trigger-1" {
				t.Fatalf("views.open calls %+v, want one with the command's trigger", calls)
			}
			view := h.openedView()
			if view["type"] != "modal" || view["callback_id"] == "" {
				t.Fatalf("view %v is not ombud's modal", view)
			}

			errs := h.fieldErrors(h.submit("UANN", view, map[string]string{"summary": "  ", "from": "Kari <kari@example.no>"}))
			if len(errs) != 1 || errs["summary"] != "This is required." {
				t.Errorf("errors %v, want summary's", errs)
			}
			errs = h.fieldErrors(h.submit("UANN", view, map[string]string{"summary": "Slow", "from": "Kari <", "subject": "example.no"}))
			if len(errs) != 1 || !strings.Contains(errs["from"], `is not "Name <contact>"`) {
				t.Errorf("errors %v, want from's", errs)
			}
			h.settle()
			if _, err := h.svc.Get(context.Background(), "C-2026-0001"); err == nil {
				t.Errorf("a refused submission opened a case")
			}

			summary := `Charged twice: "really" <b>twice</b> & more`
			if ack := h.submit("UANN", view, map[string]string{"summary": summary, "from": "Kari <kari@example.no>"}); ack != "" {
				t.Errorf("a good submission was answered %q, want nothing (the modal closes)", ack)
			}
			h.settle()
			c, err := h.svc.Get(context.Background(), "C-2026-0001")
			if err != nil || c.Description != summary || c.Complainant.Contact != "kari@example.no" {
				t.Fatalf("case %+v, %v; want the summary as entered", c, err)
			}
			root := h.only(support)
			h.mustShow("the header of the case opened by modal", root, "C-2026-0001: Charged twice: \"really\" <b>twice</b> & more")
			if n := len(h.fake.Thread(support, root.TS)); n != 1 {
				t.Errorf("the thread has %d messages, want the opening", n)
			}
		})
	}
}

// TestConcurrentClaims presses Claim twenty times at once, as twenty
// seniors: exactly one claims the case; the message is updated once, to
// show that one; each of the others is told why not, privately.
func TestConcurrentClaims(t *testing.T) {
	h := MustHarness(t, setup{workers: 8})
	var seniors []string
	for i := range 20 {
		id := "UREV" + string(rune('A'+i))
		seniors = append(seniors, id)
		h.fake.AddUser(fakeslack.User{ID: id, RealName: "Reviewer " + string(rune('A'+i))})
	}
	h.fake.SetGroup("S-REVIEW", seniors...)
	for i, text := range []string{`open Slow from:"Kari <kari@example.no>"`, "ack C-2026-0001", "answer C-2026-0001 Done", `escalate C-2026-0001 reason:"not done"`} {
		h.command("UANN", support, text) // one at a time: the pool has several workers
		h.fake.Wait(t, text, func() bool {
			roots := h.fake.Messages(support)
			return len(roots) == 1 && len(h.fake.Thread(support, roots[0].TS)) == i+1
		})
	}
	h.fake.Wait(t, "the escalation", func() bool { return len(h.fake.Messages(escalations)) == 1 })
	esc := h.only(escalations)

	ids := make([]string, len(seniors))
	var wg sync.WaitGroup
	for i, who := range seniors {
		wg.Go(func() { _, ids[i] = h.press(who, esc, "Claim C-2026-0001") })
	}
	wg.Wait()
	_ = h.pool.Close(context.Background())

	c, err := h.svc.Get(context.Background(), "C-2026-0001")
	if err != nil || c.Reviewer.IsZero() {
		t.Fatalf("case %+v, %v; want it claimed", c, err)
	}
	refused := 0
	for _, id := range ids {
		if len(h.responses(id)) > 0 {
			refused++
		}
	}
	updates := 0
	for _, u := range h.fake.Calls("chat.update") {
		if u.Arg("channel") == escalations {
			updates++
		}
	}
	if refused != 19 || updates != 1 {
		t.Errorf("%d presses were refused and the escalation updated %d times; want 19 and 1", refused, updates)
	}
	h.mustButtons("the claimed escalation", h.only(escalations))
	h.mustShow("the claimed escalation", h.only(escalations), "claimed · "+c.Reviewer.Name)
}

// TestBusy fills the pool: the command that finds no room is told, at
// once, that ombud is busy; a button press that finds none is told
// through its response URL.
func TestBusy(t *testing.T) {
	h := MustHarness(t, setup{queue: 1})
	started, release := make(chan struct{}), make(chan struct{})
	if !h.pool.TrySubmit(func() { close(started); <-release }) {
		t.Fatal("the pool took no work")
	}
	<-started
	if !h.pool.TrySubmit(func() { <-release }) {
		t.Fatal("the pool's queue took no work")
	}
	ack, _ := h.command("UANN", support, "help")
	if !strings.Contains(ack, bot.BusyText) || !strings.Contains(ack, `"response_type":"ephemeral"`) {
		t.Errorf("a command finding the pool full was answered %q, want the busy message", ack)
	}
	msg := fakeslack.Message{Channel: support, TS: "1700000000.000009", Blocks: `[{"type":"actions","block_id":"ombud_actions",` +
		`"elements":[{"type":"button","action_id":"ombud_button_a","value":"show C-2026-0001","text":{"type":"plain_text","text":"Show C-2026-0001"}}]}]`}
	_, id := h.press("UANN", msg, "Show C-2026-0001")
	h.fake.Wait(t, "the busy message", func() bool { return len(h.responses(id)) == 1 })
	if got := h.ephemeral(id); !strings.Contains(got, bot.BusyText) {
		t.Errorf("a press finding the pool full was told %q", got)
	}
	close(release)
}

// fieldErrors decodes the answer to a form's submission that keeps it open
// with errors by field, failing the test when it is not one.
func (h *harness) fieldErrors(ack string) map[string]string {
	h.t.Helper()
	var got struct {
		Action string            `json:"response_action"`
		Errors map[string]string `json:"errors"`
	}
	if err := json.Unmarshal([]byte(ack), &got); err != nil || got.Action != "errors" {
		h.t.Fatalf("answer %q, want response_action errors", ack)
	}
	return got.Errors
}

// TestAnswerButton presses Answer on a new case's header: a modal asks for
// the answer to that case, and its submission answers it.
func TestAnswerButton(t *testing.T) {
	h := MustHarness(t, setup{})
	h.command("UANN", support, `open Domain was not renewed from:"Kari <kari@example.no>"`)
	h.settle()
	h.press("UANN", h.only(support), "Answer C-2026-0001")
	h.settle()
	if calls := h.fake.Calls("views.open"); len(calls) != 1 {
		t.Fatalf("views.open calls %+v, want the answer's modal", calls)
	}
	view := h.openedView()
	if ack := h.submit("UANN", view, map[string]string{"text": "We renewed it and refunded the fee."}); ack != "" {
		t.Errorf("the answer's submission was answered %q, want nothing (the modal closes)", ack)
	}
	h.settle()
	if c, err := h.svc.Get(context.Background(), "C-2026-0001"); err != nil || c.Status != cases.StatusAnswered {
		t.Fatalf("after the modal: %+v, %v; want C-2026-0001 answered", c, err)
	}
}
