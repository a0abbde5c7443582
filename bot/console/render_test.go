package console_test

import (
	"strings"
	"testing"

	"github.com/ombud/ombud/bot"
	"github.com/ombud/ombud/bot/bottest"
	"github.com/ombud/ombud/bot/console"
)

var renderTests = []struct {
	name   string // also the golden file's name in testdata
	render func() string
}{
	{"plain", func() string {
		return console.Render(bot.Reply{
			Title:      "C-2026-0003 acknowledged",
			Text:       "The customer was told on 20 Nov.\nNext: answer by 4 Dec.",
			Visibility: bot.Public,
		}, 1)
	}},
	{"error", func() string {
		return console.Render(bot.Reply{
			Title: "C-2026-0042 cannot be escalated",
			Text:  "It was answered on 3 Dec; the escalation window closed on 31 Dec.\nUsage: /case escalate <id> reason:\"…\"",
			Error: true,
		}, 1)
	}},
	{"error_without_title", func() string {
		return console.Render(bot.Reply{Text: "Unknown subcommand \"frob\".", Error: true}, 1)
	}},
	{"fields", func() string {
		return console.Render(bot.Reply{
			Title: "C-2026-0003",
			Fields: []bot.Field{
				{Name: "Status", Value: "escalated"},
				{Name: "Tier", Value: "review"},
				{Name: "Review due", Value: "4 Dec 2026 (3 business days left)"},
				{Name: "Last", Value: "20 Nov ann: acknowledged\n21 Nov ann: answered"},
				{Name: "Lessons", Value: ""},
			},
			Visibility: bot.Public,
		}, 1)
	}},
	{"files", func() string {
		return console.Render(bot.Reply{
			Title:  "Summary: March 2026",
			Fields: []bot.Field{{Name: "Received", Value: "11"}},
			Files: []bot.File{
				{Name: "/data/reports/summary-2026-03-01-2026-03-31.png", Title: "Cases received and closed per day", Data: []byte("png")},
				{Name: "x.csv", Title: "@everyone\nthe register"},
			},
			Visibility: bot.Public,
		}, 1)
	}},
	{"buttons", func() string {
		return console.Render(bot.Reply{
			Title: "C-2026-0003 opened",
			Buttons: []bot.Button{
				{Label: "Acknowledge C-2026-0003", Command: "ack C-2026-0003"},
				{Label: "Show C-2026-0003", Command: "show C-2026-0003"},
				{Command: "history C-2026-0003"},
			},
		}, 1)
	}},
	{"post", func() string {
		return console.RenderPost(bot.Post{
			Channel: bot.ChannelEscalations,
			Reply: bot.Reply{
				Title:   "C-2026-0003 escalated by ann",
				Text:    "Reason: the refund was refused.",
				Fields:  []bot.Field{{Name: "Review due", Value: "18 Dec 2026"}},
				Buttons: []bot.Button{{Label: "Claim C-2026-0003", Command: "claim C-2026-0003"}},
			},
		}, 3)
	}},
	{"empty", func() string { return console.Render(bot.Reply{}, 1) }},
	{"hostile", func() string { return console.Render(hostile, 1) }},
}

// hostile is a reply whose every part carries text meant to ping a channel
// or to drive the terminal.
var hostile = bot.Reply{
	Title:      "Complaint from @everyone",
	Text:       "Dear <!channel> and <@&123>,\r\n\x1b[2J\x1b[31mpay up\x1b[0m @HeRe",
	Fields:     []bot.Field{{Name: "From\x07", Value: "<!subteam^S1|@support> ann@example.no"}},
	Buttons:    []bot.Button{{Label: "Claim @channel\nnow", Command: "claim C-1"}},
	Visibility: bot.Public,
}

func TestRender(t *testing.T) {
	for _, tt := range renderTests {
		t.Run(tt.name, func(t *testing.T) {
			bottest.MustMatchGolden(t, tt.name, tt.render())
		})
	}
}

// The hostile golden file holds invisible word joiners; this says in plain
// sight what it must not hold.
func TestRenderHostileIsDefused(t *testing.T) {
	got := strings.ToLower(console.Render(hostile, 1))
	for _, form := range []string{"@everyone", "@here", "@channel", "<!", "<@&", "\x1b", "\r", "\x07"} {
		if strings.Contains(got, form) {
			t.Errorf("rendered hostile reply contains %q:\n%s", form, got)
		}
	}
	if !strings.Contains(got, "ann@example.no") {
		t.Errorf("rendered hostile reply lost the e-mail address:\n%s", got)
	}
}
