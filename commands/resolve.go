package commands

import (
	"context"

	"github.com/ombud/ombud/bot"
	"github.com/ombud/ombud/cases"
)

// registerOptions are the register entries resolve and close record: the
// root cause, described by cause, whose Key and Hint it fills in, the remedy
// and the lessons.
func registerOptions(cause Option) []Option {
	cause.Key, cause.Hint = "cause", `"…"`
	return []Option{
		cause,
		{Key: "remedy", Hint: `"…"`, Help: "what was done to put it right"},
		{Key: "lessons", Hint: `"…"`, Help: "what the team learned, so it does not happen again"},
	}
}

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

// resolveCommand returns resolve <id> outcome:… cause:… <summary> [remedy:…] [lessons:…].
func resolveCommand() *Command {
	return &Command{
		Name:    "resolve",
		Summary: "Close a case the customer is satisfied with, at the frontline or after the review answer, or one they withdrew; past the frontline only its reviewer or a manager can. It goes in the register.",
		Args:    []Arg{idArg, {Name: "summary", Required: true, Rest: true}},
		Options: append([]Option{outcomeOption}, registerOptions(Option{Help: "the root cause", RequiredUnless: "outcome:withdrawn"})...),
		Run: func(ctx context.Context, env *Env, in Input) (bot.Response, error) {
			outcome, err := cases.ParseOutcome(in.Options["outcome"])
			if err != nil {
				return bot.Response{}, err
			}
			c, err := env.Service.Resolve(ctx, env.Actor, in.Args[idArg.Name], cases.ResolveInput{
				Outcome: outcome, Summary: in.Args["summary"],
				RootCause: in.Options["cause"], Remedy: in.Options["remedy"], Lessons: in.Options["lessons"],
			})
			if err != nil {
				return bot.Response{}, err
			}
			return changed(env, c, "resolved", c.Resolution.Summary, registerFields(outcome, c.Resolution)...)
		},
	}
}
