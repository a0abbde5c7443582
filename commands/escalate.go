package commands

import (
	"context"
	"fmt"
	"strings"

	"github.com/ombud/ombud/bot"
	"github.com/ombud/ombud/cases"
)

// escalateCommand returns escalate <id> reason:"…" [expects:"…"] [via:…]
// [from:"…"] [account:…] [subject:…].
func escalateCommand() *Command {
	return &Command{
		Name:    "escalate",
		Summary: "Record, on the customer's behalf and inside their window, that they want the first answer reviewed; seniors are asked to claim it.",
		Args:    []Arg{idArg},
		Options: []Option{
			{Key: "reason", Hint: `"…"`, Required: true, Help: "why the answer did not satisfy the customer"},
			{Key: "expects", Hint: `"…"`, Help: "what the customer expects to be done; some policies require it"},
			{Key: "via", Values: names(cases.Channels), Help: "how the escalated complaint came; policies that take it in writing only require email, post or web"},
			{Key: "from", Hint: `"Name <contact>"`, Help: "who escalated, as the escalated complaint gives it, where the case does not say already"},
			{Key: "account", Help: "the customer's account, as the escalated complaint gives it"},
			{Key: "subject", Help: "the domain name(s), service or order, as the escalated complaint gives them"},
		},
		Run: runEscalate,
	}
}

// runEscalate escalates a case with what the escalated complaint carries,
// and says what the policy asks for that it lacks.
func runEscalate(ctx context.Context, env *Env, in Input) (bot.Response, error) {
	o := in.Options
	from, err := parseFrom(o["from"])
	if err != nil {
		return bot.Response{}, err
	}
	from.Account = o["account"]
	ei := cases.EscalationInput{Reason: o["reason"], Expects: o["expects"], Via: cases.Channel(o["via"]), From: from, Subject: o["subject"]}
	c, err := env.Service.Escalate(ctx, env.Actor, in.Args[idArg.Name], ei)
	if err != nil {
		return bot.Response{}, err
	}
	p, err := env.Service.PolicyOf(c)
	if err != nil {
		return bot.Response{}, err
	}
	var extra []bot.Field
	if _, asked := p.MissingOnEscalation(c, ei); len(asked) > 0 {
		extra = append(extra, askFor(p, asked))
	}
	return climbed(env, c, o["reason"], o["expects"], extra...)
}

// askFor is the field that tells the team what policy p asks the customer
// for that is missing.
func askFor(p *cases.Policy, asked []cases.Field) bot.Field {
	return bot.Field{Name: "Ask the customer for", Value: fmt.Sprintf("%s (policy %s asks for them; nothing waits for them)", strings.Join(names(asked), ", "), p.Name)}
}

// climbed replies to a case that moved up a tier and now waits for a
// senior; the escalations channel hears of it, with a Claim button, through
// the notice the change wrote.
func climbed(env *Env, c *cases.Case, reason, expects string, extra ...bot.Field) (bot.Response, error) {
	p, err := env.Service.PolicyOf(c)
	if err != nil {
		return bot.Response{}, err
	}
	if expects != "" {
		extra = append([]bot.Field{{Name: "Customer expects", Value: expects}}, extra...)
	}
	return changed(env, c, "escalated to "+p.TierName(c.Tier), reason, extra...)
}
