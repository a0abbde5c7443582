package commands

import "github.com/ombud/ombud/cases"

// resumeCommand returns resume <id>.
func resumeCommand() *Command {
	return caseCommand("resume", "Restart a paused case's clocks; its deadlines move later by the pause.",
		Arg{}, "resumed", idOnly((*cases.Service).Resume))
}
