package slack

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"strings"

	"github.com/slack-go/slack"

	"github.com/ombud/ombud/bot"
)

// maxAttempts bounds how often a reply is sent while Slack rate-limits it.
const maxAttempts = 3

// deliver shows resp to the person who sent in: the form it asks with,
// the pressed message updated to say what was done, and its reply,
// privately as an ephemeral message or publicly in the channel; then it
// has the posts the request caused delivered (into the case's thread, to
// the team's channels). What cannot be shown is logged; the posts are
// kept until delivered.
func (s *Slack) deliver(ctx context.Context, in inbound, resp bot.Response) {
	r := resp.Reply
	if r.Form != nil && in.triggerID != "" && s.openForm(ctx, in, *r.Form) {
		return
	}
	if in.pressed != nil && !r.Error {
		s.report(ctx, "update the pressed message", s.retry(ctx, func() error { return s.markPressed(ctx, in, r) }))
	}
	var at place
	err := s.retry(ctx, func() (err error) { at, err = s.reply(ctx, in, r); return err })
	s.report(ctx, "reply", err)
	if err == nil {
		s.attach(ctx, in, at, r.Files)
	}
	if resp.Deliver != nil {
		resp.Deliver(ctx)
	}
}

// report logs err, unless nil, as the failure to do what.
func (s *Slack) report(ctx context.Context, what string, err error) {
	if err != nil {
		s.log.ErrorContext(ctx, "slack: could not "+what, slog.Any("error", err))
	}
}

// retry calls send until it succeeds, fails other than by a rate limit, or
// has been tried maxAttempts times, waiting as long as each rate limit
// asks.
func (s *Slack) retry(ctx context.Context, send func() error) error {
	for attempt := 1; ; attempt++ {
		err := send()
		var ra *bot.RetryAfter
		if !errors.As(err, &ra) || attempt == maxAttempts {
			return err
		}
		s.log.InfoContext(ctx, "slack: rate limited; trying again", slog.Duration("after", ra.After))
		if err := s.cfg.Wait(ctx, ra.After); err != nil {
			return err
		}
	}
}

// reply shows r to the person who sent in, and returns where: privately
// (a refusal, or a private reply) as an ephemeral message; a public reply
// about a topic also ephemerally, since the topic's thread hears of it from
// the posts the request caused, unless a pressed message already says what
// was done; and any other public reply in the channel where in came from.
// When Slack refuses the public message (ombud is not in a private channel
// or a direct message), the person sees the reply privately, and the
// refusal is logged.
func (s *Slack) reply(ctx context.Context, in inbound, r bot.Reply) (place, error) {
	switch {
	case r.Visibility == bot.Private || r.Error:
		return place{}, s.ephemeral(ctx, in, r)
	case r.Topic != "" && in.pressed != nil:
		return place{}, nil
	case r.Topic != "":
		return place{}, s.ephemeral(ctx, in, r)
	}
	at := place{channel: in.channel}
	_, err := s.send(ctx, in.channel, r, nil, slack.MsgOptionPost())
	var ra *bot.RetryAfter
	switch {
	case errors.As(err, &ra):
		return place{}, err
	case err != nil:
		s.report(ctx, "post a public reply; showing it privately", err)
		return place{}, s.ephemeral(ctx, in, r)
	}
	return at, nil
}

// ephemeral shows r to the person who sent in alone: through the request's
// response URL, or, for a form's submission, which has none, with
// chat.postEphemeral.
func (s *Slack) ephemeral(ctx context.Context, in inbound, r bot.Reply) error {
	if strings.TrimSpace(r.Title+r.Text) == "" && len(r.Fields) == 0 && len(r.Buttons) == 0 {
		return nil
	}
	opts := []slack.MsgOption{slack.MsgOptionText(Fallback(r), false), slack.MsgOptionBlocks(Blocks(r)...)}
	var err error
	if in.responseURL != "" {
		_, _, err = s.api.PostMessageContext(ctx, in.channel, append(opts, slack.MsgOptionResponseURL(in.responseURL, slack.ResponseTypeEphemeral))...)
	} else {
		_, err = s.api.PostEphemeralContext(ctx, in.channel, in.user, append(opts, slack.MsgOptionParse(false))...)
	}
	return rateLimit(err)
}

// tellBusy tells the person who sent in that ombud is busy.
func (s *Slack) tellBusy(ctx context.Context, in inbound) {
	ctx, cancel := detached(ctx)
	defer cancel()
	s.report(ctx, "say ombud is busy", s.ephemeral(ctx, in, bot.Reply{Text: bot.BusyText}))
}

// openForm opens form as a modal for the person who sent in, and reports
// whether it did; when it did not (the trigger expired), the reply's text
// says what to type instead.
func (s *Slack) openForm(ctx context.Context, in inbound, form bot.Form) bool {
	meta, err := json.Marshal(formMeta{Command: form.Command, Channel: in.channel})
	if err == nil {
		_, err = s.api.OpenViewContext(ctx, in.triggerID, Modal(form, string(meta)))
	}
	s.report(ctx, "open a form", err)
	return err == nil
}

// markPressed updates the message whose button in pressed, after its
// command r was done: the button is gone, and a line says what was done
// and by whom.
func (s *Slack) markPressed(ctx context.Context, in inbound, r bot.Reply) error {
	p := in.pressed
	who := s.people.name(ctx, in.user)
	title := firstOf(r.Title, strings.TrimSpace(unescaper.Replace(in.text)))
	blocks := Pressed(p.blocks, p.actionID, title, who)
	_, _, _, err := s.api.UpdateMessageContext(ctx, p.channel, p.ts, slack.MsgOptionBlocks(blocks...),
		slack.MsgOptionText(escape("✓ "+title+" · "+who, maxFallback), false), slack.MsgOptionParse(false))
	return rateLimit(err)
}

// rateLimit returns err, wrapped in a *bot.RetryAfter when Slack
// rate-limited the call.
func rateLimit(err error) error {
	var rl *slack.RateLimitedError
	if errors.As(err, &rl) {
		return &bot.RetryAfter{After: rl.RetryAfter, Err: err}
	}
	return err
}
