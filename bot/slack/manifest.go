package slack

import (
	"strings"

	"go.yaml.in/yaml/v3"
)

// Scopes are the bot token scopes ombud needs: its slash command, posting
// (also in public channels it was not invited to), uploading files (a
// summary's chart, the register) and sending them to a person's direct
// messages when they cannot be shown where the reply is, and reading
// people's names and user groups.
var Scopes = []string{"commands", "chat:write", "chat:write.public", "files:write", "im:write", "users:read", "usergroups:read"}

// manifest is a Slack app manifest, as much of it as ombud sets.
type manifest struct {
	Display struct {
		Name        string `yaml:"name"`
		Description string `yaml:"description"`
	} `yaml:"display_information"`
	Features struct {
		BotUser struct {
			DisplayName  string `yaml:"display_name"`
			AlwaysOnline bool   `yaml:"always_online"`
		} `yaml:"bot_user"`
		SlashCommands []slashCommand `yaml:"slash_commands"`
	} `yaml:"features"`
	OAuth struct {
		Scopes struct {
			Bot []string `yaml:"bot"`
		} `yaml:"scopes"`
	} `yaml:"oauth_config"`
	Settings struct {
		Events struct {
			RequestURL string   `yaml:"request_url,omitempty"`
			BotEvents  []string `yaml:"bot_events"`
		} `yaml:"event_subscriptions"`
		Interactivity struct {
			IsEnabled  bool   `yaml:"is_enabled"`
			RequestURL string `yaml:"request_url,omitempty"`
		} `yaml:"interactivity"`
		OrgDeploy     bool `yaml:"org_deploy_enabled"`
		SocketMode    bool `yaml:"socket_mode_enabled"`
		TokenRotation bool `yaml:"token_rotation_enabled"`
	} `yaml:"settings"`
}

// slashCommand is a manifest's slash command.
type slashCommand struct {
	Command      string `yaml:"command"`
	URL          string `yaml:"url,omitempty"`
	Description  string `yaml:"description"`
	UsageHint    string `yaml:"usage_hint"`
	ShouldEscape bool   `yaml:"should_escape"`
}

// Manifest returns the app manifest, in YAML, of a Slack app for ombud
// served at base, such as https://ombud.example.com: /case, buttons and
// modals, the events endpoint, and Scopes. With socketMode, Slack sends
// everything over Socket Mode and base may be empty.
func Manifest(base string, socketMode bool) (string, error) {
	base = strings.TrimRight(base, "/")
	url := func(path string) string {
		if socketMode || base == "" {
			return ""
		}
		return base + path
	}
	var m manifest
	m.Display.Name = "ombud"
	m.Display.Description = "Formal complaint procedures: acknowledge, answer, escalate and review on time."
	m.Features.BotUser.DisplayName = "ombud"
	m.Features.BotUser.AlwaysOnline = true
	m.Features.SlashCommands = []slashCommand{{
		Command: "/case", URL: url("/slack/commands"), Description: "Open and move complaint cases",
		UsageHint: "open | show C-2026-0042 | list | help", ShouldEscape: true,
	}}
	m.OAuth.Scopes.Bot = Scopes
	m.Settings.Events.RequestURL = url("/slack/events")
	m.Settings.Events.BotEvents = []string{"app_uninstalled"}
	m.Settings.Interactivity.IsEnabled = true
	m.Settings.Interactivity.RequestURL = url("/slack/interactions")
	m.Settings.SocketMode = socketMode
	var b strings.Builder
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(&m); err != nil {
		return "", err
	}
	return b.String(), enc.Close()
}
