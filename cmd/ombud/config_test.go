package main

import (
	"log/slog"
	"strings"
	"testing"
)

// env returns a getenv reading from m.
func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestLoadConfigDefaults(t *testing.T) {
	c, err := loadConfig(env(nil))
	if err != nil {
		t.Fatal(err)
	}
	if c.MongoURI != "" || c.Database != "ombud" || c.DataDir != "./data" || c.IDPrefix != "C" || c.LogLevel != slog.LevelInfo || c.ConsoleUser != "" {
		t.Errorf("defaults = %+v", c)
	}
	if c.Policy == nil || c.Policy.Name != "standard" || c.Directory == nil {
		t.Errorf("default policy %v, directory %v; want standard and an empty directory", c.Policy, c.Directory)
	}
}

func TestLoadConfigErrors(t *testing.T) {
	tests := []struct {
		key, value, says string
	}{
		{"OMBUD_LOG_LEVEL", "loud", `OMBUD_LOG_LEVEL="loud" is not a log level; use debug, info, warn or error`},
		{"MONGODB_URI", "localhost:27017", "MONGODB_URI must start with mongodb://"},
		{"OMBUD_DATABASE", "my.db", `OMBUD_DATABASE="my.db" is not a database name`},
		{"OMBUD_POLICY", "no-such-policy", "OMBUD_POLICY: "},
		{"OMBUD_ID_PREFIX", "c 1", `OMBUD_ID_PREFIX: case ID prefix "c 1" is not allowed`},
		{"OMBUD_SENIORS", "U123", "OMBUD_SENIORS"},
		{"OMBUD_TEAMS", "slack:U1", "OMBUD_TEAMS entry"},
		{"OMBUD_CONSOLE_USER", "ann smith", `OMBUD_CONSOLE_USER="ann smith" is not a user name`},
	}
	for _, tt := range tests {
		_, err := loadConfig(env(map[string]string{tt.key: tt.value}))
		if err == nil || !strings.Contains(err.Error(), tt.says) {
			t.Errorf("%s=%s: error %v, want it to say %q", tt.key, tt.value, err, tt.says)
		}
	}
}

func TestParseTeams(t *testing.T) {
	got, err := parseTeams(" service=slack:U1,slack:U2 ; ombudsman=slack:U9;")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got["service"] != "slack:U1,slack:U2" || got["ombudsman"] != "slack:U9" {
		t.Errorf("teams = %v", got)
	}
	for _, bad := range []string{"slack:U1", "=slack:U1", "a=slack:U1;a=slack:U2"} {
		if _, err := parseTeams(bad); err == nil {
			t.Errorf("parseTeams(%q) accepted it", bad)
		}
	}
}
