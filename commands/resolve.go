package commands

import (
	"context"

	"github.com/ombud/ombud/bot"
	"github.com/ombud/ombud/cases"
)

// registerOptions are the register entries resolve and close record: the
// root cause, the remedy and the lessons. The policy says which are required
// at closing.
var registerOptions = []Option{
	{Key: "cause", Hint: `"…"`, Help: "the root cause; required where the policy's register needs it, unless outcome:withdrawn"},
	{Key: "remedy", Hint: `"…"`, Help: "what was done to put it right"},
	{Key: "lessons", Hint: `"…"`, Help: "what the team learned, so it does not happen again; some policies require it"},
}

// spotOption marks a resolution on the spot.
var spotOption = Option{Key: "spot", Values: []string{"true", "false"},
	Help: "true for a complaint settled at first contact, where the policy allows it: the summary is filed as the minutes, and no acknowledgement or receipt is due"}

// registerFields shows the register entries of a resolution that were given.
func registerFields(outcome cases.Outcome, r cases.Resolution) []bot.Field {
	var out []bot.Field
	for _, f := range []bot.Field{{Name: "Outcome", Value: string(outcome)}, {Name: "Root cause", Value: r.RootCause},
		{Name: "Remedy", Value: r.Remedy}, {Name: "Lessons", Value: r.Lessons}} {
		if f.Value != "" {
			out = append(out, f)
		}
	}
	return out
}

// resolveCommand returns resolve <id> outcome:… <summary> [cause:…] [remedy:…] [lessons:…] [spot:true].
func resolveCommand() *Command {
	return &Command{
		Name: "resolve",
		Summary: "Close a case the customer is satisfied with, at the frontline or after the review answer, or one they withdrew; past the frontline only its reviewer or a manager can. " +
			"It goes in the register. With spot:true, a complaint settled at first contact, with the minutes of the result.",
		Args:    []Arg{idArg, {Name: "summary", Required: true, Rest: true}},
		Options: append(append([]Option{outcomeOption}, registerOptions...), spotOption),
		Run: func(ctx context.Context, env *Env, in Input) (bot.Response, error) {
			outcome, err := cases.ParseOutcome(in.Options["outcome"])
			if err != nil {
				return bot.Response{}, err
			}
			c, err := env.Service.Resolve(ctx, env.Actor, in.Args[idArg.Name], cases.ResolveInput{
				Outcome: outcome, Summary: in.Args["summary"], Spot: in.Options["spot"] == "true",
				RootCause: in.Options["cause"], Remedy: in.Options["remedy"], Lessons: in.Options["lessons"],
			})
			if err != nil {
				return bot.Response{}, err
			}
			if c.Resolution.Spot {
				return changed(env, c, "resolved on the spot", "", append([]bot.Field{{Name: "Minutes", Value: c.Resolution.Summary}},
					registerFields(outcome, c.Resolution)...)...)
			}
			return changed(env, c, "resolved", c.Resolution.Summary, registerFields(outcome, c.Resolution)...)
		},
	}
}
