package main

import (
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"regexp"
	"strings"

	"github.com/ombud/ombud/bot"
	"github.com/ombud/ombud/bot/discord"
	"github.com/ombud/ombud/commands"
)

// discordUsage lists the discord subcommands, for ombud help.
const discordUsage = `  ombud discord register                  write the /case command to Discord (to DISCORD_GUILD_ID when set, else globally)
  ombud discord invite                    print the address that adds the bot to a server, with its permissions
`

// discordConfig is the Discord part of the configuration; nil when
// DISCORD_BOT_TOKEN is not set.
type discordConfig struct {
	Token         string                 // DISCORD_BOT_TOKEN
	ApplicationID string                 // DISCORD_APPLICATION_ID; read from the API when empty
	PublicKey     ed25519.PublicKey      // DISCORD_PUBLIC_KEY; enables POST /discord/interactions
	GuildID       string                 // DISCORD_GUILD_ID; commands go there only when set
	Channels      map[bot.Channel]string // DISCORD_ESCALATION_CHANNEL, DISCORD_ALERT_CHANNEL, DISCORD_MANAGER_CHANNEL
	APIURL        *url.URL               // DISCORD_API_URL; Discord's own when nil
}

// discordIDKeys are the keys that hold a Discord ID (a snowflake), and the
// team channel each channel key stands for.
var discordIDKeys = []struct {
	key     string
	channel bot.Channel
}{
	{"DISCORD_APPLICATION_ID", ""},
	{"DISCORD_GUILD_ID", ""},
	{"DISCORD_ESCALATION_CHANNEL", bot.ChannelEscalations},
	{"DISCORD_ALERT_CHANNEL", bot.ChannelAlerts},
	{"DISCORD_MANAGER_CHANNEL", bot.ChannelManagers},
}

// snowflake is what a Discord ID looks like.
var snowflake = regexp.MustCompile(`^[0-9]{17,20}$`)

// loadDiscordConfig reads the DISCORD_* keys through getenv. It returns nil
// when DISCORD_BOT_TOKEN is not set and no other key is, and an error naming
// the key for anything malformed.
func loadDiscordConfig(getenv func(string) string) (*discordConfig, error) {
	get := func(k string) string { return strings.TrimSpace(getenv(k)) }
	token := strings.TrimPrefix(get("DISCORD_BOT_TOKEN"), "Bot ")
	if token == "" {
		for _, k := range append(discordKeyNames(), "DISCORD_PUBLIC_KEY", "DISCORD_API_URL") {
			if get(k) != "" {
				return nil, fmt.Errorf("%s is set but DISCORD_BOT_TOKEN is not; set the bot token from the developer portal's Bot page, or remove %s", k, k)
			}
		}
		return nil, nil
	}
	if strings.ContainsAny(token, " \t\n") {
		return nil, fmt.Errorf("DISCORD_BOT_TOKEN has spaces in it; paste the token from the developer portal's Bot page as it is")
	}
	c := &discordConfig{Token: token, Channels: map[bot.Channel]string{}}
	for _, k := range discordIDKeys {
		v := get(k.key)
		if v == "" {
			continue
		}
		if !snowflake.MatchString(v) {
			return nil, fmt.Errorf("%s=%q is not a Discord ID; copy it with Developer Mode on (right-click, Copy ID): 17 to 20 digits, such as 80351110224678912", k.key, v)
		}
		switch {
		case k.key == "DISCORD_APPLICATION_ID":
			c.ApplicationID = v
		case k.key == "DISCORD_GUILD_ID":
			c.GuildID = v
		default:
			c.Channels[k.channel] = v
		}
	}
	var err error
	if c.PublicKey, err = parsePublicKey(get("DISCORD_PUBLIC_KEY")); err != nil {
		return nil, err
	}
	if c.APIURL, err = parseAPIURL(get("DISCORD_API_URL")); err != nil {
		return nil, err
	}
	return c, nil
}

// discordKeyNames lists the ID keys' names.
func discordKeyNames() []string {
	out := make([]string, len(discordIDKeys))
	for i, k := range discordIDKeys {
		out[i] = k.key
	}
	return out
}

// parsePublicKey parses DISCORD_PUBLIC_KEY, the application's public key
// in hex; nil when empty.
func parsePublicKey(s string) (ed25519.PublicKey, error) {
	if s == "" {
		return nil, nil
	}
	b, err := hex.DecodeString(s)
	if err != nil || len(b) != ed25519.PublicKeySize {
		return nil, fmt.Errorf("DISCORD_PUBLIC_KEY is not a public key; copy the 64 hexadecimal characters of PUBLIC KEY from the developer portal's General Information page")
	}
	return ed25519.PublicKey(b), nil
}

// parseAPIURL parses DISCORD_API_URL; nil when empty.
func parseAPIURL(s string) (*url.URL, error) {
	if s == "" {
		return nil, nil
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" {
		return nil, fmt.Errorf("DISCORD_API_URL=%q is not a base address; write one such as http://localhost:8081, or leave it empty for Discord's own", s)
	}
	u.Path = strings.TrimSuffix(u.Path, "/")
	return u, nil
}

// newDiscord returns the Discord platform for c, describing the
// subcommands of reg; pool and threads may be nil for the discord
// subcommands, which neither serve nor post.
func newDiscord(c *discordConfig, reg *commands.Registry, pool *bot.Pool, threads bot.Threads, logger *slog.Logger) (*discord.Platform, error) {
	return discord.New(discord.Config{
		Token: c.Token, ApplicationID: c.ApplicationID, PublicKey: c.PublicKey, GuildID: c.GuildID,
		Channels: c.Channels, APIURL: c.APIURL, Specs: reg.Specs(), Pool: pool, Threads: threads, Logger: logger,
	})
}

// runDiscord runs "ombud discord register" and "ombud discord invite".
func runDiscord(ctx context.Context, args []string, s streams, getenv func(string) string) int {
	if len(args) != 1 || (args[0] != "register" && args[0] != "invite") {
		fmt.Fprintf(s.errOut, "ombud discord: name a subcommand, register or invite:\n%s", discordUsage)
		return 2
	}
	c, err := loadDiscordConfig(getenv)
	switch {
	case err != nil:
		fmt.Fprintln(s.errOut, "ombud:", err)
		return 2
	case c == nil:
		fmt.Fprintln(s.errOut, "ombud: DISCORD_BOT_TOKEN is not set; set the bot token from the developer portal's Bot page first")
		return 2
	}
	p, err := newDiscord(c, commands.Builtin(), nil, nil, slog.New(slog.NewTextHandler(s.errOut, nil)))
	if err != nil {
		fmt.Fprintln(s.errOut, "ombud:", err)
		return 2
	}
	if args[0] == "invite" {
		return discordInvite(ctx, p, s.out, s.errOut)
	}
	if err := p.Register(ctx); err != nil {
		fmt.Fprintln(s.errOut, "ombud:", err)
		return 1
	}
	where := "globally (Discord may take up to an hour to show it everywhere)"
	if c.GuildID != "" {
		where = "in server " + c.GuildID
	}
	fmt.Fprintln(s.out, "Registered /case", where+".")
	return 0
}

// discordInvite prints the address that adds the bot to a server.
func discordInvite(ctx context.Context, p *discord.Platform, out, errOut io.Writer) int {
	appID, err := p.ApplicationID(ctx)
	if err != nil {
		fmt.Fprintln(errOut, "ombud:", err)
		return 1
	}
	fmt.Fprintln(out, discord.InviteURL(appID))
	return 0
}
