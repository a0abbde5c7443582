package main

import (
	"fmt"
	"log/slog"
	"net"
	"regexp"
	"strings"

	"github.com/ombud/ombud/cases"
	"github.com/ombud/ombud/cases/policyfile"
	"github.com/ombud/ombud/commands"
	"github.com/ombud/ombud/scheduler"
)

// Config is ombud's configuration, read from the environment (and from a .env
// file, which main loads into the environment first), checked and parsed.
type Config struct {
	MongoURI    string              // MONGODB_URI: a MongoDB server; empty uses the embedded store
	Database    string              // OMBUD_DATABASE: the database to use
	DataDir     string              // OMBUD_DATA_DIR: where the embedded store keeps its files
	Policy      *cases.Policy       // OMBUD_POLICY: the procedure new cases follow
	IDPrefix    string              // OMBUD_ID_PREFIX: the prefix of case IDs
	LogLevel    slog.Level          // OMBUD_LOG_LEVEL
	Directory   *commands.Directory // OMBUD_SENIORS, OMBUD_MANAGERS and OMBUD_TEAMS: who holds which role, in which team
	ConsoleUser string              // OMBUD_CONSOLE_USER: who you are when the console starts; "" for the console's default
	HTTPAddr    string              // OMBUD_HTTP_ADDR: where the HTTP server listens when a network platform is configured
	Sweep       string              // OMBUD_SWEEP_SCHEDULE: when the SLA sweep runs
	Digest      string              // OMBUD_DIGEST_SCHEDULE: when the weekly digest goes out
	Slack       *SlackConfig        // the SLACK_ keys; nil when Slack is not configured
	Discord     *discordConfig      // DISCORD_*: nil when DISCORD_BOT_TOKEN is not set
}

// configKeys lists every key Config reads, with its default, in the order
// .env.example documents them.
var configKeys = []struct{ key, def string }{
	{"MONGODB_URI", ""},
	{"OMBUD_DATABASE", "ombud"},
	{"OMBUD_DATA_DIR", "./data"},
	{"OMBUD_POLICY", "standard"},
	{"OMBUD_ID_PREFIX", "C"},
	{"OMBUD_LOG_LEVEL", "info"},
	{"OMBUD_SENIORS", ""},
	{"OMBUD_MANAGERS", ""},
	{"OMBUD_TEAMS", ""},
	{"OMBUD_CONSOLE_USER", ""},
	{"OMBUD_HTTP_ADDR", ":8080"},
	{"OMBUD_SWEEP_SCHEDULE", scheduler.DefaultSweep},
	{"OMBUD_DIGEST_SCHEDULE", scheduler.DefaultDigest},
}

var (
	databaseName = regexp.MustCompile(`^[A-Za-z0-9_-]{1,63}$`)
	consoleName  = regexp.MustCompile(`^[A-Za-z0-9._-]{1,64}$`)
)

// loadConfig reads the configuration through getenv, fills in defaults, and
// checks and parses every key before anything starts. An error names the key
// and says what to write instead.
func loadConfig(getenv func(string) string) (Config, error) {
	v := map[string]string{}
	for _, k := range configKeys {
		if v[k.key] = strings.TrimSpace(getenv(k.key)); v[k.key] == "" {
			v[k.key] = k.def
		}
	}
	for _, k := range slackKeys {
		v[k] = strings.TrimSpace(getenv(k))
	}
	c := Config{MongoURI: v["MONGODB_URI"], Database: v["OMBUD_DATABASE"], DataDir: v["OMBUD_DATA_DIR"],
		IDPrefix: v["OMBUD_ID_PREFIX"], ConsoleUser: v["OMBUD_CONSOLE_USER"], HTTPAddr: v["OMBUD_HTTP_ADDR"],
		Sweep: v["OMBUD_SWEEP_SCHEDULE"], Digest: v["OMBUD_DIGEST_SCHEDULE"]}
	if err := c.LogLevel.UnmarshalText([]byte(v["OMBUD_LOG_LEVEL"])); err != nil {
		return c, fmt.Errorf("OMBUD_LOG_LEVEL=%q is not a log level; use debug, info, warn or error", v["OMBUD_LOG_LEVEL"])
	}
	if c.MongoURI != "" && !strings.HasPrefix(c.MongoURI, "mongodb://") && !strings.HasPrefix(c.MongoURI, "mongodb+srv://") {
		return c, fmt.Errorf("MONGODB_URI must start with mongodb:// or mongodb+srv://, such as mongodb://localhost:27017; leave it empty for the embedded store")
	}
	if !databaseName.MatchString(c.Database) {
		return c, fmt.Errorf("OMBUD_DATABASE=%q is not a database name; use letters, digits, - and _, such as ombud", c.Database)
	}
	if c.ConsoleUser != "" && !consoleName.MatchString(c.ConsoleUser) {
		return c, fmt.Errorf("OMBUD_CONSOLE_USER=%q is not a user name; use one word of letters, digits, ., - and _, such as ann", c.ConsoleUser)
	}
	if _, _, err := net.SplitHostPort(c.HTTPAddr); err != nil {
		return c, fmt.Errorf("OMBUD_HTTP_ADDR=%q is not an address to listen on; write host:port or :port, such as :8080", c.HTTPAddr)
	}
	for _, key := range []string{"OMBUD_SWEEP_SCHEDULE", "OMBUD_DIGEST_SCHEDULE"} {
		if err := scheduler.ParseSchedule(v[key]); err != nil {
			return c, fmt.Errorf("%s: %w", key, err)
		}
	}
	var err error
	if c.Slack, err = loadSlack(v); err != nil {
		return c, err
	}
	if err := cases.ValidIDPrefix(c.IDPrefix); err != nil {
		return c, fmt.Errorf("OMBUD_ID_PREFIX: %w", err)
	}
	if c.Policy, err = policyfile.Load(v["OMBUD_POLICY"]); err != nil {
		return c, fmt.Errorf("OMBUD_POLICY: %w", err)
	}
	if c.Discord, err = loadDiscordConfig(getenv); err != nil {
		return c, err
	}
	teams, err := parseTeams(v["OMBUD_TEAMS"])
	if err != nil {
		return c, err
	}
	c.Directory, err = commands.NewDirectory(commands.DirectoryConfig{Seniors: v["OMBUD_SENIORS"], Managers: v["OMBUD_MANAGERS"], Teams: teams})
	return c, err
}

// parseTeams parses OMBUD_TEAMS: teams separated by ";", each a name, "=",
// and its members as comma-separated platform:ID entries, such as
// "service=slack:U1,slack:U2;ombudsman=slack:U9".
func parseTeams(s string) (map[string]string, error) {
	teams := map[string]string{}
	for _, part := range strings.Split(s, ";") {
		if strings.TrimSpace(part) == "" {
			continue
		}
		name, members, ok := strings.Cut(part, "=")
		name = strings.TrimSpace(name)
		if !ok || name == "" {
			return nil, fmt.Errorf("OMBUD_TEAMS entry %q has no team name; write name=platform:ID,platform:ID, such as service=slack:U1,slack:U2", part)
		}
		if _, dup := teams[name]; dup {
			return nil, fmt.Errorf("OMBUD_TEAMS names team %s twice; list each team once", name)
		}
		teams[name] = strings.TrimSpace(members)
	}
	return teams, nil
}
