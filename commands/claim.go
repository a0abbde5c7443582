package commands

import "github.com/ombud/ombud/cases"

// claimCommand returns claim <id>.
func claimCommand() *Command {
	return caseCommand("claim", "Take the review of an escalated case (senior, not involved in it before).",
		Arg{}, "claimed", idOnly((*cases.Service).Claim))
}
