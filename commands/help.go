package commands

import (
	"context"

	"github.com/ombud/ombud/bot"
)

// helpCommand returns help [subcommand].
func helpCommand() *Command {
	cmd := &Command{
		Name:    "help",
		Summary: "Show how to use every subcommand, or one.",
		Args:    []Arg{{Name: "subcommand"}},
		Private: true,
	}
	cmd.Run = func(_ context.Context, env *Env, in Input) (bot.Response, error) {
		name := in.Args["subcommand"]
		if name == "" {
			return private("/case subcommands", env.Registry.Help()), nil
		}
		sub, ok := env.Registry.Lookup(name)
		if !ok {
			return bot.Response{}, usagef(cmd, "there is no subcommand %q; the subcommands are %s", name, env.Registry.names())
		}
		return private(Usage(sub), helpBody(sub)), nil
	}
	return cmd
}
