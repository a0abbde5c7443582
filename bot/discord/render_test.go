package discord_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/ombud/ombud/bot"
	"github.com/ombud/ombud/bot/bottest"
	"github.com/ombud/ombud/bot/discord"
	"github.com/ombud/ombud/bot/discord/fakediscord"
)

// escalation is a post to the escalations channel with a Claim button.
var escalation = bot.Reply{
	Title: "C-2026-0003 needs a reviewer for Review",
	Text:  "The customer says the refund was never paid.",
	Fields: []bot.Field{
		{Name: "Status", Value: "escalated (Review)"},
		{Name: "By", Value: "Ann"},
		{Name: "Customer expects", Value: "a refund of the whole order,\nand an apology"},
		{Name: "Review answer by", Value: "Tue 8 Dec 2026 16:00 UTC (5 business days left)"},
	},
	Buttons:    []bot.Button{{Label: "Claim C-2026-0003", Command: "claim C-2026-0003"}},
	Visibility: bot.Public,
}

var renderTests = []struct {
	name  string // also the golden file's name in testdata
	reply bot.Reply
}{
	{"escalation", escalation},
	{"refusal", bot.Reply{
		Text:  "Sue cannot review C-2026-0003: they handled it at the frontline.",
		Error: true, Visibility: bot.Private,
	}},
	{"hostile", bot.Reply{
		Title:      "@everyone **C-1** <@&123>",
		Text:       "@here look: [bank](https://evil.example) `x` ~~y~~ ||z|| \\o/\n# heading\n> quote\n- item\n<!channel> <@42>",
		Fields:     []bot.Field{{Name: "_By_", Value: "@Everyone"}, {Name: "", Value: ""}},
		Buttons:    []bot.Button{{Label: "@everyone", Command: "show C-1"}},
		Visibility: bot.Public,
	}},
	{"buttons", bot.Reply{
		Title: "C-2026-0003 opened",
		Buttons: []bot.Button{
			{Label: "Acknowledge C-2026-0003", Command: "ack C-2026-0003"}, {Label: "Show", Command: "show C-2026-0003"},
			{Label: "History", Command: "history C-2026-0003"}, {Label: "Pause", Command: "pause C-2026-0003"},
			{Label: "Resume", Command: "resume C-2026-0003"}, {Command: "list mine"},
			{Label: strings.Repeat("long ", 30), Command: "list all"},
			{Label: "too long a command", Command: "note C-1 " + strings.Repeat("x", 100)},
		},
		Visibility: bot.Public,
	}},
}

// TestRenderGolden compares rendered replies with testdata/*.golden, and
// checks every payload against Discord's limits and mention rules.
func TestRenderGolden(t *testing.T) {
	for _, tt := range renderTests {
		t.Run(tt.name, func(t *testing.T) {
			payloads := discord.RenderJSON(tt.reply)
			bottest.MustMatchGolden(t, tt.name, indent(t, payloads...))
			for _, p := range payloads {
				if bad := fakediscord.Check(p); len(bad) > 0 {
					t.Errorf("Discord would refuse %s: %v", p, bad)
				}
			}
		})
	}
}

// indent returns payloads as indented JSON, one after the other.
func indent(t *testing.T, payloads ...json.RawMessage) string {
	t.Helper()
	var b bytes.Buffer
	for _, p := range payloads {
		if err := json.Indent(&b, p, "", "  "); err != nil {
			t.Fatal(err)
		}
		b.WriteString("\n")
	}
	return b.String()
}

// TestRenderPingsNobody checks that no payload can ping: allowed_mentions
// parses nothing, and mass mentions in any part of a reply arrive defused.
func TestRenderPingsNobody(t *testing.T) {
	r := renderTests[2].reply
	for _, p := range discord.RenderJSON(r) {
		var w fakediscord.Wire
		if err := json.Unmarshal(p, &w); err != nil {
			t.Fatal(err)
		}
		if w.AllowedMentions == nil || len(w.AllowedMentions.Parse) != 0 || len(w.AllowedMentions.Users) != 0 {
			t.Errorf("allowed_mentions %+v; want parse [] and no users", w.AllowedMentions)
		}
		for _, mass := range []string{"@everyone", "@here", "@Everyone", "<@&123>", "<!channel>"} {
			if bytes.Contains(p, []byte(mass)) {
				t.Errorf("payload carries %s as is: %s", mass, p)
			}
		}
	}
}

// TestRenderSplitsLongReplies checks that replies over Discord's limits are
// continued in more embeds and messages, within the limits, losing nothing.
func TestRenderSplitsLongReplies(t *testing.T) {
	var lines []string
	for i := range 400 {
		lines = append(lines, fmt.Sprintf("C-2026-%04d · open · Ann · answer by Fri 4 Dec (3 business days left) · line %d", i, i))
	}
	var fields []bot.Field
	for i := range 60 {
		fields = append(fields, bot.Field{Name: fmt.Sprintf("Field %d", i), Value: strings.Repeat("v", 50)})
	}
	fields = append(fields, bot.Field{Name: "Long", Value: strings.Repeat("word ", 700)})
	r := bot.Reply{Title: "Open cases (400)", Text: strings.Join(lines, "\n"), Fields: fields,
		Buttons: []bot.Button{{Label: "More", Command: "list all"}}}
	payloads := discord.RenderJSON(r)
	if len(payloads) < 2 {
		t.Fatalf("%d messages for a reply of %d characters", len(payloads), utf8.RuneCountInString(r.Text))
	}
	var text strings.Builder
	nfields, long := 0, 0
	for i, p := range payloads {
		if bad := fakediscord.Check(p); len(bad) > 0 {
			t.Errorf("message %d: Discord would refuse it: %v", i, bad)
		}
		var w fakediscord.Wire
		_ = json.Unmarshal(p, &w)
		if (len(w.Components) > 0) != (i == len(payloads)-1) {
			t.Errorf("message %d has %d rows of buttons; only the last should have them", i, len(w.Components))
		}
		for _, e := range w.Embeds {
			if e.Description != "" {
				text.WriteString(e.Description + "\n")
			}
			for _, f := range e.Fields {
				nfields++
				if strings.HasPrefix(f.Name, "Long") {
					long += utf8.RuneCountInString(f.Value)
				}
			}
		}
	}
	if got := strings.TrimSpace(text.String()); got != r.Text {
		t.Errorf("the text did not survive the split: %d characters of %d", len(got), len(r.Text))
	}
	if nfields < 62 || long < 3400 {
		t.Errorf("%d fields, %d characters of the long one; want all 60 short ones and the long one continued", nfields, long)
	}
}

// TestEscapeMarkdown checks that formatting characters are escaped and
// nothing else changes.
func TestEscapeMarkdown(t *testing.T) {
	for in, want := range map[string]string{
		"C-2026-0042 answered":   "C-2026-0042 answered",
		"**bold** _it_":          `\*\*bold\*\* \_it\_`,
		"[a](https://x.example)": `\[a\](https://x.example)`,
		"# h\n> q\n  - l\nx-y":   "\\# h\n\\> q\n  \\- l\nx-y",
		`a\*b`:                   `a\\\*b`,
		"ann@example.no":         "ann@example.no",
	} {
		if got := discord.EscapeMarkdown(in); got != want {
			t.Errorf("EscapeMarkdown(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestPressedGolden shows the escalation post after a successful Claim:
// what was done and by whom added, the Claim button disabled.
func TestPressedGolden(t *testing.T) {
	orig := discord.RenderJSON(escalation)[0]
	claimed := bot.Reply{Title: "C-2026-0003 claimed", Visibility: bot.Public, Fields: []bot.Field{
		{Name: "Status", Value: "under review (Review)"}, {Name: "By", Value: "Sue"}}}
	got := discord.PressedJSON(orig, "ombud:cmd:claim C-2026-0003", claimed)
	bottest.MustMatchGolden(t, "pressed", indent(t, got))
	if bad := fakediscord.Check(got); len(bad) > 0 {
		t.Errorf("Discord would refuse %s: %v", got, bad)
	}
}

// TestModalGolden shows the modal of /case open's form.
func TestModalGolden(t *testing.T) {
	f := &bot.Form{Title: "Open a case", Command: "open", Submit: "Open", Fields: []bot.FormField{
		{Key: "summary", Label: "What is it about", Required: true, Multiline: true, MaxLength: 3000},
		{Key: "from", Label: "Who complained", Placeholder: "Kari <kari@example.no>"},
		{Key: "subject", Label: "Domain, service or order @everyone"},
	}}
	bottest.MustMatchGolden(t, "modal", indent(t, discord.ModalJSON(f)))
}
