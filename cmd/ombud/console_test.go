package main

import (
	"bytes"
	"context"
	"io"
	"regexp"
	"strings"
	"testing"
	"time"
)

// runConsoleScript runs "ombud console" on the embedded store in dataDir with
// script as its input, and returns the exit status and output.
func runConsoleScript(t *testing.T, dataDir, script string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	getenv := env(map[string]string{
		"OMBUD_DATA_DIR": dataDir, "OMBUD_CONSOLE_USER": "ann", "OMBUD_LOG_LEVEL": "warn",
		"OMBUD_SENIORS": "console:sam",
	})
	status := run(context.Background(), []string{"console"}, streams{in: strings.NewReader(script), out: &out, errOut: &errOut}, getenv)
	return status, out.String(), errOut.String()
}

// TestConsoleKeepsCasesAcrossRestarts opens a case in one console session
// and finds it in the next, on the same embedded store.
func TestConsoleKeepsCasesAcrossRestarts(t *testing.T) {
	dir := t.TempDir()
	status, out, errOut := runConsoleScript(t, dir,
		`/case open complaint Domain was not renewed from:"Kari Nordmann <kari@example.no>" subject:example.no`+"\n/quit\n")
	if status != 0 {
		t.Fatalf("first session exited %d: %s", status, errOut)
	}
	id := regexp.MustCompile(`C-\d{4}-0001`).FindString(out)
	if id == "" {
		t.Fatalf("no case ID in the first session's output:\n%s", out)
	}
	status, out, errOut = runConsoleScript(t, dir, "/as sam senior\n/case show "+id+"\n")
	if status != 0 {
		t.Fatalf("second session exited %d: %s", status, errOut)
	}
	for _, want := range []string{"sam (senior)", id, "Domain was not renewed", "Kari Nordmann"} {
		if !strings.Contains(out, want) {
			t.Errorf("second session's output lacks %q:\n%s", want, out)
		}
	}
}

// TestConsoleRefusesBadConfig stops before starting anything when a key is
// wrong, and says which.
func TestConsoleRefusesBadConfig(t *testing.T) {
	var out, errOut bytes.Buffer
	status := run(context.Background(), []string{"console"}, streams{in: strings.NewReader(""), out: &out, errOut: &errOut},
		env(map[string]string{"OMBUD_POLICY": "no-such-policy", "OMBUD_DATA_DIR": t.TempDir()}))
	if status != 2 || !strings.Contains(errOut.String(), "OMBUD_POLICY") || out.Len() != 0 {
		t.Errorf("status %d, stdout %q, stderr %q; want 2 and a message naming OMBUD_POLICY before anything starts", status, out.String(), errOut.String())
	}
}

// TestCRLF checks that logs written while the console holds the terminal in
// raw mode start each line at the left margin.
func TestCRLF(t *testing.T) {
	var b bytes.Buffer
	n, err := crlf{&b}.Write([]byte("level=INFO msg=one\nlevel=INFO msg=two\n"))
	if err != nil || n != 38 || b.String() != "level=INFO msg=one\r\nlevel=INFO msg=two\r\n" {
		t.Errorf("Write = %d, %v; wrote %q", n, err, b.String())
	}
}

// TestConsoleUsesConfiguredRoles: with no /as, the console user has the
// role the configuration gives them.
func TestConsoleUsesConfiguredRoles(t *testing.T) {
	var out, errOut bytes.Buffer
	getenv := env(map[string]string{"OMBUD_DATA_DIR": t.TempDir(), "OMBUD_CONSOLE_USER": "max", "OMBUD_MANAGERS": "console:max", "OMBUD_LOG_LEVEL": "warn"})
	status := run(context.Background(), []string{"console"}, streams{in: strings.NewReader("/case summary month\n"), out: &out, errOut: &errOut}, getenv)
	if status != 0 || !strings.Contains(out.String(), "Summary: ") || strings.Contains(out.String(), "summaries are for managers") {
		t.Errorf("status %d, output:\n%s\n%s", status, out.String(), errOut.String())
	}
}

// TestConsoleShowsAlertsAsTheyHappen: on a console reading a pipe, a case
// opened a week after it was received gets its breach alerts from the
// sweep (every second here) while the console waits for more input: in
// the case's thread, which the console shows marked with the case, and
// in the alerts channel.
func TestConsoleShowsAlertsAsTheyHappen(t *testing.T) {
	in, typing := io.Pipe()
	out := &watcher{}
	getenv := env(map[string]string{"OMBUD_DATA_DIR": t.TempDir(), "OMBUD_CONSOLE_USER": "ann", "OMBUD_LOG_LEVEL": "warn",
		"OMBUD_SWEEP_SCHEDULE": "@every 1s"})
	status := make(chan int, 1)
	go func() {
		status <- run(context.Background(), []string{"console"}, streams{in: in, out: out, errOut: io.Discard}, getenv)
	}()
	received := time.Now().AddDate(0, 0, -7).UTC().Format(time.RFC3339)
	if _, err := io.WriteString(typing, "/case open Charged twice received:"+received+"\n"); err != nil {
		t.Fatal(err)
	}
	<-out.wait("[#alerts] @ann ✗ C-2026-0001: acknowledgement overdue since")
	if err := typing.Close(); err != nil {
		t.Fatal(err)
	}
	if s := <-status; s != 0 {
		t.Fatalf("console exited %d", s)
	}
	text := out.buf.String()
	opened := strings.Index(text, "opened")
	for _, want := range []string{"[C-2026-0001] @ann ✗ C-2026-0001: acknowledgement overdue since", "[#alerts] @ann ✗ C-2026-0001"} {
		if at := strings.Index(text, want); at < opened {
			t.Errorf("the console does not show %q after the reply:\n%s", want, text)
		}
	}
}

// TestConsoleWarnsOfMissingTeams: a policy that keeps reviewers apart by
// team warns at start when OMBUD_TEAMS names none, saying how to name
// them; with teams, or under a policy that does not, it says nothing.
func TestConsoleWarnsOfMissingTeams(t *testing.T) {
	for _, tt := range []struct {
		policy, teams string
		warn          bool
	}{
		{"retail-no", "", true},
		{"retail-no", "service=console:ann;ombudsman=console:sam", false},
		{"registrar-no", "", false},
	} {
		var out, errOut bytes.Buffer
		getenv := env(map[string]string{"OMBUD_DATA_DIR": t.TempDir(), "OMBUD_CONSOLE_USER": "ann", "OMBUD_LOG_LEVEL": "warn",
			"OMBUD_POLICY": tt.policy, "OMBUD_TEAMS": tt.teams})
		status := run(context.Background(), []string{"console"}, streams{in: strings.NewReader(""), out: &out, errOut: &errOut}, getenv)
		warned := strings.Contains(errOut.String(), "level=WARN") && strings.Contains(errOut.String(), "OMBUD_TEAMS=service=")
		if status != 0 || warned != tt.warn {
			t.Errorf("%s with OMBUD_TEAMS=%q: status %d, warned %v, want %v:\n%s", tt.policy, tt.teams, status, warned, tt.warn, errOut.String())
		}
	}
}

// TestConsolePromptShowsTheRole: the console says the configured role at
// start, in the prompt and when /as names no role.
func TestConsolePromptShowsTheRole(t *testing.T) {
	status, out, errOut := runConsoleScript(t, t.TempDir(), "/as Sam\n/case list\n")
	if status != 0 {
		t.Fatalf("exited %d: %s", status, errOut)
	}
	for _, want := range []string{"you are ann (agent).", "you are now Sam (senior), the role ombud's configuration gives Sam", "Sam (senior)> /case list"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}
