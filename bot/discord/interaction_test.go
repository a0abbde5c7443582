package discord_test

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ombud/ombud/bot"
	"github.com/ombud/ombud/bot/discord"
	"github.com/ombud/ombud/bot/discord/fakediscord"
	"github.com/ombud/ombud/cases"
)

// slowStore blocks List and Apply, once armed, until the test releases
// them: a store slower than Discord's 3 seconds.
type slowStore struct {
	cases.Store
	armed   atomic.Bool
	entered chan struct{} // receives when a blocked call starts
	release chan struct{} // lets one blocked call go on
	stop    chan struct{} // closed when the test ends, so that nothing stays blocked
}

// gate blocks while the store is armed, until released or stopped.
func (s *slowStore) gate() {
	if !s.armed.Load() {
		return
	}
	select {
	case s.entered <- struct{}{}:
	case <-s.stop:
		return
	}
	select {
	case <-s.release:
	case <-s.stop:
	}
}

// List implements cases.Store, slowly.
func (s *slowStore) List(ctx context.Context, q cases.Query) ([]*cases.Case, error) {
	s.gate()
	return s.Store.List(ctx, q)
}

// Apply implements cases.Store, slowly.
func (s *slowStore) Apply(ctx context.Context, ch cases.Change) (*cases.Case, error) {
	s.gate()
	return s.Store.Apply(ctx, ch)
}

// deferredWhileBlocked waits until the blocked store call has started and
// the interaction with token was acknowledged with a deferral of type kind
// and the given ephemerality, then releases the store.
func deferredWhileBlocked(hs *harness, slow *slowStore, token string, kind int, ephemeral bool) {
	hs.t.Helper()
	<-slow.entered
	hs.fake.WaitFor("the deferral of "+token, func(s *fakediscord.Server) bool {
		in := s.Locked(token)
		return in != nil && len(in.Callbacks) > 0
	})
	in := hs.fake.Interaction(token)
	var cb struct {
		Type int `json:"type"`
		Data struct {
			Flags int `json:"flags"`
		} `json:"data"`
	}
	_ = json.Unmarshal(in.Callbacks[0], &cb)
	if cb.Type != kind || (cb.Data.Flags&64 != 0) != ephemeral {
		hs.t.Errorf("first response %s; want type %d, ephemeral %v", in.Callbacks[0], kind, ephemeral)
	}
	slow.armed.Store(false)
	slow.release <- struct{}{}
}

// TestLateAckImpossible blocks the store until Discord has seen the
// acknowledgement: it comes anyway, deferred (ephemeral for a private
// reply, an update for a button), and the reply follows.
func TestLateAckImpossible(t *testing.T) {
	t.Parallel()
	slow := &slowStore{entered: make(chan struct{}), release: make(chan struct{}), stop: make(chan struct{})}
	hs := MustHarness(t, options{
		store:  func(s cases.Store) cases.Store { slow.Store = s; return slow },
		config: func(c *discord.Config) { c.AckWithin = 50 * time.Millisecond },
	})
	t.Cleanup(func() { close(slow.stop) }) // runs before the harness stops
	id := hs.escalated(transports["gateway"])

	slow.armed.Store(true)
	token, payload := hs.fake.Command(ann, desk, "list", nil)
	hs.fake.Dispatch(payload)
	deferredWhileBlocked(hs, slow, token, 5, true)
	if w := hs.answered(token); !w.Ephemeral() || !strings.HasPrefix(w.Titles()[0], "Open cases") {
		t.Errorf("list after the deferral: %+v", w)
	}

	slow.armed.Store(true)
	token, payload = hs.fake.Command(ann, desk, "note", []fakediscord.Option{str("case", id), str("text", "slow")})
	status, _ := hs.fake.PostHTTP(hs.web.URL+discord.InteractionsPath, payload)
	if status != 200 {
		t.Fatalf("HTTP status %d", status)
	}
	deferredWhileBlocked(hs, slow, token, 5, false)
	if w := hs.answered(token); !w.Ephemeral() || w.Titles()[0] != id+" noted" {
		t.Errorf("note after a public deferral: %+v; want it privately, and in the thread", w)
	}
	if in := hs.fake.Interaction(token); in.Original == nil || !in.Original.Deleted {
		t.Errorf("the public deferral's message was left: %+v", in.Original)
	}

	slow.armed.Store(true)
	token, payload = hs.fake.Press(sue, hs.withButton(escalations, "ombud:cmd:claim "+id), "ombud:cmd:claim "+id)
	hs.fake.Dispatch(payload)
	deferredWhileBlocked(hs, slow, token, 6, false)
	hs.fake.WaitFor("the claim shown on its post", func(s *fakediscord.Server) bool {
		ch := s.LockedChannel(escalations)
		return ch.Messages[len(ch.Messages)-1].Edits > 0
	})
	if !claimedBy(hs, escalations, id, "Sue") {
		t.Error("the deferred claim did not edit its post")
	}
}

// TestModal opens /case open's form as a modal and submits it: a complete
// form opens the case, one without its summary is refused by field.
func TestModal(t *testing.T) {
	t.Parallel()
	hs := MustHarness(t, options{})
	token, payload := hs.fake.Command(ann, desk, "open", nil)
	hs.gateway(token, payload)
	in := hs.fake.Interaction(token)
	if in.CallbackType() != 9 {
		t.Fatalf("/case open alone answered %s; want a modal", in.Callbacks)
	}
	var modal struct {
		Data struct {
			CustomID   string `json:"custom_id"`
			Components []struct {
				Components []struct {
					CustomID string `json:"custom_id"`
					Required bool   `json:"required"`
				} `json:"components"`
			} `json:"components"`
		} `json:"data"`
	}
	_ = json.Unmarshal(in.Callbacks[0], &modal)
	var inputs []string
	for _, row := range modal.Data.Components {
		inputs = append(inputs, row.Components[0].CustomID)
	}
	if modal.Data.CustomID != "ombud:form:open" || strings.Join(inputs, ",") != "summary,from,subject" {
		t.Errorf("modal %s with inputs %v", modal.Data.CustomID, inputs)
	}

	token, payload = hs.fake.Submit(ann, desk, "ombud:form:open", map[string]string{"summary": " ", "from": "Kari"})
	w := transports["http"](hs, token, payload)
	if !w.Ephemeral() || !strings.Contains(w.Embeds[0].Description, "summary: This is required.") {
		t.Errorf("a form without its summary: %+v", w)
	}
	token, payload = hs.fake.Submit(ann, desk, "ombud:form:open",
		map[string]string{"summary": `Charged "twice": see reason:x`, "from": "Kari <kari@example.no>", "subject": "example.no"})
	w = transports["http"](hs, token, payload)
	if got := w.Titles(); len(got) == 0 || got[0] != "C-2026-0001 opened" || !strings.Contains(w.Embeds[0].Description, `Charged "twice": see reason:x`) {
		t.Errorf("the submitted form: %+v", w)
	}
}

// TestAssignTakesTheMember checks that assign names the person by their
// nickname and roles, from the interaction or, when it carries none,
// fetched from the server, and that refer does the same for a mention in
// its text option.
func TestAssignTakesTheMember(t *testing.T) {
	t.Parallel()
	hs := MustHarness(t, options{})
	send := transports["gateway"]
	id := "C-2026-0001"
	hs.ok(send, ann, id+" opened", "open", str("summary", "Slow support"))
	person := fakediscord.Option{Name: "person", Type: 6, Value: bob.ID}
	token, payload := hs.fake.Command(ann, desk, "assign", []fakediscord.Option{str("case", id), person}, bob)
	if w := send(hs, token, payload); w.Titles()[0] != id+" assigned to Bobby" {
		t.Errorf("assign with the member resolved: %v", w.Titles())
	}
	hs.fake.AddMember(sam.ID, "sam", "Samuel", seniorRole)
	person.Value = sam.ID
	hs.ok(send, ann, id+" assigned to Samuel", "assign", str("case", id), person)
	hs.fake.AddMember(sue.ID, "sue", "Susan", seniorRole)
	hs.ok(send, ann, id+" referred to Susan", "refer", str("case", id), str("to", "<@"+sue.ID+">"), str("reason", "a second opinion"))
}

// TestMassMentions opens a case whose text tries to ping everyone and a
// role: every message ombud sends allows no mentions and carries the text
// defused.
func TestMassMentions(t *testing.T) {
	t.Parallel()
	hs := MustHarness(t, options{})
	hostile := "@everyone @here <@&" + seniorRole + "> **urgent**"
	hs.ok(transports["http"], ann, "C-2026-0001 opened", "open", str("summary", hostile), str("subject", "@here"))
	checkThread := func(s *fakediscord.Server) bool {
		d := s.LockedChannel(desk)
		return len(d.Started) == 1 && len(s.LockedChannel(d.Started[0]).Messages) == 1
	}
	hs.fake.WaitFor("the case's thread", checkThread)
	d := hs.fake.Channel(desk)
	msgs := append(d.Messages, hs.fake.Channel(d.Started[0]).Messages...)
	for _, m := range msgs {
		w := hs.fake.Decode(m.Body)
		if w.AllowedMentions == nil || len(w.AllowedMentions.Parse) != 0 || len(w.AllowedMentions.Roles) != 0 {
			t.Errorf("message %s allows mentions: %+v", m.ID, w.AllowedMentions)
		}
		for _, raw := range []string{"@everyone", "@here", "<@&"} {
			if strings.Contains(string(m.Body), raw) {
				t.Errorf("message %s carries %s as typed: %s", m.ID, raw, m.Body)
			}
		}
	}
	if len(msgs) != 2 {
		t.Errorf("%d messages, want the thread's head and the reply in it", len(msgs))
	}
}

// TestHTTPAnswerComplete checks that the interactions endpoint's answer
// carries its length, so that Discord has all of it as soon as it is
// written, before the follow-ups that come after it, rather than once the
// handler returns.
func TestHTTPAnswerComplete(t *testing.T) {
	t.Parallel()
	var n atomic.Int32
	hs := MustHarness(t, options{handler: counting(&n)})
	_, payload := hs.fake.Command(ann, desk, "help", nil)
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	req, err := http.NewRequest(http.MethodPost, hs.web.URL+discord.InteractionsPath, bytes.NewReader(payload))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("X-Signature-Timestamp", ts)
	req.Header.Set("X-Signature-Ed25519", hex.EncodeToString(ed25519.Sign(hs.fake.Key, append([]byte(ts), payload...))))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK || resp.ContentLength != int64(len(body)) || len(resp.TransferEncoding) > 0 {
		t.Errorf("answered %d with Content-Length %d and Transfer-Encoding %v for %d bytes; want the length",
			resp.StatusCode, resp.ContentLength, resp.TransferEncoding, len(body))
	}
}

// TestPublicReplyAfterPrivateDeferral: a reply shown to everyone that comes
// after a private (ephemeral) deferral is not edited into the private
// message, where only the person would see it: that message is removed and
// the reply follows up in public.
func TestPublicReplyAfterPrivateDeferral(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	slow := bot.HandlerFunc(func(context.Context, bot.Request) bot.Response {
		<-release
		return bot.Response{Reply: bot.Reply{Title: "for everyone", Visibility: bot.Public}}
	})
	hs := MustHarness(t, options{handler: slow, config: func(c *discord.Config) { c.AckWithin = 10 * time.Millisecond }})
	token, payload := hs.fake.Command(ann, desk, "list", nil) // list answers privately, so its deferral is ephemeral
	hs.fake.Dispatch(payload)
	hs.fake.WaitFor("the deferral of "+token, func(s *fakediscord.Server) bool {
		in := s.Locked(token)
		return in != nil && len(in.Callbacks) > 0
	})
	close(release)
	hs.fake.WaitFor("the public follow-up", func(s *fakediscord.Server) bool {
		in := s.Locked(token)
		return len(in.FollowUps) > 0 && in.Original != nil && in.Original.Deleted
	})
	if w := hs.fake.Decode(hs.fake.Interaction(token).FollowUps[0].Body); w.Ephemeral() || w.Titles()[0] != "for everyone" {
		t.Errorf("the follow-up: %+v; want it public", w)
	}
}

// TestAnswerButton presses Answer on a new case's header: a modal asks for
// the answer to that case, and its submission answers it.
func TestAnswerButton(t *testing.T) {
	t.Parallel()
	hs := MustHarness(t, options{})
	id := "C-2026-0001"
	hs.ok(transports["gateway"], ann, id+" opened", "open", str("summary", "Invoice charged twice"), str("from", "Kari <kari@example.no>"))
	button := "ombud:cmd:answer " + id
	token, payload := hs.fake.Press(ann, hs.withButton(desk, button), button)
	hs.fake.Dispatch(payload)
	hs.fake.WaitFor("the answer's modal", func(s *fakediscord.Server) bool {
		in := s.Locked(token)
		return in != nil && len(in.Callbacks) > 0
	})
	in := hs.fake.Interaction(token)
	var modal struct {
		Data struct {
			CustomID string `json:"custom_id"`
		} `json:"data"`
	}
	_ = json.Unmarshal(in.Callbacks[0], &modal)
	if in.CallbackType() != 9 || modal.Data.CustomID != "ombud:form:answer "+id {
		t.Fatalf("Answer pressed: %s; want the modal for %s's answer", in.Callbacks, id)
	}
	token, payload = hs.fake.Submit(ann, desk, modal.Data.CustomID, map[string]string{"text": "It was a pre-authorisation."})
	if w := transports["http"](hs, token, payload); len(w.Titles()) == 0 || w.Titles()[0] != id+" answered" {
		t.Errorf("the submitted answer: %+v", w)
	}
}
