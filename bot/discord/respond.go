package discord

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/ombud/ombud/bot"
)

// ackFunc sends an interaction's first response, by REST for the gateway or
// as the HTTP endpoint's answer.
type ackFunc func(*discordgo.InteractionResponse) error

// restAck acknowledges i through the interaction callback endpoint.
func (p *Platform) restAck(i *discordgo.Interaction) ackFunc {
	return func(r *discordgo.InteractionResponse) error { return p.s.InteractionRespond(i, r) }
}

// exchange is one interaction from its arrival to its last follow-up. Its
// first response is sent exactly once, by whichever comes first: the work's
// result, or the timer that defers it. The timer starts before the work
// and waits for nothing, so a slow store can make the answer late but never
// the acknowledgement.
type exchange struct {
	p   *Platform
	i   *discordgo.Interaction
	d   decoded
	ack ackFunc

	mu       sync.Mutex
	acked    bool // the first response was sent
	deferred bool // and it was a deferral, so the reply is a follow-up
}

// serve answers interaction i, acknowledging it with ack. Once taken, an
// interaction is finished even if ctx ends meanwhile (a shutdown): its
// work, reply and posts run without ctx's cancellation.
func (p *Platform) serve(ctx context.Context, i *discordgo.Interaction, ack ackFunc) {
	ctx = context.WithoutCancel(ctx)
	x := &exchange{p: p, i: i, ack: ack}
	d, err := decode(i, p.specs)
	h := p.currentHandler()
	switch {
	case err != nil:
		x.finish(ctx, refusal(err.Error()))
		return
	case h == nil:
		x.finish(ctx, refusal(bot.BusyText))
		return
	}
	x.d = d
	timer := time.AfterFunc(p.cfg.AckWithin, func() { x.deferResponse(ctx) })
	work := func() {
		resp := x.run(ctx, h)
		timer.Stop()
		x.finish(ctx, resp)
	}
	if !p.cfg.Pool.TrySubmit(work) {
		timer.Stop()
		x.finish(ctx, refusal(bot.BusyText))
	}
}

// refusal is a private error reply with text.
func refusal(text string) bot.Response {
	return bot.Response{Reply: bot.Reply{Text: text, Visibility: bot.Private, Error: true}}
}

// run fetches the people the interaction named by ID alone and passes the
// request to h.
func (x *exchange) run(ctx context.Context, h bot.Handler) bot.Response {
	req := x.d.req
	for _, id := range x.d.fetch {
		m, err := x.p.s.GuildMember(x.i.GuildID, id, discordgo.WithContext(ctx))
		if err != nil {
			x.p.log.WarnContext(ctx, "discord: could not fetch a mentioned member", slog.String("user", id), slog.Any("error", err))
			continue
		}
		req.Mentions = append(req.Mentions, mentionOf(id, m, m.User))
	}
	return h.Handle(ctx, req)
}

// deferResponse acknowledges the interaction with a deferral, unless it was
// answered already: a button's message will be edited, a command's reply
// comes as a follow-up, ephemeral when the subcommand answers privately.
func (x *exchange) deferResponse(ctx context.Context) {
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.acked {
		return
	}
	x.acked, x.deferred = true, true
	r := &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource}
	if x.d.button {
		r.Type = discordgo.InteractionResponseDeferredMessageUpdate
	} else if x.d.private {
		r.Data = &discordgo.InteractionResponseData{Flags: discordgo.MessageFlagsEphemeral}
	}
	if err := x.ack(r); err != nil {
		x.p.log.WarnContext(ctx, "discord: could not defer an interaction", slog.Any("error", err))
	}
}

// finish sends resp's reply, as the first response or after the deferral,
// with its files in a follow-up, and then has the posts the request caused
// delivered. A public reply about a topic reaches the topic's thread as one
// of those posts, so the person who asked sees it privately, unless it
// updates the message of a pressed button (or there is no thread store,
// and so no thread).
func (x *exchange) finish(ctx context.Context, resp bot.Response) {
	reply := resp.Reply
	if reply.Topic != "" && reply.Visibility == bot.Public && !reply.Error && x.p.cfg.Threads != nil && !x.updatesMessage(reply) {
		reply.Visibility = bot.Private
	}
	x.mu.Lock()
	var err error
	if x.acked {
		err = x.followUp(reply)
	} else {
		x.acked = true
		err = x.answer(reply)
	}
	if err == nil {
		err = x.attach(ctx, reply)
	}
	x.mu.Unlock()
	if err != nil {
		x.p.log.WarnContext(ctx, "discord: could not answer an interaction", slog.Any("error", err))
	}
	if resp.Deliver != nil {
		resp.Deliver(ctx)
	}
}

// updatesMessage reports whether r answers a button press by editing the
// message the button is on: a public reply does (refusals are private).
func (x *exchange) updatesMessage(r bot.Reply) bool {
	return x.d.button && x.i.Message != nil && r.Visibility == bot.Public
}

// answer sends r as the interaction's first response.
func (x *exchange) answer(r bot.Reply) error {
	if r.Form != nil && x.i.Type != discordgo.InteractionModalSubmit {
		return x.ack(modal(r.Form))
	}
	if x.updatesMessage(r) {
		m := pressed(x.i.Message, x.i.MessageComponentData().CustomID, r)
		return x.ack(&discordgo.InteractionResponse{Type: discordgo.InteractionResponseUpdateMessage, Data: responseData(m)})
	}
	msgs := render(r)
	if err := x.ack(&discordgo.InteractionResponse{Type: discordgo.InteractionResponseChannelMessageWithSource,
		Data: responseData(msgs[0])}); err != nil {
		return err
	}
	return x.followUps(msgs[1:])
}

// followUp sends r after a deferral: it replaces the deferred message when
// it is as visible as the deferral promised, and otherwise removes that
// message and follows up as r requires: a private reply to a public
// deferral, or a public one to a private deferral, is sent as a follow-up
// of its own visibility.
func (x *exchange) followUp(r bot.Reply) error {
	if x.updatesMessage(r) {
		m := pressed(x.i.Message, x.i.MessageComponentData().CustomID, r)
		_, err := x.p.s.InteractionResponseEdit(x.i, webhookEdit(m))
		return err
	}
	msgs := render(r)
	if x.d.button {
		return x.followUps(msgs)
	}
	if msgs[0].Ephemeral != x.d.private {
		if err := x.p.s.InteractionResponseDelete(x.i); err != nil {
			return err
		}
		return x.followUps(msgs)
	}
	if _, err := x.p.s.InteractionResponseEdit(x.i, webhookEdit(msgs[0])); err != nil {
		return err
	}
	return x.followUps(msgs[1:])
}

// followUps sends msgs as follow-up messages, in order.
func (x *exchange) followUps(msgs []message) error {
	for _, m := range msgs {
		if _, err := x.p.s.FollowupMessageCreate(x.i, true, &discordgo.WebhookParams{
			Embeds: m.Embeds, Components: m.Components, Flags: m.flags(), AllowedMentions: noMentions(),
		}); err != nil {
			return err
		}
	}
	return nil
}

// responseData returns m as an interaction response's data.
func responseData(m message) *discordgo.InteractionResponseData {
	return &discordgo.InteractionResponseData{Embeds: m.Embeds, Components: nonNil(m.Components),
		Flags: m.flags(), AllowedMentions: noMentions()}
}

// webhookEdit returns m as an edit of an interaction's message.
func webhookEdit(m message) *discordgo.WebhookEdit {
	components := nonNil(m.Components)
	return &discordgo.WebhookEdit{Embeds: &m.Embeds, Components: &components, AllowedMentions: noMentions()}
}

// nonNil returns cs, or an empty list for none, so that an edit removes the
// old components rather than keeping them.
func nonNil(cs []discordgo.MessageComponent) []discordgo.MessageComponent {
	if cs == nil {
		return []discordgo.MessageComponent{}
	}
	return cs
}
