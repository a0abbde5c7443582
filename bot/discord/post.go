package discord

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/ombud/ombud/bot"
)

// outageRetry is how long a post waits after Discord failed or could not be
// reached.
const outageRetry = 30 * time.Second

// threadArchive is how long a case's thread stays open without posts, in
// minutes: a week, the longest Discord offers.
const threadArchive = 10080

// Post delivers p to its team channel, or into its topic's thread: the
// topic's first post starts a thread off its message where the channel
// allows one, and a header post edits that first message once it exists.
// The people it mentions are mentioned, and allowed to be, in the first
// message. Without a thread store, posts about a topic are left out. A
// rate limit or an outage returns an error wrapping *bot.RetryAfter. A post
// that needs several messages is delivered once its first is sent; the
// failure of a later one is logged, as send says. The post's files follow
// its message, as postFiles says.
func (p *Platform) Post(ctx context.Context, post bot.Post) error {
	if len(post.Reply.Files) > 0 {
		return p.postFiles(ctx, post)
	}
	msgs := render(post.Reply)
	msgs[0].Mention = post.Mention
	if post.Channel != "" {
		id, ok := p.cfg.Channels[post.Channel]
		if !ok || id == "" {
			return fmt.Errorf("discord: no channel is configured for %s posts: %w", post.Channel, bot.ErrNoChannel)
		}
		_, err := p.send(ctx, id, "", msgs)
		return err
	}
	if p.cfg.Threads == nil {
		p.log.DebugContext(ctx, "discord: no thread store; a post about a topic is left out", "topic", post.Topic)
		return nil
	}
	ref, err := p.cfg.Threads.Thread(ctx, Name, post.Topic)
	if err != nil {
		return fmt.Errorf("discord: the thread of %s: %w", post.Topic, err)
	}
	if ref == "" {
		return p.startThread(ctx, post, msgs)
	}
	t, err := parseThreadRef(ref)
	if err != nil {
		return err
	}
	if t.thread == pendingThread {
		if err := p.threadOff(ctx, post, &t); err != nil {
			return err
		}
		p.remember(ctx, post.Topic, t)
	}
	if post.Header {
		m := msgs[0]
		_, err := p.s.ChannelMessageEditComplex(&discordgo.MessageEdit{
			Channel: t.channel, ID: t.message, Embeds: &m.Embeds, Components: ptr(nonNil(m.Components)), AllowedMentions: noMentions(),
		}, p.postOptions(ctx)...)
		return retryable(err)
	}
	if t.thread != "" {
		_, err := p.send(ctx, t.thread, "", msgs)
		return err
	}
	_, err = p.send(ctx, t.channel, t.message, msgs)
	return err
}

// startThread sends post as its topic's first message in its origin
// channel, starts a thread off it and remembers both. Where the channel
// allows no thread, later posts reply to the first message instead. Once
// the message is sent the post is delivered, and it returns nil: trying it
// again would send the message again. A thread that could not be started
// for a passing reason (a rate limit, an outage) is remembered as pending,
// and the topic's next post starts it.
func (p *Platform) startThread(ctx context.Context, post bot.Post, msgs []message) error {
	if post.Origin == "" {
		return fmt.Errorf("discord: %s has no thread yet and the post names no channel to start it in", post.Topic)
	}
	first, err := p.send(ctx, post.Origin, "", msgs)
	if err != nil {
		return err
	}
	t := threadRef{channel: post.Origin, message: first, thread: pendingThread}
	if err := p.threadOff(ctx, post, &t); err != nil {
		p.log.WarnContext(ctx, "discord: could not start a topic's thread; its next post tries again",
			slog.String("topic", post.Topic), slog.Any("error", err))
	}
	p.remember(ctx, post.Topic, t)
	return nil
}

// pendingThread is the thread of a threadRef whose thread is still to be
// started.
const pendingThread = "pending"

// threadOff starts a thread off t's message and sets t.thread to it; to ""
// when Discord answers that the channel allows no thread there, so that
// posts reply to the message instead. Any other failure is returned,
// retryable when it passes, and leaves t as it was.
func (p *Platform) threadOff(ctx context.Context, post bot.Post, t *threadRef) error {
	ch, err := p.s.MessageThreadStartComplex(t.channel, t.message, &discordgo.ThreadStart{
		Name: threadName(post), AutoArchiveDuration: threadArchive,
	}, p.postOptions(ctx)...)
	var rest *discordgo.RESTError
	switch {
	case err == nil:
		t.thread = ch.ID
		return nil
	case !errors.As(err, &rest) || rest.Message == nil:
		return retryable(err)
	}
	switch rest.Message.Code {
	case discordgo.ErrCodeThreadAlreadyCreatedForThisMessage:
		// A thread off a message has the message's ID.
		t.thread = t.message
		return nil
	case discordgo.ErrCodeMissingAccess, discordgo.ErrCodeMissingPermissions, discordgo.ErrCodeCannotExecuteActionOnThisChannelType:
		p.log.InfoContext(ctx, "discord: the channel allows no thread; later posts reply to the first message",
			slog.String("topic", post.Topic), slog.Any("error", err))
		t.thread = ""
		return nil
	}
	return retryable(err)
}

// remember stores t as topic's thread. A failure is logged rather than
// returned: what it was about to remember is already in Discord, and
// trying the post again would send it again.
func (p *Platform) remember(ctx context.Context, topic string, t threadRef) {
	if err := p.cfg.Threads.SetThread(ctx, Name, topic, t.String()); err != nil {
		p.log.ErrorContext(ctx, "discord: could not remember a topic's thread; its next post starts another",
			slog.String("topic", topic), slog.Any("error", err))
	}
}

// threadName names a case's thread: its topic and title, within Discord's
// 100 characters.
func threadName(post bot.Post) string {
	name := post.Topic
	if t := bot.Neutralize(post.Reply.Title); t != "" && !strings.HasPrefix(t, post.Topic) {
		name += " " + t
	} else if t != "" {
		name = t
	}
	return cut(name, 100)
}

// send posts msgs to channel, the first as a reply to message when it is
// set, and returns the first one's ID. Once the first is sent the post is
// delivered: a later message that fails is logged rather than returned,
// since trying the post again would send the first again.
func (p *Platform) send(ctx context.Context, channel, replyTo string, msgs []message) (string, error) {
	var first string
	for i, m := range msgs {
		data := &discordgo.MessageSend{Content: m.content(), Embeds: m.Embeds, Components: nonNil(m.Components), AllowedMentions: m.allowed()}
		if i == 0 && replyTo != "" {
			data.Reference = &discordgo.MessageReference{MessageID: replyTo, ChannelID: channel}
		}
		sent, err := p.s.ChannelMessageSendComplex(channel, data, p.postOptions(ctx)...)
		switch {
		case err != nil && i == 0:
			return "", retryable(err)
		case err != nil:
			p.log.ErrorContext(ctx, "discord: could not send the rest of a post", slog.Int("sent", i),
				slog.Int("messages", len(msgs)), slog.Any("error", err))
			return first, nil
		case i == 0:
			first = sent.ID
		}
	}
	return first, nil
}

// postOptions are the options of a post's requests: ctx, and a rate limit
// returned rather than slept through, so the caller can retry later.
func (p *Platform) postOptions(ctx context.Context) []discordgo.RequestOption {
	return []discordgo.RequestOption{discordgo.WithContext(ctx), discordgo.WithRetryOnRatelimit(false)}
}

// retryable wraps err in *bot.RetryAfter when it is a rate limit, a
// server error or a failure to reach Discord.
func retryable(err error) error {
	if err == nil {
		return nil
	}
	var rl *discordgo.RateLimitError
	if errors.As(err, &rl) {
		return fmt.Errorf("discord: %w", &bot.RetryAfter{After: rl.RetryAfter, Err: err})
	}
	var rest *discordgo.RESTError
	var netErr net.Error
	switch {
	case errors.As(err, &rest) && rest.Response.StatusCode >= http.StatusInternalServerError,
		errors.As(err, &netErr):
		return fmt.Errorf("discord: %w", &bot.RetryAfter{After: outageRetry, Err: err})
	}
	return fmt.Errorf("discord: %w", err)
}

// threadRef is where a topic's messages go: the channel and first message,
// and the thread started off it, if any, or pendingThread while it is
// still to be started. Its string form is what Threads
// stores: "channel/message/thread".
type threadRef struct{ channel, message, thread string }

// String returns the stored form of t.
func (t threadRef) String() string { return t.channel + "/" + t.message + "/" + t.thread }

// parseThreadRef reads a stored threadRef.
func parseThreadRef(s string) (threadRef, error) {
	parts := strings.Split(s, "/")
	if len(parts) != 3 || parts[0] == "" || parts[1] == "" {
		return threadRef{}, fmt.Errorf("discord: %q is not a thread reference (channel/message/thread)", s)
	}
	return threadRef{parts[0], parts[1], parts[2]}, nil
}

// ptr returns a pointer to v.
func ptr[T any](v T) *T { return &v }
