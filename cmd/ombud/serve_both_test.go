package main

import (
	"encoding/hex"
	"net/http"
	"testing"

	"github.com/ombud/ombud/bot/discord"
	"github.com/ombud/ombud/bot/discord/fakediscord"
	"github.com/ombud/ombud/bot/slack/fakeslack"
)

// TestServeSlackAndDiscord runs ombud with Slack and Discord configured at
// once, on one HTTP server: both are ready; a case opened on each gets its
// thread on its own platform, through the one outbox; /metrics counts the
// requests of both, the notifications sent, the outbox's depth and age,
// and the sweep, which runs every second here.
func TestServeSlackAndDiscord(t *testing.T) {
	slack := fakeslack.New(t)
	slack.AddUser(fakeslack.User{ID: "UANN", Name: "ann"})
	disc := fakediscord.New(t)
	const desk = "500000000000000001"
	disc.AddChannel(desk, true)
	addr := freeAddr(t)
	getenv := env(with(slackEnv, "SLACK_API_URL", slack.APIURL(), "OMBUD_HTTP_ADDR", addr, "OMBUD_DATA_DIR", t.TempDir(),
		"OMBUD_LOG_LEVEL", "debug", "OMBUD_SWEEP_SCHEDULE", "@every 1s",
		"DISCORD_BOT_TOKEN", fakediscord.Token, "DISCORD_API_URL", disc.URL().String(),
		"DISCORD_PUBLIC_KEY", hex.EncodeToString(disc.PublicKey()), "DISCORD_GUILD_ID", fakediscord.GuildID))
	logs, status, cancel := mustServe(t, getenv)
	logs.mustSee(t, "discord: connected to the gateway")
	base := "http://" + addr
	mustGet(t, base+"/readyz", `"slack":"ok"`, `"discord":"ok"`, `"store":"ok"`)

	postSlackCommand(t, base, slack, "open Slow support")
	slack.Wait(t, "the Slack case's thread", func() bool {
		ms := slack.Messages("C0SUPPORT")
		return len(ms) == 1 && len(slack.Thread("C0SUPPORT", ms[0].TS)) == 1
	})
	_, payload := disc.Command(fakediscord.Person{ID: "700000000000000001", Username: "bob"}, desk, "open",
		[]fakediscord.Option{{Name: "summary", Type: 3, Value: "Invoice charged twice"}})
	if code, body := disc.PostHTTP(base+discord.InteractionsPath, payload); code != http.StatusOK {
		t.Fatalf("POST %s: %d %s", discord.InteractionsPath, code, body)
	}
	disc.WaitFor("the Discord case's thread", func(s *fakediscord.Server) bool {
		d := s.LockedChannel(desk)
		return len(d.Started) == 1 && len(s.LockedChannel(d.Started[0]).Messages) == 1
	})
	// Each change's copy goes into its thread after the header; the metrics
	// count a notice once its delivery is recorded.
	logs.mustSee(t, "kind=change platform=slack outcome=sent")
	logs.mustSee(t, "kind=change platform=discord outcome=sent")
	logs.mustSee(t, "sweep: done")
	mustGet(t, base+"/metrics",
		`ombud_requests_total{outcome="ok",platform="slack",subcommand="open"} 1`,
		`ombud_requests_total{outcome="ok",platform="discord",subcommand="open"} 1`,
		`ombud_notifications_total{kind="header",outcome="sent",platform="slack"} 1`,
		`ombud_notifications_total{kind="change",outcome="sent",platform="discord"} 1`,
		"ombud_notifications_pending 0", "ombud_notifications_oldest_pending_age_seconds 0",
		"ombud_sweep_duration_seconds_count", "ombud_sweep_cases_due 0")
	cancel()
	if s := <-status; s != 0 {
		t.Errorf("ombud exited %d after the signal:\n%s", s, logs.buf.String())
	}
}
