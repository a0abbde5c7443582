package commands

import "github.com/ombud/ombud/cases"

// pauseCommand returns pause <id> <reason>.
func pauseCommand() *Command {
	return caseCommand("pause", "Stop the case's clocks while you wait for the customer; resume restarts them.",
		Arg{Name: "reason", Required: true}, "paused", (*cases.Service).Pause)
}
