package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	"github.com/ombud/ombud/cases"
	"github.com/ombud/ombud/cases/mongostore"
	"github.com/ombud/ombud/cases/policyfile"
	"github.com/ombud/ombud/commands"
)

// app is a running ombud: its store, the service over it, and the command
// handler every platform sends requests to. openApp builds it from a Config
// and Close takes it down in the reverse order.
type app struct {
	embedded *mongostore.Embedded // nil when MONGODB_URI names a server
	store    *mongostore.Store
	service  *cases.Service
	handler  *commands.Handler
}

// openApp opens the store named by cfg (starting the embedded one when no
// server is named), and builds the service and the command handler.
func openApp(ctx context.Context, cfg Config, logger *slog.Logger) (*app, error) {
	a := &app{}
	var err error
	uri := cfg.MongoURI
	if uri == "" {
		if a.embedded, err = mongostore.StartEmbedded(ctx, cfg.DataDir, logger); err != nil {
			return nil, fmt.Errorf("OMBUD_DATA_DIR: %w", err)
		}
		uri = a.embedded.URI()
	}
	if a.store, err = mongostore.Open(ctx, uri, cfg.Database, logger); err != nil {
		a.Close(ctx)
		return nil, fmt.Errorf("connect to the store: %w", err)
	}
	a.service, err = cases.NewService(cases.Config{Store: a.store, Policy: cfg.Policy, Lookup: policyfile.Load, IDPrefix: cfg.IDPrefix})
	if err != nil {
		a.Close(ctx)
		return nil, err
	}
	a.handler = commands.New(a.service, cfg.Directory, logger)
	logger.InfoContext(ctx, "ombud is ready", slog.String("policy", cfg.Policy.Name), slog.Bool("embedded_store", a.embedded != nil))
	return a, nil
}

// Close disconnects from the store, then stops the embedded server if there
// is one: in that order, or FerretDB waits for the client for seconds.
func (a *app) Close(ctx context.Context) error {
	var errs []error
	if a.store != nil {
		errs = append(errs, a.store.Close(ctx))
	}
	if a.embedded != nil {
		a.embedded.Close()
	}
	return errors.Join(errs...)
}
