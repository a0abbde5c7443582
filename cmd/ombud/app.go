package main

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/ombud/ombud/cases"
	"github.com/ombud/ombud/cases/datadir"
	"github.com/ombud/ombud/cases/mongostore"
	"github.com/ombud/ombud/cases/policyfile"
	"github.com/ombud/ombud/cases/sqlitestore"
	"github.com/ombud/ombud/commands"
)

// app is a running ombud: its store, the service over it, and the command
// handler every platform sends requests to. openApp builds it from a Config
// and Close takes it down in the reverse order.
type app struct {
	store   cases.Store
	close   func(context.Context) error // closes the store
	service *cases.Service
	handler *commands.Handler
}

// openApp opens the store named by cfg (the embedded one when no server is
// named), and builds the service and the command handler.
func openApp(ctx context.Context, cfg Config, logger *slog.Logger) (*app, error) {
	store, closeStore, err := openStore(ctx, cfg, false, logger)
	if err != nil {
		return nil, err
	}
	a := &app{store: store, close: closeStore}
	a.service, err = cases.NewService(cases.Config{Store: store, Policy: cfg.Policy, Lookup: policyfile.Load, IDPrefix: cfg.IDPrefix})
	if err != nil {
		a.Close(ctx)
		return nil, err
	}
	if err := refigure(ctx, a.service, logger); err != nil {
		a.Close(ctx)
		return nil, err
	}
	a.handler = commands.New(a.service, cfg.Directory, logger)
	if w := teamsWarning(cfg.Policy, cfg.Directory); w != "" {
		logger.WarnContext(ctx, w)
	}
	logger.InfoContext(ctx, "ombud is ready", slog.String("policy", cfg.Policy.Name), slog.Bool("embedded_store", cfg.MongoURI == ""))
	return a, nil
}

// teamsWarning explains, for policy p that keeps a reviewer apart from the
// teams that handled a case while dir names no teams, what ombud does then
// and how to name them; it returns "" otherwise.
func teamsWarning(p *cases.Policy, dir *commands.Directory) string {
	if len(dir.TeamNames()) > 0 || !byTeam(p) {
		return ""
	}
	return fmt.Sprintf("policy %s keeps a reviewer apart from the teams that handled a case (independence: team), "+
		"but OMBUD_TEAMS names no teams, so ombud keeps apart only the people who took part. "+
		"Name each team and its members in OMBUD_TEAMS, teams separated by ; and members by commas, "+
		"such as OMBUD_TEAMS=service=slack:U024BE7LH,slack:U0G9QF9C6;ombudsman=slack:U061F7AUR "+
		"(console:NAME for the console, discord:ID for Discord)", p.Name)
}

// byTeam reports whether any review tier of policy p, for any kind it
// handles, keeps its reviewer apart by team.
func byTeam(p *cases.Policy) bool {
	for _, k := range cases.Kinds {
		if !p.Allows(k) {
			continue
		}
		q := p.For(k)
		for t := cases.TierReview; q.HasTier(t); t++ {
			if q.ReviewerRule(t) == cases.IndependentTeam {
				return true
			}
		}
	}
	return false
}

// openStore opens the MongoDB named by cfg or, when none is, the embedded
// store in the data directory: serving it alone or, when readOnly, to read
// it beside the ombud that may be serving it. It returns the store with the
// function that closes it.
func openStore(ctx context.Context, cfg Config, readOnly bool, logger *slog.Logger) (cases.Store, func(context.Context) error, error) {
	if cfg.MongoURI != "" {
		s, err := mongostore.Open(ctx, cfg.MongoURI, cfg.Database, logger)
		if err != nil {
			return nil, nil, fmt.Errorf("connect to the store: %w", err)
		}
		return s, s.Close, nil
	}
	if readOnly {
		s, err := sqlitestore.OpenReadOnly(ctx, datadir.DBPath(cfg.DataDir))
		if err != nil {
			return nil, nil, fmt.Errorf("OMBUD_DATA_DIR: %w", err)
		}
		return s, func(context.Context) error { return s.Close() }, nil
	}
	d, err := datadir.Serve(ctx, cfg.DataDir, cfg.Database, logger)
	if err != nil {
		return nil, nil, fmt.Errorf("OMBUD_DATA_DIR: %w", err)
	}
	return d.Store, func(context.Context) error { return d.Close() }, nil
}

// Close closes the store.
func (a *app) Close(ctx context.Context) error { return a.close(ctx) }

// refigure works out the summary figures of the cases an earlier ombud
// stored without them, saying so in the log.
func refigure(ctx context.Context, svc *cases.Service, logger *slog.Logger) error {
	done, unknown, err := svc.RefigureAll(ctx)
	if err != nil {
		return fmt.Errorf("work out the summary figures of earlier cases: %w", err)
	}
	if done > 0 {
		logger.InfoContext(ctx, "worked out the summary figures of cases stored before ombud kept them", slog.Int("cases", done))
	}
	if unknown > 0 {
		logger.WarnContext(ctx, "cases whose policy is not to be found are left out of summaries until it is", slog.Int("cases", unknown))
	}
	return nil
}
