package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"github.com/ombud/ombud/cases"
	"github.com/ombud/ombud/cases/calendar"
	"github.com/ombud/ombud/cases/policyfile"
	"github.com/ombud/ombud/commands"
)

// policyCommands lists the policy subcommands, for both usage texts.
const policyCommands = `  ombud policy list                       list the policy presets
  ombud policy show NAME|PATH             describe a policy
  ombud policy check FILE                 check a policy file: every mistake with its
                                          line, or how ombud reads it
  ombud policy deadlines NAME|PATH --received TIME [--json]
                                          work out every deadline for a complaint
                                          received at TIME, such as 2026-12-18T17:00+01:00
  ombud policy holidays NAME|PATH [--year YYYY]
                                          list the days off the calendar counts
`

// policyNames says what NAME and PATH are.
const policyNames = `NAME is a preset from "ombud policy list"; PATH is a policy YAML file.
`

const policyUsage = "Usage:\n" + policyCommands + "\n" + policyNames

// receivedExample is shown wherever a --received time is asked for.
const receivedExample = "2026-12-18T17:00+01:00"

// dueLayout formats due times for people: "Wed 23 Dec 2026 16:00 CET".
const dueLayout = "Mon 2 Jan 2006 15:04 MST"

// runPolicy runs "ombud policy SUBCOMMAND ...".
func runPolicy(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprintf(stderr, "ombud policy: name a subcommand\n\n%s", policyUsage)
		return 2
	}
	if isHelp(args[0]) {
		fmt.Fprint(stdout, policyUsage)
		return 0
	}
	switch args[0] {
	case "list":
		return policyList(args[1:], stdout, stderr)
	case "show":
		return policyShow(args[1:], stdout, stderr)
	case "check":
		return policyCheck(args[1:], stdout, stderr)
	case "deadlines":
		return policyDeadlines(args[1:], stdout, stderr)
	case "holidays":
		return policyHolidays(args[1:], stdout, stderr)
	default:
		fmt.Fprintf(stderr, "ombud policy: unknown subcommand %q\n\n%s", args[0], policyUsage)
		return 2
	}
}

// newFlagSet returns a flag set for "ombud policy name" that prints its
// errors and usage to stderr.
func newFlagSet(name, synopsis string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("ombud policy "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: ombud policy %s %s\n", name, synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parseArgs parses flags wherever they appear among args, so that
// "show NAME --json" works as well as "show --json NAME", and returns the
// positional arguments. Everything after "--" is positional.
func parseArgs(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return positional, nil
		}
		if consumed := len(args) - len(rest); consumed > 0 && args[consumed-1] == "--" {
			return append(positional, rest...), nil
		}
		positional = append(positional, rest[0])
		args = rest[1:]
	}
}

// parseOne parses args that must hold exactly one positional argument, the
// policy's name or path. It returns the exit status to use when they do not.
func parseOne(fs *flag.FlagSet, args []string, stderr io.Writer) (string, int) {
	positional, err := parseArgs(fs, args)
	switch {
	case errors.Is(err, flag.ErrHelp):
		return "", 0
	case err != nil:
		return "", 2
	case len(positional) != 1:
		fmt.Fprintf(stderr, "%s: name one policy, a preset (see ombud policy list) or a policy file\n", fs.Name())
		fs.Usage()
		return "", 2
	}
	return positional[0], -1
}

// loadPolicy loads a preset or policy file with its calendar.
func loadPolicy(name string) (*cases.Policy, *calendar.Calendar, error) {
	p, err := policyfile.Load(name)
	if err != nil {
		return nil, nil, err
	}
	cal, err := calendar.New(p.Calendar)
	return p, cal, err
}

// fail prints err for the person at the terminal and returns exit status 1.
func fail(stderr io.Writer, err error) int {
	fmt.Fprintln(stderr, "ombud:", err)
	return 1
}

// policyList prints every preset with its title.
func policyList(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("list", "", stderr)
	positional, err := parseArgs(fs, args)
	switch {
	case errors.Is(err, flag.ErrHelp):
		return 0
	case err != nil:
		return 2
	case len(positional) > 0:
		fmt.Fprintf(stderr, "ombud policy list takes no arguments; to describe one policy, run ombud policy show %s\n", positional[0])
		return 2
	}
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	for _, name := range policyfile.Presets() {
		p, err := policyfile.Load(name)
		if err != nil {
			return fail(stderr, err)
		}
		fmt.Fprintf(tw, "%s\t%s\n", name, p.Title)
	}
	if err := tw.Flush(); err != nil {
		return fail(stderr, err)
	}
	return 0
}

// policyShow describes a policy for people.
func policyShow(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("show", "NAME|PATH", stderr)
	name, status := parseOne(fs, args, stderr)
	if status >= 0 {
		return status
	}
	p, err := policyfile.Load(name)
	if err != nil {
		return fail(stderr, err)
	}
	describe(stdout, p)
	return 0
}

// deadlinesJSON is the one object "policy deadlines --json" prints.
type deadlinesJSON struct {
	Policy    string            `json:"policy"`
	Received  string            `json:"received"`
	Deadlines map[string]string `json:"deadlines"` // Milestone.Key -> due time, RFC 3339
}

// policyDeadlines works out every deadline of a policy for a complaint
// received at --received.
func policyDeadlines(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("deadlines", "NAME|PATH --received TIME [--json]", stderr)
	received := fs.String("received", "", "when the complaint was received: the date, the time (seconds optional) and the UTC offset, such as "+receivedExample)
	asJSON := fs.Bool("json", false, "print one JSON object instead of a table")
	name, status := parseOne(fs, args, stderr)
	if status >= 0 {
		return status
	}
	if *received == "" {
		fmt.Fprintf(stderr, "ombud policy deadlines: say when the complaint was received, such as --received %s\n", receivedExample)
		return 2
	}
	at, ok := commands.ParseTime(*received)
	if !ok {
		fmt.Fprintf(stderr, "ombud policy deadlines: --received %q is not a time ombud can read; write the date, the time and the UTC offset, as /case open's received: takes it, such as %s or 2026-12-18T16:00Z\n",
			*received, receivedExample)
		return 2
	}
	p, cal, err := loadPolicy(name)
	if err != nil {
		return fail(stderr, err)
	}
	at = at.In(cal.Location())
	plan := cases.Plan(p, cal, at)
	if *asJSON {
		out := deadlinesJSON{Policy: p.Name, Received: at.Format(time.RFC3339), Deadlines: map[string]string{}}
		for _, m := range plan {
			out.Deadlines[m.Key] = m.Due.In(cal.Location()).Format(time.RFC3339)
		}
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(out); err != nil {
			return fail(stderr, err)
		}
		return 0
	}
	return printPlan(stdout, stderr, p, at, plan, cal.Location())
}

// printPlan writes a plan as a table: each deadline, its due time in the
// policy's zone, and what it runs from.
func printPlan(stdout, stderr io.Writer, p *cases.Policy, at time.Time, plan []cases.Milestone, loc *time.Location) int {
	fmt.Fprintf(stdout, "%s, received %s (%s)\n\n", p.Name, at.Format(dueLayout), loc)
	if len(plan) == 0 {
		fmt.Fprintf(stdout, "%s sets no time limits.\n", p.Name)
		return 0
	}
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	chained := false
	for _, m := range plan {
		fmt.Fprintf(tw, "%s\t%s\tfrom %s\n", m.Label, m.Due.In(loc).Format(dueLayout), m.After)
		chained = chained || m.After != "receipt"
	}
	if err := tw.Flush(); err != nil {
		return fail(stderr, err)
	}
	if chained {
		fmt.Fprintln(stdout, "\nA deadline that runs from an earlier step assumes that step happened when it fell due.")
	}
	return 0
}
