package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/ombud/ombud/cases"
	"github.com/ombud/ombud/cases/calendar"
	"github.com/ombud/ombud/cases/policyfile"
)

// policyCommands lists the policy subcommands, for both usage texts.
const policyCommands = `  ombud policy list                       list the policy presets
  ombud policy show NAME|PATH             describe a policy
  ombud policy deadlines NAME|PATH --received TIME [--json]
                                          work out every deadline for a complaint
                                          received at TIME (RFC 3339)
  ombud policy holidays NAME|PATH [--year YYYY]
                                          list the days off the calendar counts
`

// policyNames says what NAME and PATH are.
const policyNames = `NAME is a preset from "ombud policy list"; PATH is a policy YAML file.
`

const policyUsage = "Usage:\n" + policyCommands + "\n" + policyNames

// receivedExample is shown wherever a --received time is asked for.
const receivedExample = "2026-12-18T17:00:00+01:00"

// dueLayout formats due times for people: "Wed 23 Dec 2026 16:00 CET".
const dueLayout = "Mon 2 Jan 2006 15:04 MST"

// runPolicy runs "ombud policy SUBCOMMAND ...".
func runPolicy(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprintf(stderr, "ombud policy: name a subcommand\n\n%s", policyUsage)
		return 2
	}
	switch args[0] {
	case "list":
		return policyList(args[1:], stdout, stderr)
	case "show":
		return policyShow(args[1:], stdout, stderr)
	case "deadlines":
		return policyDeadlines(args[1:], stdout, stderr)
	case "holidays":
		return policyHolidays(args[1:], stdout, stderr)
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, policyUsage)
		return 0
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

// describe writes everything a policy sets, in words.
func describe(w io.Writer, p *cases.Policy) {
	fmt.Fprintf(w, "%s: %s\nSource: %s\n\nTiers:\n", p.Name, p.Title, p.Source)
	for i, t := range p.Tiers {
		fmt.Fprintf(w, "  %d. %s: %s\n", i+1, t.Name, t.Title)
	}
	fmt.Fprintf(w, "\nKinds: %s\n", list(p.Kinds, "complaint, abuse, feedback"))
	fmt.Fprintf(w, "Channels: %s\n", list(p.Channels, "none named"))
	if len(p.Categories) > 0 {
		fmt.Fprintf(w, "Categories: %s\n", list(p.Categories, ""))
	}
	fmt.Fprintf(w, "Required at intake: %s\n", list(p.Intake, "nothing"))
	if p.HasTier(cases.TierReview) {
		fmt.Fprintf(w, "Required on escalation: %s\n", list(p.Escalation, "nothing"))
	}
	fmt.Fprintf(w, "Independence: %s\n", independence(p.Independence))

	fmt.Fprintln(w, "\nTime limits:")
	for _, l := range limits(p) {
		fmt.Fprintf(w, "  %s\n", l)
	}
	fmt.Fprintf(w, "  Warn when %.0f%% of the allowed time has passed.\n", p.WarnFraction()*100)

	c := p.Calendar
	fmt.Fprintf(w, "\nCalendar:\n  Zone: %s\n  Weekend: %s\n  Business hours: %s to %s\n",
		c.Zone, list(c.Weekend, "none"), c.Opens, c.Closes)
	fmt.Fprintf(w, "  Public holidays: %s\n  Closures: %s\n", list(c.Holidays, "none"), list(c.Closures, "none"))

	if len(p.External) == 0 {
		fmt.Fprintln(w, "\nExternal bodies: none named")
		return
	}
	fmt.Fprintln(w, "\nExternal bodies, once the internal procedure has ended:")
	for _, e := range p.External {
		fmt.Fprintf(w, "  %s, %s\n%s", e.Name, e.URL, wrap(e.Handles, "    ", 78))
	}
}

// limits describes each time limit that applies to the policy's tiers, and
// says so where the policy sets none.
func limits(p *cases.Policy) []string {
	d := p.Deadlines
	rows := []struct {
		tier  cases.Tier
		label string
		limit calendar.Duration
		rule  string
	}{
		{cases.TierFrontline, "Acknowledge", d.Acknowledge, "within %s of receipt"},
		{cases.TierFrontline, "First answer", d.Answer, "within %s of receipt"},
		{cases.TierFrontline, "Extended answer", d.AnswerCap, "no later than %s after receipt"},
		{cases.TierFrontline, "Progress update", d.Update, "every %s while the customer waits"},
		{cases.TierReview, "Escalation window", d.EscalationWindow, "the customer may escalate within %s of the answer"},
		{cases.TierReview, "Review answer", d.Review, "within %s of the escalation"},
		{cases.TierFinal, "Final-review window", d.FinalWindow, "the customer may ask for a final review within %s of the review answer"},
		{cases.TierFinal, "Final answer", d.Final, "within %s of the final-review request"},
	}
	var out []string
	for _, r := range rows {
		switch {
		case !p.HasTier(r.tier):
		case r.label == "Extended answer":
			out = append(out, extendedAnswer(d))
		case r.limit.IsZero():
			out = append(out, r.label+": no fixed limit")
		default:
			out = append(out, r.label+": "+fmt.Sprintf(r.rule, r.limit.Describe()))
		}
	}
	return out
}

// extendedAnswer says how far the first answer may be extended, and whether
// a pause moves that limit.
func extendedAnswer(d cases.Deadlines) string {
	switch {
	case d.Answer.IsZero():
		return "Extended answer: no fixed limit"
	case d.AnswerCap.IsZero():
		return "Extended answer: the first answer cannot be extended"
	case d.PauseMovesCap:
		return fmt.Sprintf("Extended answer: no later than %s after receipt, plus any time paused", d.AnswerCap.Describe())
	default:
		return fmt.Sprintf("Extended answer: no later than %s after receipt, however long the case is paused", d.AnswerCap.Describe())
	}
}

func independence(i cases.Independence) string {
	if i == cases.IndependentTeam {
		return "nobody from a team that handled an earlier tier may review the case"
	}
	return "nobody who handled an earlier tier may review the case"
}

// list joins items with commas, or returns none when there are no items.
func list[T any](items []T, none string) string {
	if len(items) == 0 {
		return none
	}
	s := make([]string, len(items))
	for i, it := range items {
		s[i] = fmt.Sprint(it)
	}
	return strings.Join(s, ", ")
}

// wrap breaks text into lines of at most width characters, each starting
// with indent and ending in a newline.
func wrap(text, indent string, width int) string {
	var b, line strings.Builder
	for _, word := range strings.Fields(text) {
		if line.Len() > 0 && len(indent)+line.Len()+1+len(word) > width {
			b.WriteString(indent + line.String() + "\n")
			line.Reset()
		}
		if line.Len() > 0 {
			line.WriteByte(' ')
		}
		line.WriteString(word)
	}
	if line.Len() > 0 {
		b.WriteString(indent + line.String() + "\n")
	}
	return b.String()
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
	received := fs.String("received", "", "when the complaint was received, in RFC 3339, such as "+receivedExample)
	asJSON := fs.Bool("json", false, "print one JSON object instead of a table")
	name, status := parseOne(fs, args, stderr)
	if status >= 0 {
		return status
	}
	if *received == "" {
		fmt.Fprintf(stderr, "ombud policy deadlines: say when the complaint was received, such as --received %s\n", receivedExample)
		return 2
	}
	at, err := time.Parse(time.RFC3339, *received)
	if err != nil {
		fmt.Fprintf(stderr, "ombud policy deadlines: --received %q is not an RFC 3339 time; write the date, time and UTC offset, such as %s\n",
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
