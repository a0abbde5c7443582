package commands

import (
	"context"
	"fmt"

	"github.com/ombud/ombud/bot"
	"github.com/ombud/ombud/cases"
)

// signoffCommand returns signoff <id>.
func signoffCommand() *Command {
	return &Command{
		Name: "signoff",
		Summary: "Sign off the drafted first answer as its superior, where the policy requires it, and record that it was sent " +
			"(senior, not the one who drafted it); the timeline shows who signed.",
		Aliases: []string{"sign"},
		Args:    []Arg{idArg},
		Run: func(ctx context.Context, env *Env, in Input) (bot.Response, error) {
			cur, err := env.Service.Get(ctx, in.Args[idArg.Name])
			if err != nil {
				return bot.Response{}, err
			}
			c, err := env.Service.SignOff(ctx, env.Actor, cur.ID)
			if err != nil {
				return bot.Response{}, err
			}
			return changed(env, c, "signed off and answered", cur.Draft.Text, bot.Field{Name: "Drafted by", Value: cur.Draft.By.Name})
		},
	}
}

// answerCommand returns answer <id> <text>.
func answerCommand() *Command {
	return &Command{
		Name:    "answer",
		Summary: "Record the first answer to the customer; their window to escalate opens. Where the policy has a superior sign it off, it is drafted for signoff.",
		Args:    []Arg{idArg, {Name: "text", Required: true, Rest: true}},
		CaseForm: func(_ *Env, c *cases.Case) (*bot.Form, string) {
			return &bot.Form{Title: "Answer the customer", Command: "answer " + c.ID, Submit: "Answer", Fields: []bot.FormField{
				{Key: "text", Label: "The answer to " + c.ID, Placeholder: "We renewed the domain and refunded the fee.", Required: true, Multiline: true},
			}}, "Type the answer on one line:\n/case answer " + c.ID + " <the answer to the customer>"
		},
		Run: func(ctx context.Context, env *Env, in Input) (bot.Response, error) {
			c, err := env.Service.Answer(ctx, env.Actor, in.Args[idArg.Name], in.Args["text"])
			if err != nil {
				return bot.Response{}, err
			}
			if c.Status == cases.StatusAnswered || c.Draft.IsZero() {
				return changed(env, c, "answered", in.Args["text"])
			}
			resp, err := changed(env, c, "answer drafted", in.Args["text"],
				bot.Field{Name: "Sign-off", Value: fmt.Sprintf("a senior who did not write it signs it off before it is sent: /case signoff %s", c.ID)})
			if err != nil {
				return bot.Response{}, err
			}
			resp.Reply.Buttons = []bot.Button{{Label: "Sign off " + c.ID, Command: "signoff " + c.ID}}
			return resp, nil
		},
	}
}
