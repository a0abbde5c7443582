package discord_test

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ombud/ombud/bot"
	"github.com/ombud/ombud/bot/discord"
	"github.com/ombud/ombud/bot/discord/fakediscord"
)

// counting returns a handler that counts its requests and answers with the
// request's text.
func counting(n *atomic.Int32) bot.Handler {
	return bot.HandlerFunc(func(_ context.Context, req bot.Request) bot.Response {
		n.Add(1)
		return bot.Response{Reply: bot.Reply{Title: "ran " + req.Text, Text: req.UserName, Visibility: bot.Private}}
	})
}

// TestSignatures checks that the interactions endpoint answers 401, and
// runs nothing, unless the signature is good and at most 5 minutes old.
func TestSignatures(t *testing.T) {
	t.Parallel()
	var n atomic.Int32
	hs := MustHarness(t, options{handler: counting(&n)})
	url := hs.web.URL + discord.InteractionsPath
	_, other, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now().Unix()
	at := func(d time.Duration) string { return strconv.FormatInt(now+int64(d/time.Second), 10) }
	_, payload := hs.fake.Command(ann, desk, "help", nil)
	for _, tt := range []struct {
		name string
		body json.RawMessage
		ts   string
		key  ed25519.PrivateKey
	}{
		{"forged", payload, at(0), other},
		{"missing", payload, at(0), nil},
		{"stale", payload, at(-5*time.Minute - time.Second), hs.fake.Key},
		{"future", payload, at(5*time.Minute + time.Second), hs.fake.Key},
		{"no timestamp", payload, "", hs.fake.Key},
	} {
		if status, _ := hs.fake.PostSigned(url, tt.body, tt.ts, tt.key); status != http.StatusUnauthorized {
			t.Errorf("%s: status %d, want 401", tt.name, status)
		}
	}
	tampered := append(json.RawMessage(`{"x":1,`), payload[1:]...)
	if status := postTampered(t, url, payload, tampered, at(0), hs.fake.Key); status != http.StatusUnauthorized {
		t.Errorf("tampered: status %d, want 401", status)
	}
	if got := n.Load(); got != 0 {
		t.Errorf("%d requests ran with bad signatures", got)
	}
	if status, body := hs.fake.PostSigned(url, payload, at(-5*time.Minute+2*time.Second), hs.fake.Key); status != http.StatusOK {
		t.Errorf("a signature 4m58s old: status %d %s, want 200", status, body)
	}
}

// postTampered sends body signed as if it were signed.
func postTampered(t *testing.T, url string, signed, body json.RawMessage, ts string, key ed25519.PrivateKey) int {
	t.Helper()
	sig := ed25519.Sign(key, append([]byte(ts), signed...))
	req, err := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("X-Signature-Timestamp", ts)
	req.Header.Set("X-Signature-Ed25519", hex.EncodeToString(sig))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// TestPing checks that a signed PING gets a PONG and an unsigned one 401.
func TestPing(t *testing.T) {
	t.Parallel()
	var n atomic.Int32
	hs := MustHarness(t, options{handler: counting(&n)})
	url := hs.web.URL + discord.InteractionsPath
	ping := json.RawMessage(`{"id":"1","application_id":"` + fakediscord.AppID + `","type":1,"token":"t","version":1}`)
	status, body := hs.fake.PostHTTP(url, ping)
	var pong struct {
		Type int `json:"type"`
	}
	if err := json.Unmarshal(body, &pong); status != http.StatusOK || err != nil || pong.Type != 1 {
		t.Errorf("PING: %d %s, want 200 {\"type\":1}", status, body)
	}
	if status, _ := hs.fake.PostSigned(url, ping, strconv.FormatInt(time.Now().Unix(), 10), nil); status != http.StatusUnauthorized {
		t.Errorf("unsigned PING: %d, want 401", status)
	}
}

// TestGatewayResumes checks that interactions come through the gateway,
// and again after the connection drops and the client resumes, without
// identifying twice, and that the platform is ready again then: the fake
// asks for a heartbeat every second, so that WaitFor sees it become ready.
// Not much shorter: discordgo reconnects when 5 intervals pass without an
// ACK, and a machine running the whole suite can stall for more than a
// second; each needless reconnect holds the client for another second.
func TestGatewayResumes(t *testing.T) {
	t.Parallel()
	var n atomic.Int32
	hs := MustHarness(t, options{handler: counting(&n), heartbeat: 1000})
	if w := hs.gateway(hs.fake.Command(ann, desk, "help", nil)); !w.Ephemeral() || w.Titles()[0] != "ran help" {
		t.Fatalf("before the drop: %+v", w)
	}
	hs.fake.Drop()
	token, payload := hs.fake.Command(bob, desk, "list", nil)
	hs.fake.Dispatch(payload) // while the connection is down: replayed on resume
	w := hs.answered(token)
	if got := w.Titles(); len(got) != 1 || got[0] != "ran list" || w.Embeds[0].Description != "Bobby" {
		t.Errorf("after the drop: %+v", w)
	}
	hs.fake.WaitFor("a heartbeat on each connection", func(*fakediscord.Server) bool {
		_, _, heartbeats := hs.fake.GatewayStats()
		return heartbeats >= 2
	})
	if identifies, resumes, _ := hs.fake.GatewayStats(); identifies != 1 || resumes != 1 {
		t.Errorf("identified %d times, resumed %d; want 1 and 1", identifies, resumes)
	}
	hs.fake.WaitFor("Ready after the resume", func(*fakediscord.Server) bool { return hs.p.Ready(context.Background()) == nil })
}

// TestRegistersWhenChanged checks that Run registers /case in the guild
// alone, once, and not again when the definitions are the same.
func TestRegistersWhenChanged(t *testing.T) {
	t.Parallel()
	var n atomic.Int32
	hs := MustHarness(t, options{handler: counting(&n)})
	if got := hs.fake.Registrations(); len(got) != 1 || got[0] != fakediscord.GuildID {
		t.Fatalf("registrations %v, want one in the guild", got)
	}
	if hs.fake.Commands("global") != nil {
		t.Error("registered globally too; /case would be listed twice")
	}
	changed, err := hs.p.Sync(context.Background())
	if err != nil || changed {
		t.Errorf("Sync with the same definitions: changed %v, %v; want false, nil", changed, err)
	}
	if got := hs.fake.Registrations(); len(got) != 1 {
		t.Errorf("registrations %v after an unchanged Sync", got)
	}
}

// TestRegisterDropsGlobalCase: a /case an earlier run registered globally,
// before DISCORD_GUILD_ID was set, is deleted when ombud registers in the
// guild, so the server does not list /case twice; other global commands
// stay.
func TestRegisterDropsGlobalCase(t *testing.T) {
	t.Parallel()
	var n atomic.Int32
	hs := MustHarness(t, options{handler: counting(&n)})
	var guild []map[string]any
	if err := json.Unmarshal(hs.fake.Commands(fakediscord.GuildID), &guild); err != nil || len(guild) != 1 {
		t.Fatalf("guild commands %s, %v", hs.fake.Commands(fakediscord.GuildID), err)
	}
	other := map[string]any{"name": "other", "description": "not ombud's", "type": 1}
	global, _ := json.Marshal([]map[string]any{other, guild[0]})
	hs.fake.RegisterGlobally(global)
	changed, err := hs.p.Sync(context.Background())
	if err != nil || !changed {
		t.Fatalf("Sync with /case also global: changed %v, %v; want true, nil", changed, err)
	}
	var left []struct{ Name string }
	if err := json.Unmarshal(hs.fake.Commands("global"), &left); err != nil || len(left) != 1 || left[0].Name != "other" {
		t.Errorf("global commands after Sync: %s, %v; want only other", hs.fake.Commands("global"), err)
	}
	if changed, err := hs.p.Sync(context.Background()); err != nil || changed {
		t.Errorf("Sync again: changed %v, %v; want false, nil", changed, err)
	}
}

// TestSignatureAgeBoundary checks the age limit to the second with a fixed
// clock: 5 minutes old, or ahead, is accepted; a second more is not.
func TestSignatureAgeBoundary(t *testing.T) {
	t.Parallel()
	var n atomic.Int32
	now := time.Now().Truncate(time.Second)
	hs := MustHarness(t, options{handler: counting(&n), config: func(c *discord.Config) {
		c.Now = func() time.Time { return now }
	}})
	url := hs.web.URL + discord.InteractionsPath
	for d, want := range map[time.Duration]int{
		-5 * time.Minute: http.StatusOK, -5*time.Minute - time.Second: http.StatusUnauthorized,
		5 * time.Minute: http.StatusOK, 5*time.Minute + time.Second: http.StatusUnauthorized,
	} {
		_, payload := hs.fake.Command(ann, desk, "help", nil)
		if status, _ := hs.fake.PostSigned(url, payload, strconv.FormatInt(now.Add(d).Unix(), 10), hs.fake.Key); status != want {
			t.Errorf("signed %v from now: status %d, want %d", d, status, want)
		}
	}
	if got := n.Load(); got != 2 {
		t.Errorf("%d requests ran, want the 2 within the limit", got)
	}
}

// TestBusy fills a pool of one worker and a queue of one: the next
// interaction is told at once, privately, that ombud is busy, and the two
// taken are answered once the work goes on.
func TestBusy(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	blocking := bot.HandlerFunc(func(_ context.Context, req bot.Request) bot.Response {
		<-release
		return bot.Response{Reply: bot.Reply{Title: "ran " + req.Text, Visibility: bot.Private}}
	})
	pool := bot.NewPool(1, 1)
	t.Cleanup(func() { _ = pool.Close(context.Background()) })
	hs := MustHarness(t, options{handler: blocking, config: func(c *discord.Config) {
		c.Pool, c.AckWithin = pool, 10*time.Millisecond
	}})
	var once sync.Once
	unblock := func() { once.Do(func() { close(release) }) }
	t.Cleanup(unblock) // runs before the harness stops, should the test fail first
	first, p1 := hs.fake.Command(ann, desk, "list", nil)
	second, p2 := hs.fake.Command(bob, desk, "help", nil)
	for _, p := range []json.RawMessage{p1, p2} {
		hs.fake.Dispatch(p)
	}
	for _, token := range []string{first, second} {
		hs.fake.WaitFor("the deferral of "+token, func(s *fakediscord.Server) bool {
			in := s.Locked(token)
			return in != nil && len(in.Callbacks) > 0
		})
	}
	w := hs.gateway(hs.fake.Command(sam, desk, "show", nil))
	if !w.Ephemeral() || w.Embeds[0].Description != bot.BusyText {
		t.Errorf("the third interaction: %+v; want %q privately", w, bot.BusyText)
	}
	unblock()
	for _, token := range []string{first, second} {
		if w := hs.answered(token); len(w.Titles()) == 0 || !strings.HasPrefix(w.Titles()[0], "ran ") {
			t.Errorf("%s after the work went on: %+v", token, w)
		}
	}
}
