package slack

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/socketmode"
)

// Reconnection backoff after Socket Mode's connection fails.
const (
	firstBackoff = time.Second
	maxBackoff   = time.Minute
)

// runSocket takes requests over Socket Mode until ctx is cancelled,
// reconnecting with backoff when the connection fails. The backoff grows
// while connections fail before Slack's hello, and starts again from
// firstBackoff after one that got it. It returns an error only when Slack
// refuses the app token.
func (s *Slack) runSocket(ctx context.Context) error {
	backoff := firstBackoff
	for ctx.Err() == nil {
		client := socketmode.New(s.api, socketmode.OptionLog(slog.NewLogLogger(s.log.Handler(), slog.LevelDebug)))
		hello, err := s.serveSocket(ctx, client)
		var se slack.SlackErrorResponse
		switch {
		case ctx.Err() != nil:
			return nil
		case errors.As(err, &se) && (se.Err == "invalid_auth" || se.Err == "not_authed"):
			return errors.New("slack: Socket Mode refused SLACK_APP_TOKEN: " + se.Err)
		}
		if hello {
			backoff = firstBackoff
		}
		s.log.WarnContext(ctx, "slack: Socket Mode connection failed; reconnecting", slog.Duration("after", backoff), slog.Any("error", err))
		if s.cfg.Wait(ctx, backoff) != nil {
			return nil
		}
		backoff = min(2*backoff, maxBackoff)
	}
	return nil
}

// serveSocket runs client and answers its events until it stops, and
// reports whether Slack said hello on one of its connections. The events'
// acknowledgements end with it.
func (s *Slack) serveSocket(ctx context.Context, client *socketmode.Client) (hello bool, err error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	errc := make(chan error, 1)
	go func() { errc <- client.RunContext(ctx) }()
	for {
		select {
		case err := <-errc:
			return hello, err
		case evt := <-client.Events:
			hello = hello || evt.Type == socketmode.EventTypeHello
			s.socketEvent(ctx, client, evt)
		}
	}
}

// socketEvent answers one Socket Mode event: a slash command or an
// interaction is handled as over HTTP and acknowledged with what HTTP
// would answer; a repeated envelope is acknowledged and otherwise ignored.
func (s *Slack) socketEvent(ctx context.Context, client *socketmode.Client, evt socketmode.Event) {
	if evt.Request == nil || evt.Request.EnvelopeID == "" {
		attrs := []any{slog.String("event", string(evt.Type))}
		if cause := eventCause(evt.Data); cause != nil {
			attrs = append(attrs, slog.String("cause", causeSummary(cause)))
		}
		s.log.DebugContext(ctx, "slack: Socket Mode", attrs...)
		return
	}
	req := *evt.Request
	// An acknowledgement is given up once the client has stopped: nothing
	// would send it, and an answer that comes late (a form's submission)
	// would otherwise wait for it for ever.
	ack := func(payload any) {
		if err := client.AckCtx(ctx, req.EnvelopeID, payload); err != nil {
			s.log.WarnContext(ctx, "slack: Socket Mode acknowledgement failed", slog.Any("error", err))
		}
	}
	if !s.seen.first("envelope:" + req.EnvelopeID) {
		ack(nil)
		return
	}
	switch data := evt.Data.(type) {
	case slack.SlashCommand:
		ack(s.command(ctx, data))
	case slack.InteractionCallback:
		go func() { ack(s.interaction(ctx, data)) }() // a form's submission waits for its answer
	default:
		ack(nil)
	}
}

// eventCause returns the error an event without an envelope carries, or
// nil. The events carry more than their error (the raw message that could
// not be read, an acknowledgement that could not be written), which may
// hold what a complainant typed, and so is never logged.
func eventCause(data any) error {
	switch d := data.(type) {
	case *socketmode.ErrorBadMessage:
		return d.Cause
	case *socketmode.ErrorWriteFailed:
		return d.Cause
	case *slack.IncomingEventError:
		return d.ErrorObj
	case *slack.ConnectionErrorEvent:
		return d.ErrorObj
	}
	return nil
}

// causeSummary describes err without what it may quote: the type of the
// error at its root, and the words before its message's first colon
// ("parsing slash command"), which say what failed but not on what.
func causeSummary(err error) string {
	root := err
	for {
		next := errors.Unwrap(root)
		if next == nil {
			break
		}
		root = next
	}
	what, _, _ := strings.Cut(err.Error(), ":")
	return fmt.Sprintf("%T: %s", root, cut(what, 80))
}
