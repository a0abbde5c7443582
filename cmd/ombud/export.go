package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/ombud/ombud/cases"
	"github.com/ombud/ombud/cases/period"
	"github.com/ombud/ombud/cases/policyfile"
	"github.com/ombud/ombud/cases/register"
	"github.com/ombud/ombud/commands"
)

// exportCommand is the export subcommand's line in the usage text.
const exportCommand = `  ombud export [--format csv|json] [--from DATE] [--to DATE] [--with-contacts] [-o FILE]
                                          write the register of complaints received
                                          from DATE to DATE (YYYY-MM-DD, both included;
                                          every case when left out) to FILE or stdout
`

// exportOptions are the options of ombud export.
type exportOptions struct {
	format       register.Format
	from, to     string
	withContacts bool
	out          string
}

// parseExport parses the arguments of ombud export.
func parseExport(args []string, stderr io.Writer) (exportOptions, error) {
	var o exportOptions
	var format string
	fs := flag.NewFlagSet("ombud export", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, "Usage:\n"+exportCommand); fs.PrintDefaults() }
	fs.StringVar(&format, "format", "csv", "csv or json")
	fs.StringVar(&o.from, "from", "", "the first day of receipt, YYYY-MM-DD, in the policy's time zone")
	fs.StringVar(&o.to, "to", "", "the last day of receipt, YYYY-MM-DD, in the policy's time zone")
	fs.BoolVar(&o.withContacts, "with-contacts", false, "include the complainants' names, contacts and accounts")
	fs.StringVar(&o.out, "o", "", "the file to write; standard output when left out")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if fs.NArg() > 0 {
		return o, fmt.Errorf("ombud export takes no arguments, only options; got %q", fs.Arg(0))
	}
	var err error
	o.format, err = register.ParseFormat(format)
	return o, err
}

// operator is who runs ombud's command-line subcommands: whoever can read
// its configuration and data directory, so a manager.
func operator(getenv func(string) string) cases.Actor {
	name := "operator"
	if u := getenv("USER"); consoleName.MatchString(u) {
		name = u
	}
	return cases.Actor{Person: cases.Person{Key: "cli:" + name, Name: name}, Role: cases.RoleManager}
}

// runExport runs "ombud export ...": it writes the register from the
// configured store, read while a running ombud may be serving it.
func runExport(ctx context.Context, args []string, s streams, getenv func(string) string) int {
	o, err := parseExport(args, s.errOut)
	if err == flag.ErrHelp {
		return 0
	}
	if err != nil {
		fmt.Fprintln(s.errOut, "ombud export:", err)
		return 2
	}
	svc, closeStore, status := readService(ctx, s, getenv, "ombud export")
	if status >= 0 {
		return status
	}
	defer closeStore(context.WithoutCancel(ctx))
	q, err := exportQuery(o, svc.PolicyCalendar().Location())
	if err != nil {
		fmt.Fprintln(s.errOut, "ombud export:", err)
		return 2
	}
	n, err := writeExport(ctx, svc, operator(getenv), q, o, s.out)
	if err != nil {
		fmt.Fprintln(s.errOut, "ombud export:", err)
		return 1
	}
	if o.out != "" {
		noun := "cases"
		if n == 1 {
			noun = "case"
		}
		fmt.Fprintf(s.errOut, "ombud export: wrote %d %s to %s\n", n, noun, o.out)
	}
	return 0
}

// readService reads the configuration through getenv and returns the
// service over the store it names, opened to read it beside the ombud that
// may be serving it (see openStore), and the function that closes the
// store; status -1. When it cannot, it says why, naming what (a
// subcommand), and returns the exit status to use.
func readService(ctx context.Context, s streams, getenv func(string) string, what string) (svc *cases.Service, closeStore func(context.Context) error, status int) {
	cfg, err := loadConfig(getenv)
	if err != nil {
		fmt.Fprintln(s.errOut, "ombud:", err)
		return nil, nil, 2
	}
	logger := slog.New(slog.NewTextHandler(s.errOut, &slog.HandlerOptions{Level: max(cfg.LogLevel, slog.LevelWarn)}))
	store, closeStore, err := openStore(ctx, cfg, true, logger)
	if err == nil {
		svc, err = cases.NewService(cases.Config{Store: store, Policy: cfg.Policy, Lookup: policyfile.Load, IDPrefix: cfg.IDPrefix})
		if err != nil {
			_ = closeStore(ctx)
		}
	}
	if err != nil {
		fmt.Fprintln(s.errOut, what+":", err)
		return nil, nil, 1
	}
	return svc, closeStore, -1
}

// exportQuery selects the cases received from o.from to o.to, both
// included, in loc; an end left out is open.
func exportQuery(o exportOptions, loc *time.Location) (cases.Query, error) {
	var q cases.Query
	var err error
	if o.from != "" {
		if q.ReceivedFrom, err = period.Date(o.from, loc); err != nil {
			return q, err
		}
	}
	if o.to != "" {
		last, err := period.Date(o.to, loc)
		if err != nil {
			return q, err
		}
		q.ReceivedTo = last.AddDate(0, 0, 1)
	}
	if !q.ReceivedFrom.IsZero() && !q.ReceivedTo.IsZero() && !q.ReceivedFrom.Before(q.ReceivedTo) {
		return q, cases.Errorf(cases.EINVALID, "--to %s is before --from %s; give the earlier date to --from", o.to, o.from)
	}
	return q, nil
}

// writeExport writes the register to o.out, or to stdout when it is empty,
// and returns how many cases it holds. A file is written in full or not at
// all: to a temporary file beside it, renamed at the end.
func writeExport(ctx context.Context, svc *cases.Service, actor cases.Actor, q cases.Query, o exportOptions, stdout io.Writer) (int, error) {
	out, done := stdout, func(failed error) error { return failed }
	if o.out != "" {
		f, err := os.CreateTemp(filepath.Dir(o.out), "."+filepath.Base(o.out)+".*")
		if err != nil {
			return 0, err
		}
		out, done = f, func(failed error) error {
			if err := f.Close(); failed == nil && err != nil {
				failed = err
			}
			if failed != nil {
				os.Remove(f.Name())
				return failed
			}
			return os.Rename(f.Name(), o.out)
		}
	}
	w, err := register.NewWriter(out, o.format, o.withContacts)
	if err == nil {
		err = commands.WriteRegister(ctx, svc, actor, q, w)
	}
	if err := done(err); err != nil {
		return 0, err
	}
	return w.Rows(), nil
}
