package commands

import (
	"context"

	"github.com/ombud/ombud/bot"
	"github.com/ombud/ombud/cases"
)

// closeCommand returns close <id> [cause:"…"] [remedy:"…"] [lessons:"…"].
func closeCommand() *Command {
	return &Command{
		Name:    "close",
		Summary: "File a decided case in the register with its root cause, remedy and lessons learned, as the policy requires (senior).",
		Args:    []Arg{idArg},
		Options: registerOptions,
		Run: func(ctx context.Context, env *Env, in Input) (bot.Response, error) {
			c, err := env.Service.Close(ctx, env.Actor, in.Args[idArg.Name], cases.CloseInput{
				RootCause: in.Options["cause"], Remedy: in.Options["remedy"], Lessons: in.Options["lessons"],
			})
			if err != nil {
				return bot.Response{}, err
			}
			return changed(env, c, "closed", "", registerFields(c.Resolution.Outcome, c.Resolution)...)
		},
	}
}
