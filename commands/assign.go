package commands

import (
	"context"

	"github.com/ombud/ombud/bot"
)

// assignCommand returns assign <id> @person.
func assignCommand() *Command {
	return &Command{
		Name:    "assign",
		Summary: "Hand a case to someone; under review, only to another senior who was not involved in it.",
		Args:    []Arg{idArg, {Name: "person", Required: true, Hint: "@person"}},
		Run: func(ctx context.Context, env *Env, in Input) (bot.Response, error) {
			to, err := env.Directory.Mention(env.Request, in.Args["person"])
			if err != nil {
				return bot.Response{}, err
			}
			c, err := env.Service.Assign(ctx, env.Actor, in.Args[idArg.Name], to)
			if err != nil {
				return bot.Response{}, err
			}
			return changed(env, c, "assigned to "+to.Name, "")
		},
	}
}
