package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// runArgs runs ombud with args and returns its exit status and output.
func runArgs(t *testing.T, args ...string) (status int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	status = run(context.Background(), args, streams{in: strings.NewReader(""), out: &out, errOut: &errOut}, func(string) string { return "" })
	return status, out.String(), errOut.String()
}

// mustContain fails the test for each of want that text lacks.
func mustContain(t *testing.T, what, text string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("%s does not contain %q:\n%s", what, w, text)
		}
	}
}

func TestTopLevel(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		status int
		stdout []string
		stderr []string
		silent string // "stdout" or "stderr": the stream that must stay empty
	}{
		{"no command and no terminal explains", nil, 2, nil, []string{"no chat platform is configured", "ombud console"}, "stdout"},
		{"help", []string{"help"}, 0, []string{"Usage:", "ombud policy list"}, nil, "stderr"},
		{"-h", []string{"-h"}, 0, []string{"Usage:"}, nil, "stderr"},
		{"version", []string{"version"}, 0, []string{"ombud "}, nil, "stderr"},
		{"unknown command", []string{"serve"}, 2, nil, []string{`unknown command "serve"`, "Usage:"}, "stdout"},
		{"policy without subcommand", []string{"policy"}, 2, nil, []string{"name a subcommand", "policy show"}, "stdout"},
		{"unknown policy subcommand", []string{"policy", "lst"}, 2, nil, []string{`unknown subcommand "lst"`}, "stdout"},
		{"policy help", []string{"policy", "help"}, 0, []string{"policy deadlines NAME|PATH"}, nil, "stderr"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, stdout, stderr := runArgs(t, tt.args...)
			if status != tt.status {
				t.Errorf("status %d, want %d", status, tt.status)
			}
			mustContain(t, "stdout", stdout, tt.stdout...)
			mustContain(t, "stderr", stderr, tt.stderr...)
			if tt.silent == "stdout" && stdout != "" || tt.silent == "stderr" && stderr != "" {
				t.Errorf("%s is not empty:\nstdout: %s\nstderr: %s", tt.silent, stdout, stderr)
			}
		})
	}
}
