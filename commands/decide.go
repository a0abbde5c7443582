package commands

import (
	"fmt"

	"github.com/ombud/ombud/bot"
	"github.com/ombud/ombud/cases"
)

// decideCommand returns decide <id> outcome:… <position>.
func decideCommand() *Command {
	return outcomeCommand("decide",
		"Record the company's final position (senior, the reviewer); the internal process ends and the reply lists where the customer can go next.",
		"position", "decided", (*cases.Service).Decide, externalFields)
}

// externalFields lists the external bodies of c's policy: each one's name,
// address and what it handles.
func externalFields(env *Env, c *cases.Case) ([]bot.Field, error) {
	p, err := env.Service.PolicyOf(c)
	if err != nil {
		return nil, err
	}
	if len(p.External) == 0 {
		return []bot.Field{{Name: "External bodies", Value: fmt.Sprintf("policy %s names none", p.Name)}}, nil
	}
	out := make([]bot.Field, len(p.External))
	for i, b := range p.External {
		value := b.Handles
		if b.URL != "" {
			value = b.URL + "\n" + value
		}
		out[i] = bot.Field{Name: "External body: " + b.Name, Value: value}
	}
	return out, nil
}
