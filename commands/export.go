package commands

import (
	"bytes"
	"context"
	"fmt"

	"github.com/ombud/ombud/bot"
	"github.com/ombud/ombud/cases"
	"github.com/ombud/ombud/cases/period"
	"github.com/ombud/ombud/cases/register"
)

// exportCommand returns export [period].
func exportCommand() *Command {
	return &Command{
		Name: "export",
		Summary: "The register of the cases received in a period (this week by default) as a CSV file: dates, each deadline and whether it was met, " +
			"tiers reached, outcome, root cause, remedy and lessons; never the complainants' contact details (managers).",
		Args: []Arg{{Name: "period", Hint: period.Grammar}},
		Run:  runExport,
	}
}

// runExport writes the register of the period as CSV and attaches it.
func runExport(ctx context.Context, env *Env, in Input) (bot.Response, error) {
	loc := env.Service.PolicyCalendar().Location()
	now := env.Service.Now()
	p, err := period.Parse(in.Args["period"], now.In(loc))
	if err != nil {
		return bot.Response{}, err
	}
	var buf bytes.Buffer
	w, err := register.NewWriter(&buf, register.CSV, false)
	if err != nil {
		return bot.Response{}, err
	}
	err = WriteRegister(ctx, env.Service, env.Actor, cases.Query{ReceivedFrom: p.From, ReceivedTo: p.To}, w)
	if err != nil {
		return bot.Response{}, err
	}
	return bot.Response{Reply: bot.Reply{
		Title:      "Register: " + p.Label,
		Text:       fmt.Sprintf("%s received in the period, one row each, times in %s. Contact details are left out; ombud export --with-contacts gives them.", Plural(w.Rows(), "case"), loc),
		Visibility: bot.Public,
		Files: []bot.File{{
			Name:        fileName("register", p, now.In(loc), "csv"),
			ContentType: "text/csv; charset=utf-8",
			Title:       "The register of complaints, " + p.Label,
			Data:        buf.Bytes(),
		}},
	}}, nil
}

// WriteRegister writes the cases matching q to w, read as actor, and closes
// w. Only managers may read the register.
func WriteRegister(ctx context.Context, svc *cases.Service, actor cases.Actor, q cases.Query, w *register.Writer) error {
	now := svc.Now()
	err := svc.Register(ctx, actor, q, func(c *cases.Case) error {
		p, err := svc.PolicyOf(c)
		if err != nil {
			return err
		}
		cal, err := svc.Calendar(c)
		if err != nil {
			return err
		}
		return w.Write(c, register.Env{Policy: p, Location: cal.Location(), Now: now})
	})
	if err != nil {
		return err
	}
	return w.Close()
}
