package slack

import (
	"context"
	"encoding/json"
	"regexp"
	"strings"
	"time"

	"github.com/slack-go/slack"

	"github.com/ombud/ombud/bot"
)

// inbound is one thing a person did in Slack that ombud answers: a slash
// command, a button press or a form's submission.
type inbound struct {
	user, channel string            // who did it, and where
	text          string            // the command as Slack sent it, HTML-escaped
	values        map[string]string // a form's values, by field key; nil otherwise
	responseURL   string            // where replies to it go; "" for a form's submission
	triggerID     string            // lets ombud open a modal within 3 seconds
	pressed       *pressed          // the message whose button was pressed, if one was
}

// pressed is the message a person pressed a button on.
type pressed struct {
	channel, ts string
	blocks      []slack.Block
	actionID    string // the button's
}

// formMeta is what a form's modal carries to its submission.
type formMeta struct {
	Command string `json:"command"` // the subcommand its values are for
	Channel string `json:"channel"` // where the form was asked for
}

// submitBudget is how long a form's submission waits for its command's
// answer, so that mistakes are shown by their fields; Slack waits 3 s.
const submitBudget = 2500 * time.Millisecond

// command takes a slash command and returns what Slack is answered at
// once: nothing, or the busy message when the pool is full. A retry of a
// command already taken is answered with nothing.
func (s *Slack) command(ctx context.Context, cmd slack.SlashCommand) any {
	if !s.seen.first("command:" + cmd.TriggerID) {
		return nil
	}
	in := inbound{user: cmd.UserID, channel: cmd.ChannelID, text: cmd.Text, responseURL: cmd.ResponseURL, triggerID: cmd.TriggerID}
	if !s.submit(ctx, in, nil) {
		return slack.Msg{ResponseType: slack.ResponseTypeEphemeral, Text: bot.BusyText}
	}
	return nil
}

// interaction takes a button press or a form's submission and returns what
// Slack is answered at once.
func (s *Slack) interaction(ctx context.Context, cb slack.InteractionCallback) any {
	switch cb.Type {
	case slack.InteractionTypeBlockActions:
		s.press(ctx, cb)
	case slack.InteractionTypeViewSubmission:
		return s.submission(ctx, cb)
	}
	return nil
}

// press runs the command of the ombud button pressed in cb.
func (s *Slack) press(ctx context.Context, cb slack.InteractionCallback) {
	var action *slack.BlockAction
	for _, a := range cb.ActionCallback.BlockActions {
		if strings.HasPrefix(a.ActionID, buttonAction) {
			action = a
			break
		}
	}
	if action == nil || !s.seen.first("press:"+cb.TriggerID) {
		return
	}
	channel := firstOf(cb.Container.ChannelID, cb.Channel.ID)
	in := inbound{user: cb.User.ID, channel: channel, text: escapeCommand(action.Value), responseURL: cb.ResponseURL, triggerID: cb.TriggerID}
	if !cb.Container.IsEphemeral && cb.Container.MessageTs != "" {
		in.pressed = &pressed{channel: channel, ts: cb.Container.MessageTs, blocks: cb.Message.Blocks.BlockSet, actionID: action.ActionID}
	}
	if !s.submit(ctx, in, nil) {
		go s.tellBusy(context.WithoutCancel(ctx), in)
	}
}

// submission runs the command of a form's submission and returns, within
// Slack's 3 seconds, either nothing, which closes the modal, or what is
// wrong by field, which keeps it open.
func (s *Slack) submission(ctx context.Context, cb slack.InteractionCallback) any {
	var meta formMeta
	if cb.View.CallbackID != formCallback || json.Unmarshal([]byte(cb.View.PrivateMetadata), &meta) != nil {
		return nil
	}
	// A submission corrected after errors keeps its view's ID and hash;
	// only its trigger is new.
	if !s.seen.first("submit:" + cb.TriggerID) {
		return nil
	}
	values := map[string]string{}
	for key, inputs := range cb.View.State.Values {
		values[key] = inputs[inputAction].Value
	}
	in := inbound{user: cb.User.ID, channel: meta.Channel, text: escapeCommand(meta.Command), values: values}
	answer, gone := make(chan bot.Reply), make(chan struct{})
	if !s.submit(ctx, in, &waiter{answer: answer, gone: gone}) {
		return formErrors(cb.View, bot.Reply{Text: bot.BusyText, Error: true})
	}
	timer := time.NewTimer(submitBudget)
	defer timer.Stop()
	select {
	case r := <-answer:
		if r.Error {
			return formErrors(cb.View, r)
		}
	case <-timer.C:
		close(gone)
	}
	return nil
}

// waiter is a form's submission waiting for its command's reply.
type waiter struct {
	answer chan<- bot.Reply // takes the reply while the submission waits
	gone   <-chan struct{}  // closed when it stopped waiting
}

// submit hands in to the pool: its command is run and what it produced
// delivered. With a waiter, the reply goes to the waiter first, and a
// refusal the waiter took goes nowhere else. It reports false when the
// pool is full.
func (s *Slack) submit(ctx context.Context, in inbound, w *waiter) bool {
	return s.cfg.Pool.TrySubmit(func() {
		ctx, cancel := detached(ctx)
		defer cancel()
		resp := s.handle(ctx, in)
		if w != nil {
			select {
			case w.answer <- resp.Reply:
				if resp.Reply.Error {
					return
				}
			case <-w.gone:
			}
		}
		s.deliver(ctx, in, resp)
	})
}

// handle runs in's command as the person who sent it, once Run has given
// the handler.
func (s *Slack) handle(ctx context.Context, in inbound) bot.Response {
	select {
	case <-s.started:
	case <-ctx.Done():
		return bot.Response{Reply: bot.Reply{Text: "ombud is starting; try again in a moment.", Error: true}}
	}
	return (*s.handler.Load()).Handle(ctx, s.request(ctx, in))
}

// mentionPattern matches a user mention as Slack sends it: <@U123> or
// <@U123|name>.
var mentionPattern = regexp.MustCompile(`<@([UW][A-Z0-9]+)(?:\|[^<>]*)?>`)

// unescaper undoes the HTML escaping of a slash command's text.
var unescaper = strings.NewReplacer("&lt;", "<", "&gt;", ">", "&amp;", "&")

// request decodes in as a bot.Request: the text unescaped, the sender and
// every person it mentions resolved to their names and user groups.
// Mentions are found before unescaping, so text typed to look like one
// (which arrives escaped) resolves nobody.
func (s *Slack) request(ctx context.Context, in inbound) bot.Request {
	req := bot.Request{Platform: platformName, UserID: in.user, UserName: s.people.name(ctx, in.user),
		Groups: s.people.groupsOf(ctx, in.user), ChannelID: in.channel, Text: unescaper.Replace(in.text), Values: in.values}
	seen := map[string]bool{}
	for _, m := range mentionPattern.FindAllStringSubmatch(in.text, -1) {
		if id := m[1]; !seen[id] {
			seen[id] = true
			req.Mentions = append(req.Mentions, s.people.mention(ctx, id))
		}
	}
	return req
}

// escapeCommand escapes a command ombud wrote itself (a button's, a
// form's) as Slack escapes typed text, so that request decodes both alike.
func escapeCommand(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}

// formErrors returns the answer that keeps a form's modal open with r's
// mistakes by their fields; a mistake about no field of the modal goes by
// the first.
func formErrors(view slack.View, r bot.Reply) *slack.ViewSubmissionResponse {
	var first string
	keys := map[string]bool{}
	for _, b := range view.Blocks.BlockSet {
		if in, ok := b.(*slack.InputBlock); ok {
			keys[in.BlockID] = true
			first = firstOf(first, in.BlockID)
		}
	}
	errs := map[string]string{}
	var rest []string
	for key, msg := range r.FieldErrors {
		if keys[key] {
			errs[key] = cut(bot.Neutralize(msg), maxLabel)
		} else {
			rest = append(rest, key+": "+msg)
		}
	}
	if len(r.FieldErrors) == 0 {
		rest = append(rest, r.Text)
	}
	if len(rest) > 0 && first != "" {
		errs[first] = cut(bot.Neutralize(strings.TrimSpace(errs[first]+"\n"+strings.Join(rest, "\n"))), maxLabel)
	}
	return slack.NewErrorsViewSubmissionResponse(errs)
}
