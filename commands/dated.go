package commands

import (
	"context"

	"github.com/ombud/ombud/bot"
	"github.com/ombud/ombud/cases"
)

// atOption dates a step that happened before it was recorded.
var atOption = Option{Key: "at", Hint: "2026-11-20T09:30+01:00",
	Help: "when it happened, if earlier, such as by phone: the date, time and UTC offset; its deadlines count from then"}

// dated returns cmd taking at:, the time its step happened where that was
// before it was typed: the step is recorded as the caller's at that time
// (cases.Actor.At), and the reply says when it happened.
func dated(cmd *Command) *Command {
	cmd.Options = append(cmd.Options, atOption)
	run := cmd.Run
	cmd.Run = func(ctx context.Context, env *Env, in Input) (bot.Response, error) {
		if s, ok := in.Options[atOption.Key]; ok {
			t, err := parseTime(atOption.Key, s)
			if err != nil {
				return bot.Response{}, err
			}
			env.Actor.At = t
		}
		return run(ctx, env, in)
	}
	return cmd
}

// happened returns the field that says when the step of a reply about c
// happened, where it was dated earlier than now, and false otherwise.
func happened(env *Env, c *cases.Case) (bot.Field, bool, error) {
	at := env.Actor.At
	if at.IsZero() || !at.Before(env.Service.Now()) {
		return bot.Field{}, false, nil
	}
	cal, err := env.Service.Calendar(c)
	if err != nil {
		return bot.Field{}, false, err
	}
	return bot.Field{Name: "Happened", Value: cases.When(at, cal.Location())}, true, nil
}
