package commands

import "github.com/ombud/ombud/cases"

// noteCommand returns note <id> <text>.
func noteCommand() *Command {
	return caseCommand("note", "Add an internal note to the case's timeline.",
		Arg{Name: "text", Required: true}, "noted", (*cases.Service).Note)
}
