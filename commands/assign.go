package commands

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/ombud/ombud/bot"
	"github.com/ombud/ombud/cases"
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
			return changed(env, c, "assigned to "+to.Name, "", teamsLeft(env, c, to)...)
		},
	}
}

// teamsLeft warns, under a policy whose reviewer must come from a team not
// involved before, when frontline case c, just assigned to to, leaves no
// team someone could review it from: already, or once to acts on it.
func teamsLeft(env *Env, c *cases.Case, to cases.Actor) []bot.Field {
	p, err := env.Service.PolicyOf(c)
	teams := env.Directory.TeamNames()
	if err != nil || p.ReviewerRule(cases.TierReview) != cases.IndependentTeam || c.Tier != cases.TierFrontline || !p.HasTier(cases.TierReview) || len(teams) == 0 {
		return nil
	}
	barred := c.TeamsBarred(cases.TierReview)
	left := slices.DeleteFunc(slices.Clone(teams), func(t string) bool { return slices.Contains(barred, t) })
	all := strings.Join(teams, ", ")
	var warning string
	switch {
	case len(left) == 0:
		warning = fmt.Sprintf("Every team (%s) has taken part in %s, so under policy %s no one could review it if the customer escalates; to let someone review it, add a team of people not involved to OMBUD_TEAMS.",
			all, c.ID, p.Name)
	case len(left) == 1 && left[0] == to.Team:
		warning = fmt.Sprintf("Once %s acts on %s, every team (%s) will have taken part in it, so under policy %s no one could review it if the customer escalates.",
			to.Name, c.ID, all, p.Name)
		if len(barred) > 0 {
			warning += fmt.Sprintf(" To keep team %s free to review it, hand it to someone of a team already involved: %s.", to.Team, strings.Join(barred, ", "))
		}
	default:
		return nil
	}
	return []bot.Field{{Name: "Independence", Value: warning}}
}
