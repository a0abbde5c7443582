package main

import (
	"bytes"
	"context"
	"encoding/hex"
	"encoding/json"
	"net/url"
	"strings"
	"testing"

	"github.com/ombud/ombud/bot/discord/fakediscord"
)

// runEnv runs ombud with args and the environment m.
func runEnv(t *testing.T, m map[string]string, args ...string) (status int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	status = run(context.Background(), args, streams{in: strings.NewReader(""), out: &out, errOut: &errOut}, env(m))
	return status, out.String(), errOut.String()
}

func TestDiscordConfigErrors(t *testing.T) {
	token := map[string]string{"DISCORD_BOT_TOKEN": "abc.def"}
	with := func(k, v string) map[string]string {
		m := map[string]string{}
		for tk, tv := range token {
			m[tk] = tv
		}
		m[k] = v
		return m
	}
	tests := []struct {
		env  map[string]string
		says string
	}{
		{with("DISCORD_APPLICATION_ID", "12ab"), `DISCORD_APPLICATION_ID="12ab" is not a Discord ID`},
		{with("DISCORD_GUILD_ID", "123"), `DISCORD_GUILD_ID="123" is not a Discord ID`},
		{with("DISCORD_ESCALATION_CHANNEL", "#escalations"), `DISCORD_ESCALATION_CHANNEL="#escalations" is not a Discord ID`},
		{with("DISCORD_ALERT_CHANNEL", "1"), "DISCORD_ALERT_CHANNEL"},
		{with("DISCORD_MANAGER_CHANNEL", "x"), "DISCORD_MANAGER_CHANNEL"},
		{with("DISCORD_PUBLIC_KEY", "zz"), "DISCORD_PUBLIC_KEY is not a public key"},
		{with("DISCORD_PUBLIC_KEY", strings.Repeat("ab", 31)), "DISCORD_PUBLIC_KEY is not a public key"},
		{with("DISCORD_API_URL", "localhost:8081"), `DISCORD_API_URL="localhost:8081" is not a base address`},
		{with("DISCORD_BOT_TOKEN", "two words"), "DISCORD_BOT_TOKEN has spaces"},
		{map[string]string{"DISCORD_GUILD_ID": "80351110224678912"}, "DISCORD_GUILD_ID is set but DISCORD_BOT_TOKEN is not"},
	}
	for _, tt := range tests {
		if _, err := loadConfig(env(tt.env)); err == nil || !strings.Contains(err.Error(), tt.says) {
			t.Errorf("%v: error %v, want it to say %q", tt.env, err, tt.says)
		}
		if status, _, stderr := runEnv(t, tt.env, "discord", "register"); status != 2 || !strings.Contains(stderr, tt.says) {
			t.Errorf("%v: discord register exits %d saying %q; want 2 and %q", tt.env, status, stderr, tt.says)
		}
	}
}

func TestDiscordConfig(t *testing.T) {
	c, err := loadConfig(env(nil))
	if err != nil || c.Discord != nil {
		t.Fatalf("without a token: %+v, %v; want no Discord", c.Discord, err)
	}
	key := strings.Repeat("0f", 32)
	c, err = loadConfig(env(map[string]string{"DISCORD_BOT_TOKEN": "Bot abc.def", "DISCORD_PUBLIC_KEY": key,
		"DISCORD_ESCALATION_CHANNEL": "80351110224678912", "DISCORD_API_URL": "http://localhost:8081/"}))
	if err != nil {
		t.Fatal(err)
	}
	d := c.Discord
	if d.Token != "abc.def" || hex.EncodeToString(d.PublicKey) != key || d.Channels["escalations"] != "80351110224678912" ||
		d.APIURL.String() != "http://localhost:8081" {
		t.Errorf("Discord config = %+v", d)
	}
}

// fakeEnv returns the environment of a bot on the fake Discord.
func fakeEnv(fake *fakediscord.Server, extra ...string) map[string]string {
	m := map[string]string{"DISCORD_BOT_TOKEN": fakediscord.Token, "DISCORD_API_URL": fake.URL().String()}
	for i := 0; i+1 < len(extra); i += 2 {
		m[extra[i]] = extra[i+1]
	}
	return m
}

func TestDiscordRegister(t *testing.T) {
	fake := fakediscord.New(t)
	status, stdout, stderr := runEnv(t, fakeEnv(fake, "DISCORD_GUILD_ID", fakediscord.GuildID), "discord", "register")
	if status != 0 || !strings.Contains(stdout, "Registered /case in server "+fakediscord.GuildID) {
		t.Fatalf("register to the guild: %d %q %q", status, stdout, stderr)
	}
	status, stdout, _ = runEnv(t, fakeEnv(fake), "discord", "register")
	if status != 0 || !strings.Contains(stdout, "globally") {
		t.Fatalf("register globally: %d %q", status, stdout)
	}
	if got := fake.Registrations(); len(got) != 2 || got[0] != fakediscord.GuildID || got[1] != "global" {
		t.Errorf("registrations %v, want the guild, then global", got)
	}
	var cmds []struct {
		Name    string `json:"name"`
		Options []struct {
			Name string `json:"name"`
		} `json:"options"`
	}
	if err := json.Unmarshal(fake.Commands("global"), &cmds); err != nil || len(cmds) != 1 || cmds[0].Name != "case" || len(cmds[0].Options) < 20 {
		t.Errorf("registered %s (%v); want /case with every subcommand", fake.Commands("global"), err)
	}
}

func TestDiscordInvite(t *testing.T) {
	fake := fakediscord.New(t)
	for _, m := range []map[string]string{fakeEnv(fake), fakeEnv(fake, "DISCORD_APPLICATION_ID", fakediscord.AppID)} {
		status, stdout, stderr := runEnv(t, m, "discord", "invite")
		u, err := url.Parse(strings.TrimSpace(stdout))
		if status != 0 || err != nil {
			t.Fatalf("invite: %d %q %q", status, stdout, stderr)
		}
		q := u.Query() // permissions: view channels, send messages, embed links, read history, create public threads, send in threads, attach files

		if u.Host != "discord.com" || q.Get("client_id") != fakediscord.AppID || q.Get("scope") != "bot applications.commands" ||
			q.Get("permissions") != "309237763072" {
			t.Errorf("invite URL %s", u)
		}
	}
	if status, _, stderr := runEnv(t, nil, "discord", "invite"); status != 2 || !strings.Contains(stderr, "DISCORD_BOT_TOKEN is not set") {
		t.Errorf("invite without a token: %d %q", status, stderr)
	}
	if status, _, stderr := runEnv(t, nil, "discord"); status != 2 || !strings.Contains(stderr, "register or invite") {
		t.Errorf("discord alone: %d %q", status, stderr)
	}
}
