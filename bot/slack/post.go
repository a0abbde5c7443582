package slack

import (
	"context"
	"fmt"
	"strings"

	"github.com/slack-go/slack"

	"github.com/ombud/ombud/bot"
)

// ref is where a message is: its channel and its timestamp, Slack's ID of
// a message. A thread's ref is its first message's.
type ref struct{ channel, ts string }

// String returns the ref as bot.Threads stores it, "channel/ts".
func (r ref) String() string { return r.channel + "/" + r.ts }

// parseRef parses a ref stored by String.
func parseRef(s string) (ref, bool) {
	channel, ts, ok := strings.Cut(s, "/")
	return ref{channel, ts}, ok && channel != "" && ts != ""
}

// Post delivers p: to the Slack channel configured for p.Channel, or into
// p.Topic's thread, starting the thread in p.Origin when it has none; a
// header starts the thread or replaces its first message (chat.update).
// It tries once: a rate limit returns an error wrapping *bot.RetryAfter
// with the wait Slack asked for. The post's files follow its message, as
// postFiles says.
func (s *Slack) Post(ctx context.Context, p bot.Post) error {
	if len(p.Reply.Files) > 0 {
		return s.postFiles(ctx, p)
	}
	if p.Channel == "" {
		_, err := s.postTopic(ctx, p)
		return err
	}
	channel := s.cfg.Channels[p.Channel]
	if channel == "" {
		return fmt.Errorf("slack: no channel is configured for #%s", p.Channel)
	}
	_, err := s.send(ctx, channel, p.Reply, slack.MsgOptionPost())
	return err
}

// postTopic posts p, a post in p.Topic's thread, and returns the thread's
// ref. The posts of one topic take turns, so that its thread starts once.
func (s *Slack) postTopic(ctx context.Context, p bot.Post) (ref, error) {
	defer s.topics.Lock(p.Topic)()
	stored, err := s.threads.Thread(ctx, platformName, p.Topic)
	if err != nil {
		return ref{}, fmt.Errorf("slack: find the thread of %s: %w", p.Topic, err)
	}
	thread, ok := parseRef(stored)
	switch {
	case ok && p.Header:
		_, err := s.send(ctx, thread.channel, p.Reply, slack.MsgOptionUpdate(thread.ts))
		return thread, err
	case ok:
		_, err := s.send(ctx, thread.channel, p.Reply, slack.MsgOptionPost(), slack.MsgOptionTS(thread.ts))
		return thread, err
	case p.Origin == "":
		return ref{}, fmt.Errorf("slack: %s has no thread yet and the post names no channel to start it in", p.Topic)
	}
	root, err := s.send(ctx, p.Origin, p.Reply, slack.MsgOptionPost())
	if err != nil {
		return ref{}, err
	}
	if err := s.threads.SetThread(ctx, platformName, p.Topic, root.String()); err != nil {
		return root, fmt.Errorf("slack: remember the thread of %s: %w", p.Topic, err)
	}
	return root, nil
}

// send sends r to channel as Block Kit, with parse=none and link and media
// unfurling off, as mode (chat.postMessage, chat.update, in a thread)
// says, and returns where the message is.
func (s *Slack) send(ctx context.Context, channel string, r bot.Reply, mode ...slack.MsgOption) (ref, error) {
	opts := append([]slack.MsgOption{
		slack.MsgOptionText(Fallback(r), false), slack.MsgOptionBlocks(Blocks(r)...), slack.MsgOptionParse(false),
		slack.MsgOptionDisableLinkUnfurl(), slack.MsgOptionDisableMediaUnfurl(),
	}, mode...)
	ch, ts, _, err := s.api.SendMessageContext(ctx, channel, opts...)
	if err != nil {
		return ref{}, rateLimit(err)
	}
	return ref{ch, ts}, nil
}
