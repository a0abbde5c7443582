// Package discord is ombud's Discord adapter: /case as an application
// command over the gateway and the signed HTTP interactions endpoint,
// replies as embeds and buttons, Claim buttons, modals for forms, and a
// thread for each case. No Discord type leaves this package.
package discord

import (
	"context"
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/ombud/ombud/bot"
)

// Name is the platform's name in requests and directory entries.
const Name = "discord"

// DefaultAckWithin is how long an interaction's work may take before ombud
// defers its response: well inside Discord's 3 seconds, leaving room for
// the acknowledgement's own trip.
const DefaultAckWithin = 1500 * time.Millisecond

// Config configures a Platform.
type Config struct {
	Token         string // the bot token, without "Bot "
	ApplicationID string // read from the API when empty
	// PublicKey verifies the HTTP interactions endpoint's requests; nil
	// when the endpoint is not used.
	PublicKey ed25519.PublicKey
	GuildID   string // where the commands are registered; globally when empty
	// Channels maps ombud's team channels to Discord channel IDs.
	Channels map[bot.Channel]string
	// APIURL, when set, replaces https://discord.com for REST and so for
	// the gateway's address too (tests, proxies).
	APIURL *url.URL
	// Specs describes the /case subcommands, as commands.Registry.Specs
	// gives them.
	Specs   []bot.CommandSpec
	Pool    *bot.Pool    // runs the work of interactions, shared with other platforms; Run needs it
	Threads bot.Threads  // remembers each case's thread; posts about a topic need it
	Logger  *slog.Logger // nil discards
	// AckWithin is how long the work of an interaction may take before it
	// is deferred; DefaultAckWithin when zero.
	AckWithin time.Duration
	Now       func() time.Time // the clock for signature ages; time.Now when nil
}

// Platform is the Discord adapter. It implements bot.Platform.
type Platform struct {
	cfg   Config
	s     *discordgo.Session
	log   *slog.Logger
	specs map[string]bot.CommandSpec

	mu      sync.Mutex
	handler bot.Handler // set by Run
	appID   string
}

var (
	_ bot.Platform = (*Platform)(nil)
	_ bot.Groups   = (*Platform)(nil)
)

// New returns a Platform for cfg; it connects once Run is called.
func New(cfg Config) (*Platform, error) {
	if cfg.Token == "" {
		return nil, errors.New("discord: no bot token")
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.AckWithin <= 0 {
		cfg.AckWithin = DefaultAckWithin
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	s, err := discordgo.New("Bot " + cfg.Token)
	if err != nil {
		return nil, fmt.Errorf("discord: %w", err)
	}
	s.Client = &http.Client{Timeout: 20 * time.Second, Transport: redirect(cfg.APIURL, http.DefaultTransport)}
	s.Identify.Intents = discordgo.IntentsGuilds
	s.StateEnabled = false
	s.LogLevel = -1 // discordgo's own logging goes to stdout; ombud logs what matters itself
	p := &Platform{cfg: cfg, s: s, log: cfg.Logger, specs: map[string]bot.CommandSpec{}, appID: cfg.ApplicationID}
	for _, sp := range cfg.Specs {
		p.specs[sp.Name] = sp
	}
	return p, nil
}

// Name returns "discord".
func (p *Platform) Name() string { return Name }

// redirect returns a transport that sends every request to base's scheme
// and host, under base's path, instead of Discord's; next when base is nil.
func redirect(base *url.URL, next http.RoundTripper) http.RoundTripper {
	if base == nil {
		return next
	}
	return roundTripFunc(func(r *http.Request) (*http.Response, error) {
		r = r.Clone(r.Context())
		r.URL.Scheme, r.URL.Host = base.Scheme, base.Host
		r.URL.Path = base.Path + r.URL.Path
		r.Host = base.Host
		return next.RoundTrip(r)
	})
}

// roundTripFunc adapts a function to http.RoundTripper.
type roundTripFunc func(*http.Request) (*http.Response, error)

// RoundTrip calls f.
func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// ApplicationID returns the application's ID, as configured or read from
// the API once.
func (p *Platform) ApplicationID(ctx context.Context) (string, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.appID != "" {
		return p.appID, nil
	}
	body, err := p.s.Request(http.MethodGet, discordgo.EndpointOAuth2Application("@me"), nil, discordgo.WithContext(ctx))
	var app discordgo.Application
	if err == nil {
		err = json.Unmarshal(body, &app)
	}
	if err == nil && app.ID == "" {
		err = errors.New("the answer has no ID")
	}
	if err != nil {
		return "", fmt.Errorf("discord: read the application ID (check DISCORD_BOT_TOKEN): %w", err)
	}
	p.appID = app.ID
	return p.appID, nil
}

// Run connects to the gateway and serves interactions, from it and from
// the HTTP endpoint, until ctx is cancelled; discordgo reconnects and
// resumes after a drop. It first registers the /case definitions when
// Discord's differ.
func (p *Platform) Run(ctx context.Context, h bot.Handler) error {
	if p.cfg.Pool == nil {
		return errors.New("discord: Run needs a worker pool")
	}
	p.mu.Lock()
	p.handler = h
	p.mu.Unlock()
	if changed, err := p.Sync(ctx); err != nil {
		p.log.WarnContext(ctx, "discord: could not check the /case definitions; run ombud discord register", slog.Any("error", err))
	} else if changed {
		p.log.InfoContext(ctx, "discord: registered the changed /case definitions")
	}
	remove := p.s.AddHandler(func(_ *discordgo.Session, ic *discordgo.InteractionCreate) {
		p.serve(ctx, ic.Interaction, p.restAck(ic.Interaction))
	})
	defer remove()
	if err := p.s.Open(); err != nil {
		return fmt.Errorf("discord: connect to the gateway: %w", err)
	}
	p.log.InfoContext(ctx, "discord: connected to the gateway")
	<-ctx.Done()
	return p.s.Close()
}

// Ready returns nil while the gateway is connected and beating, for
// /readyz.
func (p *Platform) Ready(context.Context) error {
	p.s.RLock()
	defer p.s.RUnlock()
	if !p.s.DataReady {
		return errors.New("discord: not connected to the gateway")
	}
	return nil
}

// currentHandler returns the handler Run was given, or nil before Run.
func (p *Platform) currentHandler() bot.Handler {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.handler
}
