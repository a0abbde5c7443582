package discord_test

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/ombud/ombud/bot"
	"github.com/ombud/ombud/bot/discord"
	"github.com/ombud/ombud/bot/discord/fakediscord"
	"github.com/ombud/ombud/cases"
	"github.com/ombud/ombud/cases/casetest"
	"github.com/ombud/ombud/cases/policyfile"
	"github.com/ombud/ombud/cases/sqlitestore/sqlitetest"
	"github.com/ombud/ombud/commands"
	"github.com/ombud/ombud/scheduler"
)

// Channels of the fake server.
const (
	desk        = "500000000000000001" // where agents type /case; threads allowed
	escalations = "500000000000000002" // the escalations channel
	noThreads   = "500000000000000003" // a channel that allows no threads
	seniorRole  = "600000000000000001" // the Discord role of seniors
)

// The people of the fake server: ann and bob are agents, sam is a senior by
// his user ID, sue and sid are seniors by their role, max a manager.
var (
	ann = fakediscord.Person{ID: "700000000000000001", Username: "ann", GlobalName: "Ann A."}
	bob = fakediscord.Person{ID: "700000000000000002", Username: "bob", Nick: "Bobby"}
	sam = fakediscord.Person{ID: "700000000000000003", Username: "sam"}
	sue = fakediscord.Person{ID: "700000000000000004", Username: "sue", Nick: "Sue", Roles: []string{seniorRole}}
	sid = fakediscord.Person{ID: "700000000000000005", Username: "sid", Roles: []string{seniorRole}}
	max = fakediscord.Person{ID: "700000000000000006", Username: "max"}
)

// team is the directory: seniors by user ID and by role.
var team = commands.DirectoryConfig{
	Seniors:  "discord:" + sam.ID + ", discord:" + seniorRole,
	Managers: "discord:" + max.ID,
}

// start is when the tests begin: Monday 23 November 2026, 09:00 UTC.
var start = time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)

// harness runs a Platform against a fake Discord.
type harness struct {
	t       testing.TB
	fake    *fakediscord.Server
	p       *discord.Platform
	web     *httptest.Server // serves the interactions endpoint
	threads *memThreads
	clock   *casetest.Clock
	disp    *scheduler.Dispatcher // delivers the posts of ombud's commands; nil with a handler of the test's own
}

// options change a harness before it starts.
type options struct {
	handler bot.Handler                   // nil runs the commands on a real store
	wrap    func(bot.Handler) bot.Handler // wraps the handler, when set, to watch what it answers
	store   func(cases.Store) cases.Store // wraps the store, when set
	config  func(*discord.Config)         // changes the platform's configuration
	// heartbeat is the gateway's heartbeat interval in milliseconds; the
	// fake's default when 0.
	heartbeat int
}

// MustHarness starts a fake Discord and a Platform connected to it, and
// stops both when the test ends.
func MustHarness(t testing.TB, o options) *harness {
	t.Helper()
	hs := &harness{t: t, fake: fakediscord.New(t), threads: &memThreads{m: map[string]string{}},
		clock: casetest.NewClock(start)}
	for id, threads := range map[string]bool{desk: true, escalations: true, noThreads: false} {
		hs.fake.AddChannel(id, threads)
	}
	if o.heartbeat > 0 {
		hs.fake.SetHeartbeat(o.heartbeat)
	}
	pool := bot.NewPool(4, 64)
	cfg := discord.Config{
		Token: fakediscord.Token, PublicKey: hs.fake.PublicKey(), GuildID: fakediscord.GuildID,
		Channels: map[bot.Channel]string{bot.ChannelEscalations: escalations},
		APIURL:   hs.fake.URL(), Specs: commands.Builtin().Specs(), Pool: pool, Threads: hs.threads,
		Logger: slog.New(slog.NewTextHandler(testWriter{t}, nil)),
	}
	if o.config != nil {
		o.config(&cfg)
	}
	p, err := discord.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	hs.p = p
	h := o.handler
	if h == nil {
		h = hs.commands(o.store)
	}
	if o.wrap != nil {
		h = o.wrap(h)
	}
	hs.web = httptest.NewServer(p.Interactions())
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- p.Run(ctx, h) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Run: %v", err)
		}
		hs.web.Close()
		if err := pool.Close(context.Background()); err != nil {
			t.Error(err)
		}
	})
	hs.fake.WaitFor("the gateway's READY", func(*fakediscord.Server) bool {
		identifies, _, _ := hs.fake.GatewayStats()
		return identifies == 1
	})
	return hs
}

// commands returns the /case handler on a store of the test's own, wrapped
// by wrap when it is set, with a dispatcher delivering the posts it causes
// through the platform.
func (hs *harness) commands(wrap func(cases.Store) cases.Store) bot.Handler {
	p, err := policyfile.Load("standard")
	if err != nil {
		hs.t.Fatal(err)
	}
	var store cases.Store = sqlitetest.MustStore(hs.t)
	if wrap != nil {
		store = wrap(store)
	}
	svc, err := cases.NewService(cases.Config{Store: store, Policy: p, Lookup: policyfile.Load, Now: hs.clock.Now})
	if err != nil {
		hs.t.Fatal(err)
	}
	dir, err := commands.NewDirectory(team)
	if err != nil {
		hs.t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(testWriter{hs.t}, nil))
	cmds := commands.New(svc, dir, log)
	hs.disp = scheduler.NewDispatcher(scheduler.DispatcherConfig{Store: store, Render: cmds, Platforms: []bot.Platform{hs.p},
		Now: hs.clock.Now, Logger: log})
	return hs.disp.Handler(cmds)
}

// answered waits until the interaction with token has its reply (the
// first response, or the follow-up or edit after a deferral) and returns
// it; the follow-up that carries the reply's files is not the reply.
func (hs *harness) answered(token string) fakediscord.Wire {
	hs.t.Helper()
	var body json.RawMessage
	hs.fake.WaitFor("the reply to "+token, func(s *fakediscord.Server) bool {
		in := s.Locked(token)
		if in == nil || len(in.Callbacks) == 0 {
			return false
		}
		var cb struct {
			Type int             `json:"type"`
			Data json.RawMessage `json:"data"`
		}
		_ = json.Unmarshal(in.Callbacks[0], &cb)
		switch {
		case cb.Type == 4 || cb.Type == 7 || cb.Type == 9:
			body = cb.Data
		case len(in.FollowUps) > 0 && len(in.FollowUps[0].Files) == 0:
			body = in.FollowUps[0].Body
		case cb.Type == 5 && in.Original.Edits > 0 && !in.Original.Deleted:
			body = in.Original.Body
		}
		return body != nil
	})
	return hs.fake.Decode(body)
}

// gateway sends payload through the gateway and waits for its reply.
func (hs *harness) gateway(token string, payload json.RawMessage) fakediscord.Wire {
	hs.t.Helper()
	hs.fake.Dispatch(payload)
	return hs.answered(token)
}

// memThreads keeps topic threads in memory.
type memThreads struct {
	mu sync.Mutex
	m  map[string]string
}

// Thread implements bot.Threads.
func (m *memThreads) Thread(_ context.Context, platform, topic string) (string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.m[platform+" "+topic], nil
}

// SetThread implements bot.Threads.
func (m *memThreads) SetThread(_ context.Context, platform, topic, ref string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.m[platform+" "+topic] = ref
	return nil
}

// testWriter sends the platform's log to the test's.
type testWriter struct{ t testing.TB }

// Write implements io.Writer.
func (w testWriter) Write(b []byte) (int, error) {
	w.t.Log(string(b))
	return len(b), nil
}
