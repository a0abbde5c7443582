// Command ombud runs formal complaint procedures for support desks: agents
// open and move cases with /case commands, and ombud keeps every deadline of
// the team's published procedure on a business-day calendar.
package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"

	"github.com/joho/godotenv"
)

// version is set at build time with -ldflags "-X main.version=v1.2.3"; when
// it is not, the module version from the build info is used.
var version string

const usage = `ombud runs formal complaint procedures for support desks: acknowledgements,
answers, escalations and their deadlines, on a business-day calendar.

Usage:
  ombud                                   serve every configured chat platform, or
                                          the local console when none is and run in a terminal
  ombud console                           the local console, also with piped input
` + policyCommands + storeCommands + exportCommand + slaCommands + slackCommands + discordUsage + `  ombud version                           print the version
  ombud help                              print this text

` + policyNames + `Configuration comes from the environment and from a .env file in the working
directory; .env.example lists every key. With no MONGODB_URI, cases are kept
in an embedded store, OMBUD_DATA_DIR/ombud.db (./data/ombud.db): one ombud at
a time serves it, and the policy, store backup, export and sla subcommands
work beside it. Slack is served when SLACK_BOT_TOKEN is set; the README's
"Run on Slack" walks through it. Serving, ombud warns of deadlines, alerts
on breaches and asks seniors to claim escalations by itself: see the
README's "Deadlines and alerts" (OMBUD_SWEEP_SCHEDULE, OMBUD_DIGEST_SCHEDULE).
`

func main() {
	if err := godotenv.Load(); err != nil && !errors.Is(err, fs.ErrNotExist) {
		fmt.Fprintln(os.Stderr, "ombud:", dotenvError(".env", err))
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	go func() {
		<-ctx.Done()
		stop() // shutting down now: a second signal ends the process at once
	}()
	os.Exit(run(ctx, os.Args[1:], streams{in: os.Stdin, out: os.Stdout, errOut: os.Stderr}, os.Getenv))
}

// run runs the command line args and returns the exit status: 0 on success,
// 1 when the command failed, 2 when it was used wrongly. ctx is cancelled on
// SIGINT or SIGTERM; getenv reads the configuration.
func run(ctx context.Context, args []string, s streams, getenv func(string) string) int {
	if len(args) == 0 {
		return runServe(ctx, s, getenv)
	}
	if isHelp(args[0]) {
		fmt.Fprint(s.out, usage)
		return 0
	}
	switch args[0] {
	case "version":
		fmt.Fprintln(s.out, "ombud", buildVersion())
		return 0
	case "console":
		return runConsole(ctx, s, getenv)
	case "policy":
		return runPolicy(args[1:], s.out, s.errOut)
	case "store":
		return runStore(ctx, args[1:], s, getenv)
	case "export":
		return runExport(ctx, args[1:], s, getenv)
	case "slack":
		return runSlack(args[1:], s.out, s.errOut)
	case "discord":
		return runDiscord(ctx, args[1:], s, getenv)
	case "sla":
		return runSLA(ctx, args[1:], s, getenv)
	default:
		fmt.Fprintf(s.errOut, "ombud: unknown command %q\n\n%s", args[0], usage)
		return 2
	}
}

// buildVersion returns the version ombud was built as.
func buildVersion() string {
	if version != "" {
		return version
	}
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" {
		return info.Main.Version
	}
	return "(devel)"
}

// isHelp reports whether arg, a command line's first word or a
// subcommand's, asks for the usage text: help, -h, -help or --help.
func isHelp(arg string) bool {
	switch arg {
	case "help", "-h", "-help", "--help":
		return true
	}
	return false
}
