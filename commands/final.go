package commands

import (
	"context"

	"github.com/ombud/ombud/bot"
)

// finalCommand returns final <id> reason:"…".
func finalCommand() *Command {
	return &Command{
		Name:    "final",
		Summary: "Record, on the customer's behalf and inside their window, that they want a final internal review of the review answer.",
		Args:    []Arg{idArg},
		Options: []Option{{Key: "reason", Hint: `"…"`, Required: true, Help: "why the review answer did not satisfy the customer"}},
		Run: func(ctx context.Context, env *Env, in Input) (bot.Response, error) {
			c, err := env.Service.RequestFinal(ctx, env.Actor, in.Args[idArg.Name], in.Options["reason"])
			if err != nil {
				return bot.Response{}, err
			}
			return climbed(env, c, in.Options["reason"], "")
		},
	}
}
