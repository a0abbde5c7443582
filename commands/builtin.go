package commands

// Builtin returns a registry of every /case subcommand, in the order help
// lists them.
func Builtin() *Registry {
	return newRegistry(
		helpCommand(), openCommand(), showCommand(), listCommand(), historyCommand(),
		dated(ackCommand()), noteCommand(), dated(updateCommand()), assignCommand(), extendCommand(),
		pauseCommand(), resumeCommand(), referCommand(), dated(answerCommand()), signoffCommand(), dated(resolveCommand()),
		dated(escalateCommand()), claimCommand(), reviewCommand(), dated(finalCommand()), decideCommand(),
		closeCommand(), reopenCommand(), summaryCommand(), exportCommand(),
	)
}
