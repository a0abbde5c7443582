package discord_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/ombud/ombud/bot"
	"github.com/ombud/ombud/bot/discord"
	"github.com/ombud/ombud/commands"
)

// TestDefinitionFollowsTheRegistry checks that /case has a subcommand for
// every one of the registry's, with its options typed and within Discord's
// limits.
func TestDefinitionFollowsTheRegistry(t *testing.T) {
	reg := commands.Builtin()
	def, err := discord.Definition(reg.Specs())
	if err != nil {
		t.Fatal(err)
	}
	if def.Name != "case" || def.Type != discordgo.ChatApplicationCommand || len(def.Options) != len(reg.Commands()) {
		t.Fatalf("/%s of type %d with %d subcommands; want /case with %d", def.Name, def.Type, len(def.Options), len(reg.Commands()))
	}
	types := map[string]discordgo.ApplicationCommandOptionType{}
	for i, cmd := range reg.Commands() {
		sub := def.Options[i]
		if sub.Name != cmd.Name || sub.Type != discordgo.ApplicationCommandOptionSubCommand {
			t.Errorf("subcommand %d is %s, want %s", i, sub.Name, cmd.Name)
		}
		for _, o := range sub.Options {
			types[sub.Name+" "+o.Name] = o.Type
			if len(o.Choices) > 0 && o.Type != discordgo.ApplicationCommandOptionString {
				t.Errorf("%s %s has choices but type %d", sub.Name, o.Name, o.Type)
			}
		}
	}
	want := map[string]discordgo.ApplicationCommandOptionType{
		"assign person": discordgo.ApplicationCommandOptionUser, "extend days": discordgo.ApplicationCommandOptionInteger,
		"ack case": discordgo.ApplicationCommandOptionString, "list view": discordgo.ApplicationCommandOptionString,
	}
	for k, ty := range want {
		if types[k] != ty {
			t.Errorf("%s has type %d, want %d", k, types[k], ty)
		}
	}
}

// TestDefinitionLimits checks that Definition refuses what Discord refuses.
func TestDefinitionLimits(t *testing.T) {
	ok := bot.OptionSpec{Name: "case", Key: "id", Description: "the case", Required: true}
	many := make([]bot.OptionSpec, 26)
	for i := range many {
		many[i] = bot.OptionSpec{Name: "o" + strings.Repeat("x", i), Description: "d"}
	}
	for _, tt := range []struct {
		name string
		spec bot.CommandSpec
		says string
	}{
		{"long name", bot.CommandSpec{Name: strings.Repeat("n", 33), Description: "d"}, "is not 1 to 32"},
		{"capitals", bot.CommandSpec{Name: "Open", Description: "d"}, "is not 1 to 32"},
		{"long description", bot.CommandSpec{Name: "open", Description: strings.Repeat("d", 101)}, "has 101 characters"},
		{"no description", bot.CommandSpec{Name: "open", Options: []bot.OptionSpec{{Name: "x"}}}, "has 0 characters"},
		{"required after optional", bot.CommandSpec{Name: "open", Description: "d",
			Options: []bot.OptionSpec{{Name: "a", Description: "d"}, ok}}, "follows an optional one"},
		{"twice", bot.CommandSpec{Name: "open", Description: "d", Options: []bot.OptionSpec{ok, ok}}, "two options called case"},
		{"26 options", bot.CommandSpec{Name: "open", Description: "d", Options: many}, "has 26 options"},
		{"26 choices", bot.CommandSpec{Name: "open", Description: "d",
			Options: []bot.OptionSpec{{Name: "kind", Description: "d", Choices: make([]string, 26)}}}, "26 choices"},
	} {
		if _, err := discord.Definition([]bot.CommandSpec{tt.spec}); err == nil || !strings.Contains(err.Error(), tt.says) {
			t.Errorf("%s: error %v, want it to say %q", tt.name, err, tt.says)
		}
	}
	specs := slices.Repeat([]bot.CommandSpec{{Name: "a", Description: "d"}}, 26)
	if _, err := discord.Definition(specs); err == nil || !strings.Contains(err.Error(), "26 subcommands") {
		t.Errorf("26 subcommands: %v", err)
	}
}
