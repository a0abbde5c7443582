package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// MustDesk records a case through the console in a fresh data directory,
// as ann, and returns the environment that reaches it, and what the
// console printed when max asked for a summary and the register.
func MustDesk(t *testing.T) (getenv func(string) string, dir, out string) {
	t.Helper()
	dir = t.TempDir()
	getenv = env(map[string]string{"OMBUD_DATA_DIR": dir, "OMBUD_CONSOLE_USER": "ann", "OMBUD_MANAGERS": "console:max", "OMBUD_LOG_LEVEL": "warn", "USER": "ops"})
	script := `/case open Invoice charged twice from:"Kari Nordmann <kari@example.no>" account:K-17 via:email
/as max
/case summary month
/case export month
`
	var stdout, stderr bytes.Buffer
	if status := run(context.Background(), []string{"console"}, streams{in: strings.NewReader(script), out: &stdout, errOut: &stderr}, getenv); status != 0 {
		t.Fatalf("console: status %d\n%s\n%s", status, stdout.String(), stderr.String())
	}
	return getenv, dir, stdout.String()
}

// TestConsoleSavesReports: the chart and the register land under
// OMBUD_DATA_DIR/reports, and the console shows where.
func TestConsoleSavesReports(t *testing.T) {
	_, dir, out := MustDesk(t)
	paths := regexp.MustCompile(`file: [^:\n]+: (\S+\.(png|csv))\n`).FindAllStringSubmatch(out, -1)
	if len(paths) != 2 {
		t.Fatalf("want a chart and a register shown by path:\n%s", out)
	}
	for _, p := range paths {
		if filepath.Dir(p[1]) != filepath.Join(dir, "reports") {
			t.Errorf("%s is not under %s/reports", p[1], dir)
		}
		data, err := os.ReadFile(p[1])
		if err != nil || len(data) == 0 {
			t.Errorf("%s: %v", p[1], err)
		}
		if p[2] == "csv" && (strings.Contains(string(data), "kari@example.no") || !strings.Contains(string(data), "C-")) {
			t.Errorf("the register from chat:\n%s", data)
		}
	}
}

// brokenPipe is a standard output that takes nothing, as a closed pipe.
type brokenPipe struct{}

func (brokenPipe) Write([]byte) (int, error) { return 0, errors.New("broken pipe") }

// TestExportToBrokenStdout: a register that cannot be written to standard
// output ends ombud export with a failure, not status 0.
func TestExportToBrokenStdout(t *testing.T) {
	getenv, _, _ := MustDesk(t)
	var stderr bytes.Buffer
	status := run(context.Background(), []string{"export", "--format", "json"}, streams{in: strings.NewReader(""), out: brokenPipe{}, errOut: &stderr}, getenv)
	if status == 0 || !strings.Contains(stderr.String(), "broken pipe") {
		t.Errorf("export to a broken stdout: status %d, %q; want a failure naming it", status, stderr.String())
	}
}

// TestExportCommand writes the register from the command line: CSV to a
// file, contacts only with --with-contacts, JSON to stdout.
func TestExportCommand(t *testing.T) {
	getenv, dir, _ := MustDesk(t)
	file := filepath.Join(dir, "register.csv")
	exportRun := func(args ...string) (int, string, string) {
		var stdout, stderr bytes.Buffer
		status := run(context.Background(), append([]string{"export"}, args...), streams{in: strings.NewReader(""), out: &stdout, errOut: &stderr}, getenv)
		return status, stdout.String(), stderr.String()
	}
	if status, _, stderr := exportRun("-o", file); status != 0 || !strings.Contains(stderr, "wrote 1 case to "+file) {
		t.Fatalf("export -o: status %d, %s", status, stderr)
	}
	data, _ := os.ReadFile(file)
	rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil || len(rows) != 2 || strings.Contains(string(data), "kari@example.no") {
		t.Errorf("register without contacts: %v\n%s", err, data)
	}
	status, stdout, _ := exportRun("--format", "json", "--with-contacts", "--from", "2000-01-01", "--to", "2999-12-31")
	var got []map[string]string
	if err := json.Unmarshal([]byte(stdout), &got); status != 0 || err != nil || len(got) != 1 || got[0]["contact"] != "kari@example.no" || got[0]["account"] != "K-17" {
		t.Errorf("JSON with contacts: status %d, %v, %v", status, err, got)
	}
	if status, stdout, _ := exportRun("--to", "2000-01-01"); status != 0 || strings.Count(stdout, "\n") != 1 {
		t.Errorf("--to before the case: status %d, %q; want the header alone", status, stdout)
	}
	for _, bad := range []struct {
		args []string
		want string
	}{
		{[]string{"--format", "xlsx"}, `"xlsx" is not a format of the register; use csv or json`},
		{[]string{"--from", "2026-13-01"}, `"2026-13-01" is not a date; write YYYY-MM-DD`},
		{[]string{"--from", "2026-02-01", "--to", "2026-01-01"}, "--to 2026-01-01 is before --from 2026-02-01"},
		{[]string{"march"}, `ombud export takes no arguments, only options; got "march"`},
	} {
		if status, _, stderr := exportRun(bad.args...); status != 2 || !strings.Contains(stderr, bad.want) {
			t.Errorf("export %v: status %d, %q; want 2 and %q", bad.args, status, stderr, bad.want)
		}
	}
}

// TestExportWhileServing writes the register while a console serves the
// same data directory.
func TestExportWhileServing(t *testing.T) {
	getenv, _, _ := MustDesk(t)
	in, feed := io.Pipe()
	seen := make(chan struct{})
	out := &watcher{want: "C-2026-0002", seen: seen}
	done := make(chan int)
	go func() {
		done <- run(context.Background(), []string{"console"}, streams{in: in, out: out, errOut: io.Discard}, getenv)
	}()
	if _, err := io.WriteString(feed, "/case open Second complaint from:\"Ola <ola@example.no>\" via:phone\n"); err != nil {
		t.Fatal(err)
	}
	<-seen // the console opened the case, and goes on serving
	var stdout, stderr bytes.Buffer
	status := run(context.Background(), []string{"export", "--format", "json"}, streams{in: strings.NewReader(""), out: &stdout, errOut: &stderr}, getenv)
	var got []map[string]string
	if err := json.Unmarshal(stdout.Bytes(), &got); status != 0 || err != nil || len(got) != 2 {
		t.Errorf("export while serving: status %d, %v, %d cases; stderr %s", status, err, len(got), stderr.String())
	}
	feed.Close()
	if status := <-done; status != 0 {
		out.mu.Lock()
		defer out.mu.Unlock()
		t.Errorf("the console ended with %d:\n%s", status, out.buf.String())
	}
}
