package main

import (
	"context"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/ombud/ombud/bot/bottest"
)

// slackEnv is a complete Slack configuration over HTTP.
var slackEnv = map[string]string{
	"SLACK_BOT_TOKEN":          "xoxb-1-2-abc",
	"SLACK_SIGNING_SECRET":     "0123456789abcdef0123456789abcdef",
	"SLACK_ESCALATION_CHANNEL": "C0ESCALATE",
}

// with returns base with the keys of more added or replaced.
func with(base map[string]string, more ...string) map[string]string {
	out := map[string]string{}
	for k, v := range base {
		out[k] = v
	}
	for i := 0; i+1 < len(more); i += 2 {
		out[more[i]] = more[i+1]
	}
	return out
}

func TestLoadSlackConfig(t *testing.T) {
	c, err := loadConfig(env(with(slackEnv, "SLACK_ALERT_CHANNEL", "G0ALERTS", "SLACK_API_URL", "https://proxy.example.com/api")))
	if err != nil {
		t.Fatal(err)
	}
	if s := c.Slack; s == nil || s.BotToken != "xoxb-1-2-abc" || s.APIURL != "https://proxy.example.com/api/" ||
		s.Channels["escalations"] != "C0ESCALATE" || s.Channels["alerts"] != "G0ALERTS" || len(s.Channels) != 2 || c.HTTPAddr != ":8080" {
		t.Errorf("config %+v, Slack %+v", c, c.Slack)
	}
	if c, err := loadConfig(env(nil)); err != nil || c.Slack != nil {
		t.Errorf("with no SLACK_ keys: Slack %+v, %v; want none", c.Slack, err)
	}
	socket := with(slackEnv, "SLACK_SIGNING_SECRET", "", "SLACK_APP_TOKEN", "xapp-1-A1-2-abc")
	if c, err := loadConfig(env(socket)); err != nil || c.Slack.AppToken == "" {
		t.Errorf("Socket Mode without a signing secret: %+v, %v", c.Slack, err)
	}
}

func TestLoadSlackConfigErrors(t *testing.T) {
	tests := []struct {
		env  map[string]string
		says string
	}{
		{with(nil, "SLACK_SIGNING_SECRET", "0123456789abcdef0123456789abcdef"), "SLACK_SIGNING_SECRET is set but SLACK_BOT_TOKEN is not"},
		{with(slackEnv, "SLACK_BOT_TOKEN", "xoxp-user-token"), "SLACK_BOT_TOKEN is not a bot token"},
		{with(slackEnv, "SLACK_SIGNING_SECRET", ""), "SLACK_SIGNING_SECRET is missing"},
		{with(slackEnv, "SLACK_SIGNING_SECRET", "secret"), "SLACK_SIGNING_SECRET is not a signing secret"},
		{with(slackEnv, "SLACK_APP_TOKEN", "xoxb-1"), "SLACK_APP_TOKEN is not an app-level token"},
		{with(slackEnv, "SLACK_ESCALATION_CHANNEL", ""), "SLACK_ESCALATION_CHANNEL is missing"},
		{with(slackEnv, "SLACK_ESCALATION_CHANNEL", "#escalations"), `SLACK_ESCALATION_CHANNEL="#escalations" is not a channel ID`},
		{with(slackEnv, "SLACK_MANAGER_CHANNEL", "U0MANAGER"), `SLACK_MANAGER_CHANNEL="U0MANAGER" is not a channel ID`},
		{with(slackEnv, "SLACK_API_URL", "slack.com/api"), `SLACK_API_URL="slack.com/api" is not a URL`},
		{with(slackEnv, "OMBUD_HTTP_ADDR", "8080"), `OMBUD_HTTP_ADDR="8080" is not an address`},
	}
	for _, tt := range tests {
		if _, err := loadConfig(env(tt.env)); err == nil || !strings.Contains(err.Error(), tt.says) {
			t.Errorf("%v: error %v, want it to say %q", tt.env, err, tt.says)
		}
	}
	// A serve with a wrong key stops at once, with status 2, naming it.
	var out, errOut strings.Builder
	status := run(context.Background(), nil, streams{in: strings.NewReader(""), out: &out, errOut: &errOut},
		env(with(slackEnv, "SLACK_SIGNING_SECRET", "", "OMBUD_DATA_DIR", t.TempDir())))
	if status != 2 || !strings.Contains(errOut.String(), "SLACK_SIGNING_SECRET is missing") || out.Len() != 0 {
		t.Errorf("status %d, stderr %q", status, errOut.String())
	}
}

// TestEnvExampleDocumentsEveryKey reads .env.example for every key the
// configuration reads, each with a comment above it.
func TestEnvExampleDocumentsEveryKey(t *testing.T) {
	b, err := os.ReadFile("../../.env.example")
	if err != nil {
		t.Fatal(err)
	}
	keys := slackKeys
	for _, k := range configKeys {
		keys = append(keys, k.key)
	}
	for _, k := range keys {
		if !regexp.MustCompile(`(?m)^#.*\n(?:[A-Z_]+=.*\n)*` + k + `=`).Match(b) {
			t.Errorf(".env.example does not document %s under a comment", k)
		}
	}
}

func TestSlackManifest(t *testing.T) {
	status, out, errOut := runArgs(t, "slack", "manifest", "--url", "https://ombud.example.com/")
	if status != 0 {
		t.Fatalf("status %d: %s", status, errOut)
	}
	bottest.MustMatchGolden(t, "manifest-http", out)
	status, out, _ = runArgs(t, "slack", "manifest", "--socket-mode")
	if status != 0 || strings.Contains(out, "url:") || !strings.Contains(out, "socket_mode_enabled: true") {
		t.Errorf("socket mode manifest, status %d:\n%s", status, out)
	}
	bottest.MustMatchGolden(t, "manifest-socket", out)
	for _, args := range [][]string{{"slack", "manifest"}, {"slack", "manifest", "--url", "http://ombud.example.com"},
		{"slack", "manifest", "https://ombud.example.com"}, {"slack"}, {"slack", "manfest"}} {
		if status, out, errOut := runArgs(t, args...); status != 2 || out != "" || errOut == "" {
			t.Errorf("%v: status %d, stdout %q, stderr %q; want 2 and a message", args, status, out, errOut)
		}
	}
}
