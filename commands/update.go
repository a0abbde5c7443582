package commands

import "github.com/ombud/ombud/cases"

// updateCommand returns update <id> <text>.
func updateCommand() *Command {
	return caseCommand("update", "Record what the customer was told about progress; the next update falls due a policy period later.",
		Arg{Name: "text", Required: true}, "customer updated", (*cases.Service).Update)
}
