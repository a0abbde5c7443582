package commands

import "github.com/ombud/ombud/cases"

// answerCommand returns answer <id> <text>.
func answerCommand() *Command {
	return caseCommand("answer", "Record the first answer to the customer; their window to escalate opens.",
		Arg{Name: "text", Required: true}, "answered", (*cases.Service).Answer)
}
