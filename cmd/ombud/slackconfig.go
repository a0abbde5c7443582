package main

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"

	"github.com/ombud/ombud/bot"
)

// SlackConfig is the configuration of the Slack platform; nil in Config
// when SLACK_BOT_TOKEN is not set.
type SlackConfig struct {
	BotToken      string                 // SLACK_BOT_TOKEN
	SigningSecret string                 // SLACK_SIGNING_SECRET: for requests over HTTP
	AppToken      string                 // SLACK_APP_TOKEN: Socket Mode when set
	APIURL        string                 // SLACK_API_URL: the Web API's base URL, ending in "/"; Slack's when empty
	Channels      map[bot.Channel]string // SLACK_ESCALATION_CHANNEL, SLACK_ALERT_CHANNEL, SLACK_MANAGER_CHANNEL
}

// slackKeys lists the keys SlackConfig reads, in the order .env.example
// documents them; none has a default.
var slackKeys = []string{"SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN", "SLACK_ESCALATION_CHANNEL",
	"SLACK_ALERT_CHANNEL", "SLACK_MANAGER_CHANNEL", "SLACK_API_URL"}

// slackChannels maps each channel key to the team channel it names.
var slackChannels = map[string]bot.Channel{
	"SLACK_ESCALATION_CHANNEL": bot.ChannelEscalations,
	"SLACK_ALERT_CHANNEL":      bot.ChannelAlerts,
	"SLACK_MANAGER_CHANNEL":    bot.ChannelManagers,
}

var (
	botToken      = regexp.MustCompile(`^xoxb-[A-Za-z0-9-]+$`)
	appToken      = regexp.MustCompile(`^xapp-[A-Za-z0-9-]+$`)
	signingSecret = regexp.MustCompile(`^[0-9a-f]{32}$`)
	channelID     = regexp.MustCompile(`^[CG][A-Z0-9]{6,}$`)
)

// loadSlack checks and parses the Slack keys in v. It returns nil when
// Slack is not configured; an error names the key and says what to write.
func loadSlack(v map[string]string) (*SlackConfig, error) {
	if v["SLACK_BOT_TOKEN"] == "" {
		for _, k := range slackKeys[1:] {
			if v[k] != "" {
				return nil, fmt.Errorf("%s is set but SLACK_BOT_TOKEN is not; set the bot token (xoxb-…) from the app's OAuth & Permissions page, or remove the SLACK_ keys", k)
			}
		}
		return nil, nil
	}
	c := &SlackConfig{BotToken: v["SLACK_BOT_TOKEN"], SigningSecret: v["SLACK_SIGNING_SECRET"], AppToken: v["SLACK_APP_TOKEN"],
		Channels: map[bot.Channel]string{}}
	switch {
	case !botToken.MatchString(c.BotToken):
		return nil, fmt.Errorf("SLACK_BOT_TOKEN is not a bot token; copy the Bot User OAuth Token, which starts with xoxb-, from the app's OAuth & Permissions page")
	case c.AppToken != "" && !appToken.MatchString(c.AppToken):
		return nil, fmt.Errorf("SLACK_APP_TOKEN is not an app-level token; create one with the connections:write scope under Basic Information, App-Level Tokens; it starts with xapp-")
	case c.AppToken == "" && c.SigningSecret == "":
		return nil, fmt.Errorf("SLACK_SIGNING_SECRET is missing; copy the Signing Secret from the app's Basic Information page, or set SLACK_APP_TOKEN to use Socket Mode")
	case c.SigningSecret != "" && !signingSecret.MatchString(c.SigningSecret):
		return nil, fmt.Errorf("SLACK_SIGNING_SECRET is not a signing secret; copy the 32 hexadecimal digits of Signing Secret from the app's Basic Information page")
	}
	for _, key := range slackKeys[3:6] {
		ch, id := slackChannels[key], v[key]
		if id != "" && !channelID.MatchString(id) {
			return nil, fmt.Errorf("%s=%q is not a channel ID; copy it from the bottom of the channel's details in Slack, such as C0123456789", key, id)
		}
		if id != "" {
			c.Channels[ch] = id
		}
	}
	if c.Channels[bot.ChannelEscalations] == "" {
		return nil, fmt.Errorf("SLACK_ESCALATION_CHANNEL is missing; give the ID of the channel where seniors claim escalations, such as C0123456789")
	}
	if u := v["SLACK_API_URL"]; u != "" {
		p, err := url.Parse(u)
		if err != nil || (p.Scheme != "https" && p.Scheme != "http") || p.Host == "" {
			return nil, fmt.Errorf("SLACK_API_URL=%q is not a URL; write the Web API's base, such as https://slack.com/api/, or leave it empty", u)
		}
		c.APIURL = strings.TrimRight(u, "/") + "/"
	}
	return c, nil
}
