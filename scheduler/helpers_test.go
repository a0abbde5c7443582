package scheduler_test

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ombud/ombud/bot"
	"github.com/ombud/ombud/cases"
	"github.com/ombud/ombud/cases/policyfile"
	"github.com/ombud/ombud/commands"
	"github.com/ombud/ombud/scheduler"
)

// team is who works the cases: ann and bob are agents of the frontline
// team, sam a senior of it; sue and sid are seniors of the review team;
// max is a manager.
var team = commands.DirectoryConfig{
	Seniors:  "console:sam, console:sue, console:sid",
	Managers: "console:max",
	Teams:    map[string]string{"frontline": "console:ann,console:bob,console:sam", "review": "console:sue,console:sid"},
}

// sent is one post a platform took, and when.
type sent struct {
	At    time.Time
	Owner string // the dispatcher that delivered it
	Post  bot.Post
}

// recorder is a bot.Platform that keeps what it is given; while down it
// refuses everything as an outage would, asking to be tried again.
type recorder struct {
	name  string
	owner string
	log   *postLog

	mu   sync.Mutex
	down bool
}

// postLog keeps the posts of several recorders, in the order they came.
type postLog struct {
	now func() time.Time

	mu    sync.Mutex
	posts []sent
}

// all returns the posts so far.
func (l *postLog) all() []sent {
	l.mu.Lock()
	defer l.mu.Unlock()
	return slices.Clone(l.posts)
}

// titles returns the titles of the posts so far, "[where] title" each.
func (l *postLog) titles() []string {
	var out []string
	for _, s := range l.all() {
		out = append(out, where(s.Post)+" "+s.Post.Reply.Title)
	}
	return out
}

// where names where p goes: "#alerts", or its topic's thread "C-2026-0001".
func where(p bot.Post) string {
	if p.Channel != "" {
		return "#" + string(p.Channel)
	}
	kind := ""
	switch {
	case p.Header:
		kind = "/header"
	case p.Echo:
		kind = "/echo"
	}
	return p.Topic + kind
}

// Name implements bot.Platform.
func (r *recorder) Name() string { return r.name }

// Run implements bot.Platform; a recorder takes no requests.
func (r *recorder) Run(ctx context.Context, _ bot.Handler) error { <-ctx.Done(); return nil }

// Post implements bot.Platform.
func (r *recorder) Post(_ context.Context, p bot.Post) error {
	r.mu.Lock()
	down := r.down
	r.mu.Unlock()
	if down {
		return &bot.RetryAfter{After: 30 * time.Second, Err: fmt.Errorf("%s is down", r.name)}
	}
	r.log.mu.Lock()
	defer r.log.mu.Unlock()
	r.log.posts = append(r.log.posts, sent{At: r.log.now(), Owner: r.owner, Post: p})
	return nil
}

// setDown takes the platform down or brings it back.
func (r *recorder) setDown(down bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.down = down
}

// world is ombud without its chat platforms: a service on a store, the
// command handler, and a dispatcher and sweeper delivering to a recorder.
type world struct {
	t     testing.TB
	store cases.Store
	svc   *cases.Service
	h     *commands.Handler
	dir   *commands.Directory
	now   func() time.Time
	log   *postLog
	rec   *recorder
	disp  *scheduler.Dispatcher
	sweep *scheduler.Sweeper
}

// MustWorld returns a world on store following the preset policy, with the
// clock now, delivering to a recorder of the console's name.
func MustWorld(tb testing.TB, store cases.Store, policy string, now func() time.Time) *world {
	tb.Helper()
	p, err := policyfile.Load(policy)
	if err != nil {
		tb.Fatal(err)
	}
	w := &world{t: tb, store: store, now: now, log: &postLog{now: now}}
	if w.svc, err = cases.NewService(cases.Config{Store: store, Policy: p, Lookup: policyfile.Load, Now: now}); err != nil {
		tb.Fatal(err)
	}
	if w.dir, err = commands.NewDirectory(team); err != nil {
		tb.Fatal(err)
	}
	w.h = commands.New(w.svc, w.dir, nil)
	w.rec, w.disp, w.sweep = w.process("ombud-1")
	return w
}

// process returns the world's ombud process on its store: its platform,
// dispatcher and sweeper, under owner.
func (w *world) process(owner string) (*recorder, *scheduler.Dispatcher, *scheduler.Sweeper) {
	return w.processOn(w.store, w.svc, w.h, owner)
}

// processOn returns another ombud process, on store (a handle of its own
// on the world's database) with svc and h over it: its platform,
// dispatcher and sweeper, under owner.
func (w *world) processOn(store cases.Store, svc *cases.Service, h *commands.Handler, owner string) (*recorder, *scheduler.Dispatcher, *scheduler.Sweeper) {
	rec := &recorder{name: bot.PlatformConsole, owner: owner, log: w.log}
	d := scheduler.NewDispatcher(scheduler.DispatcherConfig{Store: store, Render: tagged{h}, Platforms: []bot.Platform{rec},
		Owner: owner, Now: w.now, Logger: testLogger(w.t)})
	router := scheduler.Router{Service: svc, Store: store, Seniors: w.dir}
	s := scheduler.NewSweeper(scheduler.SweeperConfig{Service: svc, Store: store, Dispatcher: d, Pick: router.Pick,
		Logger: testLogger(w.t)})
	return rec, d, s
}

// another returns another ombud process on store, a handle of its own on
// the world's database, under owner.
func (w *world) another(store cases.Store, owner string) (*scheduler.Dispatcher, *scheduler.Sweeper) {
	w.t.Helper()
	svc, err := cases.NewService(cases.Config{Store: store, Policy: w.svc.Policy(), Lookup: policyfile.Load, Now: w.now})
	if err != nil {
		w.t.Fatal(err)
	}
	_, d, s := w.processOn(store, svc, commands.New(svc, w.dir, nil), owner)
	return d, s
}

// do sends text as the console user who, through the dispatcher's
// handler, and delivers what it caused, as a platform does after the
// reply; it fails the test on a refusal.
func (w *world) do(who, text string) bot.Response {
	w.t.Helper()
	resp := w.disp.Handler(w.h).Handle(context.Background(), bot.Request{Platform: bot.PlatformConsole, UserID: who, UserName: who,
		ChannelID: bot.PlatformConsole, Text: text})
	if resp.Reply.Error {
		w.t.Fatalf("%s: /case %s refused: %s", who, text, resp.Reply.Text)
	}
	if resp.Deliver != nil {
		resp.Deliver(context.Background())
	}
	return resp
}

// open opens a complaint received at received (RFC 3339), as ann, and
// returns its ID.
func (w *world) open(received string) string {
	w.t.Helper()
	resp := w.do("ann", fmt.Sprintf(`open Invoice charged twice from:"Kari <kari@example.no>" subject:example.no received:%s`, received))
	id, _, _ := strings.Cut(resp.Reply.Title, " ")
	return id
}

// mustSweep sweeps once and fails the test if it cannot.
func (w *world) mustSweep() {
	w.t.Helper()
	if _, err := w.sweep.Sweep(context.Background()); err != nil {
		w.t.Fatal(err)
	}
}

// tagged renders as commands do, and names the notice each post came from
// in a last field, "notice": "C-2026-0001/v1-header".
type tagged struct{ h *commands.Handler }

// noticeField is the name of the field tagged adds.
const noticeField = "notice"

// Render implements scheduler.Renderer.
func (r tagged) Render(c *cases.Case, n cases.Notice) (bot.Post, error) {
	p, err := r.h.Render(c, n)
	p.Reply.Fields = append(p.Reply.Fields, bot.Field{Name: noticeField, Value: c.ID + "/" + n.ID})
	return p, err
}

// RenderDigest implements scheduler.Renderer.
func (r tagged) RenderDigest(ctx context.Context, n cases.Notice) (bot.Post, error) {
	p, err := r.h.RenderDigest(ctx, n)
	p.Reply.Fields = append(p.Reply.Fields, bot.Field{Name: noticeField, Value: "/" + n.ID})
	return p, err
}

// notice returns the case and notice s was rendered from: "C-2026-0001/v1-header".
func (s sent) notice() string {
	for _, f := range s.Post.Reply.Fields {
		if f.Name == noticeField {
			return f.Value
		}
	}
	return ""
}

// testLogger logs to tb.
func testLogger(tb testing.TB) *slog.Logger {
	return slog.New(slog.NewTextHandler(testWriter{tb}, &slog.HandlerOptions{Level: slog.LevelWarn}))
}

// testWriter writes to a test's log.
type testWriter struct{ tb testing.TB }

// Write implements io.Writer.
func (w testWriter) Write(p []byte) (int, error) {
	w.tb.Log(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}
