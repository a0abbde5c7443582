package commands

import (
	"context"

	"github.com/ombud/ombud/bot"
)

// historyCommand returns history <id>.
func historyCommand() *Command {
	return &Command{
		Name:    "history",
		Aliases: []string{"timeline"},
		Summary: "Show a case's whole timeline to you alone.",
		Private: true,
		Args:    []Arg{idArg},
		Run: func(ctx context.Context, env *Env, in Input) (bot.Response, error) {
			c, err := env.Service.Get(ctx, in.Args[idArg.Name])
			if err != nil {
				return bot.Response{}, err
			}
			text, _, err := timeline(env, c, 0, 0)
			if err != nil {
				return bot.Response{}, err
			}
			return private(c.ID+" history", text), nil
		},
	}
}
