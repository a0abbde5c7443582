// Package fakediscord is a fake Discord for ombud's tests: the REST API the
// adapter uses (gateway address, messages, files sent with them as
// multipart/form-data, interaction callbacks and follow-ups, threads,
// members, command registration) and a gateway websocket (Hello, Identify,
// READY, heartbeat ACK, resume, dispatched events), speaking Discord's wire
// format so that the real discordgo client is exercised. It checks what
// Discord checks (limits, the 10 MiB of files, one acknowledgement per
// interaction, a follow-up only after it) and records every payload and
// file.
package fakediscord

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"
)

// Token is the bot token the fake accepts.
const Token = "fake-bot-token"

// AppID is the fake application's ID.
const AppID = "100000000000000001"

// GuildID is the fake server's ID.
const GuildID = "200000000000000002"

// Message is a message as the fake holds it.
type Message struct {
	ID        string          // the message's snowflake
	ChannelID string          // "" for an ephemeral interaction message
	Body      json.RawMessage // the last payload that created or edited it
	Files     []File          // its attachments, in order
	Edits     int             // how many times it was edited
	Deleted   bool            // the message was deleted
}

// Interaction is an interaction the fake sent and what the application
// answered.
type Interaction struct {
	ID        string            // the interaction's snowflake
	Token     string            // its token, for its callback and webhooks
	Payload   json.RawMessage   // what the fake sent
	Callbacks []json.RawMessage // the initial responses received; Discord takes one
	Original  *Message          // the response's own message, when it has one
	FollowUps []*Message        // follow-up messages, in order
	message   *Message          // the message whose button was pressed
	channel   string            // where it was sent from
	// answering is closed once the answer to the interaction's HTTP POST
	// is recorded; nil when it was not sent over HTTP.
	answering chan struct{}
}

// Channel is a channel of the fake server.
type Channel struct {
	ID       string     // the channel's snowflake
	Threads  bool       // threads may be started off its messages
	ParentID string     // for a thread, its channel
	Started  []string   // the threads started off its messages, in order
	Messages []*Message // the messages posted in it, in order
}

// Server is the fake Discord.
type Server struct {
	t    testing.TB
	http *httptest.Server
	Key  ed25519.PrivateKey // signs HTTP interactions

	mu           sync.Mutex
	changed      chan struct{} // closed and replaced on every change
	seq          int
	channels     map[string]*Channel
	messages     map[string]*Message
	interactions map[string]*Interaction // by token
	members      map[string]json.RawMessage
	commands     map[string]json.RawMessage // registered, by scope: "global" or a guild ID
	registers    []string                   // the scope of each registration, in order
	violations   []string
	rateLimited  int // how many message posts to refuse with 429
	rateLimitOK  int // how many message posts to let through before those
	threadsDown  int // how many thread starts to answer 500
	heartbeat    int // the heartbeat interval Hello asks for, in milliseconds
	gw           gateway
}

// New starts a fake Discord that stops when the test ends and fails the
// test if ombud broke one of Discord's rules.
func New(tb testing.TB) *Server {
	tb.Helper()
	_, key, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		tb.Fatal(err)
	}
	s := &Server{t: tb, Key: key, changed: make(chan struct{}), channels: map[string]*Channel{},
		messages: map[string]*Message{}, interactions: map[string]*Interaction{},
		members: map[string]json.RawMessage{}, commands: map[string]json.RawMessage{}, heartbeat: heartbeatInterval}
	s.gw.init()
	s.http = httptest.NewServer(s.routes())
	tb.Cleanup(func() {
		s.gw.closeAll()
		s.http.Close()
		for _, v := range s.Violations() {
			tb.Errorf("fake Discord: %s", v)
		}
	})
	return s
}

// URL returns the fake's base address, for DISCORD_API_URL.
func (s *Server) URL() *url.URL {
	u, err := url.Parse(s.http.URL)
	if err != nil {
		s.t.Fatal(err)
	}
	return u
}

// PublicKey returns the key that verifies the fake's signatures.
func (s *Server) PublicKey() ed25519.PublicKey { return s.Key.Public().(ed25519.PublicKey) }

// AddChannel adds a channel; threads says whether threads may start in it.
func (s *Server) AddChannel(id string, threads bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.channels[id] = &Channel{ID: id, Threads: threads}
}

// AddMember adds a member of the fake server, as GET members returns them.
func (s *Server) AddMember(id, username, nick string, roles ...string) {
	b, _ := json.Marshal(map[string]any{"user": user(id, username), "nick": nick, "roles": nonNilStrings(roles)})
	s.mu.Lock()
	defer s.mu.Unlock()
	s.members[id] = b
}

// RateLimit makes the next n message posts answer 429.
func (s *Server) RateLimit(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.rateLimited = n
}

// RateLimitAfter lets the next ok message posts through, then makes the n
// after them answer 429.
func (s *Server) RateLimitAfter(ok, n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.rateLimitOK, s.rateLimited = ok, n
}

// FailThreads makes the next n thread starts answer 500, as an outage
// does.
func (s *Server) FailThreads(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.threadsDown = n
}

// LockedRateLimited returns how many message posts are still to answer
// 429; call it only within WaitFor's condition.
func (s *Server) LockedRateLimited() int { return s.rateLimited }

// Channel returns a copy of the channel with id and its messages.
func (s *Server) Channel(id string) Channel {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.channels[id]
	if !ok {
		return Channel{}
	}
	out := *c
	out.Started = append([]string(nil), c.Started...)
	out.Messages = nil
	for _, m := range c.Messages {
		cp := copyMessage(m)
		out.Messages = append(out.Messages, &cp)
	}
	return out
}

// Interaction returns a copy of the interaction with token.
func (s *Server) Interaction(token string) Interaction {
	s.mu.Lock()
	defer s.mu.Unlock()
	in, ok := s.interactions[token]
	if !ok {
		return Interaction{}
	}
	out := *in
	out.Callbacks = append([]json.RawMessage(nil), in.Callbacks...)
	if in.Original != nil {
		m := copyMessage(in.Original)
		out.Original = &m
	}
	out.FollowUps = nil
	for _, f := range in.FollowUps {
		m := copyMessage(f)
		out.FollowUps = append(out.FollowUps, &m)
	}
	return out
}

// Commands returns the /case definitions registered in scope: "global" or
// a guild ID; nil when none were.
func (s *Server) Commands(scope string) json.RawMessage {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.commands[scope]
}

// Registrations returns the scope of every registration, in order.
func (s *Server) Registrations() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.registers...)
}

// Violations returns every broken rule the fake saw.
func (s *Server) Violations() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.violations...)
}

// WaitFor blocks until cond, called under the fake's lock after every
// change, holds, and fails the test if it does not within 20 seconds.
func (s *Server) WaitFor(what string, cond func(s *Server) bool) {
	s.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	for {
		s.mu.Lock()
		ok, changed := cond(s), s.changed
		s.mu.Unlock()
		if ok {
			return
		}
		select {
		case <-changed:
		case <-ctx.Done():
			s.t.Fatalf("fake Discord: gave up waiting for %s", what)
		}
	}
}

// Locked returns the interaction with token for WaitFor's conditions,
// which run under the lock; nil when there is none.
func (s *Server) Locked(token string) *Interaction { return s.interactions[token] }

// LockedChannel returns the channel with id for WaitFor's conditions,
// which run under the lock; nil when there is none.
func (s *Server) LockedChannel(id string) *Channel { return s.channels[id] }

// notify wakes WaitFor; the caller holds the lock.
func (s *Server) notify() {
	close(s.changed)
	s.changed = make(chan struct{})
}

// idBase makes the fake's IDs look like Discord's snowflakes.
const idBase = 900000000000000000

// nextID returns a new ID; the caller holds the lock.
func (s *Server) nextID() string {
	s.seq++
	return fmt.Sprint(idBase + s.seq)
}

// violate records a broken rule; the caller holds the lock.
func (s *Server) violate(format string, args ...any) {
	s.violations = append(s.violations, fmt.Sprintf(format, args...))
}

// user returns a user object.
func user(id, username string) map[string]any {
	return map[string]any{"id": id, "username": username, "discriminator": "0"}
}

// copyMessage returns a copy of m.
func copyMessage(m *Message) Message {
	c := *m
	c.Body = append(json.RawMessage(nil), m.Body...)
	c.Files = append([]File(nil), m.Files...)
	return c
}

// nonNilStrings returns ss, or an empty list.
func nonNilStrings(ss []string) []string {
	if ss == nil {
		return []string{}
	}
	return ss
}

// bearer reports whether r carries the bot's token.
func bearer(r *http.Request) bool {
	return strings.TrimSpace(r.Header.Get("Authorization")) == "Bot "+Token
}
