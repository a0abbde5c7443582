package commands

import (
	"context"

	"github.com/ombud/ombud/bot"
	"github.com/ombud/ombud/cases"
)

// outcomeCommand returns a subcommand "name <id> outcome:… <text>" that
// records a senior's answer with do, replying with done and extra fields.
func outcomeCommand(name, summary, text, done string,
	do func(svc *cases.Service, ctx context.Context, a cases.Actor, id string, o cases.Outcome, text string) (*cases.Case, error),
	extra func(env *Env, c *cases.Case) ([]bot.Field, error)) *Command {
	return &Command{
		Name:    name,
		Summary: summary,
		Args:    []Arg{idArg, {Name: text, Required: true, Rest: true}},
		Options: []Option{outcomeOption},
		Run: func(ctx context.Context, env *Env, in Input) (bot.Response, error) {
			outcome, err := cases.ParseOutcome(in.Options["outcome"])
			if err != nil {
				return bot.Response{}, err
			}
			c, err := do(env.Service, ctx, env.Actor, in.Args[idArg.Name], outcome, in.Args[text])
			if err != nil {
				return bot.Response{}, err
			}
			fields, err := extra(env, c)
			if err != nil {
				return bot.Response{}, err
			}
			return changed(env, c, done, in.Args[text], append([]bot.Field{{Name: "Outcome", Value: string(outcome)}}, fields...)...)
		},
	}
}

// reviewCommand returns review <id> outcome:… <text>.
func reviewCommand() *Command {
	return outcomeCommand("review", "Give the review answer to an escalation you claimed (senior).", "text", "reviewed",
		(*cases.Service).Review, func(*Env, *cases.Case) ([]bot.Field, error) { return nil, nil })
}
