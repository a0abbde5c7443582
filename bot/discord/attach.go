package discord

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/ombud/ombud/bot"
)

// Discord's limits on the files of one message.
const (
	// maxUpload is how many bytes of files Discord takes in one message
	// from a bot in a server without boosts: 10 MiB. A boosted server
	// takes more; ombud keeps to what every server takes.
	maxUpload      = 10 << 20
	maxAttachments = 10   // files in one message
	maxAltText     = 1024 // an attachment's description
	maxContent     = 2000 // a message's content
)

// filesMessage is the payload_json of a message carrying files, sent as
// multipart/form-data with the files as the parts files[0], files[1]….
type filesMessage struct {
	Content         string                            `json:"content,omitempty"`
	Flags           discordgo.MessageFlags            `json:"flags,omitempty"`
	AllowedMentions *discordgo.MessageAllowedMentions `json:"allowed_mentions"`
	Reference       *discordgo.MessageReference       `json:"message_reference,omitempty"`
	Attachments     []attachment                      `json:"attachments"`
}

// attachment describes the file of the part files[ID].
type attachment struct {
	ID          int    `json:"id"`
	Filename    string `json:"filename"`
	Description string `json:"description,omitempty"` // the alt text
}

// attach sends r's files after r, the reply to the interaction, as a
// follow-up message as visible as r: Discord shows files in an ephemeral
// message too. A file larger than Discord takes is not sent; the person
// is told so, privately, and what to do instead.
func (x *exchange) attach(ctx context.Context, r bot.Reply) error {
	if len(r.Files) == 0 {
		return nil
	}
	var m filesMessage
	if r.Visibility == bot.Private {
		m.Flags = discordgo.MessageFlagsEphemeral
	}
	endpoint := discordgo.EndpointWebhookToken(x.i.AppID, x.i.Token) + "?wait=true"
	tooLarge, err := x.p.sendFiles(ctx, endpoint, m, r.Files)
	if err != nil || len(tooLarge) == 0 {
		return err
	}
	return x.followUps(render(tooLargeReply(tooLarge)))
}

// postFiles delivers post, a post with files: its message as Post does,
// then its files into the same channel or thread, replying to the topic's
// first message where its channel allows no thread. The message is the
// post: once it is delivered, a file that cannot be sent is logged rather
// than returned, since trying the post again would repeat its message.
func (p *Platform) postFiles(ctx context.Context, post bot.Post) error {
	files := post.Reply.Files
	post.Reply.Files = nil
	if err := p.Post(ctx, post); err != nil {
		return err
	}
	if post.Channel == "" && p.cfg.Threads == nil {
		return nil // Post left a topic's post out, as it does without a thread store
	}
	channel, replyTo, err := p.destination(ctx, post)
	var tooLarge []bot.File
	if err == nil {
		var m filesMessage
		if replyTo != "" {
			m.Reference = &discordgo.MessageReference{MessageID: replyTo, ChannelID: channel}
		}
		tooLarge, err = p.sendFiles(ctx, discordgo.EndpointChannelMessages(channel), m, files)
	}
	for _, f := range tooLarge {
		p.log.WarnContext(ctx, "discord: a post's file is larger than Discord takes; not sent",
			slog.String("file", f.Name), slog.Int("bytes", len(f.Data)))
	}
	if err != nil {
		p.log.ErrorContext(ctx, "discord: could not send a post's files", slog.String("topic", post.Topic), slog.Any("error", err))
	}
	return nil
}

// destination returns where post, delivered, went: a channel or thread,
// and the message it replied to, if it did.
func (p *Platform) destination(ctx context.Context, post bot.Post) (channel, replyTo string, err error) {
	if post.Channel != "" {
		return p.cfg.Channels[post.Channel], "", nil
	}
	ref, err := p.cfg.Threads.Thread(ctx, Name, post.Topic)
	if err != nil {
		return "", "", err
	}
	t, err := parseThreadRef(ref)
	switch {
	case err != nil:
		return "", "", err
	case t.thread != "" && t.thread != pendingThread:
		return t.thread, "", nil
	}
	return t.channel, t.message, nil
}

// sendFiles posts files to endpoint (a channel's messages, or an
// interaction's follow-ups) as messages like m, as few as Discord's limits
// allow, and returns the files too large for any message, unsent.
// discordgo waits out a rate limit.
func (p *Platform) sendFiles(ctx context.Context, endpoint string, m filesMessage, files []bot.File) ([]bot.File, error) {
	groups, tooLarge := bundle(files)
	for _, g := range groups {
		contentType, body, err := filesBody(m, g)
		if err == nil {
			_, err = p.s.RequestRaw(http.MethodPost, endpoint, contentType, body, "", 0, discordgo.WithContext(ctx))
		}
		if err != nil {
			return tooLarge, fmt.Errorf("discord: send files: %w", err)
		}
	}
	return tooLarge, nil
}

// bundle puts files, in order, into groups that Discord takes in one
// message each, and returns apart those too large for any message.
func bundle(files []bot.File) (groups [][]bot.File, tooLarge []bot.File) {
	size := 0
	for _, f := range files {
		switch n := len(f.Data); {
		case n > maxUpload:
			tooLarge = append(tooLarge, f)
			continue
		case len(groups) == 0 || len(groups[len(groups)-1]) == maxAttachments || size+n > maxUpload:
			groups, size = append(groups, nil), 0
		}
		groups[len(groups)-1] = append(groups[len(groups)-1], f)
		size += len(f.Data)
	}
	return groups, tooLarge
}

// filesBody returns the multipart/form-data body of m carrying files: the
// part payload_json, m with an attachments entry for each file, its title
// as the alt text, and the titles as the content; and a part files[n] for
// each.
func filesBody(m filesMessage, files []bot.File) (contentType string, body []byte, err error) {
	parts := make([]*discordgo.File, len(files))
	titles := make([]string, 0, len(files))
	for i, f := range files {
		parts[i] = &discordgo.File{Name: f.Name, ContentType: f.ContentType, Reader: bytes.NewReader(f.Data)}
		m.Attachments = append(m.Attachments, attachment{ID: i, Filename: f.Name, Description: cut(bot.Neutralize(f.Title), maxAltText)})
		if t := safe(f.Title); t != "" {
			titles = append(titles, t)
		}
	}
	m.Content = cut(strings.Join(titles, "\n"), maxContent)
	m.AllowedMentions = noMentions()
	return discordgo.MultipartBodyWithJSON(m, parts)
}

// tooLargeReply tells the person who asked that files were too large to
// attach, and what to do instead.
func tooLargeReply(files []bot.File) bot.Reply {
	lines := make([]string, 0, len(files)+1)
	for _, f := range files {
		lines = append(lines, fmt.Sprintf("%s is %.1f MiB (%d bytes), more than the %d MiB Discord takes in a message from a bot, so it was not attached.",
			f.Name, float64(len(f.Data))/(1<<20), len(f.Data), maxUpload>>20))
	}
	lines = append(lines, "Ask for a shorter period, or have whoever runs ombud run `ombud export` on its server, which writes the whole register to a file.")
	return bot.Reply{Text: strings.Join(lines, "\n"), Visibility: bot.Private, Error: true}
}
