package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"github.com/ombud/ombud/cases"
	"github.com/ombud/ombud/commands"
)

// slaCommands lists the sla subcommands, for both usage texts.
const slaCommands = `  ombud sla forecast --at TIME [--json]   list every deadline of the team's that falls due
                                          by TIME (RFC 3339, seconds optional) if nobody acts, soonest first;
                                          also while ombud runs
`

const slaUsage = "Usage:\n" + slaCommands

// atExample is shown wherever an --at time is asked for.
const atExample = "2026-11-27T16:00:00+01:00"

// forecastJSON is the one object "sla forecast --json" prints.
type forecastJSON struct {
	At  string        `json:"at"` // RFC 3339
	Due []forecastDue `json:"due"`
}

// forecastDue is one deadline in forecastJSON.
type forecastDue struct {
	Case     string `json:"case"`
	Deadline string `json:"deadline"` // the key "ombud policy deadlines" gives it
	Due      string `json:"due"`      // RFC 3339, in the policy's zone
	// Assignee is the name of the case's assignee, the agent who has it,
	// also for a review deadline, which the reviewer must meet; "" when
	// nobody has it.
	Assignee string `json:"assignee"`
}

// runSLA runs "ombud sla SUBCOMMAND ...".
func runSLA(ctx context.Context, args []string, s streams, getenv func(string) string) int {
	switch {
	case len(args) == 0:
		fmt.Fprintf(s.errOut, "ombud sla: name a subcommand\n\n%s", slaUsage)
		return 2
	case isHelp(args[0]):
		fmt.Fprint(s.out, slaUsage)
		return 0
	case args[0] != "forecast":
		fmt.Fprintf(s.errOut, "ombud sla: unknown subcommand %q\n\n%s", args[0], slaUsage)
		return 2
	}
	fs := flag.NewFlagSet("ombud sla forecast", flag.ContinueOnError)
	fs.SetOutput(s.errOut)
	atFlag := fs.String("at", "", "the moment to forecast to, in RFC 3339 with or without seconds, such as "+atExample)
	asJSON := fs.Bool("json", false, "print one JSON object instead of a table")
	positional, err := parseArgs(fs, args[1:])
	switch {
	case errors.Is(err, flag.ErrHelp):
		return 0
	case err != nil:
		return 2
	case len(positional) > 0:
		fmt.Fprintf(s.errOut, "ombud sla forecast takes no arguments but its flags, not %q\n", positional[0])
		return 2
	}
	at, ok := commands.ParseTime(*atFlag) // as received: and at: take it, seconds optional
	if !ok {
		fmt.Fprintf(s.errOut, "ombud sla forecast: --at %q is not an RFC 3339 time; write the date, the time (seconds optional) "+
			"and the UTC offset, such as --at %s or --at 2026-11-27T15:00Z\n", *atFlag, atExample)
		return 2
	}
	return forecast(ctx, at, *asJSON, s, getenv)
}

// forecast prints the deadlines due by at from the configured store, which
// it reads beside the ombud that may be serving it.
func forecast(ctx context.Context, at time.Time, asJSON bool, s streams, getenv func(string) string) int {
	svc, closeStore, status := readService(ctx, s, getenv, "ombud sla forecast")
	if status >= 0 {
		return status
	}
	defer closeStore(context.WithoutCancel(ctx))
	due, err := svc.Forecast(ctx, at)
	if err != nil {
		fmt.Fprintln(s.errOut, "ombud sla forecast:", err)
		return 1
	}
	loc := svc.PolicyCalendar().Location()
	if asJSON {
		err = printForecastJSON(s.out, at.In(loc), due, loc)
	} else {
		err = printForecast(s.out, at.In(loc), due, loc)
	}
	if err != nil {
		return fail(s.errOut, err)
	}
	return 0
}

// printForecastJSON writes due as forecastJSON.
func printForecastJSON(w io.Writer, at time.Time, due []cases.Due, loc *time.Location) error {
	out := forecastJSON{At: at.Format(time.RFC3339), Due: []forecastDue{}}
	for _, d := range due {
		out.Due = append(out.Due, forecastDue{Case: d.Case, Deadline: d.Key, Due: d.Due.In(loc).Format(time.RFC3339), Assignee: d.Assignee.Name})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// printForecast writes due as a table: when, the case, the deadline and
// the case's assignee, as printForecastJSON gives them.
func printForecast(w io.Writer, at time.Time, due []cases.Due, loc *time.Location) error {
	if len(due) == 0 {
		_, err := fmt.Fprintf(w, "Nothing falls due by %s.\n", at.Format(dueLayout))
		return err
	}
	fmt.Fprintf(w, "Due by %s if nobody acts (%d):\n\n", at.Format(dueLayout), len(due))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, d := range due {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", d.Due.In(loc).Format(dueLayout), d.Case, d.Key, orNobody(d.Assignee.Name))
	}
	return tw.Flush()
}

// orNobody returns name, or "nobody" for none.
func orNobody(name string) string {
	if name == "" {
		return "nobody"
	}
	return name
}
