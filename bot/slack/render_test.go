package slack_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/slack-go/slack"

	"github.com/ombud/ombud/bot"
	"github.com/ombud/ombud/bot/bottest"
	ombudslack "github.com/ombud/ombud/bot/slack"
	"github.com/ombud/ombud/bot/slack/fakeslack"
)

// mustJSON returns v as indented JSON, with < > & as they are, so that
// golden files read as Slack shows them.
func mustJSON(tb testing.TB, v any) string {
	tb.Helper()
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		tb.Fatal(err)
	}
	return b.String()
}

// replies are the kinds of reply ombud renders, by golden file name.
var replies = map[string]bot.Reply{
	"reply": {Title: "C-2026-0001 opened", Text: "Domain was not renewed", Visibility: bot.Public, Topic: "C-2026-0001",
		Fields: []bot.Field{{Name: "Status", Value: "open"}, {Name: "By", Value: "Ann"},
			{Name: "Acknowledge by", Value: "Wed 25 Nov 2026 16:00 UTC (2 business days left)"}},
		Buttons: []bot.Button{{Label: "Acknowledge C-2026-0001", Command: "ack C-2026-0001"}}},
	"refusal":        {Text: "there is no case C-2026-0099", Error: true},
	"refusal-titled": {Title: "Nothing was saved", Text: "policy standard requires at intake: name", Error: true},
	"escalation": {Title: "C-2026-0001 needs a reviewer for senior-review", Text: "site was down a day", Visibility: bot.Public,
		Fields:  []bot.Field{{Name: "Status", Value: "escalated (senior-review)"}, {Name: "By", Value: "Ann"}},
		Buttons: []bot.Button{{Label: "Claim C-2026-0001", Command: "claim C-2026-0001"}}},
	"hostile": {
		Title: "@channel <!here> ping\nand a second line",
		Text:  "*bold* <https://evil.example|click> &amp; <@U123> <!subteam^S1> @everyone\n" + strings.Repeat("é<", 1500),
		Fields: func() []bot.Field {
			var fs []bot.Field
			for i := range 12 {
				fs = append(fs, bot.Field{Name: fmt.Sprintf("<!channel> %d", i), Value: "@here & <b>"})
			}
			return fs
		}(),
		Buttons: func() []bot.Button {
			var bs []bot.Button
			for i := range 26 {
				bs = append(bs, bot.Button{Command: fmt.Sprintf("show C-2026-%04d <!here>", i)})
			}
			return bs
		}(),
	},
}

// TestBlocks renders every kind of reply as Block Kit against its golden
// file: the blocks and the fallback text.
func TestBlocks(t *testing.T) {
	for name, r := range replies {
		t.Run(name, func(t *testing.T) {
			got := mustJSON(t, map[string]any{"text": ombudslack.Fallback(r), "blocks": ombudslack.Blocks(r)})
			bottest.MustMatchGolden(t, "blocks-"+name, got)
			for _, forbidden := range []string{"<!", "<@", "<http", "@channel", "@here", "@everyone"} {
				if name == "hostile" && strings.Contains(got, forbidden) {
					t.Errorf("the hostile reply renders %q", forbidden)
				}
			}
		})
	}
}

// TestModalView renders open's form as a modal against its golden file.
func TestModalView(t *testing.T) {
	form := bot.Form{Title: "Open a case", Command: "open", Submit: "Open", Fields: []bot.FormField{
		{Key: "summary", Label: "What the complaint is about", Placeholder: "Domain was not renewed", Required: true, Multiline: true},
		{Key: "from", Label: "Who complained", Placeholder: "Kari Nordmann <kari@example.no>", Required: true},
		{Key: "subject", Label: "Domain, service or order @here", MaxLength: 200},
	}}
	bottest.MustMatchGolden(t, "modal", mustJSON(t, ombudslack.Modal(form, `{"command":"open","channel":"C1"}`)))
}

// TestPressedBlocks renders an escalation after its Claim button was
// pressed: the button gone, a line saying who claimed it.
func TestPressedBlocks(t *testing.T) {
	var blocks slack.Blocks
	if err := json.Unmarshal([]byte(mustJSON(t, ombudslack.Blocks(replies["escalation"]))), &blocks); err != nil {
		t.Fatal(err)
	}
	got := ombudslack.Pressed(blocks.BlockSet, "ombud_button_a", "C-2026-0001 claimed", "Sue <!channel>")
	bottest.MustMatchGolden(t, "pressed", mustJSON(t, got))
}

// transcript returns every message the fake was sent to show people, in
// order, as a golden file holds them.
func transcript(tb testing.TB, fake *fakeslack.Server) string {
	var b strings.Builder
	for _, c := range fake.Calls("chat.postMessage", "chat.update", "chat.postEphemeral", "response_url", "views.open") {
		fmt.Fprintf(&b, "== %s channel=%s ts=%s thread_ts=%s response_type=%s\ntext: %s\n", c.Method, c.Arg("channel"),
			c.Arg("ts"), c.Arg("thread_ts"), c.Arg("response_type"), c.Arg("text"))
		for _, key := range []string{"blocks", "view"} {
			if raw := c.Arg(key); raw != "" {
				var v any
				if err := json.Unmarshal([]byte(raw), &v); err != nil {
					tb.Fatal(err)
				}
				b.WriteString(mustJSON(tb, v))
			}
		}
	}
	return b.String()
}

// FuzzBlocks renders replies of any text: no text Slack would show can
// mention a channel, a group or anyone, or hold markup, and the JSON stays
// within Slack's limits.
func FuzzBlocks(f *testing.F) {
	f.Add("C-1 opened", "@here <!channel> <@U1> &amp; *x*", "By", "<!subteam^S1|@team>")
	f.Add("", strings.Repeat("<", 2000), "", "")
	f.Fuzz(func(t *testing.T, title, text, name, value string) {
		r := bot.Reply{Title: title, Text: text, Fields: []bot.Field{{Name: name, Value: value}},
			Buttons: []bot.Button{{Label: value, Command: text}}}
		var blocks []block
		if err := json.Unmarshal([]byte(mustJSON(t, ombudslack.Blocks(r))), &blocks); err != nil {
			t.Fatal(err)
		}
		shown := []string{ombudslack.Fallback(r)}
		for _, b := range blocks {
			for _, tx := range append(b.Fields, derefText(b.Text)...) {
				if tx.Type == "mrkdwn" && (!tx.Verbatim || strings.ContainsAny(tx.Text, "<>")) {
					t.Errorf("mrkdwn %+v is parsed or holds markup", tx)
				}
				if len(tx.Text) > 3000 {
					t.Errorf("a text of %d bytes", len(tx.Text))
				}
				shown = append(shown, tx.Text)
			}
			for _, e := range b.Elements {
				shown = append(shown, e.label())
			}
		}
		for _, s := range shown {
			lower := strings.ToLower(s)
			for _, ping := range []string{"@here", "@channel", "@everyone"} { // plain text parses no <…>; mrkdwn holds none
				if strings.Contains(lower, ping) {
					t.Errorf("%q can ping: %q", s, ping)
				}
			}
		}
	})
}
