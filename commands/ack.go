package commands

import "github.com/ombud/ombud/cases"

// ackCommand returns ack <id> [note].
func ackCommand() *Command {
	cmd := caseCommand("ack", "Record that the customer was told their complaint arrived.",
		Arg{Name: "note"}, "acknowledged", (*cases.Service).Acknowledge)
	cmd.Aliases = []string{"acknowledge"}
	return cmd
}
