// Package slack is the Slack platform: /case as a slash command over signed
// HTTP requests or Socket Mode, replies as Block Kit, buttons, the /case
// open modal, a thread per topic, and posts to the team's channels. It
// decodes, verifies, renders and delivers; it knows nothing of complaints.
package slack

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/slack-go/slack"

	"github.com/ombud/ombud/bot"
)

// platformName is Slack's name, as used in bot.Request.Platform.
const platformName = "slack"

// Config configures the Slack platform.
type Config struct {
	BotToken      string // SLACK_BOT_TOKEN: xoxb-…, for the Web API
	SigningSecret string // SLACK_SIGNING_SECRET: verifies HTTP requests; needed unless AppToken is set
	AppToken      string // SLACK_APP_TOKEN: xapp-…, for Socket Mode; empty to take requests over HTTP
	APIURL        string // SLACK_API_URL: the Web API's base URL, ending in "/"; Slack's own when empty
	// Channels maps each team channel to the ID of the Slack channel it
	// posts to; a channel left out cannot be posted to.
	Channels map[bot.Channel]string
	// Groups are the IDs of the user groups whose members' roles and teams
	// ombud's configuration gives (the "slack:S…" entries).
	Groups []string
	// Pool runs the slow part of every request, after Slack has been
	// answered; it is shared with the other platforms. Required.
	Pool *bot.Pool
	// Threads remembers each topic's thread; an in-process map, lost at
	// restart, when nil.
	Threads    bot.Threads
	HTTPClient *http.Client                                     // for the Web API; http.DefaultClient when nil
	Logger     *slog.Logger                                     // nil discards
	Now        func() time.Time                                 // the clock; time.Now when nil
	Wait       func(ctx context.Context, d time.Duration) error // waits out a rate limit; a timer when nil
}

// Slack is the Slack platform. It is safe for concurrent use.
type Slack struct {
	cfg     Config
	api     *slack.Client
	people  *people
	threads bot.Threads
	seen    *seen
	log     *slog.Logger
	topics  bot.KeyedMutex // serialises the posts of one topic, so its thread starts once

	handler atomic.Pointer[bot.Handler] // set by Run; nil before
	started chan struct{}               // closed once Run has set handler
	once    sync.Once
}

var (
	_ bot.Platform = (*Slack)(nil)
	_ bot.Groups   = (*Slack)(nil)
)

// New returns the Slack platform configured by cfg, or an error naming what
// is missing.
func New(cfg Config) (*Slack, error) {
	switch {
	case cfg.BotToken == "":
		return nil, errors.New("slack: a bot token is required")
	case cfg.AppToken == "" && cfg.SigningSecret == "":
		return nil, errors.New("slack: a signing secret (HTTP) or an app token (Socket Mode) is required")
	case cfg.Pool == nil:
		return nil, errors.New("slack: a worker pool is required")
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Wait == nil {
		cfg.Wait = wait
	}
	if cfg.Threads == nil {
		cfg.Threads = &memoryThreads{refs: map[string]string{}}
	}
	opts := []slack.Option{slack.OptionAppLevelToken(cfg.AppToken)}
	if cfg.APIURL != "" {
		opts = append(opts, slack.OptionAPIURL(cfg.APIURL))
	}
	if cfg.HTTPClient != nil {
		opts = append(opts, slack.OptionHTTPClient(cfg.HTTPClient))
	}
	api := slack.New(cfg.BotToken, opts...)
	return &Slack{cfg: cfg, api: api, people: newPeople(api, cfg.Groups, cfg.Now, cfg.Logger),
		threads: cfg.Threads, seen: newSeen(cfg.Now), log: cfg.Logger, started: make(chan struct{})}, nil
}

// Name returns "slack".
func (s *Slack) Name() string { return platformName }

// Run answers requests with h until ctx is cancelled: over Socket Mode when
// an app token is configured, and otherwise over the HTTP routes Routes
// returns, which the process's HTTP server serves. Work in flight is
// finished by the pool, which its owner closes.
func (s *Slack) Run(ctx context.Context, h bot.Handler) error {
	s.handler.Store(&h)
	s.once.Do(func() { close(s.started) })
	if s.cfg.AppToken != "" {
		return s.runSocket(ctx)
	}
	<-ctx.Done()
	return nil
}

// Routes returns the HTTP endpoints Slack sends requests to, by pattern,
// for the process's HTTP server. Each verifies the request's signature
// before reading it. In Socket Mode there are none.
func (s *Slack) Routes() map[string]http.Handler {
	if s.cfg.AppToken != "" {
		return nil
	}
	return map[string]http.Handler{
		"POST /slack/commands":     s.verified(http.HandlerFunc(s.serveCommand)),
		"POST /slack/interactions": s.verified(http.HandlerFunc(s.serveInteraction)),
		"POST /slack/events":       s.verified(http.HandlerFunc(s.serveEvent)),
	}
}

// Ready reports whether Slack's Web API takes ombud's bot token
// (auth.test).
func (s *Slack) Ready(ctx context.Context) error {
	if _, err := s.api.AuthTestContext(ctx); err != nil {
		return fmt.Errorf("slack auth.test: %w", err)
	}
	return nil
}

// wait waits for d or until ctx ends.
func wait(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// memoryThreads is a bot.Threads in process memory.
type memoryThreads struct {
	mu   sync.Mutex
	refs map[string]string
}

// Thread implements bot.Threads.
func (m *memoryThreads) Thread(_ context.Context, platform, topic string) (string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.refs[platform+"\x00"+topic], nil
}

// SetThread implements bot.Threads.
func (m *memoryThreads) SetThread(_ context.Context, platform, topic, ref string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.refs[platform+"\x00"+topic] = ref
	return nil
}
