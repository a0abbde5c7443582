package commands

// Builtin returns a registry of every /case subcommand, in the order help
// lists them.
func Builtin() *Registry {
	return newRegistry(
		helpCommand(), openCommand(), showCommand(), listCommand(), historyCommand(),
		ackCommand(), noteCommand(), updateCommand(), assignCommand(), extendCommand(),
		pauseCommand(), resumeCommand(), referCommand(), answerCommand(), signoffCommand(), resolveCommand(),
		escalateCommand(), claimCommand(), reviewCommand(), finalCommand(), decideCommand(),
		closeCommand(), reopenCommand(), summaryCommand(), exportCommand(),
	)
}
