package slack

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"

	"github.com/slack-go/slack"

	"github.com/ombud/ombud/bot"
)

// place is where a reply was shown: a channel and, for a reply in a
// thread, the thread's first message. The zero place is the person alone:
// an ephemeral message.
type place struct{ channel, thread string }

// private reports whether the reply was shown to the person alone.
func (p place) private() bool { return p.channel == "" }

// attach uploads files, those of the reply to in, where the reply was
// shown (at): into its channel, or into its thread.
//
// Slack shows no files in an ephemeral message, so the files of a reply
// shown privately go to the person's direct messages with ombud, where no
// one else sees them. So do those Slack will not share where the reply was
// shown (ombud may post in a public channel it is not a member of, but not
// share files there). The person is told, privately, where a file went, or
// that it could not be uploaded and why.
func (s *Slack) attach(ctx context.Context, in inbound, at place, files []bot.File) {
	for _, f := range files {
		if !at.private() {
			err := s.upload(ctx, at, f)
			if err == nil {
				continue
			}
			s.log.WarnContext(ctx, "slack: could not share a file where the reply is; sending it privately",
				slog.String("file", f.Name), slog.Any("error", err))
		}
		var note bot.Reply
		dm, err := s.directMessage(ctx, in.user)
		if err == nil {
			err = s.upload(ctx, place{channel: dm}, f)
		}
		switch {
		case err != nil:
			s.report(ctx, "upload a file", err)
			note = bot.Reply{Text: fmt.Sprintf("ombud could not upload %s: %s", f.Name, uploadTrouble(err)), Error: true}
		case at.private():
			note = bot.Reply{Text: f.Name + " is in your direct messages with ombud: Slack shows no files in a reply only you can see."}
		default:
			note = bot.Reply{Text: f.Name + " is in your direct messages with ombud: Slack would not let ombud share it in this channel" +
				" (add ombud with /invite @ombud to have files shown here)."}
		}
		s.report(ctx, "say where a file went", s.retry(ctx, func() error { return s.ephemeral(ctx, in, note) }))
	}
}

// postFiles delivers p, a post with files: its message as Post does, then
// its files into the same channel or thread. The message is the post: once
// it is delivered, a file that cannot be uploaded is logged rather than
// returned, since trying the post again would repeat its message.
func (s *Slack) postFiles(ctx context.Context, p bot.Post) error {
	files := p.Reply.Files
	p.Reply.Files = nil
	if err := s.Post(ctx, p); err != nil {
		return err
	}
	at := place{channel: s.cfg.Channels[p.Channel]}
	if p.Channel == "" {
		stored, err := s.threads.Thread(ctx, platformName, p.Topic)
		thread, ok := parseRef(stored)
		if err != nil || !ok {
			s.log.ErrorContext(ctx, "slack: could not find the thread to upload a post's files to",
				slog.String("topic", p.Topic), slog.Any("error", err))
			return nil
		}
		at = place{thread.channel, thread.ts}
	}
	for _, f := range files {
		if err := s.upload(ctx, at, f); err != nil {
			s.log.ErrorContext(ctx, "slack: could not upload a post's file", slog.String("file", f.Name), slog.Any("error", err))
		}
	}
	return nil
}

// upload uploads f and shares it at a place that is not private, with
// Slack's upload flow: files.getUploadURLExternal, the bytes sent to the
// URL it gives, and files.completeUploadExternal. A rate limit is waited
// out as for messages. An upload tried again starts over with a new URL,
// so a file is shared once: an upload left uncompleted is never shown.
func (s *Slack) upload(ctx context.Context, at place, f bot.File) error {
	if len(f.Data) == 0 {
		return errEmpty
	}
	params := slack.UploadFileParameters{Filename: f.Name, FileSize: len(f.Data), Title: bot.Neutralize(f.Title),
		Channel: at.channel, ThreadTimestamp: at.thread}
	if strings.HasPrefix(f.ContentType, "image/") {
		params.AltTxt = params.Title
	}
	return s.retry(ctx, func() error {
		params.Reader = bytes.NewReader(f.Data)
		_, err := s.api.UploadFileContext(ctx, params)
		return rateLimit(err)
	})
}

// errEmpty is the error of uploading an empty file, which Slack does not
// take.
var errEmpty = errors.New("the file is empty")

// directMessage returns the ID of the direct message conversation between
// ombud and user (conversations.open).
func (s *Slack) directMessage(ctx context.Context, user string) (string, error) {
	var ch *slack.Channel
	err := s.retry(ctx, func() error {
		var err error
		ch, _, _, err = s.api.OpenConversationContext(ctx, &slack.OpenConversationParameters{Users: []string{user}})
		return rateLimit(err)
	})
	if err == nil && (ch == nil || ch.ID == "") {
		err = errors.New("conversations.open gave no channel")
	}
	if err != nil {
		return "", fmt.Errorf("open a direct message: %w", err)
	}
	return ch.ID, nil
}

// uploadTrouble says, for the person who asked, why Slack did not take a
// file.
func uploadTrouble(err error) string {
	var se slack.SlackErrorResponse
	switch {
	case errors.Is(err, errEmpty):
		return "the file is empty."
	case errors.As(err, &se) && se.Err == "missing_scope":
		return "ombud's Slack app lacks the files:write or im:write scope; an admin adds them by updating the app from `ombud slack manifest` and reinstalling it."
	case errors.As(err, &se):
		return "Slack said " + se.Err + ". Try again in a moment."
	}
	var ra *bot.RetryAfter
	if errors.As(err, &ra) {
		return "Slack is busy. Try again in a moment."
	}
	return "Slack could not be reached or did not answer. Try again in a moment."
}
