package discord_test

import (
	"encoding/json"
	"regexp"
	"testing"

	"github.com/ombud/ombud/bot"
	"github.com/ombud/ombud/bot/discord"
	"github.com/ombud/ombud/bot/discord/fakediscord"
)

// massMention matches what would ping many people if Discord parsed it.
var massMention = regexp.MustCompile(`(?i)@(everyone|here)|<@&|<!`)

// FuzzRender renders replies of any text: every payload stays within
// Discord's limits, allows no mentions, and carries no mass mention that
// Discord would parse, however escaping and splitting cut the text.
func FuzzRender(f *testing.F) {
	for _, s := range []string{"@everyone", "**@here**", "<@&1>", "\\@everyone", "[x](y) # h", "@ever\u2060yone", "a\n> @here"} {
		f.Add(s, s)
	}
	f.Add("", "")
	f.Fuzz(func(t *testing.T, title, text string) {
		r := bot.Reply{Title: title, Text: text, Buttons: []bot.Button{{Label: title, Command: "show C-1"}}}
		if len(text)%2 == 1 {
			r.Fields = []bot.Field{{Name: title, Value: text}}
		}
		for _, p := range discord.RenderJSON(r) {
			if bad := fakediscord.Check(p); len(bad) > 0 {
				t.Fatalf("Discord would refuse %s: %v", p, bad)
			}
			var w fakediscord.Wire
			if err := json.Unmarshal(p, &w); err != nil {
				t.Fatal(err)
			}
			for _, e := range w.Embeds {
				for _, s := range []string{e.Title, e.Description} {
					if massMention.MatchString(s) {
						t.Fatalf("%q renders as %q", text, s)
					}
				}
			}
		}
	})
}
