package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"net/url"

	"github.com/ombud/ombud/bot/slack"
)

// slackCommands lists the slack subcommands, for both usage texts.
const slackCommands = `  ombud slack manifest --url URL          print the Slack app manifest (YAML) for ombud served at URL
  ombud slack manifest --socket-mode      the same, for Socket Mode, with no public URL
`

// slackUsage is what "ombud slack help" prints.
const slackUsage = "Usage:\n" + slackCommands

// runSlack runs "ombud slack" with args.
func runSlack(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprintf(stderr, "ombud slack: name a subcommand\n\n%s", slackUsage)
		return 2
	}
	if isHelp(args[0]) {
		fmt.Fprint(stdout, slackUsage)
		return 0
	}
	switch args[0] {
	case "manifest":
		return slackManifest(args[1:], stdout, stderr)
	default:
		fmt.Fprintf(stderr, "ombud slack: unknown subcommand %q\n\n%s", args[0], slackUsage)
		return 2
	}
}

// slackManifest prints the app manifest a workspace admin creates ombud's
// Slack app from.
func slackManifest(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("ombud slack manifest", flag.ContinueOnError)
	fs.SetOutput(stderr)
	base := fs.String("url", "", "the public HTTPS address ombud is served at, such as https://ombud.example.com")
	socket := fs.Bool("socket-mode", false, "take requests over Socket Mode (SLACK_APP_TOKEN), with no public URL")
	err := fs.Parse(args)
	switch {
	case errors.Is(err, flag.ErrHelp):
		return 0
	case err != nil:
		return 2
	case fs.NArg() > 0:
		fmt.Fprintf(stderr, "ombud slack manifest: unexpected %q; give the address as --url %s\n", fs.Arg(0), fs.Arg(0))
		return 2
	case !*socket && *base == "":
		fmt.Fprintln(stderr, "ombud slack manifest: give --url with ombud's public address, such as --url https://ombud.example.com, or --socket-mode")
		return 2
	}
	if u, err := url.Parse(*base); *base != "" && (err != nil || u.Scheme != "https" || u.Host == "" || u.RawQuery != "") {
		fmt.Fprintf(stderr, "ombud slack manifest: --url %q is not an https address; Slack sends requests to https only, such as https://ombud.example.com\n", *base)
		return 2
	}
	m, err := slack.Manifest(*base, *socket)
	if err != nil {
		return fail(stderr, err)
	}
	fmt.Fprint(stdout, m)
	return 0
}
