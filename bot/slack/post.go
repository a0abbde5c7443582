package slack

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"regexp"
	"strings"
	"time"

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
// The people p mentions are mentioned first. It tries once: a rate limit
// returns an error wrapping *bot.RetryAfter with the wait Slack asked for,
// and so does Slack failing or being out of reach, with outageRetry. The
// post's files follow its message, as postFiles says.
func (s *Slack) Post(ctx context.Context, p bot.Post) error {
	if len(p.Reply.Files) > 0 {
		return s.postFiles(ctx, p)
	}
	if p.Channel == "" {
		_, err := s.postTopic(ctx, p)
		return outage(err)
	}
	channel := s.cfg.Channels[p.Channel]
	if channel == "" {
		return fmt.Errorf("slack: no channel is configured for #%s: %w", p.Channel, bot.ErrNoChannel)
	}
	_, err := s.send(ctx, channel, p.Reply, p.Mention, slack.MsgOptionPost())
	return outage(err)
}

// outageRetry is how long a post waits after Slack failed or could not be
// reached.
const outageRetry = 30 * time.Second

// outage returns err, wrapped in a *bot.RetryAfter when Slack answered
// with a server error or could not be reached, so that the post is tried
// again rather than given up.
func outage(err error) error {
	var status slack.StatusCodeError
	var netErr net.Error
	switch {
	case errors.As(err, &status) && status.Code >= http.StatusInternalServerError, errors.As(err, &netErr):
		return &bot.RetryAfter{After: outageRetry, Err: err}
	}
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
		_, err := s.send(ctx, thread.channel, p.Reply, p.Mention, slack.MsgOptionUpdate(thread.ts))
		return thread, err
	case ok:
		_, err := s.send(ctx, thread.channel, p.Reply, p.Mention, slack.MsgOptionPost(), slack.MsgOptionTS(thread.ts))
		return thread, err
	case p.Origin == "":
		return ref{}, fmt.Errorf("slack: %s has no thread yet and the post names no channel to start it in", p.Topic)
	}
	root, err := s.send(ctx, p.Origin, p.Reply, p.Mention, slack.MsgOptionPost())
	if err != nil {
		return ref{}, err
	}
	// The message is posted: an error now would have the post tried again,
	// and its message posted again. A thread not remembered costs a new
	// thread for the topic's next post, so it is logged instead.
	if err := s.threads.SetThread(ctx, platformName, p.Topic, root.String()); err != nil {
		s.log.ErrorContext(ctx, "slack: could not remember a topic's thread; its next post starts another",
			slog.String("topic", p.Topic), slog.Any("error", err))
	}
	return root, nil
}

// send sends r to channel as Block Kit, with parse=none and link and media
// unfurling off, as mode (chat.postMessage, chat.update, in a thread)
// says, mentioning the users whose IDs are in mention first, and returns
// where the message is.
func (s *Slack) send(ctx context.Context, channel string, r bot.Reply, mention []string, mode ...slack.MsgOption) (ref, error) {
	text, blocks := Fallback(r), Blocks(r)
	if m := mentions(mention); m != "" {
		text = m + " " + text
		blocks = append([]slack.Block{slack.NewSectionBlock(slack.NewTextBlockObject(slack.MarkdownType, m, false, true), nil, nil)}, blocks...)
	}
	opts := append([]slack.MsgOption{
		slack.MsgOptionText(text, false), slack.MsgOptionBlocks(blocks...), slack.MsgOptionParse(false),
		slack.MsgOptionDisableLinkUnfurl(), slack.MsgOptionDisableMediaUnfurl(),
	}, mode...)
	ch, ts, _, err := s.api.SendMessageContext(ctx, channel, opts...)
	if err != nil {
		return ref{}, rateLimit(err)
	}
	return ref{ch, ts}, nil
}

// userID matches a Slack user's ID, and nothing that could mention more.
var userID = regexp.MustCompile(`^[UW][A-Z0-9]{1,20}$`)

// mentions returns the mrkdwn that mentions the users ids, "<@U1> <@U2>",
// leaving out anything that is not a user's ID.
func mentions(ids []string) string {
	var out []string
	for _, id := range ids {
		if userID.MatchString(id) {
			out = append(out, "<@"+id+">")
		}
	}
	return strings.Join(out, " ")
}
