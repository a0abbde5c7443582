package main

import (
	"fmt"
	"log/slog"
	"strings"
)

// Config is ombud's configuration, read from the environment (and from a .env
// file, which main loads into the environment first).
type Config struct {
	MongoURI string // MONGODB_URI: a MongoDB server; empty runs the embedded FerretDB
	Database string // OMBUD_DATABASE: the database to use
	DataDir  string // OMBUD_DATA_DIR: where the embedded store keeps its files
	Policy   string // OMBUD_POLICY: the procedure new cases follow: a preset name or a YAML path
	IDPrefix string // OMBUD_ID_PREFIX: the prefix of case IDs
	LogLevel slog.Level

	Seniors  string // OMBUD_SENIORS: platform:userID entries who may review
	Managers string // OMBUD_MANAGERS: platform:userID entries who may also see summaries
	Teams    string // OMBUD_TEAMS: team=platform:userID|… entries, for policies with team independence

	ConsoleUser string // OMBUD_CONSOLE_USER: who you are when the console starts
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
}

// loadConfig reads the configuration through getenv, filling in defaults,
// and returns an error naming the first wrong key and what to write instead.
func loadConfig(getenv func(string) string) (Config, error) {
	v := map[string]string{}
	for _, k := range configKeys {
		v[k.key] = strings.TrimSpace(getenv(k.key))
		if v[k.key] == "" {
			v[k.key] = k.def
		}
	}
	c := Config{
		MongoURI: v["MONGODB_URI"], Database: v["OMBUD_DATABASE"], DataDir: v["OMBUD_DATA_DIR"],
		Policy: v["OMBUD_POLICY"], IDPrefix: v["OMBUD_ID_PREFIX"],
		Seniors: v["OMBUD_SENIORS"], Managers: v["OMBUD_MANAGERS"], Teams: v["OMBUD_TEAMS"],
		ConsoleUser: v["OMBUD_CONSOLE_USER"],
	}
	if err := c.LogLevel.UnmarshalText([]byte(v["OMBUD_LOG_LEVEL"])); err != nil {
		return c, fmt.Errorf("OMBUD_LOG_LEVEL=%q is not a log level; use debug, info, warn or error", v["OMBUD_LOG_LEVEL"])
	}
	if c.MongoURI != "" && !strings.HasPrefix(c.MongoURI, "mongodb://") && !strings.HasPrefix(c.MongoURI, "mongodb+srv://") {
		return c, fmt.Errorf("MONGODB_URI must start with mongodb:// or mongodb+srv://, such as mongodb://localhost:27017; leave it empty for the embedded store")
	}
	if strings.ContainsAny(c.Database, `/\. "$`) {
		return c, fmt.Errorf("OMBUD_DATABASE=%q is not a database name; use letters, digits, - and _, such as ombud", c.Database)
	}
	return c, nil
}
