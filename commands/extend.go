package commands

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/ombud/ombud/bot"
	"github.com/ombud/ombud/cases"
)

// extendCommand returns extend <id> <n> <reason>.
func extendCommand() *Command {
	return &Command{
		Name:    "extend",
		Summary: "Move the first-answer deadline later by n business days, up to the policy's limit (a policy without one allows none); the reply gives the date to tell the customer.",
		Args:    []Arg{idArg, {Name: "n", Required: true}, {Name: "reason", Required: true, Rest: true}},
		Run: func(ctx context.Context, env *Env, in Input) (bot.Response, error) {
			days, err := strconv.Atoi(strings.TrimSuffix(in.Args["n"], "bd"))
			if err != nil {
				return bot.Response{}, cases.Errorf(cases.EINVALID, "%q is not a number of business days; write a whole number, such as 5", in.Args["n"])
			}
			c, err := env.Service.Extend(ctx, env.Actor, in.Args[idArg.Name], days, in.Args["reason"])
			if err != nil {
				return bot.Response{}, err
			}
			cal, err := env.Service.Calendar(c)
			if err != nil {
				return bot.Response{}, err
			}
			var tell []bot.Field
			if d, ok := c.Deadline(cases.DeadlineAnswer); ok {
				tell = append(tell, bot.Field{Name: "Tell the customer",
					Value: fmt.Sprintf("they will have our answer by %s", cases.When(d.Due, cal.Location()))})
			}
			return changed(env, c, "extended by "+Plural(days, "business day"), in.Args["reason"], tell...)
		},
	}
}
