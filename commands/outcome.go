package commands

import (
	"context"

	"github.com/ombud/ombud/bot"
	"github.com/ombud/ombud/cases"
)

// outcomeOption is the outcome of resolve, review and decide.
var outcomeOption = Option{Key: "outcome", Values: []string{"upheld", "partly", "rejected", "withdrawn"}, Required: true,
	Help: "upheld, partly (upheld), rejected (not upheld), or withdrawn by the customer"}

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
