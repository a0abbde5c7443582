package commands

import (
	"github.com/ombud/ombud/bot"
	"github.com/ombud/ombud/cases"
)

// reviewCommand returns review <id> outcome:… <text>.
func reviewCommand() *Command {
	return outcomeCommand("review", "Give the review answer to an escalation you claimed (senior).", "text", "reviewed",
		(*cases.Service).Review, func(*Env, *cases.Case) ([]bot.Field, error) { return nil, nil })
}
