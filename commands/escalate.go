package commands

import (
	"context"

	"github.com/ombud/ombud/bot"
	"github.com/ombud/ombud/cases"
)

// escalateCommand returns escalate <id> reason:"…" [expects:"…"].
func escalateCommand() *Command {
	return &Command{
		Name:    "escalate",
		Summary: "Record, on the customer's behalf and inside their window, that they want the first answer reviewed; seniors are asked to claim it.",
		Args:    []Arg{idArg},
		Options: []Option{
			{Key: "reason", Hint: `"…"`, Required: true, Help: "why the answer did not satisfy the customer"},
			{Key: "expects", Hint: `"…"`, Help: "what the customer expects to be done; some policies require it"},
		},
		Run: func(ctx context.Context, env *Env, in Input) (bot.Response, error) {
			c, err := env.Service.Escalate(ctx, env.Actor, in.Args[idArg.Name],
				cases.EscalationInput{Reason: in.Options["reason"], Expects: in.Options["expects"]})
			if err != nil {
				return bot.Response{}, err
			}
			return climbed(env, c, in.Options["reason"], in.Options["expects"])
		},
	}
}

// climbed replies to a case that moved up a tier and now waits for a
// senior: publicly to the caller, and with a Claim button to the
// escalations channel.
func climbed(env *Env, c *cases.Case, reason, expects string) (bot.Response, error) {
	p, err := env.Service.PolicyOf(c)
	if err != nil {
		return bot.Response{}, err
	}
	var extra []bot.Field
	if expects != "" {
		extra = append(extra, bot.Field{Name: "Customer expects", Value: expects})
	}
	resp, err := changed(env, c, "escalated to "+p.TierName(c.Tier), reason, extra...)
	if err != nil {
		return bot.Response{}, err
	}
	post := resp.Reply
	post.Title = c.ID + " needs a reviewer for " + p.TierName(c.Tier)
	post.Topic = ""
	post.Buttons = []bot.Button{{Label: "Claim " + c.ID, Command: "claim " + c.ID}}
	resp.Posts = append(resp.Posts, bot.Post{Channel: bot.ChannelEscalations, Reply: post})
	return resp, nil
}
