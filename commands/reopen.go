package commands

import "github.com/ombud/ombud/cases"

// reopenCommand returns reopen <id> <reason>.
func reopenCommand() *Command {
	return caseCommand("reopen", "Bring a closed case back to the frontline with a new answer deadline (senior).",
		Arg{Name: "reason", Required: true}, "reopened", (*cases.Service).Reopen)
}
