package main

import (
	"bytes"
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/ombud/ombud/cases/datadir"
	"github.com/ombud/ombud/cases/sqlitestore/sqlitetest"
	"github.com/ombud/ombud/cases/storetest"
)

// runIn runs ombud with args on the embedded store in dataDir.
func runIn(t *testing.T, dataDir string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	status := run(context.Background(), args, streams{in: strings.NewReader(""), out: &out, errOut: &errOut},
		env(map[string]string{"OMBUD_DATA_DIR": dataDir, "OMBUD_LOG_LEVEL": "warn"}))
	return status, out.String(), errOut.String()
}

// mustServeDir serves dataDir as a running ombud would, with one case in
// its store.
func mustServeDir(t *testing.T, dataDir string) *datadir.Served {
	t.Helper()
	d, err := datadir.Serve(context.Background(), dataDir, "ombud", slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	storetest.MustCreate(t, d.Store, storetest.FullCase("C-2026-0042"))
	return d
}

// TestStoreBackupWhileServing backs up the store of a running ombud: the
// copy holds its case.
func TestStoreBackupWhileServing(t *testing.T) {
	dir := t.TempDir()
	mustServeDir(t, dir)
	dest := filepath.Join(t.TempDir(), "backup.db")
	status, out, errOut := runIn(t, dir, "store", "backup", dest)
	if status != 0 || !strings.Contains(out, "Backed up the embedded store (1 cases") || !strings.Contains(out, "stop ombud and copy it over") {
		t.Fatalf("status %d\nstdout: %s\nstderr: %s", status, out, errOut)
	}
	db := filepath.Join(dir, "ombud.db")
	if !strings.Contains(out, "removing any "+db+"-wal and "+db+"-shm beside it") || !strings.Contains(out, "then start ombud") {
		t.Errorf("the restore steps leave out the WAL and shared-memory files README says to remove:\n%s", out)
	}
	storetest.DiffCase(t, storetest.MustGet(t, sqlitetest.MustOpen(t, dest), "C-2026-0042"), storetest.FullCase("C-2026-0042"))
	if status, _, errOut := runIn(t, dir, "store", "backup", dest); status != 1 || !strings.Contains(errOut, "exists") {
		t.Errorf("a backup over an existing file: status %d, %s", status, errOut)
	}
}

// TestStoreRefused checks the store subcommands' wrong uses and the
// refusals of a data directory another ombud serves.
func TestStoreRefused(t *testing.T) {
	served := t.TempDir()
	mustServeDir(t, served)
	pid := "process " + strconv.Itoa(os.Getpid())
	tests := []struct {
		name   string
		dir    string
		args   []string
		status int
		stderr string
	}{
		{"no subcommand", served, []string{"store"}, 2, "name a subcommand"},
		{"unknown subcommand", served, []string{"store", "restore"}, 2, `unknown subcommand "restore"`},
		{"backup without a file", served, []string{"store", "backup"}, 2, "name the file to write"},
		{"backup of no store", t.TempDir(), []string{"store", "backup", filepath.Join(t.TempDir(), "b.db")}, 1, "no case store"},
		{"migrate with arguments", served, []string{"store", "migrate", "now"}, 2, "takes no arguments"},
		{"migrate while served", served, []string{"store", "migrate"}, 1, pid},
		{"a second server", served, []string{"console"}, 1, pid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, _, errOut := runIn(t, tt.dir, tt.args...)
			if status != tt.status || !strings.Contains(errOut, tt.stderr) {
				t.Errorf("status %d, stderr %q; want %d and %q", status, errOut, tt.status, tt.stderr)
			}
		})
	}
	var out, errOut bytes.Buffer
	status := run(context.Background(), []string{"store", "backup", "x.db"}, streams{in: strings.NewReader(""), out: &out, errOut: &errOut},
		env(map[string]string{"MONGODB_URI": "mongodb://localhost:27017"}))
	if status != 2 || !strings.Contains(errOut.String(), "mongodump") {
		t.Errorf("backup with MONGODB_URI: status %d, %s", status, errOut.String())
	}
}

// TestStoreMigrateNothing migrates a data directory with nothing to
// migrate, saying so; datadir's tests migrate real ones.
func TestStoreMigrateNothing(t *testing.T) {
	dir := t.TempDir()
	status, out, errOut := runIn(t, dir, "store", "migrate")
	if status != 0 || !strings.Contains(out, "Nothing to migrate") {
		t.Errorf("status %d\nstdout: %s\nstderr: %s", status, out, errOut)
	}
}

// TestPolicyWhileServing runs a policy subcommand beside a running ombud.
func TestPolicyWhileServing(t *testing.T) {
	dir := t.TempDir()
	mustServeDir(t, dir)
	if status, out, errOut := runIn(t, dir, "policy", "list"); status != 0 || !strings.Contains(out, "standard") {
		t.Errorf("status %d\nstdout: %s\nstderr: %s", status, out, errOut)
	}
}
