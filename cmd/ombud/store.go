package main

import (
	"context"
	"fmt"
	"log/slog"
	"path/filepath"

	"github.com/ombud/ombud/cases"
	"github.com/ombud/ombud/cases/datadir"
	"github.com/ombud/ombud/cases/sqlitestore"
)

// storeCommands lists the store subcommands, for both usage texts.
const storeCommands = `  ombud store backup FILE                 copy the embedded store to the new file FILE,
                                          also while ombud runs
  ombud store migrate                     move an earlier ombud's embedded FerretDB data
                                          to the embedded store (ombud does it at start)
`

const storeUsage = "Usage:\n" + storeCommands

// runStore runs "ombud store SUBCOMMAND ...".
func runStore(ctx context.Context, args []string, s streams, getenv func(string) string) int {
	if len(args) == 0 {
		fmt.Fprintf(s.errOut, "ombud store: name a subcommand\n\n%s", storeUsage)
		return 2
	}
	if isHelp(args[0]) {
		fmt.Fprint(s.out, storeUsage)
		return 0
	}
	switch args[0] {
	case "backup", "migrate":
	default:
		fmt.Fprintf(s.errOut, "ombud store: unknown subcommand %q\n\n%s", args[0], storeUsage)
		return 2
	}
	cfg, err := loadConfig(getenv)
	if err != nil {
		fmt.Fprintln(s.errOut, "ombud:", err)
		return 2
	}
	if cfg.MongoURI != "" {
		fmt.Fprintf(s.errOut, "ombud store %s works on the embedded store, and MONGODB_URI names a MongoDB: "+
			"back that up with mongodump, and restore it with mongorestore\n", args[0])
		return 2
	}
	if args[0] == "backup" {
		return storeBackup(ctx, args[1:], cfg, s)
	}
	return storeMigrate(ctx, args[1:], cfg, s)
}

// storeBackup copies the embedded store to a new file, without taking the
// data directory from the ombud that may be serving it.
func storeBackup(ctx context.Context, args []string, cfg Config, s streams) int {
	if len(args) != 1 || args[0] == "" {
		fmt.Fprintf(s.errOut, "ombud store backup: name the file to write, such as ombud store backup ombud-backup.db\n")
		return 2
	}
	st, err := sqlitestore.OpenReadOnly(ctx, datadir.DBPath(cfg.DataDir))
	if err != nil {
		fmt.Fprintln(s.errOut, "ombud store backup:", err)
		return 1
	}
	defer st.Close()
	n, err := st.Count(ctx, cases.Query{})
	if err == nil {
		err = st.Backup(ctx, args[0])
	}
	if err != nil {
		fmt.Fprintln(s.errOut, "ombud store backup:", err)
		return 1
	}
	db := filepath.Clean(st.Path())
	fmt.Fprintf(s.out, "Backed up the embedded store (%d cases, or more if some were opened meanwhile) to %s.\n"+
		"To restore it, stop ombud and copy it over %s, removing any %s and %s beside it\n"+
		"(they belong to the file it replaces, and would corrupt it), then start ombud.\n",
		n, args[0], db, db+"-wal", db+"-shm")
	return 0
}

// storeMigrate migrates the FerretDB database of an earlier ombud in the
// data directory, as a start of ombud would.
func storeMigrate(ctx context.Context, args []string, cfg Config, s streams) int {
	if len(args) != 0 {
		fmt.Fprintf(s.errOut, "ombud store migrate takes no arguments; it migrates the data in OMBUD_DATA_DIR (%s)\n", cfg.DataDir)
		return 2
	}
	logger := slog.New(slog.NewTextHandler(s.errOut, &slog.HandlerOptions{Level: cfg.LogLevel}))
	r, migrated, err := datadir.Migrate(ctx, cfg.DataDir, cfg.Database, logger)
	switch {
	case err != nil:
		fmt.Fprintln(s.errOut, "ombud store migrate:", err)
		return 1
	case migrated:
		fmt.Fprintf(s.out, "Migrated %d cases and %d counters from %s, and read each back equal.\n"+
			"The FerretDB database is kept as %s; remove it once you no longer need it.\n",
			r.Cases, r.Counters, r.Source, r.Source+".migrated")
	case r.Source != "":
		fmt.Fprintf(s.out, "Nothing to migrate: the embedded store was migrated from %s on %s (%d cases).\n",
			r.Source, r.At.Format("2 Jan 2006"), r.Cases)
	default:
		fmt.Fprintf(s.out, "Nothing to migrate: %s holds no FerretDB database of an earlier ombud.\n", cfg.DataDir)
	}
	return 0
}
