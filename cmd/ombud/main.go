// Command ombud runs formal complaint procedures for support desks. This
// release has the policy commands, which show the procedures ombud ships and
// work out their deadlines; the chat console and bots come in a later
// release.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"runtime/debug"
)

// version is set at build time with -ldflags "-X main.version=v1.2.3"; when
// it is not, the module version from the build info is used.
var version string

const usage = `ombud runs formal complaint procedures for support desks: acknowledgements,
answers, escalations and their deadlines, on a business-day calendar.

Usage:
  ombud policy list                       list the policy presets
  ombud policy show NAME|PATH             describe a policy
  ombud policy deadlines NAME|PATH --received TIME [--json]
                                          work out every deadline for a complaint
                                          received at TIME (RFC 3339)
  ombud version                           print the version
  ombud help                              print this text

NAME is a preset from "ombud policy list"; PATH is a policy YAML file.

This release has no server yet: the chat console and the Slack and Discord
bots come in a later release.
`

func main() {
	os.Exit(run(context.Background(), os.Args[1:], os.Stdout, os.Stderr))
}

// run runs the command line args and returns the exit status: 0 on success,
// 1 when the command failed, 2 when it was used wrongly. ctx is for commands
// that run until cancelled; none of this release's commands does.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stdout, usage)
		return 0
	}
	switch args[0] {
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	case "version":
		fmt.Fprintln(stdout, "ombud", buildVersion())
		return 0
	case "policy":
		return runPolicy(args[1:], stdout, stderr)
	default:
		fmt.Fprintf(stderr, "ombud: unknown command %q\n\n%s", args[0], usage)
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
