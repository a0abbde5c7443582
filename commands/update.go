package commands

import (
	"context"
	"time"

	"github.com/ombud/ombud/bot"
	"github.com/ombud/ombud/cases"
)

// updateCommand returns update <id> <text> [due:YYYY-MM-DD].
func updateCommand() *Command {
	return &Command{
		Name:    "update",
		Summary: "Record what the customer was told about progress; the next update falls due a policy period later.",
		Args:    []Arg{idArg, {Name: "text", Required: true, Rest: true}},
		Options: []Option{{Key: "due", Hint: "2027-01-20",
			Help: "the date the customer was told to expect the answer, where the policy has them told when an answer takes longer; the answer falls due then"}},
		Run: runUpdate,
	}
}

// runUpdate records an update and, with due:, the date the customer was
// told to expect the answer.
func runUpdate(ctx context.Context, env *Env, in Input) (bot.Response, error) {
	id, text := in.Args[idArg.Name], in.Args["text"]
	s, ok := in.Options["due"]
	if !ok {
		c, err := env.Service.Update(ctx, env.Actor, id, text)
		if err != nil {
			return bot.Response{}, err
		}
		return changed(env, c, "customer updated", text)
	}
	cur, err := env.Service.Get(ctx, id)
	if err != nil {
		return bot.Response{}, err
	}
	cal, err := env.Service.Calendar(cur)
	if err != nil {
		return bot.Response{}, err
	}
	by, err := time.ParseInLocation(time.DateOnly, s, cal.Location())
	if err != nil {
		return bot.Response{}, cases.Errorf(cases.EINVALID, "due:%s is not a date; write it as YYYY-MM-DD, such as due:2027-01-20", s)
	}
	c, err := env.Service.ExpectAnswer(ctx, env.Actor, cur.ID, text, by)
	if err != nil {
		return bot.Response{}, err
	}
	return changed(env, c, "customer told when to expect the answer", text)
}
