package commands

import (
	"context"
	"slices"
	"strings"

	"github.com/ombud/ombud/bot"
	"github.com/ombud/ombud/cases"
	"github.com/ombud/ombud/cases/calendar"
)

// referCommand returns refer <id> @person|team <reason> [within:24h].
func referCommand() *Command {
	return &Command{
		Name: "refer",
		Summary: "Pass a case to a superior or another department for help, inside its tier; it is not an escalation. " +
			"The referee counts as involved, and the customer is to hear from you within the referral's time limit.",
		Args: []Arg{idArg, {Name: "to", Required: true, Hint: "@person|team"}, {Name: "reason", Required: true, Rest: true}},
		Options: []Option{
			{Key: "within", Hint: "24h", Help: "how soon the customer is to hear from you, such as 24h or 2bd; the policy's referral limit when left out"},
		},
		Run: runRefer,
	}
}

// runRefer refers a case to a person or a team.
func runRefer(ctx context.Context, env *Env, in Input) (bot.Response, error) {
	to, err := referee(env, in.Args["to"])
	if err != nil {
		return bot.Response{}, err
	}
	within, err := calendar.ParseDuration(in.Options["within"])
	if err != nil {
		return bot.Response{}, cases.Errorf(cases.EINVALID, "within:%s: %s", in.Options["within"], cases.ErrorMessage(err))
	}
	c, err := env.Service.Refer(ctx, env.Actor, in.Args[idArg.Name], cases.ReferInput{To: to, Reason: in.Args["reason"], Reply: within})
	if err != nil {
		return bot.Response{}, err
	}
	return changed(env, c, "referred to "+to.Name, in.Args["reason"])
}

// referee returns who a referral goes to: the person a mention names, or a
// team the directory knows.
func referee(env *Env, to string) (cases.Person, error) {
	if strings.HasPrefix(to, "@") || strings.HasPrefix(to, "<@") {
		a, err := env.Directory.Mention(env.Request, to)
		return a.Person, err
	}
	teams := env.Directory.TeamNames()
	if slices.Contains(teams, to) {
		return cases.TeamPerson(to), nil
	}
	known := "no teams are configured (OMBUD_TEAMS)"
	if len(teams) > 0 {
		known = "the teams are " + strings.Join(teams, ", ")
	}
	return cases.Person{}, cases.Errorf(cases.EINVALID, "%q is neither a mention nor a team; refer to @person or a team's name: %s", to, known)
}
