package slack_test

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ombud/ombud/bot"
	ombudslack "github.com/ombud/ombud/bot/slack"
	"github.com/ombud/ombud/bot/slack/fakeslack"
	"github.com/ombud/ombud/cases"
	"github.com/ombud/ombud/cases/casetest"
	"github.com/ombud/ombud/cases/policyfile"
	"github.com/ombud/ombud/cases/sqlitestore/sqlitetest"
	"github.com/ombud/ombud/commands"
	"github.com/ombud/ombud/scheduler"
)

// start is when every test begins: Monday 23 November 2026, 09:00 UTC.
var start = time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)

// secret is the signing secret the tests' Slack app has.
const secret = "8f742231b10e8888abcd99yyyzzz85a5"

// Channels of the tests' workspace.
const (
	support     = "CSUPPORT" // where agents work
	escalations = "CESCALATE"
)

// people of the tests' workspace: Ann is an agent and Sam a senior of the
// frontline team; Sue and Sid are seniors only through the user group
// S-REVIEW, the review team; Max is a manager.
var people = []fakeslack.User{
	{ID: "UANN", Name: "ann", RealName: "Ann Agent", DisplayName: "Ann"},
	{ID: "USAM", Name: "sam", RealName: "Sam Senior"},
	{ID: "USUE", Name: "sue", RealName: "Sue Reviewer", DisplayName: "Sue"},
	{ID: "USID", Name: "sid", RealName: "Sid Reviewer"},
	{ID: "UMAX", Name: "max"},
}

// directory gives the people above their roles and teams.
var directory = commands.DirectoryConfig{
	Seniors:  "slack:USAM, slack:S-REVIEW",
	Managers: "slack:UMAX",
	Teams:    map[string]string{"frontline": "slack:UANN, slack:USAM", "review": "slack:S-REVIEW"},
}

// harness runs the Slack platform against the fake, on a real store, with
// a settable clock; over HTTP or over Socket Mode.
type harness struct {
	t      testing.TB
	fake   *fakeslack.Server
	slack  *ombudslack.Slack
	pool   *bot.Pool
	svc    *cases.Service
	store  cases.Store
	disp   *scheduler.Dispatcher // delivers the posts; nil with a handler of the test's own
	clock  *casetest.Clock
	routes http.Handler // the HTTP endpoints; nil in Socket Mode
	socket bool
	stop   func() // ends Run and waits for it to return
	waits  *waits
	n      atomic.Int64 // numbers trigger IDs and response URLs
}

// setup says how to build a harness.
type setup struct {
	socket  bool // Socket Mode rather than HTTP
	workers int  // the pool's; 1 when 0, so work runs in the order taken
	queue   int  // the pool's queue; 64 when 0
	// handler answers the requests; ombud's commands when nil.
	handler bot.Handler
	// store is the path of the embedded store to use; one of the test's
	// own when empty.
	store string
	// wrap, when set, wraps the handler, to watch what it answers.
	wrap func(bot.Handler) bot.Handler
	// logger is the platform's; it discards when nil.
	logger *slog.Logger
	// threads remembers the topics' threads; the store's when nil.
	threads bot.Threads
}

// MustHarness returns a harness built as su says, which stops when tb
// ends.
func MustHarness(tb testing.TB, su setup) *harness {
	tb.Helper()
	p, err := policyfile.Load("standard")
	if err != nil {
		tb.Fatal(err)
	}
	h := &harness{t: tb, fake: fakeslack.New(tb), clock: casetest.NewClock(start), socket: su.socket, waits: &waits{}}
	for _, u := range people {
		h.fake.AddUser(u)
	}
	h.fake.SetGroup("S-REVIEW", "USUE", "USID")
	h.store = sqlitetest.MustStore(tb)
	if su.store != "" {
		h.store = sqlitetest.MustOpen(tb, su.store)
	}
	h.svc, err = cases.NewService(cases.Config{Store: h.store, Policy: p, Lookup: policyfile.Load, Now: h.clock.Now})
	if err != nil {
		tb.Fatal(err)
	}
	dir, err := commands.NewDirectory(directory)
	if err != nil {
		tb.Fatal(err)
	}
	h.pool = bot.NewPool(max(su.workers, 1), cmpOr(su.queue, 64))
	cfg := ombudslack.Config{BotToken: "xoxb-test", SigningSecret: secret, APIURL: h.fake.APIURL(),
		Channels: map[bot.Channel]string{bot.ChannelEscalations: escalations}, Groups: []string{"S-REVIEW"},
		Pool: h.pool, Logger: su.logger, Now: h.clock.Now, Wait: h.waits.wait, Threads: su.threads}
	if cfg.Threads == nil {
		cfg.Threads = scheduler.Threads{Store: h.store}
	}
	if su.socket {
		cfg.AppToken = "xapp-test"
	}
	if h.slack, err = ombudslack.New(cfg); err != nil {
		tb.Fatal(err)
	}
	if su.handler == nil {
		cmds := commands.New(h.svc, dir, slog.New(slog.DiscardHandler))
		h.disp = scheduler.NewDispatcher(scheduler.DispatcherConfig{Store: h.store, Render: cmds,
			Platforms: []bot.Platform{h.slack}, Now: h.clock.Now, Logger: slog.New(slog.NewTextHandler(testWriter{tb}, nil))})
		su.handler = h.disp.Handler(cmds)
	}
	if su.wrap != nil {
		su.handler = su.wrap(su.handler)
	}
	h.run(su.handler)
	return h
}

// run runs the platform with handler until the test ends.
func (h *harness) run(handler bot.Handler) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- h.slack.Run(ctx, handler) }()
	var once sync.Once
	h.stop = func() {
		once.Do(func() {
			cancel()
			if err := <-done; err != nil {
				h.t.Errorf("Run: %v", err)
			}
		})
	}
	h.t.Cleanup(func() {
		h.stop()
		_ = h.pool.Close(context.Background())
	})
	if h.socket {
		h.fake.WaitConnected(h.t)
		return
	}
	mux := http.NewServeMux()
	for pattern, route := range h.slack.Routes() {
		mux.Handle(pattern, route)
	}
	h.routes = mux
}

// cmpOr returns n, or def when n is 0.
func cmpOr(n, def int) int {
	if n == 0 {
		return def
	}
	return n
}

// settle waits until the work taken so far is done: with one worker, the
// work queued before a marker is done when the marker runs.
func (h *harness) settle() {
	h.t.Helper()
	done := make(chan struct{})
	if !h.pool.TrySubmit(func() { close(done) }) {
		h.t.Fatal("the pool is full")
	}
	<-done
}

// escapeText escapes text as Slack escapes what people type: & < >. A
// mention written as [@U123] becomes the real mention <@U123>, which Slack
// leaves as it is.
func escapeText(text string) string {
	text = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(text)
	return strings.NewReplacer("[@", "<@", "]", ">").Replace(text)
}

// command sends "/case text" as user in channel, and returns Slack's
// answer at once: the HTTP body, or the Socket Mode ack's payload, "" for
// none. It returns the command's response URL's id too.
func (h *harness) command(user, channel, text string) (ack, responseID string) {
	h.t.Helper()
	n := h.n.Add(1)
	responseID = fmt.Sprintf("cmd-%d", n)
	form := url.Values{"token": {"legacy"}, "team_id": {"T1"}, "channel_id": {channel}, "user_id": {user},
		"user_name": {strings.ToLower(user)}, "command": {"/case"}, "text": {escapeText(text)},
		"response_url": {h.fake.ResponseURL(responseID)}, "trigger_id": {fmt.Sprintf("trigger-%d", n)}, "api_app_id": {"A1"}}
	return h.deliver("/slack/commands", "slash_commands", form), responseID
}

// interact sends an interaction payload and returns Slack's answer at once.
func (h *harness) interact(payload map[string]any) string {
	h.t.Helper()
	b, err := json.Marshal(payload)
	if err != nil {
		h.t.Fatal(err)
	}
	return h.deliver("/slack/interactions", "interactive", url.Values{"payload": {string(b)}})
}

// deliver sends form as Slack would over the harness's transport: signed to
// path over HTTP, or as an envelope of kind over Socket Mode, and returns
// the answer, "" for none.
func (h *harness) deliver(path, kind string, form url.Values) string {
	h.t.Helper()
	if h.socket {
		var payload any = json.RawMessage(form.Get("payload"))
		if kind == "slash_commands" {
			m := map[string]string{}
			for k := range form {
				m[k] = form.Get(k)
			}
			payload = m
		}
		ack := string(h.fake.WaitAck(h.t, h.fake.Send(kind, payload)))
		if ack == "null" {
			return ""
		}
		return ack
	}
	status, body := h.post(path, form.Encode(), signed(h.clock.Now()))
	if status != http.StatusOK {
		h.t.Fatalf("POST %s: %d %s", path, status, body)
	}
	return body
}

// signer sets a request's signature headers.
type signer func(r *http.Request, body string)

// signed signs a request as Slack does at ts: X-Slack-Request-Timestamp,
// and X-Slack-Signature, "v0=" and the hex HMAC-SHA256 of
// "v0:timestamp:body" under the signing secret.
func signed(ts time.Time) signer {
	return func(r *http.Request, body string) {
		stamp := fmt.Sprint(ts.Unix())
		mac := hmac.New(sha256.New, []byte(secret))
		fmt.Fprintf(mac, "v0:%s:%s", stamp, body)
		r.Header.Set("X-Slack-Request-Timestamp", stamp)
		r.Header.Set("X-Slack-Signature", "v0="+hex.EncodeToString(mac.Sum(nil)))
	}
}

// post sends body to path as Slack's form post, with sign's headers, and
// returns the status and body of the answer.
func (h *harness) post(path, body string, sign signer, header ...string) (int, string) {
	h.t.Helper()
	r := httptest.NewRequest(http.MethodPost, path, strings.NewReader(body))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	sign(r, body)
	for i := 0; i+1 < len(header); i += 2 {
		r.Header.Set(header[i], header[i+1])
	}
	w := httptest.NewRecorder()
	h.routes.ServeHTTP(w, r)
	b, _ := io.ReadAll(w.Result().Body)
	return w.Code, string(b)
}

// waits records the waits the platform asked for, without waiting.
type waits struct {
	mu    sync.Mutex
	asked []time.Duration
}

// wait records d and returns at once.
func (w *waits) wait(_ context.Context, d time.Duration) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.asked = append(w.asked, d)
	return nil
}

// all returns the waits asked for so far.
func (w *waits) all() []time.Duration {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]time.Duration(nil), w.asked...)
}

// testWriter writes to the test's log.
type testWriter struct{ tb testing.TB }

// Write implements io.Writer.
func (w testWriter) Write(p []byte) (int, error) {
	w.tb.Helper()
	w.tb.Log(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}

// logBuffer keeps what a logger writes, for tests that look at the logs.
type logBuffer struct {
	mu  sync.Mutex
	buf strings.Builder
}

// Write implements io.Writer.
func (b *logBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

// String returns everything written so far.
func (b *logBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// logger returns a logger that writes every level to b, as JSON, which
// shows what a logged value holds as text.
func (b *logBuffer) logger() *slog.Logger {
	return slog.New(slog.NewJSONHandler(b, &slog.HandlerOptions{Level: slog.LevelDebug}))
}
